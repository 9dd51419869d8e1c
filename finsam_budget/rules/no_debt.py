"""no-debt: a federation may not borrow: closing equity and reserve never below zero.

Bad:  opening 100 000, result −250 000 → closing equity −150 000 (error).
Good: opening 1 828 177, result −90 980 → closing equity 1 737 197.
"""

from __future__ import annotations

from finsam_budget.model import Finding, frozen_map
from finsam_budget.money import format_amount
from finsam_budget.plan.engine import Plan

RULE = "no-debt"


def check(plan: Plan) -> list[Finding]:
    findings = []
    for f in plan.years:
        if f.closing_equity < 0:
            findings.append(
                Finding(
                    RULE,
                    "error",
                    f.year,
                    "closing_equity",
                    f"Utgående eget kapital blir negativt: {format_amount(f.closing_equity)} kr "
                    f"(ingående {format_amount(f.opening_equity)} kr, resultat {format_amount(f.result)} kr); "
                    "förbundet får inte skuldsätta sig eller ha negativt eget kapital",
                    frozen_map(
                        {"opening_equity": f.opening_equity, "result": f.result, "closing_equity": f.closing_equity}
                    ),
                )
            )
        if f.reserve < 0:
            findings.append(
                Finding(
                    RULE,
                    "error",
                    f.year,
                    "reserve",
                    f"Reserven är negativ: {format_amount(f.reserve)} kr; eget kapital kan inte vara under noll",
                    frozen_map({"reserve": f.reserve}),
                )
            )
    return findings
