"""Many federations' scenarios in one table: the budget year's key figures. Pure: no I/O.

One row per scenario (federation, title, the budget year's member contributions,
costs, administration share, room for new activity, closing equity, the equity
carried against the cap, the excess, and the `check` status), sorted by
federation and title in Swedish alphabetical order, with totals. Files that could
not be read are kept with their problems, so the table can say what is missing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Sequence

from finsam_budget.constants import ZERO
from finsam_budget.model import Finding
from finsam_budget.plan.engine import Plan, YearFigures
from finsam_budget.problems import Problem
from finsam_budget.rules import (
    STATUS_LABELS,
    CheckedFindings,
    run_rules,
)

# Swedish order puts å, ä, ö after z (in that order); other accents sort with their letter.
_AFTER_Z = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})


def swedish_sort_key(text: str) -> str:
    """A key that sorts text the Swedish way: a … z, å, ä, ö; case and other accents ignored."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(_AFTER_Z)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class OverviewRow(CheckedFindings):
    """One scenario's budget year."""

    source: str
    plan: Plan
    findings: tuple[Finding, ...]

    @property
    def figures(self) -> YearFigures:
        return self.plan.budget

    @property
    def federation(self) -> str:
        return self.plan.scenario.federation

    @property
    def title(self) -> str:
        return self.plan.scenario.title

    @property
    def budget_year(self) -> int:
        return self.plan.scenario.budget_year

    @property
    def carried_equity(self) -> Decimal:
        return self.figures.carried_equity(self.plan.scenario.carry)

    @property
    def excess(self) -> Decimal:
        """Equity carried above the cap (0 when within it)."""
        return max(ZERO, self.carried_equity - self.figures.equity_cap)

    @property
    def admin_share(self) -> Fraction | None:
        return self.figures.cost_share("admin")


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be read, with every problem found in it."""

    source: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class OverviewTotals:
    """The sums of the table's amount columns and the number of scenarios per status."""

    scenarios: int
    federations: int
    member_contributions: Decimal
    admin: Decimal
    costs: Decimal
    room: Decimal
    closing_equity: Decimal
    carried_equity: Decimal
    equity_cap: Decimal
    excess: Decimal
    statuses: dict[str, int]

    @property
    def admin_share(self) -> Fraction | None:
        return None if self.costs == 0 else Fraction(self.admin) / Fraction(self.costs)


@dataclass(frozen=True)
class Overview:
    rows: tuple[OverviewRow, ...]
    unreadable: tuple[Unreadable, ...]
    totals: OverviewTotals


def build_overview(plans: Sequence[tuple[str, Plan]], unreadable: Sequence[Unreadable] = ()) -> Overview:
    """The overview of ``(source, plan)`` pairs, running the rules of `check` on each."""
    rows = sorted(
        (OverviewRow(source, plan, tuple(run_rules(plan))) for source, plan in plans),
        key=lambda r: (swedish_sort_key(r.federation), swedish_sort_key(r.title), r.source),
    )
    return Overview(tuple(rows), tuple(unreadable), _totals(rows))


def _totals(rows: Sequence[OverviewRow]) -> OverviewTotals:
    def total(value) -> Decimal:
        return sum((value(r) for r in rows), ZERO)

    statuses = {status: 0 for status in STATUS_LABELS}
    for row in rows:
        statuses[row.status] += 1
    return OverviewTotals(
        scenarios=len(rows),
        federations=len({r.federation for r in rows}),
        member_contributions=total(lambda r: r.figures.member_contributions),
        admin=total(lambda r: r.figures.admin),
        costs=total(lambda r: r.figures.costs),
        room=total(lambda r: r.figures.room),
        closing_equity=total(lambda r: r.figures.closing_equity),
        carried_equity=total(lambda r: r.carried_equity),
        equity_cap=total(lambda r: r.figures.equity_cap),
        excess=total(lambda r: r.excess),
        statuses=statuses,
    )
