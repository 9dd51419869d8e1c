"""The statements workbook: Resultaträkning, Balansräkning, Kassaflödesanalys, Noter, Nyckeltal, Kontroller.

A renderer of the engine's ``Statements``: every table is laid out first (each row
and column gets its cell), then written. Input figures are numbers; every derived
figure is the live formula its cell describes (a sum, a share, the rounded cap),
over the cells it names on this sheet or another, with the engine's value cached.
A cell the engine remarks on (a budget that holds another line's accounts too)
gets the remark as a cell comment. The Kontroller sheet comes last
(``kontroller_sheet``, shared by every workbook kind).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from finsam_budget.money import has_ore
from finsam_budget.statements import Statements
from finsam_budget.statements.model import Sheet
from finsam_budget.tables import Ref, Table, Value, refs_of
from finsam_budget.writers.formulas import Placement, write_cell
from finsam_budget.writers.kontroller_sheet import (
    Identity,
    add_kontroller_sheet,
    problem_entries,
)
from finsam_budget.writers.markings import LEGEND, Mark, Markings
from finsam_budget.writers.print_layout import BOLD, PrintLayout
from finsam_budget.writers.xlsx_common import (
    write_text,
    write_workbook,
)

LABEL_COL, NOTE_COL, FIRST_VALUE_COL = 0, 1, 2
VALUE_WIDTH = 14  # "-1 333 802,10"; longer headings wrap
FIRST_TABLE_ROW = 4
COMMENT_SIZE = {"x_scale": 2.5, "y_scale": 2}  # room for two or three sentences


def layout(statements: Statements) -> Placement:
    """Where every cell of every table goes: the sheets' tables top to bottom, a header row each."""
    placement = Placement()
    for sheet in statements.sheets:
        row = FIRST_TABLE_ROW
        for table in sheet.tables:
            columns = {c.key: FIRST_VALUE_COL + i for i, c in enumerate(table.columns)}
            row += 1  # the table's header row
            for table_row in table.rows:
                placement.put_row(table.key, table_row.key, sheet.name, row, columns)
                row += 1
            row += 1  # a blank row between tables
    return placement


def write_statements_workbook(statements: Statements, path: str | Path, *, force: bool = False) -> Path:
    """Write the workbook atomically; ``OutputError`` when the target cannot be written."""
    places = layout(statements)
    ore = any(
        has_ore(c.amount)
        for sheet in statements.sheets
        for table in sheet.tables
        for row in table.rows
        if row.unit == "amount"
        for c in row.cells.values()
        if isinstance(c, Value)
    )

    def build(workbook: Any, formats: Any) -> None:
        places.markings = Markings.of(workbook, marks(statements))
        for sheet in statements.sheets:
            _write_sheet(workbook, formats, statements, sheet, places, ore)
        identities = [
            Identity(c.name, c.derivation or Value(c.difference), c.detail) for c in statements.checks
        ]
        add_kontroller_sheet(
            workbook,
            formats,
            federation=statements.federation,
            title=f"Bokslut {statements.year}",
            entries=problem_entries(statements.warnings),
            identities=identities,
            placement=places,
        )

    title = f"{statements.federation}: bokslut {statements.year}"
    return write_workbook(path, build, force=force, title=title)


def marks(statements: Statements) -> list[Mark]:
    """The cells to mark: a warning on its cell (equity over the cap), a failing identity on its first figure."""
    found = [Mark(ref, problem.severity, problem.message) for ref, problem in statements.concerns]
    for check in statements.checks:
        if not check.holds and check.derivation is not None:
            first = next(iter(refs_of(check.derivation.expr)), None)
            if first is not None:
                found.append(Mark(first, "error", f"{check.name} stämmer inte. {check.detail}".strip()))
    return found


def _write_sheet(
    workbook: Any, formats: Any, statements: Statements, sheet: Sheet, places: Placement, ore: bool
) -> None:
    ws = workbook.add_worksheet(sheet.name)
    layout = PrintLayout(ws, f"{statements.federation}: {sheet.name} {statements.year}", placement=places)
    ws = layout.sheet
    amount = formats.amount_ore if ore else formats.amount
    total = formats.amount_ore_total if ore else formats.amount_total
    write_text(ws, 0, 0, statements.federation, formats.title)
    write_text(ws, 1, 0, f"{sheet.name} {statements.year}", formats.heading)
    marked = places.markings is not None and places.markings.has_marks(sheet.name, places)
    write_text(ws, 2, 0, "Belopp i kronor" + (f". {LEGEND}" if marked else ""), formats.note)
    every_label = [row.label for table in sheet.tables for row in table.rows] + [t.title for t in sheet.tables]
    label_width = layout.fit_column(LABEL_COL, every_label, minimum=30, maximum=50)
    layout.column(NOTE_COL, 6)
    width = max((len(table.columns) for table in sheet.tables), default=0)
    for i in range(width):
        layout.column(FIRST_VALUE_COL + i, VALUE_WIDTH)
    labels = [statements.federation]
    headings: list[str] = []
    first_header = None
    for table in sheet.tables:
        first = places.row_spot(table.key, table.rows[0].key).row if table.rows else FIRST_TABLE_ROW + 1
        header = first - 1
        first_header = header if first_header is None else first_header
        write_text(ws, header, LABEL_COL, table.title, formats.header_row)
        write_text(ws, header, NOTE_COL, "Not" if _has_notes(table) else "", formats.header_row)
        for i, column in enumerate(table.columns):
            write_text(ws, header, FIRST_VALUE_COL + i, column.heading, formats.header_row)
            headings.append(column.heading)
        labels.append(table.title)
        layout.row(header, _header_height(table))
        last_row = places.row_spot(table.key, table.rows[-1].key).row if table.rows else header
        layout.block(header, last_row, heading=1)  # a statement over a page goes on under its heading
        for row in table.rows:
            at = places.row_spot(table.key, row.key).row
            label_format = {
                "heading": formats.bold,
                "total": formats.bold,
                "check": formats.note,
                "text": None,
            }.get(row.kind)
            label_format = {None: formats.label_wrap, formats.bold: formats.bold_wrap}.get(label_format, label_format)
            write_text(ws, at, LABEL_COL, row.label, label_format)
            layout.row(at, total=row.kind == "total")
            bold = label_format is formats.bold_wrap
            layout.fit_row(at, [(row.label, label_width * (BOLD if bold else 1))])
            labels.append(row.label)
            if row.note:
                write_text(ws, at, NOTE_COL, row.note, formats.plain)
            for column_key, content in row.cells.items():
                spot = places.spot(Ref(table.key, row.key, column_key))
                if row.unit == "percent":
                    fmt = formats.percent_1
                else:
                    fmt = total if row.kind == "total" else amount
                write_cell(ws, spot, content, places, fmt, unit=row.unit)
            for column_key, remark in row.remarks.items():
                spot = places.spot(Ref(table.key, row.key, column_key))
                ws.write_comment(spot.row, spot.col, remark, COMMENT_SIZE)
    header = first_header if first_header is not None else FIRST_TABLE_ROW
    ws.freeze_panes(header + 1, 1)
    layout.finish()


def _header_height(table: Table) -> float | None:
    """A header row tall enough for its longest column heading wrapped."""
    from finsam_budget.writers.print_layout import LINE_HEIGHT, wrapped_lines

    lines = max((wrapped_lines(c.heading, VALUE_WIDTH) for c in table.columns), default=1)
    return LINE_HEIGHT * lines + 3 if lines > 1 else None


def _has_notes(table: Table) -> bool:
    return any(row.note for row in table.rows)
