"""Actuals (utfall) for a driftsredovisning taken straight from an SIE file.

Each scenario line that lists ``accounts`` gets the year's sum of those accounts:
#RES for the year, or for year 0 the vouchers' sums when the file has no #RES. Signs become the
budget's: income positive (the file's credit turned), costs positive (the
file's debit). Only result accounts count (classes 3–8, but not 89, the closing
entry of the year's result). A result account with an amount that no line lists
is named in a warning; ranges of two lines that overlap are an error. Closing
equity and cash come from the balance sheet (default mapping), with the year's
result added to equity when it is not yet booked.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from finsam_budget.actuals import Actuals
from finsam_budget.mapping import DEFAULT_MAPPING, RR_GROUPS
from finsam_budget.model import Scenario
from finsam_budget.money import format_amount
from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.actuals import SIE_SUFFIXES, read_actuals
from finsam_budget.readers.sie import read_sie
from finsam_budget.readers.sie_model import SieData
from finsam_budget.scenario_accounts import scenario_accounts
from finsam_budget.statements.ledger import Book, year_data

ZERO = Decimal(0)
LISTED = 15


def read_actuals_for(path: str | os.PathLike[str], scenario: Scenario, *, year: int | None = None) -> Actuals:
    """Actuals from any actuals file: an SIE file (``.se``, ``.si``, ``.sie``) through the
    scenario's accounts, every other kind through ``read_actuals``.

    For an SIE file ``year`` defaults to the file's year (#RAR 0), else the budget year.
    """
    if Path(path).suffix.lower() not in SIE_SUFFIXES:
        return read_actuals(path, year=year)
    sie = read_sie(path)
    if year is None:
        year = sie.rar[0][1].year if 0 in sie.rar else scenario.budget_year
    return actuals_from_sie(sie, scenario, year)


def is_result_account(account: str) -> bool:
    line = DEFAULT_MAPPING.line_for(account)
    return line is not None and line.group in RR_GROUPS


def year_index(sie: SieData, year: int) -> int:
    """The file's index (0, -1 …) of the calendar year ``year``, by #RAR; 0 without #RAR."""
    if not sie.rar:
        return 0
    for index, (_, end) in sie.rar.items():
        if end.year == year:
            return index
    found = ", ".join(f"{end.year} (#RAR {index})" for index, (_, end) in sorted(sie.rar.items(), reverse=True))
    raise InputError([Problem(sie.file, f"SIE-filen har inte år {year}; dess räkenskapsår är {found}")])


def actuals_from_sie(sie: SieData, scenario: Scenario, year: int) -> Actuals:
    """The scenario lines' actuals for ``year`` from ``sie``; raises ``InputError`` when unusable.

    ``year`` may be any year the file has (#RAR 0, -1 …): a year-0 file also gives
    the year before from its #RES -1 and #UB -1.
    """
    index = year_index(sie, year)
    data = year_data(sie, index, year - index)
    if data.results is None:
        raise InputError(
            [Problem(sie.file, f"filen har inget resultat för {year} (varken #RES {index} eller verifikationer)")]
        )
    accounts = scenario_accounts(scenario)
    if not accounts.lines:
        raise InputError(
            [
                Problem(
                    scenario.source,
                    "ingen rad i scenariot har accounts; för utfall ur en SIE-fil behöver raderna "
                    'sina konton, t.ex. accounts = ["3511"] eller ["4610-4619"]',
                )
            ]
        )
    results = {a: amount for a, amount in sorted(data.results.items()) if is_result_account(a)}
    amounts: dict[str, Decimal] = {}
    for entry in accounts.lines:
        total = sum((amount for account, amount in results.items() if entry.covers(account)), ZERO)
        amounts[entry.line.key] = -total if entry.line.section == "income" else total
    warnings = []
    uncovered = [
        f"{account}{_name(sie, account)} ({format_amount(amount, ore=True)} kr)"
        for account, amount in results.items()
        if amount and accounts.line_for(account) is None
    ]
    if uncovered:
        listed = ", ".join(uncovered[:LISTED]) + (" …" if len(uncovered) > LISTED else "")
        warnings.append(
            Problem(
                sie.file,
                f"{len(uncovered)} resultatkonton med belopp hör inte till någon rad i scenariot "
                f"(accounts), belopp med filens tecken: {listed}",
                severity="warning",
            )
        )
    without = [line.key for line in accounts.without]
    if without and accounts.lines:
        warnings.append(
            Problem(
                sie.file,
                f"scenariorader utan konton (accounts) får inget utfall ur SIE-filen: {', '.join(without)}",
                severity="warning",
            )
        )
    book = Book(DEFAULT_MAPPING, data, {})
    closing_equity = cash = None
    if book.has_balances:
        closing_equity = book.equity
        cash = book.group_balance("cash")
    return Actuals(
        source=sie.file,
        year=year,
        through=None,
        amounts=amounts,
        closing_equity=closing_equity,
        cash=cash,
        rows={key: None for key in amounts},
        warnings=tuple(sie.warnings) + tuple(warnings),
    )


def _name(sie: SieData, account: str) -> str:
    known = sie.accounts.get(account)
    return f" {known.name}" if known is not None and known.name else ""
