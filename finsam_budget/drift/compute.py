"""Computing a driftsredovisning: one year of the budget against what was booked. Pure: no I/O.

The budget is the scenario's figures for the year ("Aktuell budget"). Actuals
must name the scenario's lines; a line the budget has no money for is allowed
when the scenario declares it (its budget is then 0), and a budget line without
an actual counts as 0 and is reported as a warning. Result accounts of an SIE
file that no line lists get two rows of their own (budget 0), so that the
result is the bookkeeping's. With actuals to the end of a month before December
(a delårsrapport) every row also gets a full-year forecast: the file's
``[forecast]`` where it gives one, else ``forecast.remaining_budget``.
"""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.actuals import SIE, TOML, Actuals, UnlistedAccount
from finsam_budget.constants import ZERO
from finsam_budget.drift.forecast import remaining_budget
from finsam_budget.drift.labels import SUMMARY_LABELS, TOTAL_LABELS, UNLISTED_LABELS
from finsam_budget.drift.model import (
    COST,
    INCOME,
    RESULT,
    BalanceRow,
    DriftRow,
    DriftSection,
    Driftsredovisning,
    Thresholds,
)
from finsam_budget.drift.sie_budget import BookedBudget, booked_budget_problems
from finsam_budget.drift.validation import (
    check_actuals,
    check_budget_totals,
    period_problems,
)
from finsam_budget.model import COST_SECTIONS, SECTION_LABELS, Line
from finsam_budget.money import format_amount
from finsam_budget.plan.engine import Plan, YearFigures
from finsam_budget.problems import InputError, Problem


def drift_year(plan: Plan, actuals: Actuals, year: int | None = None) -> int:
    """The year being reported: ``year`` when given, else the actuals' year, else the budget year."""
    if year is not None:
        return year
    if actuals.year is not None:
        return actuals.year
    return plan.scenario.budget_year


def previous_year(plan: Plan, actuals: Actuals | None, year: int | None = None) -> int:
    """The year of last year's bokslut: the one before the reported year (``drift_year``).

    Without readable actuals it is the year before ``year``, else before the budget year.
    """
    if actuals is None:
        return (year if year is not None else plan.scenario.budget_year) - 1
    return drift_year(plan, actuals, year) - 1


def compute_drift(
    plan: Plan,
    actuals: Actuals,
    *,
    year: int | None = None,
    previous: Actuals | None = None,
    through: tuple[int, int] | None = None,
    thresholds: Thresholds | None = None,
    booked_budget: BookedBudget | None = None,
) -> Driftsredovisning:
    """The driftsredovisning of ``year`` (see ``drift_year``) from a plan and its actuals.

    ``previous`` is last year's bokslut (full-year actuals) for the column Bokslut
    helår; ``through`` sets the actuals' last month when the file does not (CSV,
    xlsx); ``booked_budget`` is the bookkeeping's budget (an SIE file's #PBUDGET),
    compared with the scenario's for the report's period in the warnings
    (``sie_budget``). Raises InputError with every problem found: unknown lines, a
    year the scenario does not have, files that disagree about the period.
    """
    year = drift_year(plan, actuals, year)
    problems = period_problems(plan, actuals, year, previous, through)
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
    other_lines += builder.unnamed_objects("income")
    other_lines += [unlisted_income] if unlisted_income is not None else []
    other_costs = builder.unnamed_objects("cost")
    other_costs += [unlisted_costs] if unlisted_costs is not None else []
    member_total = builder.total("total:members", TOTAL_LABELS["members"], INCOME, member_lines)
    income = builder.total("total:income", TOTAL_LABELS["income"], INCOME, [member_total, *other_lines])
    sections = []
    for name in COST_SECTIONS:
        lines = [builder.line(line, COST) for line in scenario.section(name) if included(line)]
        total = builder.total(f"total:{name}", TOTAL_LABELS[name], COST, lines)
        sections.append(DriftSection(name, SECTION_LABELS[name], tuple(lines), total))
    costs = builder.total("total:costs", TOTAL_LABELS["costs"], COST, [s.total for s in sections] + other_costs)
    result = builder.difference("total:result", TOTAL_LABELS["result"], income, costs)
    check_budget_totals(figures, {"income": income.budget, "costs": costs.budget, "result": result.budget})

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
    # Once each: the same SIE file as --actuals and --previous gives the file's and the scenario's warnings twice.
    warnings = list(dict.fromkeys([*actuals.warnings, *(previous.warnings if previous is not None else ())]))
    warnings += builder.warnings
    if booked_budget is not None:
        warnings += [w for w in booked_budget.warnings if w not in warnings]
        warnings += booked_budget_problems(scenario, booked_budget, year, month)
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

    def unnamed_objects(self, kind: str) -> list[DriftRow]:
        """A row per SIE object (project, cost centre) with bookings that no line names, like unlisted accounts."""
        now = self.actuals.unnamed_objects_of(kind)
        before = self.previous.unnamed_objects_of(kind) if self.previous is not None else {}
        rows = []
        for key in sorted({*now, *before}):
            entries = now.get(key, ())
            earlier = before.get(key, ())
            actual = sum((e.amount for e in entries), ZERO)
            accounts = ", ".join(dict.fromkeys(e.account for e in (*entries, *earlier)))
            rows.append(
                DriftRow(
                    key=f"object:{key[0]}:{key[1]}:{kind}",
                    label=(entries or earlier)[0].object_label,
                    kind=INCOME if kind == "income" else COST,
                    actual=actual,
                    budget=ZERO,
                    forecast=actual if self.month < 12 else None,
                    previous=None if self.previous is None else sum((e.amount for e in earlier), ZERO),
                    forecast_estimated=self.month < 12,
                    remark=f"konton {accounts}",
                )
            )
        return rows

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
