"""The driftsredovisning workbook: sheets Driftsredovisning and Kontroller.

The Driftsredovisning sheet has the summary block of a published årsredovisning
on top (Nettokostnad, Bidrag/Intäkt, Resultat, Utgående eget kapital, and Likvida
medel when a file gives it) and the detail below it, in the same columns. Every
sum, difference, deviation and estimated forecast is a live formula carrying the
engine's value; the marking thresholds are cells on the sheet, so a changed
threshold re-marks. Kontroller lists errors, then warnings, then info.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from finsam_budget.actuals import SIE
from finsam_budget.constants import SHARE_QUANTUM
from finsam_budget.drift import (
    COST,
    PROFILE_WORDS,
    BalanceRow,
    DriftRow,
    Driftsredovisning,
)
from finsam_budget.model import Finding
from finsam_budget.money import format_amount, has_ore
from finsam_budget.problems import Problem
from finsam_budget.writers.xlsx_common import (
    SWEDISH,
    cell,
    excel_number,
    fit_column,
    print_setup,
    sum_formula,
    write_formula,
    write_text,
    write_value,
    write_workbook,
)

SHEET = "Driftsredovisning"
THRESHOLD_QUANTUM = Decimal("1e-6")
# A zero share shows as a dash: a line without budget has no percentage.
SHARE_FORMAT = {"num_format": SWEDISH + '0 %;-0 %;"–"'}
# Excel's own "bad" style: light red fill, dark red text.
MARKED_FORMAT = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
SEVERITY_TEXT = {"error": "Fel", "warning": "Varning", "info": "Info"}
#: Kontroller lists errors first, then warnings, then info.
SEVERITY_ORDER = {"Fel": 0, "Varning": 1, "Info": 2}
HEADER_ROW = 4


@dataclass(frozen=True)
class Columns:
    """Where each column of the sheet is (zero-based); ``None`` for a column this report lacks."""

    actual: int
    budget: int
    deviation: int
    share: int
    forecast: int | None
    forecast_deviation: int | None
    previous: int | None
    note: int

    @classmethod
    def for_report(cls, report: Driftsredovisning) -> Columns:
        col = 5
        forecast = forecast_deviation = previous = None
        if report.interim:
            forecast, forecast_deviation, col = col, col + 1, col + 2
        if report.has_previous:
            previous, col = col, col + 1
        return cls(1, 2, 3, 4, forecast, forecast_deviation, previous, col)

    def headings(self, report: Driftsredovisning) -> list[tuple[int, str]]:
        shown = [
            (self.actual, report.actual_heading),
            (self.budget, report.budget_heading),
            (self.deviation, report.deviation_heading),
            (self.share, report.share_heading),
            (self.forecast, report.forecast_heading),
            (self.forecast_deviation, report.forecast_deviation_heading),
            (self.previous, report.previous_heading),
            (self.note, "Anmärkning"),
        ]
        return [(col, text) for col, text in shown if col is not None]

    def values(self) -> list[tuple[int, str]]:
        """The columns that hold figures (not deviations): actual, budget, forecast, previous."""
        named = [("actual", self.actual), ("budget", self.budget), ("forecast", self.forecast), ("previous", self.previous)]
        return [(col, name) for name, col in named if col is not None]


def write_drift_workbook(
    report: Driftsredovisning, findings: list[Finding], path: str | Path, *, force: bool = False
) -> Path:
    """Write the workbook atomically; ``OutputError`` when the target cannot be written.

    ``findings`` are the scenario's rule findings worth showing beside the report
    (the CLI passes those of the reported year).
    """

    def build(workbook: Any, formats: Any) -> None:
        add_driftsredovisning_sheet(workbook, formats, report)
        add_kontroller_sheet(workbook, formats, report, findings)

    return write_workbook(path, build, force=force, title=f"{report.federation}: {report.heading}")


class _Sheet:
    """Writes the rows of the Driftsredovisning sheet and remembers where each one is."""

    def __init__(self, workbook: Any, ws: Any, formats: Any, report: Driftsredovisning):
        self.ws = ws
        self.formats = formats
        self.report = report
        self.cols = Columns.for_report(report)
        self.rows: dict[str, int] = {}
        self.labels: list[str] = []
        self.notes: list[str] = []
        ore = _has_ore(report)
        self.amount = formats.amount_ore if ore else formats.amount
        self.amount_total = formats.amount_ore_total if ore else formats.amount_total
        self.share = workbook.add_format(dict(SHARE_FORMAT))
        self.share_total = workbook.add_format({**SHARE_FORMAT, "bold": True, "top": 1})
        self.marked = workbook.add_format(dict(MARKED_FORMAT))
        self.flow_rows: list[int] = []

    def label(self, row: int, text: str, fmt: Any = None) -> None:
        write_text(self.ws, row, 0, text, fmt)
        self.labels.append(text)

    def note(self, row: int, text: str) -> None:
        if text:
            write_text(self.ws, row, self.cols.note, text, self.formats.note)
            self.notes.append(text)

    # --- flow rows (income, costs, result) ---------------------------------------

    def line(self, r: int, row: DriftRow) -> None:
        """A line of the detail: the figures are values; the deviations and an estimated forecast formulas."""
        self.label(r, row.label)
        ws, cols = self.ws, self.cols
        write_value(ws, r, cols.actual, row.actual, self.amount)
        write_value(ws, r, cols.budget, row.budget, self.amount)
        if cols.forecast is not None and row.forecast is not None:
            if row.forecast_estimated and row.forecast_profile is not None:
                # The remaining months' budget by the line's own profile: a figure the engine gives.
                formula = f"={cell(r, cols.actual)}+{_number(row.forecast - row.actual)}"
                write_formula(ws, r, cols.forecast, formula, row.forecast, self.amount)
            elif row.forecast_estimated:
                formula = f"={cell(r, cols.actual)}+ROUND({cell(r, cols.budget)}*{self.report.months_left}/12,0)"
                write_formula(ws, r, cols.forecast, formula, row.forecast, self.amount)
            else:
                write_value(ws, r, cols.forecast, row.forecast, self.amount)
        if cols.previous is not None and row.previous is not None:
            write_value(ws, r, cols.previous, row.previous, self.amount)
        self.deviations(r, row, total=False)
        remarks = []
        if row.actual_missing:
            remarks.append("utfall saknas, räknas som 0")
        if row.budget == 0:
            remarks.append(f"ingen budget {self.report.year}")
        if row.forecast_estimated and row.forecast_profile is not None:
            remarks.append(f"prognosen uppskattad (återstående budget enligt {PROFILE_WORDS[row.forecast_profile]})")
        elif row.forecast_estimated:
            remarks.append("prognosen uppskattad")
        if row.remark:
            remarks.append(row.remark)
        self.note(r, "; ".join(remarks))
        self.rows[row.key] = r

    def computed(self, r: int, row: DriftRow, formula_for: Callable[[int], str], *, total: bool = True) -> None:
        """A total: every figure column is ``formula_for(col)``, cached with the engine's figure.

        ``total`` draws the subtotal line above the figures (not in the summary block).
        """
        self.label(r, row.label, self.formats.bold)
        figures = {"actual": row.actual, "budget": row.budget, "forecast": row.forecast, "previous": row.previous}
        for col, name in self.cols.values():
            value = figures[name]
            if value is not None:
                write_formula(self.ws, r, col, formula_for(col), value, self.amount_total if total else self.amount)
        self.deviations(r, row, total=total)
        self.rows[row.key] = r

    def sum_of(self, rows: list[int]) -> Callable[[int], str]:
        return lambda col: sum_formula([cell(r, col) for r in rows])

    def difference_of(self, plus: int, minus: int) -> Callable[[int], str]:
        return lambda col: sum_formula([cell(plus, col)], minus=[cell(minus, col)])

    def deviations(self, r: int, row: DriftRow, *, total: bool) -> None:
        """Avvikelse, avvikelse i % and avvikelse prognos – budget, each positive when favourable."""
        ws, cols = self.ws, self.cols
        amount = self.amount_total if total else self.amount
        actual, budget = cell(r, cols.actual), cell(r, cols.budget)
        write_formula(ws, r, cols.deviation, _favourable(row.kind, actual, budget), row.deviation, amount)
        deviation = cell(r, cols.deviation)
        write_formula(
            ws,
            r,
            cols.share,
            f"=IF({budget}=0,0,{deviation}/ABS({budget}))",
            row.deviation_share if row.deviation_share is not None else Decimal(0),
            self.share_total if total else self.share,
            quantum=SHARE_QUANTUM,
        )
        if cols.forecast is not None and cols.forecast_deviation is not None and row.forecast_deviation is not None:
            forecast = cell(r, cols.forecast)
            write_formula(
                ws, r, cols.forecast_deviation, _favourable(row.kind, forecast, budget), row.forecast_deviation, amount
            )
        self.flow_rows.append(r)

    # --- balance rows (closing equity, cash) ---------------------------------------

    def closing_equity(self, r: int, row: BalanceRow, result_row: int) -> None:
        """Utgående eget kapital: the file's figure, or opening equity + the result (a formula)."""
        report, ws, cols = self.report, self.ws, self.cols
        self.label(r, row.label, self.formats.bold)
        actual, budget = cell(r, cols.actual), cell(r, cols.budget)
        if row.actual is not None:
            if report.closing_equity_given:
                write_value(ws, r, cols.actual, row.actual, self.amount)
            else:
                formula = f"={_number(report.opening_equity)}+{cell(result_row, cols.actual)}"
                write_formula(ws, r, cols.actual, formula, row.actual, self.amount)
        if row.budget is not None:
            formula = f"={_number(report.budget_opening_equity)}+{cell(result_row, cols.budget)}"
            write_formula(ws, r, cols.budget, formula, row.budget, self.amount)
        if row.deviation is not None:
            write_formula(ws, r, cols.deviation, f"={actual}-{budget}", row.deviation, self.amount)
        if cols.forecast is not None and cols.forecast_deviation is not None and row.forecast is not None:
            # The equity at the period's end plus what the rest of the year is forecast to add.
            formula = f"={actual}+{cell(result_row, cols.forecast)}-{cell(result_row, cols.actual)}"
            write_formula(ws, r, cols.forecast, formula, row.forecast, self.amount)
            if row.forecast_deviation is not None:
                formula = f"={cell(r, cols.forecast)}-{budget}"
                write_formula(ws, r, cols.forecast_deviation, formula, row.forecast_deviation, self.amount)
        self.previous_balance(r, row)
        self.note(r, _closing_equity_note(report))
        self.rows[row.key] = r

    def cash(self, r: int, row: BalanceRow) -> None:
        """Likvida medel: only what the files give; the budget has no cash figure."""
        self.label(r, row.label, self.formats.bold)
        if row.actual is not None:
            write_value(self.ws, r, self.cols.actual, row.actual, self.amount)
        self.previous_balance(r, row)
        self.rows[row.key] = r

    def previous_balance(self, r: int, row: BalanceRow) -> None:
        if self.cols.previous is not None and row.previous is not None:
            write_value(self.ws, r, self.cols.previous, row.previous, self.amount)


def add_driftsredovisning_sheet(workbook: Any, formats: Any, report: Driftsredovisning) -> dict[str, int]:
    """The summary block and the detail; returns the row (zero-based) of every row by key."""
    ws = workbook.add_worksheet(SHEET)
    sheet = _Sheet(workbook, ws, formats, report)
    cols = sheet.cols

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
    write_text(ws, HEADER_ROW, 0, "", formats.header_row)
    for col, text in cols.headings(report):
        write_text(ws, HEADER_ROW, col, text, formats.header_row)

    # The detail comes first in the code, so that the summary above can refer to it.
    summary = report.summary()
    summary_first = HEADER_ROW + 1
    r = summary_first + len(summary.rows()) + 1
    sheet.label(r, "SPECIFIKATION", formats.heading)
    r += 2
    sheet.label(r, "INTÄKTER", formats.bold)
    r += 1
    member_rows = []
    for row in report.members:
        sheet.line(r, row)
        member_rows.append(r)
        r += 1
    sheet.computed(r, report.member_total, sheet.sum_of(member_rows))
    parts = [r]
    r += 1
    for row in report.other_income:
        sheet.line(r, row)
        parts.append(r)
        r += 1
    sheet.computed(r, report.income, sheet.sum_of(parts))
    income_row = r
    r += 2

    section_rows = []
    for section in report.sections:
        sheet.label(r, section.heading.upper(), formats.bold)
        r += 1
        lines = []
        for row in section.lines:
            sheet.line(r, row)
            lines.append(r)
            r += 1
        sheet.computed(r, section.total, sheet.sum_of(lines) if lines else (lambda col: "=0"))
        section_rows.append(r)
        r += 2
    for row in report.other_costs:  # accounts no line lists: a line of its own, outside the sections
        sheet.line(r, row)
        section_rows.append(r)
        r += 2
    sheet.computed(r, report.costs, sheet.sum_of(section_rows))
    costs_row = r
    r += 1
    sheet.computed(r, report.result, sheet.difference_of(income_row, costs_row))
    last_detail = r

    # Summary block: Nettokostnad and Bidrag/Intäkt refer to the detail's totals.
    # Its keys ("costs", "income", "result") are apart from the detail's ("total:costs" …).
    s = summary_first
    sheet.computed(s, summary.costs, lambda col: "=" + cell(costs_row, col), total=False)
    sheet.computed(s + 1, summary.income, lambda col: "=" + cell(income_row, col), total=False)
    sheet.computed(s + 2, summary.result, sheet.difference_of(s + 1, s), total=False)
    sheet.closing_equity(s + 3, summary.closing_equity, s + 2)
    if summary.cash is not None:
        sheet.cash(s + 4, summary.cash)

    # Notes and the marking thresholds
    r = last_detail + 2
    notes = list(report.unlisted_notes)
    if report.interim and report.estimated_lines():
        notes.append(
            f"Prognos helår: där utfallsfilen inte ger en prognos är den {report.forecast_method()}; "
            "sådana rader har anmärkningen \"prognosen uppskattad\"."
        )
    marked_col = "avvikelsen prognos – budget" if report.interim else "avvikelsen utfall – budget"
    notes.append(
        f"Markerat med rött: {marked_col} är ogynnsam med {report.thresholds.describe()} "
        "(båda gränserna; ändra dem i cellerna nedan)."
    )
    if report.interim:
        notes.append(
            "I en delårsrapport jämförs utfallet för del av året med helårsbudgeten; "
            "avvikelsen mot budget bedöms därför på prognosen."
        )
    for text in notes:
        write_text(ws, r, 0, text, formats.note)
        r += 1
    r += 1
    write_text(ws, r, 0, "Markeringsgräns: andel av budgeten")
    write_value(ws, r, 1, report.thresholds.share, formats.percent_1, quantum=THRESHOLD_QUANTUM)
    share_ref = cell(r, 1, absolute=True)
    write_text(ws, r + 1, 0, "Markeringsgräns: belopp i kronor")
    write_value(ws, r + 1, 1, report.thresholds.amount, formats.amount)
    amount_ref = cell(r + 1, 1, absolute=True)
    sheet.labels += ["Markeringsgräns: andel av budgeten"]

    target = cols.forecast_deviation if report.interim else cols.deviation
    if target is not None:
        _mark(ws, sheet.flow_rows, target, cols.budget, share_ref, amount_ref, sheet.marked)

    fit_column(ws, 0, sheet.labels, minimum=30, maximum=60)
    for col, text in cols.headings(report):
        if col == cols.note:
            fit_column(ws, col, sheet.notes + [text], minimum=12, maximum=45)
        elif col == cols.share:
            ws.set_column(col, col, 11)
        else:
            ws.set_column(col, col, 15)
    ws.set_row(HEADER_ROW, 45)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    print_setup(ws, f"{report.federation}: {report.heading}", (HEADER_ROW, HEADER_ROW))
    return sheet.rows


def _mark(ws: Any, rows: list[int], col: int, budget_col: int, share_ref: str, amount_ref: str, fmt: Any) -> None:
    """Conditional formatting of unfavourable deviations beyond both thresholds, per run of rows."""
    for first, last in _runs(sorted(set(rows))):
        deviation = cell(first, col)
        budget = "$" + cell(first, budget_col)
        criteria = (
            f"=AND({deviation}<0,-{deviation}>{amount_ref},"
            f"IF({budget}=0,TRUE,-{deviation}/ABS({budget})>{share_ref}))"
        )
        ws.conditional_format(first, col, last, col, {"type": "formula", "criteria": criteria, "format": fmt})


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for r in rows:
        if runs and runs[-1][1] == r - 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs


def _favourable(kind: str, value: str, budget: str) -> str:
    """The deviation formula, positive when favourable (see ``drift.favourable``)."""
    return f"={budget}-{value}" if kind == COST else f"={value}-{budget}"


def _number(amount: Decimal) -> str:
    """An amount as a number inside a formula: ``1828177``, ``1828177.5``, ``-100``."""
    return str(excel_number(amount))


def _has_ore(report: Driftsredovisning) -> bool:
    amounts = [
        value
        for row in report.detail_lines()
        for value in (row.actual, row.budget, row.forecast, row.previous)
        if value is not None
    ]
    for balance in (report.closing_equity, report.cash):
        if balance is not None:
            amounts += [v for v in (balance.actual, balance.budget, balance.previous) if v is not None]
    amounts.append(report.opening_equity)
    return any(has_ore(a) for a in amounts)


def _sources_text(report: Driftsredovisning) -> str:
    text = f"Budget: {Path(report.scenario_source).name}. Utfall: {Path(report.actuals_source).name}."
    if report.previous_source is not None:
        text += f" Bokslut {report.year - 1}: {Path(report.previous_source).name}."
    return text


def _closing_equity_note(report: Driftsredovisning) -> str:
    if report.closing_equity_given and report.actuals_kind == SIE:
        return "utfall enligt SIE-filens balansräkning"
    if report.closing_equity_given:
        return "utfall enligt utfallsfilen"
    source = f"bokslut {report.year - 1}" if report.opening_from_previous else "budgetplanen"
    return f"utfall = ingående eget kapital {format_amount(report.opening_equity)} ({source}) + resultat"


# ---------------------------------------------------------------------------
# Kontroller


def kontroller_entries(report: Driftsredovisning, findings: list[Finding]) -> list[tuple[str, str, str]]:
    """(allvar, källa, meddelande) for every warning, estimated forecast and rule finding.

    Errors first, then warnings, then info; in each the files' before the rules'.
    """
    entries = [(SEVERITY_TEXT[p.severity], _where(p), p.message) for p in report.warnings]
    source = Path(report.actuals_source).name
    for row in report.estimated_lines():
        message = f"{row.key} ({row.label}): ingen prognos i filen; prognosen är {report.row_forecast_method(row)}"
        entries.append(("Info", source, message))
    for finding in findings:
        where = f"regel {finding.rule}" + (f", {finding.year}" if finding.year is not None else "")
        entries.append((SEVERITY_TEXT[finding.severity], where, finding.message))
    return sorted(entries, key=lambda entry: SEVERITY_ORDER[entry[0]])


def _where(problem: Problem) -> str:
    """The problem's place with the file's name only (the sheet is read away from the files)."""
    return Path(problem.file).name + problem.where[len(problem.file):]


def add_kontroller_sheet(workbook: Any, formats: Any, report: Driftsredovisning, findings: list[Finding]) -> None:
    """Missing actuals, estimated forecasts and the scenario's findings for the year."""
    ws = workbook.add_worksheet("Kontroller")
    entries = kontroller_entries(report, findings)
    write_text(ws, 0, 0, report.federation, formats.title)
    write_text(ws, 1, 0, f"{report.heading}: kontroller", formats.heading)
    counts = {text: sum(1 for e in entries if e[0] == text) for text in SEVERITY_TEXT.values()}
    write_text(ws, 2, 0, f"{counts['Fel']} fel, {counts['Varning']} varningar, {counts['Info']} info", formats.note)
    header = 4
    for col, text in enumerate(("Allvar", "Källa", "Meddelande")):
        write_text(ws, header, col, text, formats.header_row)
    for index, (severity, where, message) in enumerate(entries, start=header + 1):
        write_text(ws, index, 0, severity, formats.bold if severity == "Fel" else None)
        write_text(ws, index, 1, where)
        write_text(ws, index, 2, message)
    if not entries:
        write_text(ws, header + 1, 0, "Inga anmärkningar.")
    ws.set_column(0, 0, 9)
    fit_column(ws, 1, ["Källa"] + [e[1] for e in entries], minimum=12, maximum=40)
    ws.set_column(2, 2, 110)
    ws.freeze_panes(header + 1, 0)
    print_setup(ws, f"{report.federation}: {report.heading}: kontroller", (header, header))
