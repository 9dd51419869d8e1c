"""A ``Scenario`` as the data of a scenario file (what ``tomllib`` would give), for the scenario writers.

``init`` and the roll-forward build a ``Scenario`` in code; this turns it into
the file's keys and values, so that the TOML and the xlsx writer (which write
data) can write it. Only what differs from the defaults is written (column
headings, a budget factor of 1, the standard equity-cap table).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from finsam_budget.model import DEFAULT_CAP_BANDS, PAYMENT_SCHEDULES, SECTIONS, Line, Scenario


def amount_value(amount: Decimal) -> int | str:
    """An amount as a file writes it: an integer, or a decimal string when it has öre."""
    if amount == amount.to_integral_value():
        return int(amount)
    return format(amount, "f")


def share_value(share: Fraction) -> str:
    """A share as a string: ``"1/2"``, ``"1"``."""
    return str(share)


def year_amounts(amounts: Mapping[int, Decimal]) -> dict[str, int | str]:
    return {str(year): amount_value(amounts[year]) for year in sorted(amounts)}


def default_heading(year: int, budget_year: int) -> str:
    if year < budget_year:
        return f"Budget {year}"
    return f"Budgetplan {year}" if year == budget_year else f"Prognos {year}"


def line_data(line: Line) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": line.name}
    if line.member is not None:
        entry["member"] = line.member
    periods = set(line.quarters) | set(line.months)
    entry["amounts"] = year_amounts({y: a for y, a in line.amounts.items() if y not in periods})
    if line.quarters:
        entry["quarters"] = {str(y): [amount_value(a) for a in line.quarters[y]] for y in sorted(line.quarters)}
    if line.months:
        entry["months"] = {str(y): [amount_value(a) for a in line.months[y]] for y in sorted(line.months)}
    if line.stated:
        entry["stated"] = year_amounts(line.stated)
    if line.period is not None:
        entry["period"] = {"start": line.period.start, "end": line.period.end}
    if line.granted_total is not None:
        entry["granted"] = amount_value(line.granted_total)
    elif line.granted:
        entry["granted"] = year_amounts(line.granted)
    if line.budget_factor != 1:
        entry["budget_factor"] = share_value(line.budget_factor)
    if line.note is not None:
        entry["note"] = line.note
    if line.accounts:
        entry["accounts"] = list(line.accounts)
    if line.objects:
        entry["objects"] = {dim: list(codes) for dim, codes in line.objects.items()}
    return entry


def scenario_data(scenario: Scenario) -> dict[str, Any]:
    """The scenario file's data for ``scenario`` (as read: before derived budgets and adjustments)."""
    s = scenario
    data: dict[str, Any] = {
        "format": 1, "federation": s.federation, "title": s.title, "years": list(s.years), "budget_year": s.budget_year,
    }
    columns = {str(y): h for y, h in s.columns.items() if h != default_heading(y, s.budget_year)}
    if columns:
        data["columns"] = columns
    if s.member_total:
        data["contributions"] = {"total": year_amounts(s.member_total)}
    data["members"] = {m.id: {"name": m.name, "share": share_value(m.share)} for m in s.members}
    for section in SECTIONS:
        data[section] = {line.id: line_data(line) for line in s.section(section)}
    equity: dict[str, Any] = {"opening": year_amounts(s.opening_equity)}
    equity["reserve"] = year_amounts(s.reserve)
    equity["carry"] = s.carry
    data["equity"] = equity
    data["stated"] = {key: year_amounts(amounts) for key, amounts in s.stated.items()}
    if s.cash is not None:
        cash = s.cash
        data["cash"] = {
            "opening": amount_value(cash.opening),
            "contributions": cash.contributions_schedule or list(cash.contribution_months),
            "other_income": cash.other_income_schedule or list(cash.other_income_months),
        }
        if cash.contributions_schedule is None and tuple(cash.contribution_months) in PAYMENT_SCHEDULES.values():
            data["cash"]["contributions"] = list(cash.contribution_months)
    if s.cap_bands != DEFAULT_CAP_BANDS:
        data["equity_cap"] = [
            ({"up_to": amount_value(b.up_to)} if b.up_to is not None else {}) | {"share": share_value(b.share)}
            for b in s.cap_bands
        ]
    if s.adjustments:
        data["adjust"] = [
            {"target": a.target, "percent": format(a.percent, "f"), "from": a.start, "compound": a.compound}
            | ({"note": a.note} if a.note is not None else {})
            for a in s.adjustments
        ]
    return data


__all__ = ["amount_value", "default_heading", "line_data", "scenario_data", "share_value", "year_amounts"]
