"""stated: every figure "as published" in [stated] must equal what its lines add up to.

Bad:  income_and_equity 2021 stated 6 248 312, lines give 6 245 312 (error, difference 3 000).
Good: room 2022 stated 1 087 197, computed 1 087 197.
"""

from __future__ import annotations

from finsam_budget.model import STATED_LABELS, Finding, frozen_map
from finsam_budget.money import format_amount
from finsam_budget.plan.engine import Plan

RULE = "stated"


def check(plan: Plan) -> list[Finding]:
    findings = []
    for key, per_year in plan.scenario.stated.items():
        for year, stated_value in per_year.items():
            computed = plan.year(year).stated_value(key)
            if computed == stated_value:
                continue
            difference = stated_value - computed
            findings.append(
                Finding(
                    RULE,
                    "error",
                    year,
                    key,
                    f"{STATED_LABELS[key]}: publicerat {format_amount(stated_value)} kr, "
                    f"raderna ger {format_amount(computed)} kr; differens {format_amount(difference)} kr",
                    frozen_map({"stated": stated_value, "computed": computed, "difference": difference}),
                )
            )
    findings.sort(key=lambda f: (f.year or 0, list(STATED_LABELS).index(f.key or "")))
    return findings
