"""Prognosis scenarios side by side: the key rows per year and the differences. Pure: no I/O.

A ``Comparison`` is computed once from N plans; the terminal table and the
Jämförelse sheet are two renderers of it. The first plan is the base: every
other scenario's difference is its figure minus the base's, year by year. Each
scenario carries its `check` findings, so the board sees which scenarios break
a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Sequence

from finsam_budget.model import Finding
from finsam_budget.plan.engine import Plan, YearFigures
from finsam_budget.rules import CheckedFindings, run_rules


@dataclass(frozen=True)
class KeyRow:
    """One key row: its id, its Swedish label and how the figure is taken from a year."""

    key: str
    label: str
    value: Callable[[YearFigures, str], Decimal]


#: The key rows, in the order every renderer shows them. ``carry`` is the scenario's convention.
KEY_ROWS = (
    KeyRow("member_contributions", "Medlemsbidrag", lambda f, carry: f.member_contributions),
    KeyRow("admin", "Kostnader administration", lambda f, carry: f.admin),
    KeyRow("development", "Kostnader utvecklingsinsatser", lambda f, carry: f.development),
    KeyRow("projects", "Kostnader projekt", lambda f, carry: f.projects),
    KeyRow("costs", "Kostnader totalt", lambda f, carry: f.costs),
    KeyRow("result", "Årets resultat", lambda f, carry: f.result),
    KeyRow("room", "Utrymme för ny verksamhet", lambda f, carry: f.room),
    KeyRow("closing_equity", "Utgående eget kapital", lambda f, carry: f.closing_equity),
    KeyRow("carried_equity", "Eget kapital som förs vidare", lambda f, carry: f.carried_equity(carry)),
    KeyRow("equity_cap", "Tak för eget kapital", lambda f, carry: f.equity_cap),
    KeyRow(
        "headroom",
        "Marginal (+) / överskridande (−) mot taket",
        lambda f, carry: f.equity_cap - f.carried_equity(carry),
    ),
)
KEY_ROW_IDS = tuple(row.key for row in KEY_ROWS)

@dataclass(frozen=True)
class ComparedScenario(CheckedFindings):
    """One scenario of a comparison: its plan, its `check` findings and their summary."""

    plan: Plan
    findings: tuple[Finding, ...]

    @property
    def title(self) -> str:
        return self.plan.scenario.title

    @property
    def problem_count(self) -> int:
        """Findings that matter for the decision: errors and warnings."""
        counts = self.counts
        return counts["error"] + counts["warning"]

    def value(self, row: str, year: int) -> Decimal | None:
        """The key row's figure in ``year``, or ``None`` when the scenario does not plan that year."""
        if year not in self.plan.scenario.years:
            return None
        return _ROWS[row].value(self.plan.year(year), self.plan.scenario.carry)


_ROWS = {row.key: row for row in KEY_ROWS}


@dataclass(frozen=True)
class Comparison:
    """N scenarios; the first is the base the differences are taken against."""

    scenarios: tuple[ComparedScenario, ...]
    years: tuple[int, ...]

    @property
    def base(self) -> ComparedScenario:
        return self.scenarios[0]

    def value(self, index: int, row: str, year: int) -> Decimal | None:
        return self.scenarios[index].value(row, year)

    def difference(self, index: int, row: str, year: int) -> Decimal | None:
        """Scenario ``index`` minus the base, or ``None`` when either lacks the year."""
        mine, base = self.value(index, row, year), self.value(0, row, year)
        if mine is None or base is None:
            return None
        return mine - base

    def year_heading(self, year: int) -> str:
        """The column heading of the first scenario that plans the year (e.g. "Prognos 2024")."""
        for compared in self.scenarios:
            if year in compared.plan.scenario.years:
                return compared.plan.scenario.column_heading(year)
        return str(year)  # pragma: no cover - every year comes from some scenario

    @property
    def federations(self) -> tuple[str, ...]:
        """The distinct federations compared, in order of appearance."""
        return tuple(dict.fromkeys(c.plan.scenario.federation for c in self.scenarios))

    @property
    def worst_status(self) -> str:
        statuses = {c.status for c in self.scenarios}
        for status in ("errors", "warnings"):
            if status in statuses:
                return status
        return "ok"


def compare_plans(plans: Sequence[Plan]) -> Comparison:
    """Compare the plans (at least one), running the rules of `check` on each."""
    if not plans:
        raise ValueError("minst ett scenario behövs för en jämförelse")
    scenarios = tuple(ComparedScenario(plan, tuple(run_rules(plan))) for plan in plans)
    years = tuple(sorted({year for plan in plans for year in plan.scenario.years}))
    return Comparison(scenarios, years)
