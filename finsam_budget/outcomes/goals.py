"""outcome-goal: each insats's goals against its exits, period by period.

A goal is a share of the exits (``avslutade``, or the exits by reason when it is
not given) with one reason: at least or at most a percentage. Met is info, not
met a warning.

Bad:  arbete eller studier 3 of 19 = 15,8 %, goal at least 20 % (warning).
Good: 9 of 30 = 30 %, goal at least 20 % (info).
"""

from __future__ import annotations

from fractions import Fraction

from finsam_budget.followup import Followup, FollowupPeriod, Goal
from finsam_budget.model import Finding
from finsam_budget.money import format_percent
from finsam_budget.outcomes.words import amounts, where

RULE = "outcome-goal"


def goal_share(goal: Goal, period: FollowupPeriod) -> tuple[int, int] | None:
    """(count, base) for a goal in a period, or ``None`` when the period has no exits by reason."""
    base = period.exit_base()
    if period.exits is None or not base:
        return None
    return period.exits.count(goal.reason), base


def check(followup: Followup) -> list[Finding]:
    findings = []
    for insats in followup.insatser:
        for goal in insats.goals:
            for period in insats.periods:
                found = goal_share(goal, period)
                if found is None:
                    continue
                n, base = found
                share = Fraction(n, base)
                met = goal.met_by(share)
                findings.append(Finding(
                    RULE, "info" if met else "warning", period.year, goal.key,
                    f"{where(insats, period)}: målet {goal.text} är {'uppfyllt' if met else 'inte uppfyllt'}: "
                    f"{n} av {base} avslut = {format_percent(share, 1)}",
                    amounts(antal=n, bas=base),
                ))
    return findings
