"""outcome-sex-split: kvinnor + män = totalt for every exit reason and in all.

Bad:  fortsatt rehabilitering kvinnor 7 + män 4 = 11, totalt published 10 (error).
Good: arbete eller studier 5 + 4 = 9 = totalt.
"""

from __future__ import annotations

from finsam_budget.followup import EXIT_REASONS, Followup
from finsam_budget.model import Finding
from finsam_budget.outcomes.words import amounts, category_name, signed, where

RULE = "outcome-sex-split"


def check(followup: Followup) -> list[Finding]:
    findings = []
    for insats in followup.insatser:
        for period in insats.periods:
            exits = period.exits
            if exits is None or not exits.by_sex or not exits.stated_totals:
                continue
            women, men = exits.by_sex["kvinnor"], exits.by_sex["man"]
            dist = exits.distribution
            totals_key = f"{period.key[:-1]}.avslut.totalt]"
            for reason in EXIT_REASONS:
                if reason not in women and reason not in men and reason not in exits.totals:
                    continue
                w, m, t = women.get(reason, 0), men.get(reason, 0), exits.count(reason)
                if w + m != t:
                    findings.append(Finding(
                        RULE, "error", period.year, f"{totals_key}.{reason}",
                        f"{where(insats, period)}: avslut till {category_name(dist, reason)}: kvinnor {w} + män {m} "
                        f"= {w + m}, men totalt är publicerat {t} (differens {signed(t - w - m)})",
                        amounts(kvinnor=w, man=m, totalt=t),
                    ))
            w, m, t = sum(women.values()), sum(men.values()), dist.total
            if w + m != t:
                findings.append(Finding(
                    RULE, "error", period.year, totals_key,
                    f"{where(insats, period)}: alla avslut: kvinnor {w} + män {m} = {w + m}, "
                    f"men totalt ger {t} (differens {signed(t - w - m)})",
                    amounts(kvinnor=w, man=m, totalt=t),
                ))
    return findings
