"""The liquidity plan: cash at every month end over all the plan's years. Pure, no I/O.

Money in and out month by month (README, "Likviditetsplanen"):

* member contributions (income lines with ``member``): each line's year amount
  in equal parts in the months of ``[cash] contributions``;
* other income: as its own ``months``/``quarters`` when the line has them for
  the year, otherwise in equal parts in the months of ``[cash] other_income``;
* costs: as ``periods.monthly_amounts`` (months as written, quarters evenly over
  their months, a project over the months of its period, otherwise evenly).

Every split uses the largest-remainder method, so each line's months sum
exactly to its year figure. Cash at a month end = cash at its start + inflow −
outflow; the first month starts with ``[cash] opening``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from finsam_budget.constants import ZERO
from finsam_budget.model import COST_SECTIONS, CashPlan, Line
from finsam_budget.plan.engine import Plan
from finsam_budget.plan.periods import MONTHS, monthly_amounts, spread


@dataclass(frozen=True)
class MonthCash:
    """One month of the liquidity plan."""

    year: int
    month: int
    opening: Decimal
    contributions: Decimal
    other_income: Decimal
    costs: Decimal

    @property
    def label(self) -> str:
        """The month as ``2022-03``."""
        return f"{self.year}-{self.month:02d}"

    @property
    def inflow(self) -> Decimal:
        return self.contributions + self.other_income

    @property
    def outflow(self) -> Decimal:
        return self.costs

    @property
    def closing(self) -> Decimal:
        """Cash at the month end."""
        return self.opening + self.inflow - self.outflow


@dataclass(frozen=True)
class Liquidity:
    """Opening cash and every month of the plan, in order."""

    opening: Decimal
    months: tuple[MonthCash, ...]

    @property
    def closing(self) -> Decimal:
        return self.months[-1].closing if self.months else self.opening

    def year_months(self, year: int) -> tuple[MonthCash, ...]:
        return tuple(m for m in self.months if m.year == year)

    def negative_months(self) -> tuple[MonthCash, ...]:
        return tuple(m for m in self.months if m.closing < 0)


def on_schedule(amount: Decimal, paid_in: tuple[int, ...]) -> tuple[Decimal, ...]:
    """A year amount paid in equal parts in the months ``paid_in`` (12 parts)."""
    return spread(amount, [1 if month in paid_in else 0 for month in MONTHS])


def income_months(line: Line, year: int, cash: CashPlan) -> tuple[Decimal, ...]:
    """An income line's year amount month by month, by its payment schedule."""
    if line.member is not None:
        return on_schedule(line.amount(year), cash.contribution_months)
    if year in line.months or year in line.quarters:
        return monthly_amounts(line, year)
    return on_schedule(line.amount(year), cash.other_income_months)


def compute_liquidity(plan: Plan) -> Liquidity | None:
    """Cash month by month for a scenario with ``[cash]``; ``None`` without it."""
    scenario = plan.scenario
    cash = scenario.cash
    if cash is None:
        return None
    months = []
    balance = cash.opening
    for year in scenario.years:
        contributions = [ZERO] * 12
        other_income = [ZERO] * 12
        costs = [ZERO] * 12
        for line in scenario.income:
            target = contributions if line.member is not None else other_income
            for index, amount in enumerate(income_months(line, year, cash)):
                target[index] += amount
        for section in COST_SECTIONS:
            for line in scenario.section(section):
                for index, amount in enumerate(monthly_amounts(line, year)):
                    costs[index] += amount
        for index, month in enumerate(MONTHS):
            entry = MonthCash(year, month, balance, contributions[index], other_income[index], costs[index])
            months.append(entry)
            balance = entry.closing
    return Liquidity(cash.opening, tuple(months))
