"""What-if adjustments (``[[adjust]]``) applied to a scenario's amounts. Pure: no I/O.

Rounding (stated in the README): every adjusted amount is whole kronor, rounded
half up (a half krona away from zero) from the unadjusted amount times the
adjustment factor, per line and year. Several adjustments that reach the same
line and year multiply their factors before the one rounding. An amount whose
factor is 1 (a year before ``from``) is left exactly as it was, öre included.

Member contributions are adjusted as a whole so that they stay split by the
shares: the year's total is multiplied and rounded, then split into whole kronor
by the largest-remainder method: each member gets its share rounded down, and
the kronor left over go one at a time to the members with the largest
remainders, ties to the member listed first. Every member is then less than
1 kr from its exact share, so `check`'s member-split rule finds no error (at
most a rounding warning when the total cannot be split exactly). With two
members sharing 1/2 each, an odd krona goes to the first member listed.

A year written as ``quarters`` or ``months`` keeps its breakdown: the adjusted
year amount is spread over the quarters or months in proportion to the old
ones (``periods.spread``, largest remainder), so they still add up to it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from finsam_budget.model import (
    ADJUST_MEMBERS,
    SECTIONS,
    Adjustment,
    Line,
    Scenario,
    frozen_map,
)
from finsam_budget.plan.contributions import split_by_shares
from finsam_budget.plan.periods import spread

ONE = Fraction(1)
#: The target that adjusts all member contributions together.
MEMBERS = ADJUST_MEMBERS


def factor(adjustment: Adjustment, year: int) -> Fraction:
    """The exact factor of one adjustment in ``year``: 1 before ``start``; compounded when asked."""
    return adjustment.factor(year)


def combined_factor(adjustments: Iterable[Adjustment], year: int) -> Fraction:
    """The product of the factors of ``adjustments`` in ``year``."""
    result = ONE
    for adjustment in adjustments:
        result *= adjustment.factor(year)
    return result


def reaches(adjustment: Adjustment, line: Line) -> bool:
    """Whether the adjustment changes this line (member lines only through ``members``)."""
    return adjustment.reaches(line)


def round_krona(value: Fraction) -> Decimal:
    """Whole kronor, half up (a half krona away from zero): 2.5 → 3, −2.5 → −3."""
    magnitude = math.floor(abs(value) + Fraction(1, 2))
    return Decimal(magnitude if value >= 0 else -magnitude)


def apply_adjustments(scenario: Scenario) -> Scenario:
    """The scenario with its adjustments applied to the amounts (``adjusted`` set).

    A scenario without adjustments, or already adjusted, comes back unchanged.
    """
    if scenario.adjusted or not scenario.adjustments:
        return scenario
    adjustments = scenario.adjustments
    sections: dict[str, list[Line]] = {}
    for name in SECTIONS:
        sections[name] = [
            _adjust_line(line, [a for a in adjustments if a.target != MEMBERS and reaches(a, line)], scenario.years)
            for line in scenario.section(name)
        ]
    member_adjustments = [a for a in adjustments if a.target == MEMBERS]
    if member_adjustments:
        sections["income"] = _adjust_members(scenario, sections["income"], member_adjustments)
    return replace(
        scenario,
        income=tuple(sections["income"]),
        admin=tuple(sections["admin"]),
        development=tuple(sections["development"]),
        projects=tuple(sections["projects"]),
        adjusted=True,
    )


def _adjust_line(line: Line, adjustments: list[Adjustment], years: tuple[int, ...]) -> Line:
    if not adjustments:
        return line
    new = {}
    for year in years:
        f = combined_factor(adjustments, year)
        if f != ONE and year in line.amounts:
            new[year] = round_krona(Fraction(line.amounts[year]) * f)
    return _with_amounts(line, new)


def _with_amounts(line: Line, new: dict[int, Decimal]) -> Line:
    """The line with the years in ``new`` replaced, quarters and months spread to match."""
    if not new:
        return line
    quarters, months = dict(line.quarters), dict(line.months)
    for year, value in new.items():
        if year in quarters:
            quarters[year] = _breakdown(quarters[year], value)
        if year in months:
            months[year] = _breakdown(months[year], value)
    return replace(
        line,
        amounts=frozen_map({**line.amounts, **new}),
        quarters=frozen_map(quarters),
        months=frozen_map(months),
    )


def _breakdown(parts: tuple[Decimal, ...], total: Decimal) -> tuple[Decimal, ...]:
    """``total`` spread over quarters or months in proportion to the old ``parts``."""
    if sum(parts, Decimal(0)) == total:
        return parts
    if all(p >= 0 for p in parts) and any(p > 0 for p in parts):
        weights = [Fraction(p) for p in parts]
    elif all(p <= 0 for p in parts) and any(p < 0 for p in parts):
        weights = [Fraction(-p) for p in parts]
    else:  # all zero, or mixed signs: evenly
        weights = [Fraction(1)] * len(parts)
    return spread(total, weights)


def _adjust_members(scenario: Scenario, income: list[Line], adjustments: list[Adjustment]) -> list[Line]:
    """Adjust the year's member total, round it, split it by the shares, then over each member's lines."""
    members = scenario.members
    positions = {m.id: [i for i, ln in enumerate(income) if ln.member == m.id] for m in members}
    missing = [m.id for m in members if not positions[m.id]]
    if missing:
        raise ValueError(f"medlemmar utan inkomstrad kan inte justeras: {', '.join(missing)}")
    new: list[dict[int, Decimal]] = [{} for _ in income]
    for year in scenario.years:
        f = combined_factor(adjustments, year)
        if f == ONE:
            continue
        old_total = sum((income[i].amount(year) for rows in positions.values() for i in rows), Decimal(0))
        new_total = int(round_krona(Fraction(old_total) * f))
        parts = split_by_shares(new_total, [m.share for m in members])
        for member, part in zip(members, parts, strict=True):
            rows = positions[member.id]
            for i, value in zip(rows, _spread(part, [income[i].amount(year) for i in rows]), strict=True):
                if Decimal(value) != income[i].amount(year):
                    new[i][year] = Decimal(value)
    return [_with_amounts(line, changed) for line, changed in zip(income, new, strict=True)]


def _spread(part: int, old: list[Decimal]) -> list[int]:
    """A member's whole-krona part over its lines in proportion to their old amounts.

    Lines after the first are rounded (half up); the first line takes the rest. A
    member with one line (the usual case) simply gets its part on that line.
    """
    if len(old) == 1:
        return [part]
    old_total = sum(old, Decimal(0))
    if old_total == 0:
        return [part] + [0] * (len(old) - 1)
    rest = [int(round_krona(Fraction(amount) * part / Fraction(old_total))) for amount in old[1:]]
    return [part - sum(rest)] + rest
