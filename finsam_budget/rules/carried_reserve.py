"""carried-reserve: with carry = "reserve", a year without a reserve passes on no equity.

Bad:  carry = "reserve", no reserve for 2022, no opening for 2023 → 2023 opens with 0 kr
      although 2022 closes with 1 737 197 kr (warning: say the reserve, an opening for
      2023, or carry = "closing").
Good: reserve = { 2022 = 650000 } → 2023 opens with 650 000 kr.
"""

from __future__ import annotations

from finsam_budget.model import Finding, frozen_map
from finsam_budget.money import format_amount
from finsam_budget.plan.engine import Plan

RULE = "carried-reserve"


def check(plan: Plan) -> list[Finding]:
    s = plan.scenario
    if s.carry != "reserve":
        return []
    findings = []
    for previous, current in zip(plan.years, plan.years[1:]):
        if current.year in s.opening_equity or previous.year in s.reserve or previous.closing_equity <= 0:
            continue
        findings.append(
            Finding(
                RULE,
                "warning",
                current.year,
                "equity.reserve",
                f"Ingående eget kapital {current.year} blir 0 kr: med carry = \"reserve\" förs "
                f"{previous.year} års reserv över, men [equity].reserve saknar {previous.year} "
                f"(utgående eget kapital {previous.year} är {format_amount(previous.closing_equity)} kr). "
                f"Ange reserven för {previous.year}, ett eget ingående eget kapital för {current.year} "
                "eller carry = \"closing\"",
                frozen_map(
                    {"closing_equity_previous": previous.closing_equity, "opening_equity": current.opening_equity}
                ),
            )
        )
    return findings
