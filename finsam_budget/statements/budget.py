"""The scenario's budget for the year, placed on the resultaträkning's lines.

A scenario line's budget goes to the statement line its accounts belong to: the
mapping line whose range holds the scenario line's first range most narrowly.
Income counts positive and costs negative, as in the resultaträkning. A scenario
line without accounts cannot be placed; it is named in a warning.
"""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.mapping import RR_GROUPS, AccountMapping, AccountRange, MappingLine
from finsam_budget.money import format_amount
from finsam_budget.statements.context import Context

ZERO = Decimal(0)


def statement_line_for(mapping: AccountMapping, account_range: AccountRange) -> MappingLine | None:
    """The resultaträkning line whose range holds ``account_range`` most narrowly."""
    best: tuple[int, MappingLine] | None = None
    for line in mapping.lines:
        if line.group not in RR_GROUPS:
            continue
        for own in line.ranges:
            if own.contains(account_range) and (best is None or own.width < best[0]):
                best = (own.width, line)
    return None if best is None else best[1]


def rr_budget(ctx: Context) -> dict[str, Decimal]:
    """Budget per resultaträkning line id for the year (empty without a scenario)."""
    if ctx.plan is None or ctx.scenario_accounts is None:
        return {}
    year = ctx.year
    scenario = ctx.plan.scenario
    budget: dict[str, Decimal] = {}
    unplaced: list[str] = []
    for line in scenario.lines():
        amount = line.amount(year)
        ranges = ctx.scenario_accounts.ranges_of(line.key)
        if not ranges:
            if amount:
                unplaced.append(f"{line.key} ({format_amount(amount)} kr)")
            continue
        targets = [statement_line_for(ctx.mapping, r) for r in ranges]
        target = targets[0]
        if target is None:
            ctx.warn(
                f"budgeten för {line.key} kan inte placeras i resultaträkningen: kontona "
                f"{', '.join(map(str, ranges))} hör inte till någon rad där"
            )
            continue
        if any(t is not target for t in targets[1:]):
            names = sorted({t.name for t in targets if t is not None})
            ctx.warn(
                f"kontona för {line.key} hör till flera rader i resultaträkningen ({', '.join(names)}); "
                f"hela budgeten redovisas på raden {target.name}"
            )
        sign = 1 if line.section == "income" else -1
        budget[target.id] = budget.get(target.id, ZERO) + sign * amount
    if unplaced:
        ctx.warn(
            "scenariorader utan konton (accounts) har en budget som inte kan placeras i "
            f"resultaträkningens budgetkolumn: {', '.join(unplaced)}"
        )
    return budget
