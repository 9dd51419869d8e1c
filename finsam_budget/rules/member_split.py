"""member-split: each member pays its share of the year's member contributions.

Bad:  50/50, Försäkringskassan 2 162 000, Region 2 100 000 (error: 31 000 kr off each).
Good: 50/50, Försäkringskassan 2 162 000, Region 2 162 000.
A difference of at most 1 kr per member (a rounding difference) is a warning.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from finsam_budget.engine import Plan
from finsam_budget.model import Finding, frozen_map
from finsam_budget.money import format_amount, fraction_to_decimal

RULE = "member-split"


def check(plan: Plan) -> list[Finding]:
    findings = []
    for figures in plan.years:
        total = figures.member_contributions
        for member in plan.scenario.members:
            actual = figures.contributions.get(member.id, Decimal(0))
            exact = Fraction(total) * member.share
            difference = Fraction(actual) - exact
            if difference == 0:
                continue
            expected = fraction_to_decimal(exact, 2)
            diff = fraction_to_decimal(difference, 2)
            severity = "warning" if abs(difference) <= 1 else "error"
            findings.append(
                Finding(
                    RULE,
                    severity,
                    figures.year,
                    f"members.{member.id}",
                    f"{member.name}: medlemsbidraget {format_amount(actual)} kr är inte andelen "
                    f"{_share(member.share)} av {format_amount(total)} kr ({format_amount(expected)} kr); "
                    f"differens {format_amount(diff)} kr"
                    + (" (avrundning)" if severity == "warning" else ""),
                    frozen_map({"contribution": actual, "expected": expected, "difference": diff, "total": total}),
                )
            )
    return findings


def _share(share: Fraction) -> str:
    return f"{share.numerator}/{share.denominator}"
