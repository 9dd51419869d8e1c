"""The follow-up workbook: sheets Insatser, Diagram and Kontroller.

Insatser renders the derivation tables of ``outcomes.tables``, one block per
insats with a column per period: the flow as published and as the flow gives it,
exits by reason with their sum and shares, the goals and whether they are met, and
the cost per participant and per exit to work or studies. Every figure is written
by ``formulas.write_cell``: a derived one as its live formula with the exact value
cached. Diagram has a native column chart of exits by reason per insats, over the
cells of Insatser. Kontroller is the shared sheet (``kontroller_sheet``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from finsam_budget.followup import Followup
from finsam_budget.model import Finding
from finsam_budget.outcomes.costs import OutcomeCosts
from finsam_budget.outcomes.tables import InsatsTable, followup_tables
from finsam_budget.problems import Problem
from finsam_budget.tables import Ref
from finsam_budget.writers.formulas import Placement, write_cell
from finsam_budget.writers.kontroller_sheet import add_kontroller_sheet, problem_entries, rule_entries
from finsam_budget.writers.print_layout import PrintLayout, style_chart
from finsam_budget.writers.xlsx_common import SWEDISH, cell_format, write_text, write_workbook

SHEET = "Insatser"
CHART_SHEET = "Diagram"
TITLE = "Uppföljning av insatserna"
FIRST_ROW = 4
LABEL_COL, FIRST_FIGURE_COL = 0, 1
NOTE_HEADING = "Anmärkning"
MET, NOT_MET = "uppfyllt", "inte uppfyllt"
CHART_ROWS = 22  # rows a chart takes on the Diagram sheet, with a gap
CHARTS_PER_PAGE = 2


def write_uppfoljning_workbook(
    followup: Followup,
    findings: Sequence[Finding],
    path: str | Path,
    *,
    costs: OutcomeCosts | None = None,
    problems: Sequence[Problem] = (),
    force: bool = False,
) -> Path:
    """Write the workbook atomically; ``OutputError`` when the target cannot be written."""
    tables = followup_tables(followup, costs)

    def build(workbook: Any, formats: Any) -> None:
        placement = add_insatser_sheet(workbook, formats, followup, tables, costs)
        add_chart_sheet(workbook, formats, followup, tables, placement)
        add_kontroller_sheet(
            workbook,
            formats,
            federation=followup.federation,
            title=TITLE,
            entries=[*problem_entries(problems), *rule_entries(findings)],
        )

    return write_workbook(path, build, force=force, title=f"{followup.federation}: {TITLE}")


def _sources(followup: Followup, costs: OutcomeCosts | None) -> str:
    text = f"Deltagare: {Path(followup.source).name}"
    if followup.published:
        text += f" ({followup.published})"
    text += "."
    if costs is not None:
        text += f" Budget: {Path(costs.budget_source).name}."
        if costs.actuals_source is not None:
            text += f" Utfall: {Path(costs.actuals_source).name}."
    return text


class _Styles:
    def __init__(self, workbook: Any, formats: Any):
        self.base = formats
        self.count = formats.amount
        self.count_total = formats.amount_total
        self.percent = cell_format(workbook, {"num_format": SWEDISH + "0.0 %"})
        self.check = cell_format(workbook, {"num_format": SWEDISH + "#,##0", "italic": True, "font_color": "#595959"})
        self.met = cell_format(workbook, {"align": "right", "font_color": "#006100"})
        self.not_met = cell_format(workbook, {"align": "right", "bold": True, "font_color": "#C00000"})

    def figure(self, unit: str, kind: str) -> Any:
        if unit == "percent":
            return self.percent
        if kind == "check":
            return self.check
        if unit == "count":
            return self.count_total if kind == "total" else self.count
        return self.base.amount_total if kind == "total" else self.base.amount


def layout(tables: Sequence[InsatsTable]) -> tuple[Placement, list[int], dict[tuple[str, str], int]]:
    """Where each block and row goes; the first row of each block; the status row of each goal."""
    placement = Placement()
    starts: list[int] = []
    status_rows: dict[tuple[str, str], int] = {}
    row = FIRST_ROW
    for item in tables:
        table = item.table
        starts.append(row)
        row += 2  # the block's title, the header row
        columns = {c.key: FIRST_FIGURE_COL + i for i, c in enumerate(table.columns)}
        goal_rows = {s.row for s in item.goals}
        for table_row in table.rows:
            placement.put_row(table.key, table_row.key, SHEET, row, columns)
            row += 1
            if table_row.key in goal_rows:
                status_rows[(table.key, table_row.key)] = row
                row += 1
        row += 2
    return placement, starts, status_rows


def add_insatser_sheet(
    workbook: Any, formats: Any, followup: Followup, tables: Sequence[InsatsTable], costs: OutcomeCosts | None
) -> Placement:
    """One block per insats, each from a new page and, where it runs over one, under its title
    and column headings again, "(forts.)"; returns where every cell went (in the layout's rows:
    ``Placement.sheet_row`` gives the row on the sheet)."""
    placement, starts, status_rows = layout(tables)
    paper = PrintLayout(workbook.add_worksheet(SHEET), f"{followup.federation}: {TITLE}", (0, 1), placement=placement)
    ws = paper.sheet
    styles = _Styles(workbook, formats)
    write_text(ws, 0, 0, followup.federation, formats.title)
    write_text(ws, 1, 0, TITLE, formats.heading)
    labels: list[str] = [t.insats.name for t in tables] + [r.label for t in tables for r in t.table.rows]
    notes: list[str] = [NOTE_HEADING] + [r.note for t in tables for r in t.table.rows if r.note]
    widest = max((len(item.table.columns) for item in tables), default=1)
    note_col = FIRST_FIGURE_COL + widest
    label_width = paper.fit_column(LABEL_COL, labels, minimum=30, maximum=40)
    paper.column(FIRST_FIGURE_COL, 13, last=FIRST_FIGURE_COL + widest - 1)
    note_width = paper.fit_column(note_col, notes, minimum=12, maximum=30)
    paper.paragraph(2, _sources(followup, costs), formats.note_wrap)
    paper.paragraph(3, "Antal personer som publicerat; rader i kursiv räknas ur flödet. "
                       "Kostnad i hela kronor per person.", formats.note_wrap)
    for item, start in zip(tables, starts):
        table = item.table
        title = item.insats.name + (f" ({item.insats.line})" if item.insats.line else "")
        write_text(ws, start, LABEL_COL, title, formats.heading)
        labels.append(title)
        write_text(ws, start + 1, LABEL_COL, "", formats.header_row)
        for i, column in enumerate(table.columns):
            write_text(ws, start + 1, FIRST_FIGURE_COL + i, column.heading, formats.header_row)
        write_text(ws, start + 1, note_col, NOTE_HEADING, formats.header_row)
        paper.row(start + 1, 48)
        for table_row in table.rows:
            at = placement.row_spot(table.key, table_row.key).row
            bold = table_row.kind in ("heading", "total")
            write_text(ws, at, LABEL_COL, table_row.label, formats.bold_wrap if bold else formats.label_wrap)
            texts = [(table_row.label, label_width)]
            for key, content in table_row.cells.items():
                spot = placement.spot(Ref(table.key, table_row.key, key))
                write_cell(ws, spot, content, placement, styles.figure(table_row.unit, table_row.kind),
                           unit=table_row.unit)
            if table_row.note:
                write_text(ws, at, note_col, table_row.note, formats.note_cell)
                texts.append((table_row.note, note_width))
            paper.row(at, total=table_row.kind == "total")
            paper.fit_row(at, texts)
        for status in item.goals:
            at = status_rows[(table.key, status.row)]
            write_text(ws, at, LABEL_COL, "  Målet är", formats.note)
            col = FIRST_FIGURE_COL + [c.key for c in table.columns].index(status.period)
            write_text(ws, at, col, MET if status.met else NOT_MET, styles.met if status.met else styles.not_met)
        last = max([placement.row_spot(table.key, r.key).row for r in table.rows]
                   + [status_rows[(table.key, s.row)] for s in item.goals] + [start + 1])
        paper.block(start, last, whole=False, heading=2)  # the title and the column headings
    for start in starts[1:]:
        paper.new_page(start)  # every insats's block starts a page
    ws.freeze_panes(FIRST_ROW, 1)
    paper.finish()
    return placement


def add_chart_sheet(
    workbook: Any, formats: Any, followup: Followup, tables: Sequence[InsatsTable], placement: Placement
) -> None:
    """A column chart of exits by reason per insats, a series per period, over the cells of Insatser."""
    ws = workbook.add_worksheet(CHART_SHEET)
    paper = PrintLayout(ws, f"{followup.federation}: avslut efter orsak")
    write_text(ws, 0, 0, f"{followup.federation}: avslut efter orsak", formats.title)
    at = 2
    shown = 0
    for item in tables:
        if not item.reasons:
            continue
        table = item.table
        chart = workbook.add_chart({"type": "column"})
        # the rows where Insatser finally has them (a heading repeated over a page moves them)
        first = placement.sheet_row(SHEET, placement.row_spot(table.key, item.reasons[0]).row)
        last = placement.sheet_row(SHEET, placement.row_spot(table.key, item.reasons[-1]).row)
        header = placement.sheet_row(SHEET, placement.row_spot(table.key, table.rows[0].key).row - 1)
        for i, column in enumerate(table.columns):
            col = FIRST_FIGURE_COL + i
            if not any(column.key in table.row(r).cells for r in item.reasons):
                continue
            chart.add_series({
                "name": [SHEET, header, col],
                "categories": [SHEET, first, LABEL_COL, last, LABEL_COL],
                "values": [SHEET, first, col, last, col],
            })
        style_chart(chart, f"{item.insats.name}: avslut efter orsak")
        chart.set_y_axis({"num_format": SWEDISH + "#,##0", "name": "Antal personer", "num_font": {"size": 10},
                          "name_font": {"size": 10}})
        chart.set_x_axis({"num_font": {"size": 10}})
        if shown and shown % CHARTS_PER_PAGE == 0:
            paper.new_page(at)
        paper.chart(at, 0, chart, {"x_scale": 1.5, "y_scale": 1.3})
        at += CHART_ROWS
        shown += 1
    paper.finish()


__all__ = ["CHART_SHEET", "SHEET", "write_uppfoljning_workbook"]
