"""line-stated: a line's published year total (``stated`` on the line) must equal its computed figure.

The computed figure is the sum of the line's quarters or months (or its one year
figure, or the budget derived from its grant).

Bad:  [projects.x] quarters 2021 = [481500, 490000, 490000, 490000], stated 2021 = 1 961 000;
      the quarters give 1 951 500 (error, difference 9 500).
Good: stated 2021 = 1 951 500.
"""

from __future__ import annotations

from finsam_budget.model import Finding, Line, frozen_map
from finsam_budget.money import format_amount
from finsam_budget.plan.engine import Plan

RULE = "line-stated"


def _source(line: Line, year: int) -> str:
    if year in line.quarters:
        return "kvartalen ger"
    if year in line.months:
        return "månaderna ger"
    if year in line.derived_years:
        return "beviljat belopp ger"
    return "raden har"


def check(plan: Plan) -> list[Finding]:
    findings = []
    for line in plan.scenario.lines():
        for year, stated_value in sorted(line.stated.items()):
            computed = line.amount(year)
            if computed == stated_value:
                continue
            difference = stated_value - computed
            findings.append(
                Finding(
                    RULE,
                    "error",
                    year,
                    line.key,
                    f"{line.name}: publicerad årssumma {format_amount(stated_value)} kr, "
                    f"{_source(line, year)} {format_amount(computed)} kr; differens {format_amount(difference)} kr",
                    frozen_map({"stated": stated_value, "computed": computed, "difference": difference}),
                )
            )
    findings.sort(key=lambda f: f.year or 0)
    return findings
