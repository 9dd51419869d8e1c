"""Cost per outcome: what an insats's money buys, per period that the money covers.

For every insats with a ``line``, the budget (the scenario's line, summed over the
period's years) and the actual (utfall, per year from any actuals file) of each
period whose every year the money covers; from them the cost per participant and
per exit to work or studies, in whole kronor (rounded half up, as ROUND does).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from finsam_budget.actuals import Actuals
from finsam_budget.followup import Followup, FollowupPeriod, Insats
from finsam_budget.model import Scenario
from finsam_budget.problems import Problem

BUDGET, ACTUAL = "budget", "utfall"
SIDES = (BUDGET, ACTUAL)
SIDE_LABELS = {BUDGET: "Budget", ACTUAL: "Utfall"}
WORK = "arbete_studier"


def per_head(money: Decimal, people: int | None) -> Decimal | None:
    """Money per person in whole kronor, rounded half up; ``None`` without people."""
    if not people:
        return None
    return (money / people).quantize(Decimal(1), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PeriodCost:
    """The money of one insats in one period, budget and actual, and the people it served."""

    insats: str
    period: str
    money: Mapping[str, Decimal]  # side → amount, only the sides that cover the period
    participants: int | None
    to_work: int | None

    def per_participant(self, side: str) -> Decimal | None:
        money = self.money.get(side)
        return None if money is None else per_head(money, self.participants)

    def per_work_exit(self, side: str) -> Decimal | None:
        money = self.money.get(side)
        return None if money is None else per_head(money, self.to_work)


@dataclass(frozen=True)
class OutcomeCosts:
    """Every insats's period costs, the files they come from, and what could not be costed."""

    periods: tuple[PeriodCost, ...]
    budget_source: str
    actuals_source: str | None
    notes: tuple[Problem, ...] = ()

    def of(self, insats: str, period: str) -> PeriodCost | None:
        return next((c for c in self.periods if c.insats == insats and c.period == period), None)

    def has(self, side: str) -> bool:
        return any(side in c.money for c in self.periods)


def _money(period: FollowupPeriod, by_year: Mapping[int, Decimal | None]) -> Decimal | None:
    amounts = [by_year.get(year) for year in period.years]
    if any(amount is None for amount in amounts):
        return None
    return sum((a for a in amounts if a is not None), Decimal(0))


def outcome_costs(
    followup: Followup,
    scenario: Scenario,
    actuals: Mapping[int, Actuals] | None = None,
    actuals_source: str | None = None,
) -> OutcomeCosts:
    """The cost figures of every insats with a line; a note for a line the scenario does not have."""
    costs: list[PeriodCost] = []
    notes: list[Problem] = []
    for insats in followup.insatser:
        if insats.line is None:
            continue
        line = scenario.line(insats.line)
        if line is None:
            notes.append(Problem(followup.source, f"raden {insats.line} finns inte i scenariot {scenario.title}; "
                                 "insatsen får inga kostnader", key=f"{insats.key}.line", severity="warning"))
            continue
        budget = {year: line.amount(year) for year in scenario.years}
        actual = {year: a.amounts.get(insats.line) for year, a in (actuals or {}).items()}
        costs.extend(_periods(insats, budget, actual))
    return OutcomeCosts(tuple(costs), scenario.source, actuals_source, tuple(notes))


def _periods(
    insats: Insats, budget: Mapping[int, Decimal | None], actual: Mapping[int, Decimal | None]
) -> list[PeriodCost]:
    found = []
    for period in insats.periods:
        money = {side: m for side, m in ((BUDGET, _money(period, budget)), (ACTUAL, _money(period, actual)))
                 if m is not None}
        if not money:
            continue
        to_work = period.exits.count(WORK) if period.exits is not None else None
        found.append(PeriodCost(insats.id, period.label, money, period.count("deltagare"), to_work))
    return found
