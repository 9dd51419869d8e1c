"""The bookkeeping's budget (#PBUDGET of an SIE file) against the scenario's, line by line.

An accounting system holds a budget of its own, per account and month, often
imported from ``export-sie``. ``read_booked_budget`` takes a file's #PBUDGET rows
to the scenario's lines the way ``sie_actuals`` takes the bookings: rows with
objects to the first line of objects that takes them, the account totals (less
what those lines took) to the line of accounts that holds the account. Signs
become the budget's (income positive). ``booked_budget_problems`` compares it with
the scenario's budget for the report's period (the whole year, or January to
the month of a delårsrapport, the scenario's months spread as ``export-sie``
spreads them): a warning per line where they differ, with both figures, and an
info when every line agrees. The report itself keeps the adopted budget: the
bookkeeping's is a check that the board's budget is the one booked against.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from finsam_budget.constants import ZERO
from finsam_budget.drift.labels import MONTHS
from finsam_budget.drift.sie_actuals import is_result_account
from finsam_budget.model import Scenario
from finsam_budget.money import format_amount
from finsam_budget.plan.periods import monthly_amounts
from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.sie.model import SieData
from finsam_budget.readers.sie.reader import read_sie
from finsam_budget.scenario_accounts import scenario_accounts

Months = tuple[Decimal, ...]  # twelve amounts, January first
_NONE: Months = (ZERO,) * 12
LISTED = 15


@dataclass(frozen=True)
class BookedBudget:
    """The bookkeeping's budget for ``year``, month by month, in the budget's signs.

    ``lines`` per scenario line with accounts or objects; ``unlisted`` per result
    account that no line takes (a budget the scenario does not have).
    """

    source: str
    year: int
    lines: Mapping[str, Months]
    unlisted: Mapping[str, Months]
    warnings: tuple[Problem, ...] = ()


def read_booked_budget(path: str | os.PathLike[str], scenario: Scenario, year: int) -> BookedBudget:
    """The #PBUDGET of the SIE file at ``path`` for ``year`` on the scenario's lines."""
    return booked_budget_from_sie(read_sie(path), scenario, year)


def booked_budget_from_sie(sie: SieData, scenario: Scenario, year: int) -> BookedBudget:
    """``sie``'s #PBUDGET for the months of ``year`` on the scenario's lines; ``InputError`` without any."""
    periods = {f"{year}{month:02d}": month - 1 for month in range(1, 13)}
    totals: dict[str, list[Decimal]] = {}
    for (_, period, account), amount in sie.pbudget.items():
        if period in periods and is_result_account(account):
            totals.setdefault(account, list(_NONE))[periods[period]] += amount
    if not totals:
        found = sorted({period[:4] for _, period, _ in sie.pbudget})
        raise InputError(
            [
                Problem(
                    sie.file,
                    f"filen har ingen budget (#PBUDGET) på resultatkonton för {year}"
                    + (f"; den har budget för {', '.join(found)}" if found else "")
                    + ": exportera budgeten för rätt år från bokföringsprogrammet",
                )
            ]
        )
    accounts = scenario_accounts(scenario)
    by_line: dict[str, list[Decimal]] = {}
    for (_, period, account, objects), amount in sorted(sie.object_pbudget.items()):
        if period not in periods or account not in totals:
            continue  # without the account's total there is nothing to break down
        entry = next((e for e in accounts.object_lines if e.takes(account, objects)), None)
        if entry is not None:
            by_line.setdefault(entry.line.key, list(_NONE))[periods[period]] += amount
            totals[account][periods[period]] -= amount
    lines: dict[str, Months] = {}
    taken: set[str] = set()
    for entry in accounts.lines:
        months = list(_NONE)
        if entry.line.objects:
            months = by_line.get(entry.line.key, months)
        else:
            for account, amounts in totals.items():
                if entry.covers(account):
                    taken.add(account)
                    months = [a + b for a, b in zip(months, amounts, strict=True)]
        sign = -1 if entry.line.section == "income" else 1
        lines[entry.line.key] = tuple(sign * amount for amount in months)
    unlisted = {
        account: tuple(amounts)
        for account, amounts in sorted(totals.items())
        if account not in taken and any(amounts)
    }
    return BookedBudget(sie.file, year, lines, unlisted, tuple(sie.warnings))


def _period_text(year: int, through: int) -> str:
    if through == 12:
        return str(year)
    return f"{MONTHS[0]}–{MONTHS[through - 1]} {year}" if through > 1 else f"{MONTHS[0]} {year}"


def booked_budget_problems(scenario: Scenario, booked: BookedBudget, year: int, through: int) -> list[Problem]:
    """The bookkeeping's budget against the scenario's for January–``through`` of ``year``.

    A warning per line where they differ (the file's sign: a line's budget as the
    report shows it), one for budget on accounts no line takes, an info naming the
    lines that have no accounts (they cannot be compared) and an info when all agree.
    """
    if booked.year != year:
        return [
            Problem(
                booked.source,
                f"budgetfilen gäller {booked.year} men driftsredovisningen {year}; budgeten jämförs inte",
                severity="warning",
            )
        ]
    period = _period_text(year, through)
    problems: list[Problem] = []
    compared = 0
    for line in scenario.lines():
        if line.key not in booked.lines:
            continue
        compared += 1
        ours = line.amount(year) if through == 12 else sum(monthly_amounts(line, year)[:through], ZERO)
        theirs = sum(booked.lines[line.key][:through], ZERO)
        if ours != theirs:
            problems.append(
                Problem(
                    booked.source,
                    f"{line.key} ({line.name}): budget i bokföringen {period} {format_amount(theirs, ore=True)} kr, "
                    f"scenariots budget {format_amount(ours, ore=True)} kr; skillnad "
                    f"{format_amount(theirs - ours, ore=True)} kr",
                    severity="warning",
                )
            )
    unlisted = [(a, sum(m[:through], ZERO)) for a, m in booked.unlisted.items()]
    unlisted = [(a, amount) for a, amount in unlisted if amount]
    if unlisted:
        shown = [f"{a} ({format_amount(amount, ore=True)} kr)" for a, amount in unlisted]
        problems.append(
            Problem(
                booked.source,
                f"budget i bokföringen {period} på {len(unlisted)} "
                f"{'resultatkonto' if len(unlisted) == 1 else 'resultatkonton'} som ingen rad i scenariot "
                f"har (accounts): {', '.join(shown[:LISTED])}{' …' if len(shown) > LISTED else ''} "
                "(belopp med filens tecken)",
                severity="warning",
            )
        )
    without = [line.key for line in scenario_accounts(scenario).without if line.amount(year)]
    if without:
        problems.append(
            Problem(
                scenario.source,
                f"scenariorader utan konton (accounts) jämförs inte med budgeten i bokföringen: {', '.join(without)}",
                severity="info",
            )
        )
    if not any(p.severity == "warning" for p in problems):
        problems.append(
            Problem(
                booked.source,
                f"budgeten i bokföringen {period} stämmer med scenariots budget på alla {compared} rader med konton",
                severity="info",
            )
        )
    return problems
