"""Prognos helår: what a delårsrapport forecasts for a line the actuals file gives no forecast for.

Actual + the budget of the months after the actuals: pro rata for a line whose
budget is even over the year, else by the line's own months, quarters or project
period, as the liquidity plan spreads it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from finsam_budget.constants import ZERO
from finsam_budget.model import Line
from finsam_budget.plan.periods import monthly_amounts, year_weight
from finsam_budget.tables import share_of


def remaining_share(months_left: int) -> Fraction:
    """The share of a year's budget left after the actuals: ``months_left``/12, exactly."""
    return Fraction(months_left, 12)


def estimate_forecast(actual: Decimal, budget: Decimal, months_left: int) -> Decimal:
    """Actual + the budget of the remaining months, pro rata, rounded half up to the krona.

    The rounding is the derivation model's ``ShareOf`` (``tables.share_of``), so the
    workbook's formula (``drift.tables``) gives this figure by construction, a half
    krona included.
    """
    return actual + share_of(budget, remaining_share(months_left), places=0)


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

