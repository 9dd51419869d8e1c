"""Driftsredovisning: one year of the budget against what was booked. Pure: no I/O.

The budget is the scenario's figures for the year ("Aktuell budget"). Actuals
must name the scenario's lines; a line the budget has no money for is allowed
when the scenario declares it (its budget is then 0), and a budget line without
an actual counts as 0 and is reported as a warning. Result accounts of an SIE
file that no line lists get two rows of their own (budget 0), so that the
result is the bookkeeping's.

A deviation is positive when it is favourable (how published driftsredovisningar
show it): for costs budget − actual, for income and the result actual − budget.
With actuals to the end of a month before December (a delårsrapport) every row
also gets a full-year forecast (prognos helår): the file's ``[forecast]`` where it
gives one, else actual + the budget of the remaining months (see ``remaining_budget``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

from finsam_budget.actuals import SIE, TOML, Actuals, UnlistedAccount
from finsam_budget.constants import SHARE_PLACES, ZERO
from finsam_budget.model import COST_SECTIONS, SECTION_LABELS, Line, Scenario
from finsam_budget.money import (
    AmountError,
    format_amount,
    format_percent,
    fraction_to_decimal,
    parse_swedish_amount,
)
from finsam_budget.plan.engine import Plan, YearFigures
from finsam_budget.plan.periods import monthly_amounts, year_weight
from finsam_budget.problems import InputError, Problem

MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

#: Which way a deviation is favourable for a row.
COST, INCOME, RESULT = "cost", "income", "result"


#: The rows of the summary block, as a published driftsredovisning names them.
SUMMARY_LABELS = {
    "costs": "Nettokostnad",
    "income": "Bidrag/Intäkt",
    "result": "Resultat",
    "closing_equity": "Utgående eget kapital",
    "cash": "Likvida medel",
}
TOTAL_LABELS = {
    "members": "Summa medlemsbidrag",
    "income": "Summa intäkter",
    "admin": "Summa administration",
    "development": "Summa utvecklingsinsatser",
    "projects": "Summa projekt",
    "costs": "Summa kostnader",
    "result": "Resultat (intäkter − kostnader)",
}

#: The rows of an SIE file's result accounts that no scenario line lists, by kind.
UNLISTED_LABELS = {
    "income": "Övriga intäkter utan rad i scenariot",
    "cost": "Övriga kostnader utan rad i scenariot",
}
#: How a line's own monthly profile is named in a remark.
PROFILE_WORDS = {"months": "radens månader", "quarters": "radens kvartal", "period": "projektets period"}

_THROUGH = re.compile(r"^(\d{4})-(\d{1,2})$")


# --- Thresholds ------------------------------------------------------------------


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
        if deviation is None or deviation >= 0:
            return False
        shortfall = -deviation
        if shortfall <= self.amount:
            return False
        return budget == 0 or shortfall > self.share * abs(budget)

    def describe(self) -> str:
        """``mer än 10 % av budgeten och mer än 50 000 kr``."""
        return (
            f"mer än {format_percent(self.share, _percent_decimals(self.share))} av budgeten "
            f"och mer än {format_amount(self.amount)} kr"
        )


def parse_threshold_percent(text: str) -> Decimal:
    """``"10"``, ``"10 %"`` or ``"7,5"`` → the share 0.10 / 0.075; AmountError when not a percentage."""
    try:
        percent = parse_swedish_amount(text.strip().removesuffix("%"))
    except AmountError:
        raise AmountError(f'väntade en procentsats, t.ex. "10" eller "7,5 %", fick "{text}"') from None
    if percent < 0:
        raise AmountError(f"procentsatsen kan inte vara negativ, fick {text}")
    return percent / 100


def parse_threshold_amount(text: str) -> Decimal:
    """``"50000"`` or ``"50 000"`` → 50000; AmountError when not an amount or negative."""
    amount = parse_swedish_amount(text)
    if amount < 0:
        raise AmountError(f"beloppet kan inte vara negativt, fick {text}")
    return amount


def parse_through(text: str) -> tuple[int, int]:
    """``"2022-08"`` → (2022, 8); AmountError (a Swedish message) when not a year and month."""
    found = _THROUGH.match(text.strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise AmountError(f'väntade år och månad, t.ex. "2022-08", fick "{text}"')
    return int(found.group(1)), int(found.group(2))


def _percent_decimals(share: Decimal) -> int:
    percent = (share * 100).normalize()
    return max(0, -percent.as_tuple().exponent)  # type: ignore[operator]


# --- The report ------------------------------------------------------------------


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

    def is_marked(self, row: DriftRow) -> bool:
        """True when the row's deviation is unfavourable beyond the thresholds."""
        return self.thresholds.marks(self.marked_deviation(row), row.budget)

    def estimated_lines(self) -> tuple[DriftRow, ...]:
        return tuple(row for row in self.detail_lines() if row.forecast_estimated)

    # Headings, shared by the workbook and the terminal table.

    @property
    def heading(self) -> str:
        """``Driftsredovisning 2022`` or ``Driftsredovisning jan–aug 2022 (delårsrapport)``."""
        if self.interim:
            return f"Driftsredovisning {self.actual_heading.removeprefix('Utfall ')} (delårsrapport)"
        return f"Driftsredovisning {self.year}"

    @property
    def actual_heading(self) -> str:
        period = MONTHS[0] if self.through == 1 else f"{MONTHS[0]}–{MONTHS[self.through - 1]}"
        return f"Utfall {period} {self.year}"

    @property
    def budget_heading(self) -> str:
        return f"Aktuell budget jan–dec {self.year}"

    deviation_heading = "Avvikelse utfall – budget"
    share_heading = "Avvikelse i %"
    forecast_deviation_heading = "Avvikelse prognos – budget"

    @property
    def forecast_heading(self) -> str:
        return f"Prognos helår {self.year}"

    @property
    def previous_heading(self) -> str:
        return f"Bokslut helår {self.year - 1}"

    @property
    def months_left_text(self) -> str:
        """The months after the actuals: ``sep–dec``, or ``dec``."""
        return "dec" if self.through == 11 else f"{MONTHS[self.through]}–dec"

    def forecast_method(self) -> str:
        """How a forecast the file does not give is estimated, in Swedish."""
        text = (
            f"utfall jan–{MONTHS[self.through - 1]} + återstående budget "
            f"({self.months_left}/12 av helårsbudgeten, avrundat till hela kronor"
        )
        if any(row.forecast_profile for row in self.estimated_lines()):
            text += (
                f"; på en rad med egna månader eller kvartal, och för ett projekt vars period inte täcker "
                f"hela året, budgeten för {self.months_left_text} enligt dem"
            )
        return text + ")"

    def row_forecast_method(self, row: DriftRow) -> str:
        """How this row's estimated forecast was made: the report's rule, or the row's own profile."""
        if row.forecast_profile is None or row.forecast is None:
            return self.forecast_method()
        return (
            f"utfall jan–{MONTHS[self.through - 1]} + budgeten för {self.months_left_text} enligt "
            f"{PROFILE_WORDS[row.forecast_profile]} ({format_amount(row.forecast - row.actual)} kr)"
        )


def favourable(kind: str, value: Decimal, budget: Decimal) -> Decimal:
    """The deviation of ``value`` from ``budget``, positive when favourable."""
    return budget - value if kind == COST else value - budget


def estimate_forecast(actual: Decimal, budget: Decimal, months_left: int) -> Decimal:
    """Actual + the budget of the remaining months, pro rata, rounded half up to the krona.

    The workbook writes the same as ``=actual+ROUND(budget*months_left/12,0)``.
    """
    remaining = (budget * months_left / 12).quantize(Decimal(1), ROUND_HALF_UP)
    return actual + remaining


def monthly_profile(line: Line, year: int) -> str | None:
    """The line's own monthly profile for ``year``, or ``None`` when its budget is even over the year.

    ``months`` or ``quarters`` when the line gives them for the year; ``period``
    for a project whose period covers only part of the year.
    """
    if year in line.months:
        return "months"
    if year in line.quarters:
        return "quarters"
    if line.period is not None and 0 < year_weight(line.period, year) < 12:
        return "period"
    return None


def remaining_budget(line: Line, year: int, through: int) -> tuple[Decimal, str | None]:
    """The line's budget for the months after ``through``, and the profile that spread it.

    A line with its own profile (``monthly_profile``) follows it, month by month
    as the liquidity plan spreads it (``periods.monthly_amounts``); any other line
    gets (12 − through)/12 of the year's budget, rounded half up to the krona.
    """
    profile = monthly_profile(line, year)
    if profile is None:
        return estimate_forecast(ZERO, line.amount(year), 12 - through), None
    return sum(monthly_amounts(line, year)[through:], ZERO), profile


def _share(deviation: Decimal, budget: Decimal) -> Decimal | None:
    if budget == 0:
        return None
    return fraction_to_decimal(Fraction(deviation) / Fraction(abs(budget)), SHARE_PLACES)


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


# --- Checking the actuals against the scenario ----------------------------------


def drift_year(plan: Plan, actuals: Actuals, year: int | None = None) -> int:
    """The year being reported: ``year`` when given, else the actuals' year, else the budget year."""
    if year is not None:
        return year
    if actuals.year is not None:
        return actuals.year
    return plan.scenario.budget_year


def check_actuals(scenario: Scenario, actuals: Actuals, *, role: str = "utfall") -> list[Problem]:
    """Every line id of ``actuals`` (amounts, rows and forecast) that the scenario does not declare.

    Each problem names the actuals file and the key (TOML) or row (CSV, xlsx).
    ``role`` is how the message names the file's figures ("utfall", "bokslut").
    The rows count too: a reader's partial actuals list there the lines whose
    amount could not be read.
    """
    known = [line.key for line in scenario.lines()]
    problems: list[Problem] = []
    amounts = dict.fromkeys([*actuals.amounts, *actuals.rows])
    for table, entries in (("amounts", amounts), ("forecast", actuals.forecast)):
        for line_id in entries:
            if scenario.line(line_id) is not None:
                continue
            if table == "forecast" and actuals.rows.get(line_id) is not None:
                continue  # a table file's row has both: reported once, for the amount
            message = (
                f"raden {line_id} finns inte i scenariot {Path(scenario.source).name}; {role} kan bara anges för "
                "scenariots rader (en ny rad läggs till i scenariot, med budget 0 om den saknar budget)"
            )
            close = difflib.get_close_matches(line_id, known, n=1, cutoff=0.85)
            if close:
                message += f"; menade du {close[0]}?"
            problems.append(_located(actuals, table, line_id, message))
    return problems


def _located(actuals: Actuals, table: str, line_id: str, message: str, severity: str = "error") -> Problem:
    row = actuals.rows.get(line_id)
    if row is not None:
        return Problem(actuals.source, message, row=row, severity=severity)
    return Problem(actuals.source, message, key=f'[{table}]."{line_id}"', severity=severity)


def _period_problems(
    plan: Plan, actuals: Actuals, year: int, previous: Actuals | None, through: tuple[int, int] | None
) -> list[Problem]:
    scenario = plan.scenario
    problems: list[Problem] = []
    if year not in scenario.years:
        years = ", ".join(map(str, scenario.years))
        problems.append(
            Problem(scenario.source, f"scenariot har ingen budget för {year} (åren är {years})", key="years")
        )
    if actuals.year is not None and actuals.year != year:
        problems.append(Problem(actuals.source, f"filen gäller år {actuals.year}, men år {year} redovisas", key="year"))
    if through is not None:
        if through[0] != year:
            problems.append(
                Problem(actuals.source, f"--through {through[0]}-{through[1]:02d} ligger inte i år {year}")
            )
        elif actuals.through is not None and actuals.through != through:
            problems.append(
                Problem(
                    actuals.source,
                    f"filen säger through = \"{actuals.through[0]}-{actuals.through[1]:02d}\", "
                    f"men --through {through[0]}-{through[1]:02d} angavs",
                    key="through",
                )
            )
    if previous is not None:
        if previous.year is not None and previous.year != year - 1:
            problems.append(
                Problem(
                    previous.source,
                    f"bokslutet gäller år {previous.year}, men föregående år är {year - 1}",
                    key="year",
                )
            )
        if previous.through is not None and previous.through[1] != 12:
            month = f"{previous.through[0]}-{previous.through[1]:02d}"
            problems.append(
                Problem(
                    previous.source,
                    f'bokslutet för föregående år ska gälla helår, men filen går till "{month}"',
                    key="through",
                )
            )
    return problems


# --- Computing -------------------------------------------------------------------


def compute_drift(
    plan: Plan,
    actuals: Actuals,
    *,
    year: int | None = None,
    previous: Actuals | None = None,
    through: tuple[int, int] | None = None,
    thresholds: Thresholds | None = None,
) -> Driftsredovisning:
    """The driftsredovisning of ``year`` (see ``drift_year``) from a plan and its actuals.

    ``previous`` is last year's bokslut (full-year actuals) for the column Bokslut
    helår; ``through`` sets the actuals' last month when the file does not (CSV,
    xlsx). Raises InputError with every problem found: unknown lines, a year the
    scenario does not have, files that disagree about the period.
    """
    year = drift_year(plan, actuals, year)
    problems = _period_problems(plan, actuals, year, previous, through)
    problems += check_actuals(plan.scenario, actuals)
    if previous is not None:
        problems += check_actuals(plan.scenario, previous, role="bokslut")
    if problems:
        raise InputError(problems)

    scenario = plan.scenario
    figures = plan.year(year)
    period = actuals.through or through
    month = period[1] if period is not None else 12
    builder = _Builder(actuals, previous, year, month)

    def included(line: Line) -> bool:
        """Lines with a budget this year, or named by a file; others are all zero and left out."""
        return line.amount(year) != 0 or builder.named(line.key)

    member_lines = [
        builder.line(line, INCOME)
        for member in scenario.members
        for line in scenario.income
        if line.member == member.id and included(line)
    ]
    other_lines = [builder.line(line, INCOME) for line in scenario.income if line.member is None and included(line)]
    unlisted_income, unlisted_costs = builder.unlisted("income"), builder.unlisted("cost")
    other_lines += [unlisted_income] if unlisted_income is not None else []
    other_costs = [unlisted_costs] if unlisted_costs is not None else []
    member_total = builder.total("total:members", TOTAL_LABELS["members"], INCOME, member_lines)
    income = builder.total("total:income", TOTAL_LABELS["income"], INCOME, [member_total, *other_lines])
    sections = []
    for name in COST_SECTIONS:
        lines = [builder.line(line, COST) for line in scenario.section(name) if included(line)]
        total = builder.total(f"total:{name}", TOTAL_LABELS[name], COST, lines)
        sections.append(DriftSection(name, SECTION_LABELS[name], tuple(lines), total))
    costs = builder.total("total:costs", TOTAL_LABELS["costs"], COST, [s.total for s in sections] + other_costs)
    result = builder.difference("total:result", TOTAL_LABELS["result"], income, costs)
    _check_budget(figures, income, costs, result)

    # Opening equity: last year's bokslut when it says, else the plan's (often a prognosis).
    opening_from_previous = previous is not None and previous.closing_equity is not None
    opening = figures.opening_equity
    if previous is not None and previous.closing_equity is not None:
        opening = previous.closing_equity
    closing_equity = _closing_equity(actuals, previous, figures, opening, result)
    # Likvida medel only when a file gives it (TOML [balances] cash, or an SIE file's 19xx).
    previous_cash = previous.cash if previous is not None else None
    cash = None
    if actuals.cash is not None or previous_cash is not None:
        cash = BalanceRow(
            key="cash", label=SUMMARY_LABELS["cash"], actual=actuals.cash, budget=None, previous=previous_cash
        )

    # What the readers found first (an SIE file's unlisted accounts, a skipped total
    # row), so that the workbook's Kontroller shows it as the terminal does.
    warnings = list(actuals.warnings) + (list(previous.warnings) if previous is not None else [])
    warnings += builder.warnings
    if month == 12 and actuals.forecast:
        from_toml = actuals.kind == TOML
        warnings.append(
            Problem(
                actuals.source,
                "prognosen används inte, för utfallet gäller helår; en delårsrapport anges med "
                + (f'through = "{year}-08"' if from_toml else f"--through {year}-08")
                + " (utfall till och med augusti)",
                key="[forecast]" if from_toml else None,
                severity="warning",
            )
        )
    given = actuals.closing_equity
    if opening_from_previous and given is not None and given != opening + result.actual:
        # An SIE file has no [balances]: its equity is the balance sheet's.
        from_sie = actuals.kind == SIE
        warnings.append(
            Problem(
                actuals.source,
                f"utgående eget kapital {format_amount(given)} kr "
                f"({'enligt SIE-filens balansräkning' if from_sie else 'enligt filen'}) är inte ingående eget "
                f"kapital {format_amount(opening)} kr (bokslut {year - 1}) + resultatet "
                f"{format_amount(result.actual)} kr; differens {format_amount(given - opening - result.actual)} kr",
                key=None if from_sie else "[balances].closing_equity",
                severity="warning",
            )
        )

    return Driftsredovisning(
        federation=scenario.federation,
        title=scenario.title,
        year=year,
        through=month,
        scenario_source=scenario.source,
        actuals_source=actuals.source,
        previous_source=previous.source if previous is not None else None,
        members=tuple(member_lines),
        member_total=member_total,
        other_income=tuple(other_lines),
        income=income,
        sections=tuple(sections),
        costs=costs,
        result=result,
        opening_equity=opening,
        opening_from_previous=opening_from_previous,
        budget_opening_equity=figures.opening_equity,
        closing_equity=closing_equity,
        closing_equity_given=actuals.closing_equity is not None,
        cash=cash,
        thresholds=thresholds or Thresholds(),
        warnings=tuple(warnings),
        other_costs=tuple(other_costs),
        unlisted_notes=tuple(builder.unlisted_notes),
        actuals_kind=actuals.kind,
    )


def _closing_equity(
    actuals: Actuals, previous: Actuals | None, figures: YearFigures, opening: Decimal, result: DriftRow
) -> BalanceRow:
    """Utgående eget kapital: the file's figure, else opening equity + the actual result.

    Its forecast adds the rest of the year's forecast result to the actual figure.
    """
    actual = actuals.closing_equity if actuals.closing_equity is not None else opening + result.actual
    budget = figures.closing_equity
    forecast = None if result.forecast is None else actual + result.forecast - result.actual
    return BalanceRow(
        key="closing_equity",
        label=SUMMARY_LABELS["closing_equity"],
        actual=actual,
        budget=budget,
        deviation=actual - budget if forecast is None else None,
        forecast=forecast,
        forecast_deviation=None if forecast is None else forecast - budget,
        previous=previous.closing_equity if previous is not None else None,
    )


class _Builder:
    """Makes the rows of one report; collects the warnings about missing actuals."""

    def __init__(self, actuals: Actuals, previous: Actuals | None, year: int, month: int):
        self.actuals = actuals
        self.previous = previous
        self.year = year
        self.month = month
        self.warnings: list[Problem] = []
        self.unlisted_notes: list[str] = []

    def named(self, key: str) -> bool:
        return (
            key in self.actuals.amounts
            or (self.month < 12 and key in self.actuals.forecast)
            or (self.previous is not None and key in self.previous.amounts)
        )

    def line(self, line: Line, kind: str) -> DriftRow:
        budget = line.amount(self.year)
        missing = line.key not in self.actuals.amounts
        actual = self.actuals.amounts.get(line.key, ZERO)
        if missing and budget != 0:
            self.warnings.append(
                Problem(
                    self.actuals.source,
                    f"raden {line.key} ({line.name}) har budget {format_amount(budget)} kr men inget utfall; "
                    "den räknas som 0",
                    severity="warning",
                )
            )
        forecast, estimated, profile = None, False, None
        if self.month < 12:
            if line.key in self.actuals.forecast:
                forecast = self.actuals.forecast[line.key]
            else:
                remaining, profile = remaining_budget(line, self.year, self.month)
                forecast, estimated = actual + remaining, True
        previous = None if self.previous is None else self.previous.amounts.get(line.key, ZERO)
        return DriftRow(
            key=line.key,
            label=line.name,
            kind=kind,
            actual=actual,
            budget=budget,
            forecast=forecast,
            previous=previous,
            actual_missing=missing and budget != 0,
            forecast_estimated=estimated,
            forecast_profile=profile,
        )

    def unlisted(self, kind: str) -> DriftRow | None:
        """The row of the result accounts of one kind that no line lists; ``None`` when neither year has any.

        Its budget is 0; a delårsrapport forecasts the actual (no budget is left).
        """
        now = self.actuals.unlisted_of(kind)
        before = self.previous.unlisted_of(kind) if self.previous is not None else ()
        if not now and not before:
            return None
        label = UNLISTED_LABELS[kind]
        actual = sum((account.amount for account in now), ZERO)
        accounts = ", ".join(dict.fromkeys(account.account for account in (*now, *before)))
        listed = [f"utfall {self.year}: {_accounts_text(now)}"] if now else []
        listed += [f"bokslut {self.year - 1}: {_accounts_text(before)}"] if before else []
        self.unlisted_notes.append(
            f"{label}: resultatkonton med belopp som ingen rad i scenariot listar (accounts), "
            f"med budgetens tecken; {'; '.join(listed)}."
        )
        return DriftRow(
            key="unlisted:income" if kind == "income" else "unlisted:costs",
            label=label,
            kind=INCOME if kind == "income" else COST,
            actual=actual,
            budget=ZERO,
            forecast=actual if self.month < 12 else None,
            previous=None if self.previous is None else sum((a.amount for a in before), ZERO),
            forecast_estimated=self.month < 12,
            remark=f"konton {accounts} (se noten under tabellen)",
        )

    def total(self, key: str, label: str, kind: str, rows: list[DriftRow]) -> DriftRow:
        return DriftRow(
            key=key,
            label=label,
            kind=kind,
            actual=sum((r.actual for r in rows), ZERO),
            budget=sum((r.budget for r in rows), ZERO),
            forecast=None if self.month == 12 else _sum([r.forecast for r in rows]),
            previous=None if self.previous is None else _sum([r.previous for r in rows]),
        )

    def difference(self, key: str, label: str, plus: DriftRow, minus: DriftRow) -> DriftRow:
        def sub(a: Decimal | None, b: Decimal | None) -> Decimal | None:
            return None if a is None or b is None else a - b

        return DriftRow(
            key=key,
            label=label,
            kind=RESULT,
            actual=plus.actual - minus.actual,
            budget=plus.budget - minus.budget,
            forecast=sub(plus.forecast, minus.forecast),
            previous=sub(plus.previous, minus.previous),
        )


def _accounts_text(accounts: tuple[UnlistedAccount, ...]) -> str:
    """``8420 Ränteintäkter 1 250,75 kr, 8520 Räntekostnader 312 kr``."""
    return ", ".join(
        f"{a.account}{' ' + a.name if a.name else ''} {format_amount(a.amount)} kr" for a in accounts
    )


def _sum(values: list[Decimal | None]) -> Decimal:
    """The sum of a column that every row of this report has (``None`` never occurs)."""
    return sum((value for value in values if value is not None), ZERO)


def _check_budget(figures: YearFigures, income: DriftRow, costs: DriftRow, result: DriftRow) -> None:
    """The detail's budget column adds up to the plan's figures (lines left out are all zero)."""
    assert income.budget == figures.income, (income.budget, figures.income)
    assert costs.budget == figures.costs, (costs.budget, figures.costs)
    assert result.budget == figures.result, (result.budget, figures.result)
