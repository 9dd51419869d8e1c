"""deficit-covered: a planned deficit is allowed when opening equity covers it (info).

Example: 2022 contributions 4 324 000, costs 4 414 980 → result −90 980, covered by
the opening equity 1 828 177; 90 980 kr of equity is used. A deficit that equity
does not cover is reported by no-debt.
"""

from __future__ import annotations

from finsam_budget.model import Finding, frozen_map
from finsam_budget.money import format_amount
from finsam_budget.plan.engine import Plan

RULE = "deficit-covered"


def check(plan: Plan) -> list[Finding]:
    findings = []
    for f in plan.years:
        if f.result >= 0 or f.closing_equity < 0:
            continue
        used = -f.result
        findings.append(
            Finding(
                RULE,
                "info",
                f.year,
                "result",
                f"Underskottet {format_amount(used)} kr täcks av ingående eget kapital "
                f"{format_amount(f.opening_equity)} kr; {format_amount(used)} kr av det egna kapitalet används",
                frozen_map({"result": f.result, "opening_equity": f.opening_equity, "equity_used": used}),
            )
        )
    return findings
