"""The driftsredovisning as data: its rows, balances, sections, summary and marking thresholds.

A deviation is positive when it is favourable (how published driftsredovisningar
show it): for costs budget − actual, for income and the result actual − budget.
The headings are the report's own (see ``labels``), so that the workbook and the
terminal table name the columns the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from finsam_budget.actuals import TOML
from finsam_budget.constants import ZERO
from finsam_budget.drift import labels
from finsam_budget.drift.labels import SUMMARY_LABELS
from finsam_budget.money import format_amount, format_percent, share_value
from finsam_budget.problems import Problem
from finsam_budget.tables import Const, Unfavourable, evaluate

#: Which way a deviation is favourable for a row.
COST, INCOME, RESULT = "cost", "income", "result"


@dataclass(frozen=True)
class Thresholds:
    """When an unfavourable deviation is marked: beyond *both* limits.

    More than ``share`` of the budget (0.10 = 10 %) and more than ``amount`` kronor.
    Both must be exceeded so that neither a small line's few hundred kronor nor a
    large project's fraction of a percent is flagged; on a line with no budget
    every unfavourable kronor is "beyond" the share, so the amount decides.
    """

    share: Decimal = Decimal("0.10")
    amount: Decimal = Decimal(50000)

    def marks(self, deviation: Decimal | None, budget: Decimal) -> bool:
        """The rule the workbook's conditional format writes (``tables.Unfavourable``)."""
        if deviation is None:
            return False
        rule = Unfavourable(Const(deviation), Const(budget), Const(self.amount), Const(self.share))
        return evaluate(rule, lambda ref: ZERO) == 1

    def describe(self) -> str:
        """``mer än 10 % av budgeten och mer än 50 000 kr``."""
        return (
            f"mer än {format_percent(self.share, _percent_decimals(self.share))} av budgeten "
            f"och mer än {format_amount(self.amount)} kr"
        )


def _percent_decimals(share: Decimal) -> int:
    percent = (share * 100).normalize()
    return max(0, -percent.as_tuple().exponent)  # type: ignore[operator]


@dataclass(frozen=True)
class DriftRow:
    """One row of income, costs or result: actual, budget and (when given) forecast and last year.

    ``kind`` says which way a deviation is favourable (``cost``, ``income``, ``result``).
    ``forecast_profile`` names the line's own monthly profile (``months``,
    ``quarters``, ``period``) when an estimated forecast followed it; ``remark``
    is the engine's own remark for the row (the accounts of an unlisted row).
    """

    key: str
    label: str
    kind: str
    actual: Decimal
    budget: Decimal
    forecast: Decimal | None = None
    previous: Decimal | None = None
    actual_missing: bool = False
    forecast_estimated: bool = False
    forecast_profile: str | None = None
    remark: str = ""

    @property
    def deviation(self) -> Decimal:
        """Avvikelse utfall – budget, positive when favourable."""
        return favourable(self.kind, self.actual, self.budget)

    @property
    def deviation_share(self) -> Decimal | None:
        """The deviation as a share of the budget's size (``None`` when the budget is 0)."""
        return _share(self.deviation, self.budget)

    @property
    def forecast_deviation(self) -> Decimal | None:
        """Avvikelse prognos – budget, positive when favourable (``None`` without a forecast)."""
        if self.forecast is None:
            return None
        return favourable(self.kind, self.forecast, self.budget)


@dataclass(frozen=True)
class BalanceRow:
    """Utgående eget kapital or likvida medel: balances at the period's end, not flows.

    ``deviation`` is actual − budget, given only for a full year (a balance at the
    end of August says nothing against the budget's balance at the end of December).
    """

    key: str
    label: str
    actual: Decimal | None
    budget: Decimal | None
    deviation: Decimal | None = None
    forecast: Decimal | None = None
    forecast_deviation: Decimal | None = None
    previous: Decimal | None = None


@dataclass(frozen=True)
class Summary:
    """The summary block of a published driftsredovisning, in its order.

    ``cash`` is ``None`` when neither the actuals nor last year's bokslut give it.
    """

    costs: DriftRow
    income: DriftRow
    result: DriftRow
    closing_equity: BalanceRow
    cash: BalanceRow | None

    def rows(self) -> tuple[DriftRow | BalanceRow, ...]:
        """Nettokostnad, Bidrag/Intäkt, Resultat, Utgående eget kapital and (when given) Likvida medel."""
        rows: tuple[DriftRow | BalanceRow, ...] = (self.costs, self.income, self.result, self.closing_equity)
        return rows if self.cash is None else (*rows, self.cash)


@dataclass(frozen=True)
class DriftSection:
    """A cost section's lines and its subtotal."""

    key: str
    heading: str
    lines: tuple[DriftRow, ...]
    total: DriftRow


@dataclass(frozen=True)
class Driftsredovisning:
    """The driftsredovisning of one year: summary rows, detail, balances, warnings.

    ``through`` is the last month of the actuals (12 for a full year). The detail
    is the member contributions (``members`` with ``member_total``), other income
    (with the unlisted income row last), ``income``, the cost ``sections``, the
    unlisted cost row (``other_costs``, empty or one row), ``costs`` and
    ``result``; ``summary()`` is the block above it. ``cash`` is ``None`` when no
    file gives it; ``unlisted_notes`` list the accounts behind the unlisted rows.
    """

    federation: str
    title: str
    year: int
    through: int
    scenario_source: str
    actuals_source: str
    previous_source: str | None
    members: tuple[DriftRow, ...]
    member_total: DriftRow
    other_income: tuple[DriftRow, ...]
    income: DriftRow
    sections: tuple[DriftSection, ...]
    costs: DriftRow
    result: DriftRow
    opening_equity: Decimal
    opening_from_previous: bool
    budget_opening_equity: Decimal
    closing_equity: BalanceRow
    closing_equity_given: bool
    cash: BalanceRow | None
    thresholds: Thresholds = field(default_factory=Thresholds)
    warnings: tuple[Problem, ...] = ()
    other_costs: tuple[DriftRow, ...] = ()
    unlisted_notes: tuple[str, ...] = ()
    actuals_kind: str = TOML

    @property
    def interim(self) -> bool:
        """A delårsrapport: actuals to a month before December, with a forecast column."""
        return self.through < 12

    @property
    def has_previous(self) -> bool:
        return self.previous_source is not None

    @property
    def months_left(self) -> int:
        return 12 - self.through

    def summary(self) -> Summary:
        """The summary block: the detail's totals under the names a published report uses."""
        return Summary(
            costs=_relabel(self.costs, "costs"),
            income=_relabel(self.income, "income"),
            result=_relabel(self.result, "result"),
            closing_equity=self.closing_equity,
            cash=self.cash,
        )

    def detail_lines(self) -> Iterator[DriftRow]:
        """Every line of the detail (not the subtotals), income first."""
        yield from self.members
        yield from self.other_income
        for section in self.sections:
            yield from section.lines
        yield from self.other_costs

    def flow_rows(self) -> Iterator[DriftRow]:
        """Every income, cost and result row, lines and totals."""
        yield from self.members
        yield self.member_total
        yield from self.other_income
        yield self.income
        for section in self.sections:
            yield from section.lines
            yield section.total
        yield from self.other_costs
        yield self.costs
        yield self.result

    def marked_deviation(self, row: DriftRow) -> Decimal | None:
        """The deviation that is judged against the thresholds: the forecast's in a delårsrapport."""
        return row.forecast_deviation if self.interim else row.deviation

    def marked_share(self, row: DriftRow) -> Decimal | None:
        """The judged deviation as a share of the budget's size (``None`` without a deviation or budget)."""
        deviation = self.marked_deviation(row)
        return None if deviation is None else _share(deviation, row.budget)

    def is_marked(self, row: DriftRow) -> bool:
        """True when the row's deviation is unfavourable beyond the thresholds."""
        return self.thresholds.marks(self.marked_deviation(row), row.budget)

    def marked_text(self, row: DriftRow) -> str:
        """A marked row's finding: ``Hälsobalans: avvikelsen -63 900 kr (−100 %) är ogynnsam, mer än …``."""
        deviation = self.marked_deviation(row) or ZERO  # a marked row has one
        ratio = self.marked_share(row)
        share = "" if ratio is None else f" ({format_percent(ratio)})"
        what = "prognosens avvikelse" if self.interim else "avvikelsen"
        return f"{row.label}: {what} {format_amount(deviation)} kr{share} är ogynnsam, {self.thresholds.describe()}"

    def estimated_lines(self) -> tuple[DriftRow, ...]:
        return tuple(row for row in self.detail_lines() if row.forecast_estimated)

    # Headings, shared by the workbook and the terminal table.

    @property
    def heading(self) -> str:
        """``Driftsredovisning 2022`` or ``Driftsredovisning jan–aug 2022 (delårsrapport)``."""
        return labels.report_heading(self.year, self.through)

    @property
    def actual_heading(self) -> str:
        return labels.actual_heading(self.year, self.through)

    @property
    def budget_heading(self) -> str:
        return labels.budget_heading(self.year)

    deviation_heading = labels.DEVIATION_HEADING
    share_heading = labels.SHARE_HEADING
    forecast_deviation_heading = labels.FORECAST_DEVIATION_HEADING

    @property
    def forecast_heading(self) -> str:
        return labels.forecast_heading(self.year)

    @property
    def previous_heading(self) -> str:
        return labels.previous_heading(self.year)

    @property
    def months_left_text(self) -> str:
        """The months after the actuals: ``sep–dec``, or ``dec``."""
        return labels.months_left_text(self.through)

    def forecast_method(self) -> str:
        """How a forecast the file does not give is estimated, in Swedish."""
        profiled = any(row.forecast_profile for row in self.estimated_lines())
        return labels.forecast_method(self.through, profiled=profiled)

    def row_forecast_method(self, row: DriftRow) -> str:
        """How this row's estimated forecast was made: the report's rule, or the row's own profile."""
        if row.forecast_profile is None or row.forecast is None:
            return self.forecast_method()
        return labels.profile_forecast_method(self.through, row.forecast_profile, row.forecast - row.actual)

    @property
    def workbook_suffix(self) -> str:
        """What a workbook's default name adds to the scenario's: ``-drift-2022`` or ``-drift-2022-08``."""
        return labels.workbook_suffix(self.year, self.through)


def favourable(kind: str, value: Decimal, budget: Decimal) -> Decimal:
    """The deviation of ``value`` from ``budget``, positive when favourable."""
    return budget - value if kind == COST else value - budget


def _share(deviation: Decimal, budget: Decimal) -> Decimal | None:
    return None if budget == 0 else share_value(deviation, abs(budget))


def _relabel(row: DriftRow, key: str) -> DriftRow:
    return DriftRow(
        key=key,
        label=SUMMARY_LABELS[key],
        kind=row.kind,
        actual=row.actual,
        budget=row.budget,
        forecast=row.forecast,
        previous=row.previous,
    )

