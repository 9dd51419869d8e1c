"""The scenario's budget for the year, placed on the resultaträkning's lines.

A scenario line's budget goes to the statement line its accounts belong to: the
mapping line whose range holds the scenario line's first range most narrowly.
Income counts positive and costs negative, as in the resultaträkning. A scenario
line without accounts, or with accounts no line of the resultaträkning holds,
cannot be placed on a line: its budget goes on a row of its own under income or
costs ("Budget utan konto"), named in a warning, so that the budget column's
totals are the plan's.

A budget is one amount for the whole scenario line, so when the line's accounts
fall on several statement lines it cannot be split honestly between them: it
stays whole on the first, with a warning and a remark on that budget cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from finsam_budget.constants import ZERO
from finsam_budget.mapping import RR_GROUPS, AccountMapping, AccountRange, MappingLine
from finsam_budget.model import Line
from finsam_budget.money import format_amount
from finsam_budget.statements.context import Context

UNPLACED_LABEL = "Budget utan konto i resultaträkningen"


@dataclass(frozen=True)
class PlacedBudget:
    """Budget per resultaträkning line id, and why a figure holds more than the line's accounts."""

    amounts: dict[str, Decimal] = field(default_factory=dict)
    remarks: dict[str, str] = field(default_factory=dict)
    unplaced: dict[str, Decimal] = field(default_factory=dict)  # "income"/"costs" -> amount in the RR's sign
    unplaced_lines: dict[str, list[str]] = field(default_factory=dict)  # "income"/"costs" -> line names


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


def rr_budget(ctx: Context) -> PlacedBudget:
    """The year's budget on the resultaträkning's lines (empty without a scenario)."""
    if ctx.plan is None or ctx.scenario_accounts is None:
        return PlacedBudget()
    year = ctx.year
    scenario = ctx.plan.scenario
    source = str(scenario.source)
    budget: dict[str, Decimal] = {}
    remarks: dict[str, list[str]] = {}
    unplaced: list[str] = []
    left: dict[str, Decimal] = {}
    left_lines: dict[str, list[str]] = {}

    def leave(line: Line, amount: Decimal) -> None:
        kind = "income" if line.section == "income" else "costs"
        left[kind] = left.get(kind, ZERO) + (amount if kind == "income" else -amount)
        left_lines.setdefault(kind, []).append(f"{line.name} {format_amount(amount)} kr")

    for line in scenario.lines():
        amount = line.amount(year)
        ranges = ctx.scenario_accounts.ranges_of(line.key)
        if not ranges:
            if amount:
                unplaced.append(f"{line.key} ({format_amount(amount)} kr)")
                leave(line, amount)
            continue
        targets = [statement_line_for(ctx.mapping, r) for r in ranges]
        target = targets[0]
        if target is None:
            if amount:
                leave(line, amount)
            ctx.warn(
                f"budgeten för {line.key} kan inte placeras i resultaträkningen: kontona "
                f"{', '.join(map(str, ranges))} hör inte till någon rad där",
                file=source,
                key=f"[{line.key}].accounts",
            )
            continue
        others = sorted({t.name for t in targets[1:] if t is not None and t is not target})
        if others:
            accounts = ", ".join(map(str, ranges))
            ctx.warn(
                f"kontona för {line.key} ({accounts}) hör till flera rader i resultaträkningen "
                f"({', '.join([target.name, *others])}); hela budgeten, {format_amount(amount)} kr, "
                f"redovisas på raden {target.name}, eftersom en budget inte kan delas upp på konton",
                file=source,
                key=f"[{line.key}].accounts",
            )
            remarks.setdefault(target.id, []).append(
                f"Här ingår hela budgeten för {line.key} ({line.name}), {format_amount(amount)} kr, "
                f"fast en del av radens konton ({accounts}) hör till {', '.join(others)}. "
                "En budget kan inte delas upp på konton; se bladet Kontroller."
            )
        sign = 1 if line.section == "income" else -1
        budget[target.id] = budget.get(target.id, ZERO) + sign * amount
    if unplaced:
        ctx.warn(
            "scenariorader utan konton (accounts) har en budget som inte kan placeras på en rad i "
            f"resultaträkningen; den redovisas på raden \"{UNPLACED_LABEL}\": {', '.join(unplaced)}",
            file=source,
        )
    return PlacedBudget(
        budget, {line_id: "\n".join(texts) for line_id, texts in remarks.items()}, left, left_lines
    )
