"""line-gap: a line leaves out a year between two years it has amounts for.

A year that is absent from a line means 0 kr. Between two years with amounts that
is almost always a year deleted by mistake, so it is a warning; write the year
with 0 when the line really has nothing that year. The hint says so in words that
fit every file kind ("ange 0 för 2022"): a TOML key and a workbook cell alike.

Bad:  amounts = { 2021 = 100000, 2023 = 120000 }  (2022 left out: warning).
Good: amounts = { 2021 = 100000, 2022 = 0, 2023 = 120000 }.
"""

from __future__ import annotations

from finsam_budget.model import Finding, frozen_map
from finsam_budget.plan.engine import Plan

RULE = "line-gap"


def check(plan: Plan) -> list[Finding]:
    findings = []
    for line in plan.scenario.lines():
        given = sorted(line.amounts)
        if len(given) < 2:
            continue
        for year in plan.scenario.years:
            if given[0] < year < given[-1] and year not in line.amounts:
                findings.append(
                    Finding(
                        RULE,
                        "warning",
                        year,
                        line.key,
                        f"{line.name}: {year} saknar belopp men raden har belopp både före och efter "
                        f"(räknas som 0 kr); ange 0 för {year} om raden inte har något det året",
                        frozen_map({}),
                    )
                )
    return findings
