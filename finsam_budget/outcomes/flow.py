"""outcome-flow: the flow of every period holds as published.

Bad:  aktiva_start 20 + nya 25 = 45, but deltagare published 44 (error).
Bad:  deltagare 72 − avslutade 30 = 42, but aktiva_slut published 40 (error).
Good: 38 + 34 = 72 and 72 − 30 = 42.
"""

from __future__ import annotations

from finsam_budget.followup import Followup
from finsam_budget.model import Finding
from finsam_budget.outcomes.words import amounts, signed, where

RULE = "outcome-flow"


def check(followup: Followup) -> list[Finding]:
    findings = []
    for insats in followup.insatser:
        for period in insats.periods:
            start, new, total = (period.count(k) for k in ("aktiva_start", "nya", "deltagare"))
            exits, end = period.count("avslutade"), period.count("aktiva_slut")
            if start is not None and new is not None and total is not None and start + new != total:
                findings.append(Finding(
                    RULE, "error", period.year, f"{period.key}.deltagare",
                    f"{where(insats, period)}: aktiva vid början {start} + nya {new} = {start + new}, "
                    f"men deltagare är publicerat {total} (differens {signed(total - start - new)})",
                    amounts(aktiva_start=start, nya=new, deltagare=total, flodet=start + new),
                ))
            if total is not None and exits is not None and end is not None and total - exits != end:
                findings.append(Finding(
                    RULE, "error", period.year, f"{period.key}.aktiva_slut",
                    f"{where(insats, period)}: deltagare {total} − avslutade {exits} = {total - exits}, "
                    f"men aktiva vid slutet är publicerat {end} (differens {signed(end - total + exits)})",
                    amounts(deltagare=total, avslutade=exits, aktiva_slut=end, flodet=total - exits),
                ))
    return findings
