"""cash: the liquidity plan must never go below zero at a month end (only with ``[cash]``).

A federation may not borrow, so cash must cover every month's payments, not only
the year's result. One error a year that has negative months, naming each such
month, with the first one's figures and the lowest month-end cash.

Bad:  opening 0, contributions = [7] (paid in July only), costs 100 000 a month:
      cash −100 000 at the end of 2022-01 … −600 000 at the end of 2022-06
      (an error naming 2022-01 to 2022-06, lowest −600 000 in 2022-06).
Good: cash at every month end zero or more.
"""

from __future__ import annotations

from finsam_budget.model import Finding, frozen_map
from finsam_budget.money import format_amount
from finsam_budget.plan.engine import Plan
from finsam_budget.plan.liquidity import compute_liquidity

RULE = "cash"


def check(plan: Plan) -> list[Finding]:
    liquidity = compute_liquidity(plan)
    if liquidity is None:
        return []
    findings = []
    for year in plan.scenario.years:
        negative = [m for m in liquidity.year_months(year) if m.closing < 0]
        if not negative:
            continue
        first = negative[0]
        lowest = min(negative, key=lambda m: (m.closing, m.month))
        months = ", ".join(m.label for m in negative)
        text = (
            f"Kassan är negativ vid slutet av {months}"
            if len(negative) > 1
            else f"Kassan är negativ vid slutet av {first.label}"
        )
        text += (
            f": {format_amount(first.closing)} kr i {first.label} (ingående {format_amount(first.opening)} kr, "
            f"in {format_amount(first.inflow)} kr, ut {format_amount(first.outflow)} kr)"
        )
        if lowest is not first:
            text += f", lägst {format_amount(lowest.closing)} kr i {lowest.label}"
        text += "; förbundet får inte skuldsätta sig"
        findings.append(
            Finding(
                RULE,
                "error",
                year,
                "cash",
                text,
                frozen_map(
                    {
                        "opening": first.opening,
                        "inflow": first.inflow,
                        "outflow": first.outflow,
                        "closing": first.closing,
                        "lowest": lowest.closing,
                    }
                ),
            )
        )
    return findings
