"""The overview workbook: Översikt (the table and its totals), Diagram, and Kontroller.

A renderer of the overview's tables (``board.overview``): every cell is placed
first, then written by ``formulas.write_cell``. Each scenario's budget-year
figures are input figures (their lines are not in this workbook); the
administration share, the excess over the cap and every total are live formulas
with the engine's value cached. Diagram links, per federation and scenario, the
equity carried and the cap, and charts them. Kontroller (``kontroller_sheet``)
lists every scenario's findings and the files that could not be read or were
skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from finsam_budget.board.overview import FIGURE_COLUMNS, TEXT_HEADINGS, TOTAL, Overview, finding_cells
from finsam_budget.labels import STATUS_LABEL, statuses_text
from finsam_budget.money import has_ore
from finsam_budget.tables import Column, Ref, Table, Value
from finsam_budget.writers.formulas import Placement, write_cell
from finsam_budget.writers.kontroller_sheet import (
    SHEET as KONTROLLER_SHEET,
)
from finsam_budget.writers.kontroller_sheet import (
    Entry,
    add_kontroller_sheet,
    problem_entries,
    rule_entries,
)
from finsam_budget.writers.markings import LEGEND, Mark, Markings
from finsam_budget.writers.print_layout import PrintLayout, style_chart
from finsam_budget.writers.xlsx_common import (
    SWEDISH,
    cell_format,
    write_text,
    write_workbook,
)

TITLE = "Översikt över samordningsförbund"
OVERVIEW_SHEET = "Översikt"
CHART_SHEET = "Diagram"
# The workbook's columns: the terminal's, with the file and the findings counted.
COLUMN_KEYS = (
    "federation", "title", "file", "budget_year", "member_contributions", "admin", "costs", "admin_share",
    "room", "closing_equity", "carried_equity", "equity_cap", "excess", "status", "errors", "warnings",
)
COL = {key: index for index, key in enumerate(COLUMN_KEYS)}
HEADER_ROW = 3
CHART_HEADER_ROW = 2
CHART_LABEL_HEADING = "Förbund och scenario"


def headings(columns: Iterable[Column]) -> tuple[str, ...]:
    """The workbook's headings: the text columns' and the table's figures'."""
    figures = {column.key: column.heading for column in columns}
    return tuple(TEXT_HEADINGS.get(key) or figures[key] for key in COLUMN_KEYS)


HEADINGS = headings(FIGURE_COLUMNS)


def layout(overview: Overview) -> Placement:
    """Where every cell goes: the table from below its header row on Översikt, the chart's links on Diagram."""
    placement = Placement()
    figures = {c.key: COL[c.key] for c in overview.table.columns}
    for offset, row in enumerate(overview.table.rows, start=1):
        placement.put_row(overview.table.key, row.key, OVERVIEW_SHEET, HEADER_ROW + offset, figures)
    chart = {c.key: index for index, c in enumerate(overview.chart.columns, start=1)}
    for offset, row in enumerate(overview.chart.rows, start=1):
        placement.put_row(overview.chart.key, row.key, CHART_SHEET, CHART_HEADER_ROW + offset, chart)
    return placement


def write_overview_workbook(overview: Overview, path: str | Path, *, force: bool = False) -> Path:
    """Write the overview workbook atomically; ``OutputError`` when the target cannot be written."""

    def build(workbook: Any, formats: Any) -> None:
        add_overview_sheets(workbook, formats, overview)

    return write_workbook(path, build, force=force, title=TITLE)


def add_overview_sheets(workbook: Any, formats: Any, overview: Overview) -> None:
    placement = layout(overview)
    placement.markings = Markings.of(workbook, [Mark(ref, f.severity, f.message) for ref, f in finding_cells(overview)])
    _add_table(workbook, formats, overview, placement)
    _add_chart(workbook, formats, overview, placement)
    t = overview.totals
    add_kontroller_sheet(
        workbook,
        formats,
        federation=TITLE,
        title=f"{t.scenarios} scenarier från {t.federations} förbund",
        entries=kontroller_entries(overview),
        scenario_column=True,
    )


def kontroller_entries(overview: Overview) -> list[Entry]:
    """The files not read, the files skipped, then every scenario's findings; the scenario is its file.

    A file skipped on purpose (an actuals or rules file in the folder) is info, as the
    terminal's "Obs:": nothing in it needs the board's attention.
    """
    entries: list[Entry] = []
    for unreadable in overview.unreadable:
        entries.extend(problem_entries(unreadable.problems, scenario=unreadable.source))
    for problem in overview.skipped:
        entries.extend(replace(e, severity="info") for e in problem_entries([problem], scenario=problem.file))
    for row in overview.rows:
        entries.extend(rule_entries(row.findings, scenario=row.source))
    return entries


def _write_table(ws: Any, table: Table, placement: Placement, fmt_of: Any) -> None:
    for row in table.rows:
        for column, content in row.cells.items():
            unit = table.unit(row.key, column)
            spot = placement.spot(Ref(table.key, row.key, column))
            write_cell(ws, spot, content, placement, fmt_of(row.kind, unit), unit=unit)


def _add_table(workbook: Any, formats: Any, overview: Overview, placement: Placement) -> None:
    ws = workbook.add_worksheet(OVERVIEW_SHEET)
    t, table = overview.totals, overview.table
    ore = any(
        has_ore(cell.amount)
        for row in table.rows
        for column, cell in row.cells.items()
        if isinstance(cell, Value) and table.unit(row.key, column) == "amount"
    )
    formats_by = {
        ("line", "amount"): formats.amount_ore if ore else formats.amount,
        ("total", "amount"): formats.amount_ore_total if ore else formats.amount_total,
        ("line", "percent"): formats.percent,
        ("total", "percent"): cell_format(workbook, {"num_format": SWEDISH + "0 %", "bold": True, "top": 1}),
        ("line", "count"): formats.plain,
        ("total", "count"): cell_format(workbook, {"bold": True, "top": 1}),
    }
    paper = PrintLayout(ws, TITLE, (HEADER_ROW, HEADER_ROW), repeat_cols=(0, 1))
    paper.fit_column(COL["federation"], ["Totalt"] + [r.federation for r in overview.rows], minimum=14, maximum=24)
    paper.fit_column(COL["title"], [r.title for r in overview.rows], minimum=14, maximum=24)
    paper.fit_column(COL["file"], [r.source for r in overview.rows], minimum=10, maximum=24)
    paper.column(COL["budget_year"], 8)
    paper.column(COL["member_contributions"], 13, last=COL["equity_cap"])
    paper.column(COL["member_contributions"], 15)  # the bold heading "Medlemsbidrag" does not break
    paper.column(COL["admin_share"], 9)
    paper.column(COL["excess"], 13)
    paper.column(COL["status"], 10)
    paper.column(COL["errors"], 9, last=COL["warnings"])
    write_text(ws, 0, 0, TITLE, formats.title)
    legend = f" {LEGEND}" if placement.markings is not None and placement.markings.marks else ""
    # Within the two columns repeated on every page: a page of the further columns shows it whole.
    paper.paragraph(1, f"Budgetårets siffror: {t.scenarios} scenarier från {t.federations} förbund. "
                       "Överskridande = eget kapital som förs vidare över taket." + legend, formats.note_wrap,
                    0, COL["title"])
    for col, heading in enumerate(headings(table.columns)):
        write_text(ws, HEADER_ROW, col, heading, formats.header_row)
    paper.row(HEADER_ROW, 48)

    for key, entry in zip(overview.keys, overview.rows, strict=True):
        at = placement.row_spot(table.key, key).row
        status = formats.status_failed if entry.status == "errors" else formats.status
        write_text(ws, at, COL["federation"], entry.federation, formats.label_wrap)
        write_text(ws, at, COL["title"], entry.title, formats.label_wrap)
        write_text(ws, at, COL["file"], entry.source, formats.label_wrap)
        write_text(ws, at, COL["status"], STATUS_LABEL[entry.status], status)
        paper.fit_row(at, [(entry.federation, paper.width(COL["federation"])), (entry.title, paper.width(COL["title"])),
                           (entry.source, paper.width(COL["file"]))])
    _write_table(ws, table, placement, lambda kind, unit: formats_by[(kind, unit)])

    total = placement.row_spot(table.key, TOTAL).row
    write_text(ws, total, COL["federation"], "Totalt", formats.bold)
    totals_text = f"{t.scenarios} scenarier, {t.federations} förbund"
    write_text(ws, total, COL["title"], totals_text, formats.bold_wrap)
    paper.row(total, total=True)
    paper.fit_row(total, [(totals_text, paper.width(COL["title"]))])
    unread = len(overview.unreadable)
    paper.paragraph(total + 2, f"Kontroll: {statuses_text(t.statuses)}." + (
        f" {unread} filer kunde inte läsas (se bladet {KONTROLLER_SHEET})." if unread else ""), formats.note_wrap,
        0, COL["room"])
    ws.freeze_panes(HEADER_ROW + 1, 2)
    ws.autofilter(HEADER_ROW, 0, total - 1, len(COLUMN_KEYS) - 1)
    paper.finish()


def _add_chart(workbook: Any, formats: Any, overview: Overview, placement: Placement) -> None:
    """Per federation and scenario, the equity carried and the cap, as horizontal bars."""
    ws = workbook.add_worksheet(CHART_SHEET)
    chart_table = overview.chart
    paper = PrintLayout(ws, f"{TITLE}: diagram", (CHART_HEADER_ROW, CHART_HEADER_ROW),
                        repeat_until=CHART_HEADER_ROW + len(chart_table.rows))
    header = CHART_HEADER_ROW
    write_text(ws, 0, 0, "Eget kapital som förs vidare mot taket, per förbund", formats.title)
    write_text(ws, header, 0, CHART_LABEL_HEADING, formats.header_row)
    for col, column in enumerate(chart_table.columns, start=1):
        write_text(ws, header, col, column.heading, formats.header_row)
    label_width = paper.fit_column(0, [row.label for row in chart_table.rows], minimum=30, maximum=50)
    paper.column(1, 16, last=2)
    paper.row(header, 32)
    for row in chart_table.rows:
        at = placement.row_spot(chart_table.key, row.key).row
        write_text(ws, at, 0, row.label, formats.label_wrap)
        paper.fit_row(at, [(row.label, label_width)])
    _write_table(ws, chart_table, placement, lambda kind, unit: formats.amount)
    count = len(chart_table.rows)
    first, last = header + 1, header + count

    name = ws.get_name()
    chart = workbook.add_chart({"type": "bar"})
    for col in (1, 2):
        chart.add_series({
            "name": [name, header, col],
            "categories": [name, first, 0, last, 0],
            "values": [name, first, col, last, col],
            "gap": 60,
        })
    style_chart(chart, "Eget kapital som förs vidare mot taket")
    chart.set_x_axis({"num_format": SWEDISH + "#,##0", "num_font": {"size": 10}})
    chart.set_y_axis({"reverse": True, "num_font": {"size": 10}})  # the table's order from the top
    height = max(1.0, count * 2 * 14 / 288 + 0.6)
    paper.chart(last + 2, 0, chart, {"x_scale": 1.6, "y_scale": height})
    paper.finish()
