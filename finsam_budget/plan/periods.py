"""Periods: spreading amounts over months and years, and project budgets derived from grants.

Pure, no I/O. The rules (README, "Budget ur beviljat belopp, och avrundningen"):

* A project's period weighs each calendar month it touches: a whole month
  counts 1, a partly covered month counts covered days / days in that month
  (February has 29 days in a leap year). A year's weight is the sum of its
  months, so every full year weighs 12 whatever its number of days.
* An amount is spread over weights by the largest-remainder method: every part
  gets the floor of its exact share, and the units left over go one each to the
  parts with the largest remainders (ties: the earlier part). The parts always
  sum exactly to the amount. The unit is 1 kr when the amount is whole kronor,
  otherwise 1 öre.
* A grant for the whole period: budget = grant × factor rounded half up to whole
  kronor, once; that budget is spread over the period's years by their weights.
  A grant per year: each year's budget = that year's grant × factor, rounded half
  up to whole kronor.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from finsam_budget.constants import ONE_ORE, ZERO
from finsam_budget.model import Line, Period, Scenario, frozen_map

ONE_KRONA = Decimal(1)
MONTHS = tuple(range(1, 13))
#: The months of each quarter.
QUARTER_MONTHS = ((1, 2, 3), (4, 5, 6), (7, 8, 9), (10, 11, 12))


def month_weights(period: Period, year: int) -> tuple[Fraction, ...]:
    """The 12 months' weights of ``year`` in ``period``: the share of each month's days covered."""
    weights = []
    for month in MONTHS:
        days = calendar.monthrange(year, month)[1]
        first, last = date(year, month, 1), date(year, month, days)
        covered = (min(last, period.end) - max(first, period.start)).days + 1
        weights.append(Fraction(max(covered, 0), days))
    return tuple(weights)


def year_weight(period: Period, year: int) -> Fraction:
    """How many months of ``year`` the period covers (partial months pro rata by days)."""
    return sum(month_weights(period, year), Fraction(0))


def period_years(period: Period) -> range:
    return range(period.start.year, period.end.year + 1)


def spread(amount: Decimal, weights: Sequence[Fraction | int]) -> tuple[Decimal, ...]:
    """``amount`` split in proportion to ``weights`` by the largest-remainder method.

    The parts sum exactly to ``amount``; a part with weight 0 gets 0. Whole kronor
    are split in kronor, an amount with öre in öre.
    """
    total = sum((Fraction(w) for w in weights), Fraction(0))
    if total <= 0:
        raise ValueError("spread needs at least one positive weight")
    unit = ONE_KRONA if amount == amount.to_integral_value() else ONE_ORE
    units = int(abs(amount) / unit)
    quotas = [Fraction(units) * Fraction(w) / total for w in weights]
    parts = [q.numerator // q.denominator for q in quotas]
    left = units - sum(parts)
    by_remainder = sorted(range(len(parts)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for index in by_remainder[:left]:
        parts[index] += 1
    sign = -1 if amount < 0 else 1
    return tuple(Decimal(sign * part) * unit if part else ZERO for part in parts)


def round_kronor(value: Fraction) -> Decimal:
    """Round half up (away from zero at exactly ½) to whole kronor."""
    magnitude = abs(value)
    whole = int(magnitude + Fraction(1, 2))
    return Decimal(whole if value >= 0 else -whole)


def granted_by_year(line: Line) -> dict[int, Decimal]:
    """The grant per year: as given, or a whole-period grant spread over the period's years."""
    if line.granted_total is None:
        return dict(line.granted)
    if line.period is None:  # pragma: no cover - the reader requires a period for a total grant
        return {}
    years = period_years(line.period)
    parts = spread(line.granted_total, [year_weight(line.period, y) for y in years])
    return dict(zip(years, parts))


def budget_from_grant(line: Line) -> dict[int, Decimal]:
    """The yearly budget a grant gives: grant × budget factor, rounded as the module says."""
    factor = line.budget_factor
    if line.granted_total is None:
        return {year: round_kronor(Fraction(g) * factor) for year, g in line.granted.items()}
    if line.period is None:  # pragma: no cover - the reader requires a period for a total grant
        return {}
    budget = round_kronor(Fraction(line.granted_total) * factor)
    years = period_years(line.period)
    parts = spread(budget, [year_weight(line.period, y) for y in years])
    return dict(zip(years, parts))


def with_derived_budgets(scenario: Scenario) -> Scenario:
    """The scenario with every granted project's missing years filled in from its grant."""
    projects = []
    changed = False
    for line in scenario.projects:
        if not line.has_grant:
            projects.append(line)
            continue
        derived = {
            year: amount
            for year, amount in budget_from_grant(line).items()
            if year in scenario.years and year not in line.amounts
        }
        if not derived:
            projects.append(line)
            continue
        changed = True
        amounts = {year: line.amounts.get(year, derived.get(year)) for year in scenario.years
                   if year in line.amounts or year in derived}
        projects.append(
            replace(
                line,
                amounts=frozen_map(amounts),
                derived_years=tuple(sorted(set(line.derived_years) | set(derived))),
            )
        )
    return replace(scenario, projects=tuple(projects)) if changed else scenario


def monthly_amounts(line: Line, year: int) -> tuple[Decimal, ...]:
    """The line's amount for ``year`` month by month (12 parts summing to the year figure).

    Months as written; quarters each spread evenly over their three months; a
    project's year spread over the months of its period (pro rata by days);
    otherwise evenly over the twelve months.
    """
    if year in line.months:
        return tuple(line.months[year])
    if year in line.quarters:
        parts: list[Decimal] = []
        for amount in line.quarters[year]:
            parts.extend(spread(amount, (1, 1, 1)))
        return tuple(parts)
    amount = line.amount(year)
    if line.period is not None and year_weight(line.period, year) > 0:
        return spread(amount, month_weights(line.period, year))
    return spread(amount, (1,) * 12)


def months_outside_period(line: Line, year: int) -> list[tuple[str, Decimal]]:
    """Quarters or months of ``year`` written with an amount but wholly outside the line's period."""
    if line.period is None:
        return []
    weights = month_weights(line.period, year)
    found = []
    if year in line.months:
        for month, amount in zip(MONTHS, line.months[year]):
            if amount != 0 and weights[month - 1] == 0:
                found.append((f"{year}-{month:02d}", amount))
    elif year in line.quarters:
        for number, (months, amount) in enumerate(zip(QUARTER_MONTHS, line.quarters[year]), start=1):
            if amount != 0 and all(weights[m - 1] == 0 for m in months):
                found.append((f"kvartal {number} {year}", amount))
    return found
