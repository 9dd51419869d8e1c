"""The budget plan workbook: Budgetplan, Nyckeltal, Likviditet and Kontroller sheets.

A renderer of the plan's tables (``plan.tables``): each table is placed (a row of
the sheet per table row, a column per year), then every cell is written by the
one emitter, an input figure as a number and a derived one as its live formula
with the engine's value cached. The Budgetplan sheet follows the published
layout (income and equity, the three cost sections with subtotals, totals, room
for new activity with the reserve); a granted project has a row under it with
the granted amount per year, in no sum. The Likviditet sheet is there when the
scenario has ``[cash]``; the Kontroller sheet (``kontroller_sheet``) comes last.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from finsam_budget.model import COST_SECTIONS, Finding
from finsam_budget.money import has_ore
from finsam_budget.plan.engine import Plan
from finsam_budget.plan.tables import NYCKELTAL, PlanTables, finding_cells, plan_tables
from finsam_budget.tables import Row, Table
from finsam_budget.writers.formulas import Placement, write_cell
from finsam_budget.writers.kontroller_sheet import add_kontroller_sheet, rule_entries
from finsam_budget.writers.likviditet_sheet import add_likviditet_sheet
from finsam_budget.writers.markings import LEGEND, Mark, Markings
from finsam_budget.writers.print_layout import (
    BOLD,
    PrintLayout,
    figure_width,
    section_blocks,
    style_chart,
    unbreakable,
)
from finsam_budget.writers.xlsx_common import (
    write_text,
    write_workbook,
)

FIRST_YEAR_COL = 1
YEAR_WIDTH = 13  # "-1 133 557,50"; a longer year heading wraps
HEADER_ROW = 3
#: Budgetplan rows with a blank row above them (besides the headings).
GAP_BEFORE = frozenset({"activities", "reserve", "result"})


def write_plan_workbook(
    plan: Plan,
    findings: list[Finding],
    path: str | Path,
    *,
    force: bool = False,
    tables: PlanTables | None = None,
) -> Path:
    """Write the plan workbook atomically; ``OutputError`` when the target cannot be written.

    ``tables`` are the plan's tables when the caller has built them already (the terminal
    summary shows the same figures); otherwise they are built here.
    """
    tables = plan_tables(plan) if tables is None else tables

    def build(workbook: Any, formats: Any) -> None:
        marks = [Mark(ref, f.severity, f.message) for f in findings for ref in finding_cells(f, plan, tables)]
        placement = Placement(markings=Markings.of(workbook, marks))
        add_budgetplan_sheet(workbook, formats, plan, tables.budgetplan, placement)
        add_nyckeltal_sheet(workbook, formats, plan, tables, placement)
        if tables.likviditet is not None and tables.likviditet_years is not None:
            add_likviditet_sheet(workbook, formats, plan, tables, placement)
        s = plan.scenario
        add_kontroller_sheet(workbook, formats, federation=s.federation, title=s.title, entries=rule_entries(findings))

    return write_workbook(path, build, force=force, title=plan.scenario.title)


def place_rows(
    placement: Placement,
    table: Table,
    sheet: str,
    at: int,
    columns: dict[str, int],
    gap_before: Collection[str] = (),
) -> int:
    """Place ``table`` row by row from sheet row ``at``, a blank row above each heading and
    each row in ``gap_before``; returns the first row below it."""
    for row in table.rows:
        if row.kind == "heading" or row.key in gap_before:
            at += 1
        placement.put_row(table.key, row.key, sheet, at, columns)
        at += 1
    return at


def amount_format(formats: Any, row: Row, *, total: bool = False) -> Any:
    """Whole kronor, or öre for a row whose figures have öre ("öre only where the data has öre")."""
    name = "amount_ore" if any(has_ore(c.amount) for c in row.cells.values()) else "amount"
    return formats[name + "_total" if total else name]


def write_row(ws: Any, table: Table, row: Row, placement: Placement, fmt: Any) -> None:
    """Every cell of a placed row, through the one emitter."""
    for column, content in row.cells.items():
        spot = placement.spots[(table.key, row.key, column)]
        write_cell(ws, spot, content, placement, fmt, unit=row.unit)


def _year_header(ws: Any, formats: Any, plan: Plan, columns: dict[str, int]) -> None:
    write_text(ws, HEADER_ROW, 0, "", formats.header_row)
    for year in plan.scenario.years:
        write_text(ws, HEADER_ROW, columns[str(year)], plan.scenario.column_heading(year), formats.header_row)


def _year_columns(plan: Plan) -> dict[str, int]:
    return {str(year): FIRST_YEAR_COL + i for i, year in enumerate(plan.scenario.years)}


# ---------------------------------------------------------------------------
# Budgetplan


def add_budgetplan_sheet(
    workbook: Any, formats: Any, plan: Plan, table: Table, placement: Placement, name: str = "Budgetplan"
) -> None:
    """Place the Budgetplan table on a new sheet ``name`` and write it."""
    s = plan.scenario
    ws = workbook.add_worksheet(name)
    columns = _year_columns(plan)
    note_col = FIRST_YEAR_COL + len(s.years)
    place_rows(placement, table, name, HEADER_ROW + 1, columns, GAP_BEFORE)

    layout = PrintLayout(ws, f"{s.federation}: {s.title}", (HEADER_ROW, HEADER_ROW), placement=placement)
    ws = layout.sheet
    write_text(ws, 0, 0, s.federation, formats.title)
    write_text(ws, 1, 0, s.title, formats.heading)
    write_text(ws, 2, 0, legend_note("Belopp i kronor", name, placement), formats.note)
    _year_header(ws, formats, plan, columns)
    write_text(ws, HEADER_ROW, note_col, "Not", formats.header_row)
    labels: list[str] = [row.label for row in table.rows]
    label_width = layout.fit_column(0, labels, minimum=30, maximum=44)
    amounts = [cell.amount for row in table.rows for cell in row.cells.values()]
    year_width = figure_width(amounts, ore=any(has_ore(a) for a in amounts), minimum=YEAR_WIDTH)
    for year in s.years:
        layout.column(columns[str(year)], year_width)
    note_width = layout.fit_column(note_col, [row.note for row in table.rows if row.note] + ["Not"], maximum=30)
    last = HEADER_ROW
    for row in table.rows:
        at = placement.row_spot(table.key, row.key).row
        last = at
        granted = row.key.startswith("granted:")
        label_format = {"heading": formats.heading, "total": formats.bold}.get(row.kind)
        if row.key == "result":
            label_format = formats.bold
        elif granted:
            label_format = formats.note
        if label_format is None:
            label_format = formats.label_wrap
        elif label_format is formats.bold:
            label_format = formats.bold_wrap
        write_text(ws, at, 0, row.label, label_format)
        write_row(ws, table, row, placement, amount_format(formats, row, total=row.kind == "total"))
        texts = [(row.label, label_width * (1 if label_format is formats.label_wrap else BOLD))]
        if row.note:
            write_text(ws, at, note_col, unbreakable(row.note), formats.note_cell)
            texts.append((row.note, note_width))
        layout.row(at, total=row.kind == "total")
        layout.fit_row(at, texts)
    # the note under the table stays with the totals it explains
    section_blocks(layout, placement, table, to_total=True, attached=lambda row: row.key.startswith("granted:"),
                   below=last + 2)

    layout.paragraph(
        last + 2,
        "Utrymme för ny verksamhet = intäkter och eget kapital − kostnader − reserv. "
        "Alla summor är formler; ändras ett belopp räknas summorna om.",
        formats.note_wrap,
    )
    layout.row(HEADER_ROW, 30)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    layout.finish()


def legend_note(text: str, sheet: str, placement: Placement) -> str:
    """A sheet's note with the markings' legend added when a finding is marked on the sheet."""
    markings = placement.markings
    if markings is not None and markings.has_marks(sheet, placement):
        return f"{text}. {LEGEND}"
    return text


# ---------------------------------------------------------------------------
# Nyckeltal

#: Shares of the members' total with a decimal; the cost shares in whole percent.
PERCENT_1_ROWS = ("member_share:", "cap_share")


def add_nyckeltal_sheet(workbook: Any, formats: Any, plan: Plan, tables: PlanTables, placement: Placement) -> None:
    """Key figures per year as formulas over the Budgetplan sheet, with two native charts."""
    s = plan.scenario
    table = tables.nyckeltal
    name = "Nyckeltal"
    ws = workbook.add_worksheet(name)
    columns = _year_columns(plan)
    end = place_rows(placement, table, name, HEADER_ROW + 1, columns)
    layout = PrintLayout(ws, f"{s.federation}: {s.title}: nyckeltal", (HEADER_ROW, HEADER_ROW), repeat_until=end - 1)
    write_text(ws, 0, 0, s.federation, formats.title)
    write_text(ws, 1, 0, table.title, formats.heading)
    if placement.markings is not None and placement.markings.has_marks(name, placement):
        write_text(ws, 2, 0, LEGEND, formats.note)
    _year_header(ws, formats, plan, columns)
    labels: list[str] = []
    for row in table.rows:
        at = placement.row_spot(table.key, row.key).row
        label_format = {"heading": formats.heading}.get(row.kind)
        if row.key == "total_members":
            label_format = formats.bold
        write_text(ws, at, 0, row.label, label_format)
        labels.append(row.label)
        if row.unit == "percent":
            fmt = formats.percent_1 if row.key.startswith(PERCENT_1_ROWS) else formats.percent
        else:
            fmt = amount_format(formats, row, total=row.kind == "total")
        write_row(ws, table, row, placement, fmt)
        layout.row(at, total=row.kind == "total")
    section_blocks(layout, placement, table)
    layout.fit_column(0, labels, minimum=30, maximum=44)
    for year in s.years:
        layout.column(columns[str(year)], YEAR_WIDTH)
    layout.paragraph(
        end + 1,
        "Eget kapital över taket kan minska statens tilldelning nästa år. "
        "Taket är en andel av årets medlemsbidrag enligt tabellen för förbundets storlek. "
        "Negativt eget kapital räknas som 0 kr i marginalen mot taket.",
        formats.note_wrap,
    )
    ws.freeze_panes(HEADER_ROW + 1, 1)
    _add_charts(workbook, layout, plan, placement, end + 3)
    layout.finish()


def _add_charts(workbook: Any, layout: PrintLayout, plan: Plan, placement: Placement, at_row: int) -> None:
    """Native charts, one under the other: equity against the cap, and cost shares per year."""
    name = layout.ws.get_name()
    first, last = FIRST_YEAR_COL, FIRST_YEAR_COL + len(plan.scenario.years) - 1
    categories = [name, HEADER_ROW, first, HEADER_ROW, last]

    def series(key: str) -> dict[str, Any]:
        r = placement.row_spot(NYCKELTAL, key).row
        return {"name": [name, r, 0], "categories": categories, "values": [name, r, first, r, last]}

    equity = workbook.add_chart({"type": "column"})
    for key in ("carried", "closing"):
        equity.add_series(series(key))
    cap_line = workbook.add_chart({"type": "line"})
    cap_line.add_series({**series("cap"), "line": {"color": "#C00000", "width": 2.25}, "marker": {"type": "diamond"}})
    equity.combine(cap_line)
    style_chart(equity, "Eget kapital mot tak")
    equity.set_y_axis({"num_format": "[$-41D]#,##0", "num_font": {"size": 10}})
    equity.set_x_axis({"label_position": "low", "num_font": {"size": 10}})  # below negative bars
    below = layout.chart(at_row, 0, equity, {"x_scale": 1.4, "y_scale": 0.95})

    shares = workbook.add_chart({"type": "column", "subtype": "percent_stacked"})
    for section in COST_SECTIONS:
        shares.add_series(series(f"share:{section}"))
    style_chart(shares, "Kostnadernas fördelning per år")
    shares.set_y_axis({"num_format": "[$-41D]0 %", "num_font": {"size": 10}})
    shares.set_x_axis({"num_font": {"size": 10}})
    layout.chart(below, 0, shares, {"x_scale": 1.4, "y_scale": 0.95})

