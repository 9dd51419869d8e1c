"""balance: the budget must balance: costs may not exceed what is available less the reserve.

Bad:  available 4 000 000, costs 3 900 000, reserve 200 000 → room −100 000 (error).
Good: available 6 152 177, costs 4 414 980, reserve 650 000 → room 1 087 197.
"""

from __future__ import annotations

from finsam_budget.model import Finding, frozen_map
from finsam_budget.money import format_amount
from finsam_budget.plan.engine import Plan

RULE = "balance"


def check(plan: Plan) -> list[Finding]:
    findings = []
    for f in plan.years:
        if f.room >= 0:
            continue
        findings.append(
            Finding(
                RULE,
                "error",
                f.year,
                "room",
                f"Utrymmet för ny verksamhet är negativt: {format_amount(f.room)} kr. "
                f"Kostnaderna {format_amount(f.costs)} kr överstiger medlemsbidrag, övriga intäkter och "
                f"eget kapital ({format_amount(f.available)} kr) minus reserven {format_amount(f.reserve)} kr",
                frozen_map({"available": f.available, "costs": f.costs, "reserve": f.reserve, "room": f.room}),
            )
        )
    return findings
