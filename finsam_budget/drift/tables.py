"""The driftsredovisning as tables whose derived figures carry their derivation.

``drift_tables(report)`` lays the engine's report out as three ``Table``s: the
summary block of a published driftsredovisning, the detail (``Specifikation``) and
the marking thresholds. Actuals, budgets, given forecasts and last year's figures
are inputs; every deviation (positive when favourable), deviation share, estimated
forecast, sum, link, result and closing equity is an expression over the cells it
names, checked against the engine's own figure (``expect=``). The workbook and the
terminal table render these tables, so they cannot disagree with each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from finsam_budget.actuals import SIE
from finsam_budget.constants import ZERO
from finsam_budget.drift.forecast import remaining_share
from finsam_budget.drift.labels import PROFILE_WORDS
from finsam_budget.drift.model import COST, BalanceRow, DriftRow, Driftsredovisning
from finsam_budget.money import format_amount
from finsam_budget.tables import (
    Add,
    Column,
    Const,
    Expr,
    Ratio,
    Ref,
    ShareOf,
    Table,
    TableBuilder,
    lookup_in,
    minus,
    plus,
)

#: Table keys.
SUMMARY, DETAIL, THRESHOLDS = "drift_summary", "drift_detail", "drift_thresholds"
#: Column keys, in the order shown.
ACTUAL, BUDGET, DEVIATION, SHARE = "actual", "budget", "deviation", "share"
FORECAST, FORECAST_DEVIATION, PREVIOUS = "forecast", "forecast_deviation", "previous"
#: The figure columns a sum adds up (the deviations are derived on each row).
FIGURES = (ACTUAL, BUDGET, FORECAST, PREVIOUS)
#: The thresholds table: one column, a row each.
THRESHOLD_VALUE, THRESHOLD_SHARE, THRESHOLD_AMOUNT = "value", "share", "amount"
THRESHOLD_LABELS = {
    THRESHOLD_SHARE: "Markeringsgräns: andel av budgeten",
    THRESHOLD_AMOUNT: "Markeringsgräns: belopp i kronor",
}

Spec = dict[str, Decimal | Expr | None]


@dataclass(frozen=True)
class DriftTables:
    """The report's tables: the summary block, the detail and the marking thresholds."""

    summary: Table
    detail: Table
    thresholds: Table
    #: (table, row) of every income, cost and result row: those whose deviation may be marked.
    flows: tuple[tuple[str, str], ...]


def columns(report: Driftsredovisning) -> tuple[Column, ...]:
    """The figure columns of this report, with its headings: forecast only in a delårsrapport."""
    shown = [
        Column(ACTUAL, report.actual_heading),
        Column(BUDGET, report.budget_heading),
        Column(DEVIATION, report.deviation_heading),
        Column(SHARE, report.share_heading),
    ]
    if report.interim:
        shown += [
            Column(FORECAST, report.forecast_heading),
            Column(FORECAST_DEVIATION, report.forecast_deviation_heading),
        ]
    if report.has_previous:
        shown.append(Column(PREVIOUS, report.previous_heading))
    return tuple(shown)


def drift_tables(report: Driftsredovisning) -> DriftTables:
    """The summary, detail and thresholds of ``report``; every derived cell agrees with the engine."""
    flows: list[tuple[str, str]] = []
    detail = _detail(report, flows)
    summary = _summary(report, detail, flows)
    return DriftTables(summary, detail, _thresholds(report), tuple(flows))


# ---------------------------------------------------------------------------
# Flow rows: income, costs, result


class _Flows:
    """Adds flow rows to one table: the figures given, the deviations derived beside them."""

    def __init__(self, builder: TableBuilder, report: Driftsredovisning, placed: list[tuple[str, str]]):
        self.t = builder
        self.report = report
        self.keys = builder.column_keys
        self.placed = placed

    def row(self, row: DriftRow, figures: Spec, *, kind: str, note: str | None = None) -> None:
        """``figures`` per figure column (an amount or an expression); the deviations follow."""
        t, key = self.t, row.key
        spec: Spec = {c: v for c, v in figures.items() if c in self.keys}
        spec[DEVIATION] = _favourable(row.kind, t.ref(key, ACTUAL), t.ref(key, BUDGET))
        # The deviation as a share of the budget's size: 0 (shown as a dash) without a budget.
        spec[SHARE] = Ratio(t.ref(key, DEVIATION), t.ref(key, BUDGET), absolute=True)
        if FORECAST in self.keys:
            spec[FORECAST_DEVIATION] = _favourable(row.kind, t.ref(key, FORECAST), t.ref(key, BUDGET))
        expect = {
            ACTUAL: row.actual,
            BUDGET: row.budget,
            FORECAST: row.forecast,
            PREVIOUS: row.previous,
            DEVIATION: row.deviation,
            SHARE: row.deviation_share if row.deviation_share is not None else ZERO,
            FORECAST_DEVIATION: row.forecast_deviation,
        }
        t.row(key, row.label, spec, kind=kind, note=note, expect=_given(expect))
        self.placed.append((t.key, key))

    def line(self, row: DriftRow) -> None:
        """A line of the detail: actual, budget and last year are inputs; an estimated forecast is derived."""
        figures: Spec = {ACTUAL: row.actual, BUDGET: row.budget, PREVIOUS: row.previous}
        if row.forecast is not None:
            figures[FORECAST] = self.forecast(row)
        self.row(row, figures, kind="line", note=_line_note(self.report, row) or None)

    def forecast(self, row: DriftRow) -> Decimal | Expr | None:
        """The file's forecast as given; an estimate as actual + the budget of the months left."""
        if not row.forecast_estimated or row.forecast is None:
            return row.forecast
        actual = self.t.ref(row.key, ACTUAL)
        if row.forecast_profile is not None:
            # The remaining months' budget by the line's own profile: a figure the
            # engine gives (the note on the row says so), not a share of the budget.
            return plus(actual, Const(row.forecast - row.actual))
        share = remaining_share(self.report.months_left)
        return plus(actual, ShareOf(self.t.ref(row.key, BUDGET), share, places=0))

    def total(self, row: DriftRow, parts: Iterable[DriftRow], *, kind: str = "total") -> None:
        """A sum of rows of this table, column by column."""
        keys = [part.key for part in parts]
        figures: Spec = {c: Add(tuple((1, self.t.ref(k, c)) for k in keys)) for c in FIGURES}
        self.row(row, figures, kind=kind)

    def difference(self, row: DriftRow, plus_row: DriftRow, minus_row: DriftRow, *, kind: str = "total") -> None:
        """``plus_row − minus_row``, column by column (the result)."""
        figures: Spec = {c: minus(self.t.ref(plus_row.key, c), self.t.ref(minus_row.key, c)) for c in FIGURES}
        self.row(row, figures, kind=kind)

    def link(self, row: DriftRow, table: str, key: str) -> None:
        """A row that repeats a row of another table (the summary's Nettokostnad is Summa kostnader)."""
        self.row(row, {c: Ref(table, key, c) for c in FIGURES}, kind="line")


def _favourable(kind: str, value: Ref, budget: Ref) -> Add:
    """The deviation of ``value`` from ``budget``, positive when favourable (``drift.favourable``)."""
    return minus(budget, value) if kind == COST else minus(value, budget)


def _given(amounts: Mapping[str, Decimal | None]) -> dict[str, Decimal]:
    return {column: amount for column, amount in amounts.items() if amount is not None}


def _detail(report: Driftsredovisning, placed: list[tuple[str, str]]) -> Table:
    t = TableBuilder(DETAIL, "Specifikation", columns(report))
    flows = _Flows(t, report, placed)
    t.heading("heading:income", "Intäkter")
    for row in report.members:
        flows.line(row)
    flows.total(report.member_total, report.members)
    for row in report.other_income:
        flows.line(row)
    flows.total(report.income, [report.member_total, *report.other_income])
    for section in report.sections:
        t.heading(f"heading:{section.key}", section.heading)
        for row in section.lines:
            flows.line(row)
        flows.total(section.total, section.lines)
    for row in report.other_costs:  # accounts no line lists: a line of its own, outside the sections
        flows.line(row)
    flows.total(report.costs, [*(s.total for s in report.sections), *report.other_costs])
    flows.difference(report.result, report.income, report.costs)
    return t.build()


def _line_note(report: Driftsredovisning, row: DriftRow) -> str:
    """The Anmärkning of a line: a missing actual, no budget, how its forecast was estimated."""
    remarks = []
    if row.actual_missing:
        remarks.append("utfall saknas, räknas som 0")
    if row.budget == 0:
        remarks.append(f"ingen budget {report.year}")
    if row.forecast_estimated and row.forecast_profile is not None:
        remarks.append(f"prognosen uppskattad (återstående budget enligt {PROFILE_WORDS[row.forecast_profile]})")
    elif row.forecast_estimated:
        remarks.append("prognosen uppskattad")
    if row.remark:
        remarks.append(row.remark)
    return "; ".join(remarks)


# ---------------------------------------------------------------------------
# The summary block: links to the detail's totals, the result, the balances


def _summary(report: Driftsredovisning, detail: Table, placed: list[tuple[str, str]]) -> Table:
    t = TableBuilder(SUMMARY, report.heading, columns(report), lookup_in([detail]))
    flows = _Flows(t, report, placed)
    summary = report.summary()
    flows.link(summary.costs, DETAIL, report.costs.key)
    flows.link(summary.income, DETAIL, report.income.key)
    flows.difference(summary.result, summary.income, summary.costs, kind="line")
    _closing_equity(t, report, summary.closing_equity, summary.result.key)
    if summary.cash is not None:
        cash = summary.cash
        t.row(cash.key, cash.label, {ACTUAL: cash.actual, PREVIOUS: cash.previous}, kind="line")
    return t.build()


def _closing_equity(t: TableBuilder, report: Driftsredovisning, row: BalanceRow, result: str) -> None:
    """Utgående eget kapital: the file's figure, or opening equity + the result.

    A full year has its deviation actual − budget; a delårsrapport instead the
    forecast, the equity now plus what the rest of the year is forecast to add.
    """
    key = row.key
    spec: Spec = {}
    if row.actual is not None:
        given = report.closing_equity_given
        spec[ACTUAL] = row.actual if given else plus(Const(report.opening_equity), t.ref(result, ACTUAL))
    if row.budget is not None:
        spec[BUDGET] = plus(Const(report.budget_opening_equity), t.ref(result, BUDGET))
    if row.deviation is not None:
        spec[DEVIATION] = minus(t.ref(key, ACTUAL), t.ref(key, BUDGET))
    if row.forecast is not None:
        spec[FORECAST] = Add(
            ((1, t.ref(key, ACTUAL)), (1, t.ref(result, FORECAST)), (-1, t.ref(result, ACTUAL)))
        )
        if row.forecast_deviation is not None:
            spec[FORECAST_DEVIATION] = minus(t.ref(key, FORECAST), t.ref(key, BUDGET))
    spec[PREVIOUS] = row.previous
    expect = {
        ACTUAL: row.actual,
        BUDGET: row.budget,
        DEVIATION: row.deviation,
        FORECAST: row.forecast,
        FORECAST_DEVIATION: row.forecast_deviation,
    }
    t.row(key, row.label, spec, kind="line", note=_closing_equity_note(report), expect=_given(expect))


def _closing_equity_note(report: Driftsredovisning) -> str:
    if report.closing_equity_given and report.actuals_kind == SIE:
        return "utfall enligt SIE-filens balansräkning"
    if report.closing_equity_given:
        return "utfall enligt utfallsfilen"
    source = f"bokslut {report.year - 1}" if report.opening_from_previous else "budgetplanen"
    return f"utfall = ingående eget kapital {format_amount(report.opening_equity)} ({source}) + resultat"


def _thresholds(report: Driftsredovisning) -> Table:
    """The marking thresholds as cells, so that a changed threshold re-marks the sheet."""
    t = TableBuilder(THRESHOLDS, "Markeringsgränser", (Column(THRESHOLD_VALUE, ""),))
    given = {THRESHOLD_SHARE: report.thresholds.share, THRESHOLD_AMOUNT: report.thresholds.amount}
    for key, amount in given.items():
        unit = "percent" if key == THRESHOLD_SHARE else "amount"
        t.values(key, THRESHOLD_LABELS[key], {THRESHOLD_VALUE: amount}, unit=unit)
    return t.build()

