"""Member contributions given as the members' total: split by the shares, in whole kronor. Pure: no I/O.

A scenario may give the total of all member contributions per year
(``[contributions] total``) instead of each member's amount. Each year's total
is split by the members' shares with the largest-remainder method: every member
gets its exact share rounded down to whole kronor, and the kronor left over go
one at a time to the members with the largest remainders, ties to the member
listed first under ``[members]``. The parts therefore always add up to the
total, and every member is less than 1 kr from its exact share.

Example: 6 680 001 kr split 1/2, 1/4, 1/4 gives 3 340 000 (rest 0,5),
1 670 000 (rest 0,25) and 1 670 000 (rest 0,25): the one krona left goes to the
largest rest, the first member: 3 340 001, 1 670 000, 1 670 000.

The split fills each member's income line (``member = "id"``); a member without
one gets a line ``income.<id>`` named as the member, placed before the other
income lines. This is the only place the split is made; the adjustments
(``[[adjust]] target = "members"``) use the same ``split_by_shares``.
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from finsam_budget.model import Line, Scenario, frozen_map


def split_by_shares(total: int, shares: list[Fraction]) -> list[int]:
    """Whole kronor per share summing to ``total`` (largest remainder, ties to the first)."""
    exact = [total * share for share in shares]
    floors = [math.floor(x) for x in exact]
    left = total - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def member_parts(scenario: Scenario) -> dict[int, dict[str, Decimal]]:
    """Per year of ``[contributions] total``: member id → its part of the total."""
    shares = [m.share for m in scenario.members]
    result: dict[int, dict[str, Decimal]] = {}
    for year, total in scenario.member_total.items():
        parts = split_by_shares(int(total), shares)
        result[year] = {m.id: Decimal(part) for m, part in zip(scenario.members, parts)}
    return result


def with_split_contributions(scenario: Scenario) -> Scenario:
    """The scenario with each member's part of ``[contributions] total`` on its income line."""
    if not scenario.member_total:
        return scenario
    parts = member_parts(scenario)
    income = list(scenario.income)
    taken = {line.id for line in income}
    new_lines: list[Line] = []
    for member in scenario.members:
        own = {year: by_member[member.id] for year, by_member in parts.items()}
        index = next((i for i, line in enumerate(income) if line.member == member.id), None)
        if index is not None:
            line = income[index]
            amounts = {**line.amounts, **own}
            income[index] = replace(line, amounts=frozen_map({y: amounts[y] for y in sorted(amounts)}))
            continue
        line_id = member.id if member.id not in taken else f"{member.id}-bidrag"
        taken.add(line_id)
        new_lines.append(Line("income", line_id, member.name, frozen_map(dict(sorted(own.items()))), member=member.id))
    return replace(scenario, income=tuple(new_lines + income))


__all__ = ["member_parts", "split_by_shares", "with_split_contributions"]
