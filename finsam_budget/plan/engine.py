"""The multi-year plan, computed exactly from a scenario. Pure: no I/O.

Per year (scenario-format.md):
  available   = member contributions + other income + opening equity
  costs       = admin + development + projects
  result      = member contributions + other income − costs
  closing     = opening equity + result
  room        = available − costs − reserve          (utrymme för ny verksamhet)
The opening equity of a year without its own figure is carried from the year
before: the reserve (``carry = "reserve"``, the room is assumed spent) or the
closing equity (``carry = "closing"``).

A granted project's years without a figure get the budget its grant gives
(``periods.with_derived_budgets``), a members' total is split by the shares
(``contributions.with_split_contributions``); then the what-if adjustments (``[[adjust]]``)
are applied to the amounts. ``Plan.scenario`` is that completed, adjusted scenario.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from finsam_budget.constants import ONE_ORE, ZERO
from finsam_budget.model import COST_SECTIONS, CapBand, Scenario, frozen_map
from finsam_budget.plan.adjust import apply_adjustments
from finsam_budget.plan.contributions import with_split_contributions
from finsam_budget.plan.periods import with_derived_budgets
from finsam_budget.scenario_checks import require_valid


@dataclass(frozen=True)
class YearFigures:
    """Every computed figure of one year of the plan."""

    year: int
    contributions: Mapping[str, Decimal]  # member id → that member's driftbidrag
    member_contributions: Decimal
    other_income: Decimal
    opening_equity: Decimal
    admin: Decimal
    development: Decimal
    projects: Decimal
    reserve: Decimal
    cap_share: Fraction
    equity_cap: Decimal

    @property
    def income(self) -> Decimal:
        return self.member_contributions + self.other_income

    @property
    def available(self) -> Decimal:
        """Intäkter och eget kapital: contributions + other income + opening equity."""
        return self.income + self.opening_equity

    @property
    def activities(self) -> Decimal:
        """Verksamhet: development + projects."""
        return self.development + self.projects

    @property
    def costs(self) -> Decimal:
        return self.admin + self.development + self.projects

    @property
    def result(self) -> Decimal:
        return self.income - self.costs

    @property
    def closing_equity(self) -> Decimal:
        return self.opening_equity + self.result

    @property
    def room(self) -> Decimal:
        """Utrymme för ny verksamhet: what is left after all costs and the reserve."""
        return self.available - self.costs - self.reserve

    def section_total(self, section: str) -> Decimal:
        if section not in COST_SECTIONS:
            raise KeyError(f"okänd kostnadssektion {section!r}")
        total: Decimal = getattr(self, section)
        return total

    def cost_share(self, section: str) -> Fraction | None:
        """The section's share of total costs (``None`` when there are no costs)."""
        if self.costs == 0:
            return None
        return Fraction(self.section_total(section)) / Fraction(self.costs)

    def carried_equity(self, carry: str) -> Decimal:
        """The equity carried into the next year under the scenario's carry convention."""
        return self.reserve if carry == "reserve" else self.closing_equity

    def cap_margin(self, carry: str) -> Decimal:
        """The cap minus the equity carried: room under the cap (+) or the excess over it (−)."""
        return self.equity_cap - self.carried_equity(carry)

    def stated_value(self, key: str) -> Decimal:
        """The computed figure for a ``[stated]`` key."""
        return {
            "member_contributions": self.member_contributions,
            "other_income": self.other_income,
            "income": self.income,
            "income_and_equity": self.available,
            "admin": self.admin,
            "development": self.development,
            "projects": self.projects,
            "activities": self.activities,
            "costs": self.costs,
            "result": self.result,
            "closing_equity": self.closing_equity,
            "room": self.room,
        }[key]


@dataclass(frozen=True)
class Plan:
    """A scenario and its computed years."""

    scenario: Scenario
    years: tuple[YearFigures, ...]

    def year(self, year: int) -> YearFigures:
        for figures in self.years:
            if figures.year == year:
                return figures
        raise KeyError(year)

    @property
    def budget(self) -> YearFigures:
        return self.year(self.scenario.budget_year)


def cap_share_for(contributions: Decimal, bands: tuple[CapBand, ...]) -> Fraction:
    """The share of member contributions a federation of this size may keep as equity."""
    for band in bands:
        if band.up_to is None or contributions <= band.up_to:
            return band.share
    return bands[-1].share


def equity_cap(contributions: Decimal, share: Fraction) -> Decimal:
    """The cap in kronor, rounded half up to öre."""
    exact = Fraction(contributions) * share
    value = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(ONE_ORE, ROUND_HALF_UP)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def compute_plan(scenario: Scenario, cap_bands: tuple[CapBand, ...] | None = None) -> Plan:
    """Compute every year of the plan. ``cap_bands`` replaces the scenario's cap table.

    Budgets derived from grants are filled in first, then the what-if adjustments
    are applied (so a cut of a section reaches derived years too); ``Plan.scenario``
    is the result, so rules and writers see the amounts the figures come from,
    and the cap table in force (``cap_bands`` when given). A scenario with semantic
    errors (however it was made) is refused with ``InputError`` (``validate``).
    """
    require_valid(scenario)
    scenario = apply_adjustments(with_split_contributions(with_derived_budgets(scenario)))
    if cap_bands:
        scenario = replace(scenario, cap_bands=tuple(cap_bands))
    bands = scenario.cap_bands
    years = []
    previous: YearFigures | None = None
    for year in scenario.years:
        contributions = {m.id: ZERO for m in scenario.members}
        other_income = ZERO
        for line in scenario.income:
            if line.member is not None:
                contributions[line.member] = contributions.get(line.member, ZERO) + line.amount(year)
            else:
                other_income += line.amount(year)
        sections = {
            name: sum((ln.amount(year) for ln in scenario.section(name)), ZERO)
            for name in COST_SECTIONS
        }
        if year in scenario.opening_equity:
            opening = scenario.opening_equity[year]
        elif previous is not None:
            opening = previous.carried_equity(scenario.carry)
        else:  # pragma: no cover - the reader requires the first year's opening equity
            opening = ZERO
        member_total = sum(contributions.values(), ZERO)
        share = cap_share_for(member_total, bands)
        figures = YearFigures(
            year=year,
            contributions=frozen_map(contributions),
            member_contributions=member_total,
            other_income=other_income,
            opening_equity=opening,
            admin=sections["admin"],
            development=sections["development"],
            projects=sections["projects"],
            reserve=scenario.reserve.get(year, ZERO),
            cap_share=share,
            equity_cap=equity_cap(member_total, share),
        )
        years.append(figures)
        previous = figures
    return Plan(scenario, tuple(years))
