"""The driftsredovisning workbook: sheets Driftsredovisning and Kontroller.

A renderer of the report's tables (``drift.tables``): the summary block of a
published årsredovisning on top (Nettokostnad, Bidrag/Intäkt, Resultat, Utgående
eget kapital, and Likvida medel when a file gives it), the detail below it in the
same columns, then the notes and the marking thresholds. This module only places
and styles the cells; every figure is written by ``formulas.write_cell``, a derived
one as the live formula its cell describes with the engine's value cached. The
thresholds are cells, so a changed threshold re-marks. The Kontroller sheet is the
shared one (``kontroller_sheet``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from finsam_budget.drift import Driftsredovisning
from finsam_budget.drift.tables import (
    BUDGET,
    DEVIATION,
    FORECAST_DEVIATION,
    SHARE,
    THRESHOLD_AMOUNT,
    THRESHOLD_SHARE,
    THRESHOLD_VALUE,
    THRESHOLDS,
    DriftTables,
    drift_tables,
)
from finsam_budget.model import Finding
from finsam_budget.money import has_ore
from finsam_budget.tables import Ref, Row, Table, Unfavourable
from finsam_budget.writers.formulas import Placement, Spot, formula, write_cell
from finsam_budget.writers.kontroller_sheet import (
    Entry,
    add_kontroller_sheet,
    problem_entries,
    rule_entries,
)
from finsam_budget.writers.markings import COMMENT_SIZE, MARKER, marker_format
from finsam_budget.writers.print_layout import (
    BOLD,
    ORPHAN_ROWS,
    PrintLayout,
    figure_width,
    later,
    section_blocks,
    unbreakable,
)
from finsam_budget.writers.xlsx_common import (
    SWEDISH,
    cell,
    cell_format,
    write_text,
    write_workbook,
)

SHEET = "Driftsredovisning"
HEADER_ROW = 4
LABEL_COL, FIRST_FIGURE_COL = 0, 1
# A zero share shows as a dash: a line without budget has no percentage.
SHARE_FORMAT = {"num_format": SWEDISH + '#,##0 %;-#,##0 %;"–"'}  # "-1 700 %", as the terminal
# Excel's own "bad" style: light red fill, dark red text.
MARKED_FORMAT = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
NOTE_HEADING = "Anmärkning"


def write_drift_workbook(
    report: Driftsredovisning, findings: list[Finding], path: str | Path, *, force: bool = False
) -> Path:
    """Write the workbook atomically; ``OutputError`` when the target cannot be written.

    ``findings`` are the scenario's rule findings worth showing beside the report
    (the CLI passes those of the reported year).
    """
    tables = drift_tables(report)

    def build(workbook: Any, formats: Any) -> None:
        add_driftsredovisning_sheet(workbook, formats, report, tables)
        add_kontroller_sheet(
            workbook,
            formats,
            federation=report.federation,
            title=report.heading,
            entries=kontroller_entries(report, findings),
        )

    return write_workbook(path, build, force=force, title=f"{report.federation}: {report.heading}")


# ---------------------------------------------------------------------------
# Layout


def layout(report: Driftsredovisning, tables: DriftTables) -> Placement:
    """Where every row goes: the summary under the header row, then the detail, then the thresholds.

    The detail's title stands one row below the summary, its rows one more below;
    a blank row follows the income, each cost section and the unlisted costs.
    """
    placement = Placement()
    figures = _figure_columns(tables.summary)
    row = HEADER_ROW + 1
    for table_row in tables.summary.rows:
        placement.put_row(tables.summary.key, table_row.key, SHEET, row, figures)
        row += 1
    row += 3  # a blank row, the detail's title, a blank row
    spaced = {report.income.key, *(s.total.key for s in report.sections), *(r.key for r in report.other_costs)}
    for table_row in tables.detail.rows:
        placement.put_row(tables.detail.key, table_row.key, SHEET, row, figures)
        row += 2 if table_row.key in spaced else 1
    row += 1 + len(notes(report)) + 1  # a blank row, the notes, a blank row
    for table_row in tables.thresholds.rows:
        placement.put_row(THRESHOLDS, table_row.key, SHEET, row, {THRESHOLD_VALUE: FIRST_FIGURE_COL})
        row += 1
    return placement


def _figure_columns(table: Table) -> dict[str, int]:
    return {column.key: FIRST_FIGURE_COL + i for i, column in enumerate(table.columns)}


def notes(report: Driftsredovisning) -> list[str]:
    """The notes under the detail: unlisted accounts, how forecasts were estimated, what is marked."""
    shown = list(report.unlisted_notes)
    if report.interim and report.estimated_lines():
        shown.append(
            f"Prognos helår: där utfallsfilen inte ger en prognos är den {report.forecast_method()}; "
            "sådana rader har anmärkningen \"prognosen uppskattad\"."
        )
    marked = "avvikelsen prognos – budget" if report.interim else "avvikelsen utfall – budget"
    shown.append(
        f"Markerat med rött och {MARKER}: {marked} är ogynnsam med {report.thresholds.describe()} "
        "(båda gränserna, som står nedan och kan ändras i arbetsboken); raderna står också på bladet Kontroller."
    )
    if report.interim:
        shown.append(
            "I en delårsrapport jämförs utfallet för del av året med helårsbudgeten; "
            "avvikelsen mot budget bedöms därför på prognosen."
        )
    return shown


# ---------------------------------------------------------------------------
# The Driftsredovisning sheet


class _Formats:
    """The cell formats of the sheet: amounts in kronor (or öre when any figure has öre), shares."""

    def __init__(self, workbook: Any, formats: Any, ore: bool):
        self.base = formats
        self.amount = formats.amount_ore if ore else formats.amount
        self.amount_total = formats.amount_ore_total if ore else formats.amount_total
        self.share = cell_format(workbook, SHARE_FORMAT)
        self.share_total = cell_format(workbook, {**SHARE_FORMAT, "bold": True, "top": 1})
        number = "amount_ore" if ore else "amount"
        self.marked = workbook.add_format({**MARKED_FORMAT, "num_format": marker_format(formats[number].num_format)})

    def figure(self, column: str, total: bool) -> Any:
        if column == SHARE:
            return self.share_total if total else self.share
        return self.amount_total if total else self.amount


def add_driftsredovisning_sheet(
    workbook: Any, formats: Any, report: Driftsredovisning, tables: DriftTables | None = None
) -> Placement:
    """The summary block, the detail, the notes and the thresholds; returns where each cell went
    (in the layout's rows: ``Placement.sheet_row`` gives the row of the sheet)."""
    tables = tables or drift_tables(report)
    places = layout(report, tables)
    styles = _Formats(workbook, formats, _has_ore(report, tables))
    ws = workbook.add_worksheet(SHEET)
    paper = PrintLayout(ws, f"{report.federation}: {report.heading}", (HEADER_ROW, HEADER_ROW), placement=places)
    ws = paper.sheet

    write_text(ws, 0, 0, report.federation, formats.title)
    write_text(ws, 1, 0, f"{report.heading}: budget enligt {report.title}", formats.heading)
    write_text(ws, 2, 0, _sources_text(report), formats.note)
    write_text(
        ws,
        3,
        0,
        "Belopp i kronor. En positiv avvikelse är gynnsam: för kostnader budget − utfall, "
        "för intäkter och resultat utfall − budget.",
        formats.note,
    )
    figure_columns = _figure_columns(tables.summary)
    note_col = FIRST_FIGURE_COL + len(figure_columns)
    write_text(ws, HEADER_ROW, LABEL_COL, "", formats.header_row)
    for column in tables.summary.columns:
        write_text(ws, HEADER_ROW, figure_columns[column.key], column.heading, formats.header_row)
    write_text(ws, HEADER_ROW, note_col, NOTE_HEADING, formats.header_row)
    every_label = [r.label.upper() if r.kind == "heading" else r.label for t in (tables.summary, tables.detail)
                   for r in t.rows]
    label_width = paper.fit_column(LABEL_COL, every_label + [tables.detail.title.upper()], minimum=30, maximum=40)
    ore = _has_ore(report, tables)
    for column in tables.summary.columns:
        amounts = [r.cells[column.key].amount for t in (tables.summary, tables.detail) for r in t.rows
                   if column.key in r.cells]
        paper.column(figure_columns[column.key], 9 if column.key == SHARE else figure_width(amounts, ore=ore))
    notes_in_rows = [r.note for t in (tables.summary, tables.detail) for r in t.rows if r.note]
    note_width = paper.fit_column(note_col, notes_in_rows + [NOTE_HEADING], minimum=12, maximum=24)

    labels: list[str] = []
    row_notes: list[str] = []
    for table in (tables.summary, tables.detail):
        for row in table.rows:
            at = places.row_spot(table.key, row.key).row
            summary = table.key == tables.summary.key
            label = row.label.upper() if row.kind == "heading" else row.label
            bold = summary or row.kind in ("heading", "total")
            write_text(ws, at, LABEL_COL, label, formats.bold_wrap if bold else formats.label_wrap)
            labels.append(label)
            _figures(ws, places, table, row, styles, total=row.kind == "total")
            texts = [(label, label_width * (BOLD if bold else 1))]
            if row.note:
                write_text(ws, at, note_col, unbreakable(row.note), formats.note_cell)
                row_notes.append(row.note)
                texts.append((row.note, note_width))
            paper.row(at, total=row.kind == "total" or (summary and row.key != table.rows[0].key))
            paper.fit_row(at, texts)
        if table.key == tables.summary.key:
            title_row = places.row_spot(tables.detail.key, tables.detail.rows[0].key).row - 2
            title = tables.detail.title.upper()
            write_text(ws, title_row, LABEL_COL, title, formats.heading)
            labels.append(title)

    first_summary = places.row_spot(tables.summary.key, tables.summary.rows[0].key).row
    last_summary = places.row_spot(tables.summary.key, tables.summary.rows[-1].key).row
    paper.block(first_summary, last_summary)
    last = places.row_spot(tables.detail.key, tables.detail.rows[-1].key).row
    below = places.row_spot(THRESHOLDS, tables.thresholds.rows[-1].key).row
    # the notes and the thresholds stay with the totals they explain
    section_blocks(paper, places, tables.detail, to_total=True, below=below)
    # "SPECIFIKATION" never stands alone at the foot of a page: it goes with the first rows
    first_detail = places.row_spot(tables.detail.key, tables.detail.rows[0].key).row
    paper.block(first_detail - 2, min(first_detail + ORPHAN_ROWS - 1, last))
    for i, text in enumerate(notes(report)):
        paper.paragraph(last + 2 + i, text, formats.note_wrap)
    threshold_formats = {THRESHOLD_SHARE: formats.percent_1, THRESHOLD_AMOUNT: formats.amount}
    for row in tables.thresholds.rows:
        spot = places.spot(Ref(THRESHOLDS, row.key, THRESHOLD_VALUE))
        write_text(ws, spot.row, LABEL_COL, row.label)
        write_cell(ws, spot, row.cells[THRESHOLD_VALUE], places, threshold_formats[row.key], unit=row.unit)
        paper.fit_row(spot.row, [(row.label, label_width)])
    labels.append(tables.thresholds.row(THRESHOLD_SHARE).label)

    _mark(ws, report, tables, places, styles.marked)
    _comment_marked(ws, report, tables, places)

    paper.row(HEADER_ROW, 60)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    paper.finish()
    return places


def _figures(ws: Any, places: Placement, table: Table, row: Row, styles: _Formats, *, total: bool) -> None:
    for column, content in row.cells.items():
        spot = places.spot(Ref(table.key, row.key, column))
        unit = "percent" if column == SHARE else row.unit
        write_cell(ws, spot, content, places, styles.figure(column, total), unit=unit)


def _mark(ws: Any, report: Driftsredovisning, tables: DriftTables, places: Placement, fmt: Any) -> None:
    """Mark unfavourable deviations beyond both thresholds: a conditional format per run of rows.

    The criteria are formatting, not a figure; their cells come from the placement.
    """
    target = FORECAST_DEVIATION if report.interim else DEVIATION
    share = Ref(THRESHOLDS, THRESHOLD_SHARE, THRESHOLD_VALUE)
    amount = Ref(THRESHOLDS, THRESHOLD_AMOUNT, THRESHOLD_VALUE)
    refs = sorted(
        {(Ref(t, r, target), Ref(t, r, BUDGET)) for t, r in tables.flows},
        key=lambda pair: places.spot(pair[0]).row,
    )
    for run in _runs([(places.spot(d), places.spot(b)) for d, b in refs]):
        first, last = run[0][0], run[-1][0]
        deviation, budget = next((d, b) for d, b in refs if places.spot(d) == first)

        def address(ref: Ref, deviation: Ref = deviation, budget: Ref = budget) -> str:
            # The rule is written for the run's first cell; the spreadsheet moves the
            # deviation and the budget down the run, the thresholds stay put.
            spot = places.spot(ref)
            row = places.sheet_row(spot.sheet, spot.row)
            if ref == deviation:
                return cell(row, spot.col)
            if ref == budget:
                return "$" + cell(row, spot.col)
            return cell(row, spot.col, absolute=True)

        def rule(deviation: Ref = deviation, budget: Ref = budget, address: Any = address) -> dict[str, Any]:
            criteria = formula(Unfavourable(deviation, budget, amount, share), address)
            return {"type": "formula", "criteria": criteria, "format": fmt}

        ws.conditional_format(first.row, first.col, last.row, last.col, later(ws, rule))


def _runs(spots: list[tuple[Spot, Spot]]) -> list[list[tuple[Spot, Spot]]]:
    """Consecutive rows together: one conditional format covers each run."""
    runs: list[list[tuple[Spot, Spot]]] = []
    for pair in spots:
        if runs and runs[-1][-1][0].row == pair[0].row - 1:
            runs[-1].append(pair)
        else:
            runs.append([pair])
    return runs


def _has_ore(report: Driftsredovisning, tables: DriftTables) -> bool:
    """True when any figure (not a share) has öre, or the opening equity inside a formula does."""
    amounts = [
        content.amount
        for table in (tables.summary, tables.detail)
        for row in table.rows
        for column, content in row.cells.items()
        if column != SHARE
    ]
    return any(has_ore(a) for a in [*amounts, report.opening_equity])


def _sources_text(report: Driftsredovisning) -> str:
    text = f"Budget: {Path(report.scenario_source).name}. Utfall: {Path(report.actuals_source).name}."
    if report.previous_source is not None:
        text += f" Bokslut {report.year - 1}: {Path(report.previous_source).name}."
    return text


# ---------------------------------------------------------------------------
# Kontroller


def kontroller_entries(report: Driftsredovisning, findings: list[Finding]) -> list[Entry]:
    """The files' warnings, an info per estimated forecast, then the scenario's findings for the year.

    The Kontroller sheet orders them errors first, then warnings, then info.
    """
    source = Path(report.actuals_source).name
    estimated = [
        Entry("info", source, f"{row.key} ({row.label}): ingen prognos i filen; prognosen är "
              f"{report.row_forecast_method(row)}")
        for row in report.estimated_lines()
    ]
    # Info, as the terminal lists them apart from the findings it counts (and --strict judges):
    # the red cells on the sheet are the signal; Kontroller says what each one means.
    marked = [
        Entry("info", MARKED_SOURCE, report.marked_text(row), report.year)
        for row in report.flow_rows()
        if report.is_marked(row)
    ]
    return [*problem_entries(report.warnings), *marked, *estimated, *rule_entries(findings)]


#: The Kontroller sheet's source of a deviation beyond the thresholds.
MARKED_SOURCE = "avvikelse"


def _comment_marked(ws: Any, report: Driftsredovisning, tables: DriftTables, places: Placement) -> None:
    """The finding as a comment on each deviation the thresholds mark (the legend points to Kontroller)."""
    target = FORECAST_DEVIATION if report.interim else DEVIATION
    rows = {row.key: row for row in report.flow_rows()}
    for table, key in tables.flows:
        row = rows.get(key)
        if table == tables.detail.key and row is not None and report.is_marked(row):
            spot = places.spot(Ref(table, key, target))
            text = f"{report.marked_text(row)} (gränserna när arbetsboken skrevs)"
            ws.write_comment(spot.row, spot.col, unbreakable(text), COMMENT_SIZE)
