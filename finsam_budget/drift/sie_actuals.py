"""Actuals (utfall) for a driftsredovisning taken straight from an SIE file.

Each scenario line that lists ``accounts`` gets the year's sum of those accounts:
#RES for the year, or for year 0 the vouchers' sums when the file has no #RES. Signs become the
budget's: income positive (the file's credit turned), costs positive (the
file's debit). Only result accounts count (classes 3–8, but not 89, the closing
entry of the year's result). A result account with an amount that no line lists
is carried as an ``UnlistedAccount`` (income or cost by its class, see
``unlisted_kind``) so that the driftsredovisning's result is the bookkeeping's,
and named in a warning; ranges of two lines that overlap are an error. Closing
equity and cash come from the balance sheet (default mapping: #UB on 19xx for
cash), with the year's result added to equity when it is not yet booked.
"""

from __future__ import annotations

import os
from decimal import Decimal

from finsam_budget.actuals import SIE, Actuals, UnlistedAccount
from finsam_budget.constants import ZERO
from finsam_budget.drift.labels import UNLISTED_LABELS
from finsam_budget.drift.validation import check_actuals
from finsam_budget.mapping import DEFAULT_MAPPING
from finsam_budget.model import Scenario
from finsam_budget.money import format_amount
from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.actuals import read_actuals
from finsam_budget.readers.registry import is_sie
from finsam_budget.readers.sie.model import SieData
from finsam_budget.readers.sie.reader import read_sie
from finsam_budget.scenario_accounts import allocate_objects, scenario_accounts
from finsam_budget.statements.ledger import Book, year_data

LISTED = 15


def read_actuals_for(
    path: str | os.PathLike[str], scenario: Scenario, *, year: int | None = None, role: str = "utfall"
) -> Actuals:
    """Actuals from any actuals file: an SIE file (``.se``, ``.si``, ``.sie``) through the
    scenario's accounts, every other kind through ``read_actuals``.

    For an SIE file ``year`` defaults to the file's year (#RAR 0), else the budget year.
    When another kind of file has problems, what could be read of it is checked
    against the scenario too (``role`` names its figures, see ``check_actuals``),
    so that every problem of the file is reported in one pass.
    """
    if not is_sie(path):
        try:
            return read_actuals(path, year=year)
        except InputError as exc:
            if not isinstance(exc.partial, Actuals):
                raise
            problems = exc.problems + check_actuals(scenario, exc.partial, role=role)
            # In the file's order: a table's rows by number (TOML keys have none and keep theirs).
            problems.sort(key=lambda p: p.row or 0)
            raise InputError(problems) from None
    sie = read_sie(path)
    if year is None:
        year = sie.rar[0][1].year if 0 in sie.rar else scenario.budget_year
    return actuals_from_sie(sie, scenario, year)


def is_result_account(account: str) -> bool:
    """Classes 3–8 of the chart of accounts, but not 89 (the closing entry of the year's result)."""
    return account.isascii() and account.isdigit() and account[0] in "345678" and not account.startswith("89")


def unlisted_kind(account: str, amount: Decimal) -> str:
    """``income`` or ``cost`` for a result account that no line lists, by its class (Kommun-Bas).

    Class 3 and 84 (financial income) are income, 4–7 and 85 (financial costs)
    costs; any other 8x account by the file's sign: a credit (negative) is income.
    """
    if account.startswith(("3", "84")):
        return "income"
    if account.startswith(("4", "5", "6", "7", "85")):
        return "cost"
    return "income" if amount < 0 else "cost"


def year_index(sie: SieData, year: int) -> int:
    """The file's index (0, -1 …) of the calendar year ``year``, by #RAR; 0 without #RAR."""
    if not sie.rar:
        return 0
    for index, (_, end) in sie.rar.items():
        if end.year == year:
            return index
    if 0 in sie.rar and year < sie.rar[0][1].year:
        # A year before #RAR 0 without its own #RAR (many exports give only #RAR 0): by #RES/#UB index.
        index = year - sie.rar[0][1].year
        if any(y == index for y, _ in (*sie.res, *sie.ub)):
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
    warnings = []
    # Bookings with objects: to the first object line that takes them, else (when no line of
    # accounts holds the account) to a row of their object in a dimension the scenario maps.
    if accounts.object_lines and (index != 0 or not sie.object_transactions):
        warnings.append(
            Problem(
                sie.file,
                f"raderna med objekt (objects) får utfall ur verifikationerna för räkenskapsåret; för {year} "
                "har filen inga verifikationer med objekt, så de raderna får 0",
                severity="warning",
            )
        )
    bookings = sie.object_transactions.items() if index == 0 and accounts.object_lines else ()
    shared = allocate_objects(accounts, results, bookings)
    by_line, by_object, remaining = shared.by_line, shared.by_object, shared.remaining
    amounts: dict[str, Decimal] = {}
    for entry in accounts.lines:
        if entry.line.objects:
            total = by_line.get(entry.line.key, ZERO)
        else:
            total = sum((amount for account, amount in remaining.items() if entry.covers(account)), ZERO)
        amounts[entry.line.key] = -total if entry.line.section == "income" else total
    unlisted = []
    for (dim, code, account), amount in sorted(by_object.items()):
        if amount:
            kind = unlisted_kind(account, amount)
            signed = -amount if kind == "income" else amount
            name = sie.objects.get((dim, code), "")
            unlisted.append(UnlistedAccount(account, _name(sie, account), kind, signed, object=(dim, code, name)))
    for account, amount in remaining.items():
        if amount and accounts.line_for(account) is None:
            kind = unlisted_kind(account, amount)
            signed = -amount if kind == "income" else amount  # the budget's sign
            unlisted.append(UnlistedAccount(account, _name(sie, account), kind, signed))
    objects_unnamed = sorted({a.object[:2] for a in unlisted if a.object is not None})
    if objects_unnamed:
        named = ", ".join(f"{dim} {code}" for dim, code in objects_unnamed)
        warnings.append(
            Problem(
                sie.file,
                f"objekt med belopp för {year} som ingen rad i scenariot (objects) nämner redovisas på egna rader: "
                f"{named} (dimension och objekt)",
                severity="warning",
            )
        )
    unlisted_accounts = [a for a in unlisted if a.object is None]
    if unlisted_accounts:
        count = len(unlisted_accounts)
        shown = [
            f"{a.account}{' ' + a.name if a.name else ''} ({format_amount(remaining[a.account], ore=True)} kr)"
            for a in unlisted_accounts
        ]
        listed = ", ".join(shown[:LISTED]) + (" …" if count > LISTED else "")
        kinds = {a.kind for a in unlisted_accounts}
        rows = [f'"{UNLISTED_LABELS[kind]}"' for kind in ("income", "cost") if kind in kinds]
        warnings.append(
            Problem(
                sie.file,
                f"{count} {'resultatkonto' if count == 1 else 'resultatkonton'} med belopp för {year} hör inte "
                f"till någon rad i scenariot (accounts) och redovisas på {'raden' if len(rows) == 1 else 'raderna'} "
                f"{' och '.join(rows)}; belopp med filens tecken: {listed}",
                severity="warning",
            )
        )
    without = [line.key for line in accounts.without]
    if without and accounts.lines:
        warnings.append(
            Problem(
                scenario.source,
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
        kind=SIE,
        unlisted=tuple(unlisted),
    )


def _name(sie: SieData, account: str) -> str:
    known = sie.accounts.get(account)
    return known.name if known is not None and known.name else ""
