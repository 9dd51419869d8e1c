"""outcome-sum: every distribution adds up to its published total and to the count it distributes.

The count a distribution distributes (``of``: nya, avslutade or deltagare; the exits
by reason distribute ``avslutade``) must equal what its categories add up to, plus
``saknas`` (those without the figure) when the file gives it.

Bad:  age groups 52 + 41 + 18 = 111, but nya is 118 and no one is saknas (error).
Bad:  categories give 19, published summa 20 (error).
Good: categories 111 + saknas 7 = nya 118.
"""

from __future__ import annotations

from finsam_budget.followup import Followup
from finsam_budget.model import Finding
from finsam_budget.outcomes.words import amounts, count_name, distribution_name, signed, where

RULE = "outcome-sum"


def check(followup: Followup) -> list[Finding]:
    findings = []
    for insats in followup.insatser:
        for period in insats.periods:
            for dist in period.all_distributions():
                name = f"{where(insats, period)}: {distribution_name(dist)}"
                if dist.summa is not None and dist.summa != dist.total:
                    findings.append(Finding(
                        RULE, "error", period.year, f"{dist.key}.summa",
                        f"{name}: kategorierna ger {dist.total}, men summan är publicerad som {dist.summa} "
                        f"(differens {signed(dist.summa - dist.total)})",
                        amounts(kategorierna=dist.total, summa=dist.summa),
                    ))
                distributed = period.count(dist.of)
                if distributed is None:
                    continue
                accounted = dist.total + (dist.saknas or 0)
                if accounted == distributed:
                    continue
                given = f"kategorierna ger {dist.total}"
                if dist.saknas:
                    given += f" och {dist.saknas} saknar uppgiften, tillsammans {accounted}"
                hint = "" if dist.saknas is not None or accounted > distributed else (
                    "; saknar några uppgiften, ange hur många med saknas"
                )
                findings.append(Finding(
                    RULE, "error", period.year, dist.key,
                    f"{name}: {given}, men {count_name(dist.of)} är {distributed} "
                    f"(differens {signed(accounted - distributed)}){hint}",
                    amounts(kategorierna=dist.total, saknas=dist.saknas, antal=distributed),
                ))
    return findings
