"""member-split: each member pays its share of the year's member contributions, to the krona.

Bad:  50/50, Försäkringskassan 2 162 000, Region 2 100 000 (error: 31 000 kr off each).
Good: 50/50, Försäkringskassan 2 162 000, Region 2 162 000.

A total that cannot be divided exactly by the shares (an odd total in 50/50, shares
by population) must be rounded somewhere: when every member is less than 1 kr from
its exact share the split is right to the krona, and one info per year lists the
rounding differences. A member 1 kr off is a warning; more than 1 kr is an error.

A year whose contributions come from ``[contributions] total`` gets one info that
lists each member's part of the total (the split is made in ``plan.contributions``).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from finsam_budget.constants import SHARE_PLACES
from finsam_budget.model import Finding, Member, frozen_map
from finsam_budget.money import format_amount, format_percent, fraction_to_decimal
from finsam_budget.plan.engine import Plan

RULE = "member-split"


def check(plan: Plan) -> list[Finding]:
    findings = []
    for figures in plan.years:
        total = figures.member_contributions
        rounding: list[tuple[Member, Decimal]] = []
        for member in plan.scenario.members:
            actual = figures.contributions.get(member.id, Decimal(0))
            exact = Fraction(total) * member.share
            difference = Fraction(actual) - exact
            if difference == 0:
                continue
            diff = fraction_to_decimal(difference, 2)
            if abs(difference) < 1:
                rounding.append((member, diff))
                continue
            expected = fraction_to_decimal(exact, 2)
            severity = "warning" if abs(difference) <= 1 else "error"
            findings.append(
                Finding(
                    RULE,
                    severity,
                    figures.year,
                    f"members.{member.id}",
                    f"{member.name}: medlemsbidraget {format_amount(actual)} kr är inte andelen "
                    f"{share_text(member.share)} av {format_amount(total)} kr ({format_amount(expected)} kr); "
                    f"differens {_signed(diff)} kr",
                    frozen_map({"contribution": actual, "expected": expected, "difference": diff, "total": total}),
                )
            )
        if figures.year in plan.scenario.member_total:
            findings.append(_split_from_total(plan, figures.year, total, rounding))
        elif rounding:
            shown = [(member, diff) for member, diff in rounding if diff != 0]
            listed = ", ".join(f"{member.name} {_signed(diff)} kr" for member, diff in shown)
            listed = listed or "alla under ett halvt öre"
            findings.append(
                Finding(
                    RULE,
                    "info",
                    figures.year,
                    "members",
                    f"Medlemsbidragen {format_amount(total)} kr går inte att dela exakt efter andelarna; "
                    f"avrundningsdifferenser under 1 kr: {listed}",
                    frozen_map({"total": total, **{f"difference.{m.id}": d for m, d in rounding}}),
                )
            )
    return findings


def _split_from_total(plan: Plan, year: int, total: Decimal, rounding: list[tuple[Member, Decimal]]) -> Finding:
    """The info for a year whose contributions are ``[contributions] total`` split by the shares."""
    figures = plan.year(year)
    parts = ", ".join(f"{m.name} {format_amount(figures.contributions.get(m.id, Decimal(0)))}"
                      for m in plan.scenario.members)
    return Finding(
        RULE,
        "info",
        year,
        "contributions.total",
        f"Medlemsbidragen {format_amount(total)} kr (total) delade efter andelarna i hela kronor: {parts}",
        frozen_map({"total": total, **{f"contribution.{m.id}": figures.contributions.get(m.id, Decimal(0))
                                       for m in plan.scenario.members},
                    **{f"difference.{m.id}": d for m, d in rounding}}),
    )


def share_text(share: Fraction) -> str:
    """A share as people write it: ``50 %``, ``8,73 %`` (two decimals when not a whole percent)."""
    percent = share * 100
    return format_percent(fraction_to_decimal(share, SHARE_PLACES), 0 if percent.denominator == 1 else 2)


def _signed(amount: Decimal) -> str:
    return ("+" if amount > 0 else "") + format_amount(amount)
