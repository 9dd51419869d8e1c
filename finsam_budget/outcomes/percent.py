"""outcome-percent: every published percentage is its count's share of the count distributed.

A published percentage is a whole percent, rounded half up. Its base is the
count the distribution distributes (``of``; for exits ``avslutade``), or the sum
of the categories when that count is not given. When the percentage does not
match, the other bases a table is often taken of are tried (the sum of the
categories, the published summa, the count without those who lack the figure,
the period's other counts): a match is a warning that names the base, none an error.

Bad:  sjukdom 4 of 19 exits = 21 %, published 9 % — matches deltagare 44 (warning).
Bad:  2 of 19 = 11 %, published 12 % — no base gives 12 % (error).
Good: 9 of 30 = 30 %, published 30 %.
"""

from __future__ import annotations

from finsam_budget.followup import FLOW, Distribution, Followup, FollowupPeriod, percent_of
from finsam_budget.model import Finding
from finsam_budget.outcomes.words import amounts, category_name, count_name, distribution_name, where

RULE = "outcome-percent"


def bases(period: FollowupPeriod, dist: Distribution) -> list[tuple[str, int]]:
    """The bases a share may be taken of: the distributed count first, then the others, each once."""
    found: list[tuple[str, int]] = []
    distributed = period.count(dist.of)
    if distributed is not None:
        found.append((count_name(dist.of), distributed))
    found.append(("summan av kategorierna", dist.total))
    if dist.summa is not None:
        found.append(("den publicerade summan", dist.summa))
    if distributed is not None and dist.saknas:
        found.append((f"{count_name(dist.of)} utom de {dist.saknas} som saknar uppgiften", distributed - dist.saknas))
    for name in FLOW:
        value = period.count(name)
        if value is not None and name != dist.of:
            found.append((count_name(name), value))
    unique: list[tuple[str, int]] = []
    for name, value in found:
        if value > 0 and all(value != seen for _, seen in unique):
            unique.append((name, value))
    return unique


def check(followup: Followup) -> list[Finding]:
    findings = []
    for insats in followup.insatser:
        for period in insats.periods:
            for dist in period.all_distributions():
                candidates = bases(period, dist)
                if not candidates:
                    continue
                base_name, base = candidates[0]
                for category, published in dist.procent.items():
                    n = dist.categories[category]
                    expected = percent_of(n, base)
                    if expected == published:
                        continue
                    text = (
                        f"{where(insats, period)}: {distribution_name(dist)}, {category_name(dist, category)}: "
                        f"publicerat {published} %, men {n} av {base_name} {base} är {expected} %"
                    )
                    other = next(((name, value) for name, value in candidates[1:]
                                  if percent_of(n, value) == published), None)
                    if other is not None:
                        severity = "warning"
                        text += f"; {published} % stämmer med {other[0]} ({other[1]}) som bas"
                    else:
                        severity = "error"
                        text += f"; ingen bas ger {published} %"
                    findings.append(Finding(
                        RULE, severity, period.year, f"{dist.key}.procent.{category}", text,
                        amounts(antal=n, bas=base, publicerat=published, beraknat=expected,
                                annan_bas=other[1] if other else None),
                    ))
    return findings
