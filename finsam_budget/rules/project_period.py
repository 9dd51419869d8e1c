"""project-period: a project's amounts belong inside its period.

A year wholly outside ``period`` with an amount (or a grant) is a warning, and
so is a quarter or month written with an amount that lies wholly outside it.

Bad:  period 2020-09-01 – 2023-08-31, amounts 2024 = 300 000 (warning).
Bad:  quarters 2020 = [100000, 0, 0, 350000]: kvartal 1 2020 is before the start (warning).
Good: quarters 2020 = [0, 0, 0, 350000].
"""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.model import Finding, Line, frozen_map
from finsam_budget.money import format_amount
from finsam_budget.plan.engine import Plan
from finsam_budget.plan.periods import months_outside_period

RULE = "project-period"


def check(plan: Plan) -> list[Finding]:
    findings = []
    for line in plan.scenario.projects:
        period = line.period
        if period is None:
            continue
        for year in plan.scenario.years:
            amount = line.amount(year)
            granted = line.granted.get(year)
            if not period.covers_year(year):
                if amount != 0:
                    findings.append(_finding(line, year, f"{year} ligger utanför projektets period ({period}) men har "
                                             f"{format_amount(amount)} kr", amount))
                if granted:
                    findings.append(_finding(line, year, f"{year} ligger utanför projektets period ({period}) men har "
                                             f"beviljat {format_amount(granted)} kr", granted, "granted"))
                continue
            for where, part in months_outside_period(line, year):
                findings.append(_finding(line, year, f"{where} ligger utanför projektets period ({period}) men har "
                                         f"{format_amount(part)} kr", part))
    return findings


def _finding(line: Line, year: int, what: str, amount: Decimal, name: str = "amount") -> Finding:
    return Finding(RULE, "warning", year, line.key, f"{line.name}: {what}", frozen_map({name: amount}))
