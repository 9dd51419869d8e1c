"""admin-share: the administration's share of total costs, per year (info).

Example: 2022 administration 1 279 980 of 4 414 980 kr → 29 %.
"""

from __future__ import annotations

from finsam_budget.model import Finding, frozen_map
from finsam_budget.money import format_amount, format_percent, fraction_to_decimal
from finsam_budget.plan.engine import Plan

RULE = "admin-share"


def check(plan: Plan) -> list[Finding]:
    findings = []
    for f in plan.years:
        share = f.cost_share("admin")
        if share is None:
            continue
        findings.append(
            Finding(
                RULE,
                "info",
                f.year,
                "admin",
                f"Administrationens andel av kostnaderna: {format_percent(share)} "
                f"({format_amount(f.admin)} av {format_amount(f.costs)} kr)",
                frozen_map({"admin": f.admin, "costs": f.costs, "share": fraction_to_decimal(share, 4)}),
            )
        )
    return findings
