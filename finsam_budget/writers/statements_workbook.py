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

from decimal import Decimal
from pathlib import Path
from typing import Any

from finsam_budget.money import has_ore
from finsam_budget.statements import Statements
from finsam_budget.statements.model import Sheet
from finsam_budget.tables import Ref, Table, Value
from finsam_budget.writers.formulas import Placement, write_cell
from finsam_budget.writers.kontroller_sheet import (
    Identity,
    add_kontroller_sheet,
    problem_entries,
)
from finsam_budget.writers.xlsx_common import (
    fit_column,
    print_setup,
    write_text,
    write_workbook,
)

LABEL_COL, NOTE_COL, FIRST_VALUE_COL = 0, 1, 2
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


def _write_sheet(
    workbook: Any, formats: Any, statements: Statements, sheet: Sheet, places: Placement, ore: bool
) -> None:
    ws = workbook.add_worksheet(sheet.name)
    amount = formats.amount_ore if ore else formats.amount
    total = formats.amount_ore_total if ore else formats.amount_total
    write_text(ws, 0, 0, statements.federation, formats.title)
    write_text(ws, 1, 0, f"{sheet.name} {statements.year}", formats.heading)
    write_text(ws, 2, 0, "Belopp i kronor", formats.note)
    labels = [statements.federation]
    headings: list[str] = []
    first_header = None
    width = 0
    for table in sheet.tables:
        first = places.row_spot(table.key, table.rows[0].key).row if table.rows else FIRST_TABLE_ROW + 1
        header = first - 1
        first_header = header if first_header is None else first_header
        write_text(ws, header, LABEL_COL, table.title, formats.header_row)
        write_text(ws, header, NOTE_COL, "Not" if _has_notes(table) else "", formats.header_row)
        for i, column in enumerate(table.columns):
            write_text(ws, header, FIRST_VALUE_COL + i, column.heading, formats.header_row)
            headings.append(column.heading)
        width = max(width, len(table.columns))
        labels.append(table.title)
        for row in table.rows:
            at = places.row_spot(table.key, row.key).row
            label_format = {
                "heading": formats.bold,
                "total": formats.bold,
                "check": formats.note,
                "text": None,
            }.get(row.kind)
            write_text(ws, at, LABEL_COL, row.label, label_format)
            labels.append(row.label)
            if row.note:
                write_text(ws, at, NOTE_COL, row.note)
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
    fit_column(ws, LABEL_COL, labels, minimum=30, maximum=75)
    ws.set_column(NOTE_COL, NOTE_COL, 6)
    for i in range(width):
        fit_column(ws, FIRST_VALUE_COL + i, headings + [Decimal(10**7)], minimum=14, maximum=20)
    header = first_header if first_header is not None else FIRST_TABLE_ROW
    ws.freeze_panes(header + 1, 1)
    print_setup(ws, f"{statements.federation}: {sheet.name} {statements.year}", (header, header))


def _has_notes(table: Table) -> bool:
    return any(row.note for row in table.rows)
