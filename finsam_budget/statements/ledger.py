"""One year of an SIE file seen through an account mapping.

Per year index (0 = the file's year, -1 the year before …):
* result amounts: #RES for that year; for year 0 without any #RES, the sums of
  the vouchers (#TRANS), which for a result account are the year's result;
* balances at the year's end: #UB for that year; otherwise #IB of the year after
  (the opening balance of year 0 is the closing balance of year -1); for year 0
  without #UB, #IB 0 plus the vouchers.

Signs: the file's are debit +, credit −. The statements turn them: result lines
are ``−`` the file's sum (income positive, costs negative), assets are the file's
sum, equity, provisions and liabilities ``−`` the file's sum.

The year's result not yet booked to equity (usual in an export made before the
closing entries): the balance accounts then do not sum to zero, and equity is the
balance-sheet equity plus the year's result. When they do sum to zero the result
is already in equity and is not added again.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from finsam_budget.constants import ZERO
from finsam_budget.mapping import BR_GROUPS, RR_GROUPS, AccountMapping, MappingLine
from finsam_budget.readers.sie.model import SieData

ASSET_SIGN_GROUPS = ("fixed_assets", "inventory", "receivables", "short_term_investments", "cash")


@dataclass(frozen=True)
class YearData:
    """The raw amounts of one year index, in the file's signs; None where the file has none."""

    index: int
    year: int
    end: date | None
    results: Mapping[str, Decimal] | None
    balances: Mapping[str, Decimal] | None
    results_from: str = ""
    balances_from: str = ""


def _of_year(sums: Mapping[tuple[int, str], Decimal], index: int) -> dict[str, Decimal] | None:
    found = {account: amount for (year, account), amount in sums.items() if year == index}
    return found or None


def year_end(sie: SieData, index: int) -> date | None:
    """The last day of year ``index``: its #RAR, else #RAR 0's end moved ``index`` years.

    A file with only #RAR 0 for a broken fiscal year (July–June) thus dates the year
    before on 30 June, not 31 December. None without #RAR 0.
    """
    if index in sie.rar:
        return sie.rar[index][1]
    if 0 not in sie.rar:
        return None
    end = sie.rar[0][1]
    year = end.year + index
    day = min(end.day, monthrange(year, end.month)[1])  # 29 February in a year without one
    return date(year, end.month, day)


def year_data(sie: SieData, index: int, first_year: int) -> YearData:
    """Result amounts and closing balances of year ``index`` (see the module docstring)."""
    end = year_end(sie, index)
    year = end.year if end is not None else first_year + index
    results = _of_year(sie.res, index)
    results_from = "#RES"
    if results is None and index == 0 and sie.voucher_count:
        results, results_from = dict(sie.transactions), "verifikationer"
    balances = _of_year(sie.ub, index)
    balances_from = "#UB"
    if balances is None:
        balances = _of_year(sie.ib, index + 1)
        balances_from = f"#IB {index + 1}"
    if balances is None and index == 0 and (sie.voucher_count or _of_year(sie.ib, 0)):
        opening = _of_year(sie.ib, 0) or {}
        balances = dict(opening)
        for account, amount in sie.transactions.items():
            balances[account] = balances.get(account, ZERO) + amount
        balances_from = "#IB 0 + verifikationer"
    return YearData(
        index,
        year,
        end,
        results,
        balances,
        results_from if results is not None else "",
        balances_from if balances is not None else "",
    )


class Book:
    """One year's amounts per statement line, with the booked/unbooked result rule applied."""

    def __init__(self, mapping: AccountMapping, data: YearData, lines_of: Mapping[str, MappingLine | None]):
        self.mapping = mapping
        self.data = data
        self._lines_of = lines_of  # account -> its line (shared cache)

    def _line(self, account: str) -> MappingLine | None:
        if account not in self._lines_of:
            self._lines_of[account] = self.mapping.line_for(account)  # type: ignore[index]
        return self._lines_of[account]

    @property
    def has_results(self) -> bool:
        return self.data.results is not None

    @property
    def has_balances(self) -> bool:
        return self.data.balances is not None

    # -- result accounts ---------------------------------------------------------

    @cached_property
    def result_accounts(self) -> dict[str, list[tuple[str, Decimal]]]:
        """Per RR line id: (account, amount in the statement's sign), accounts in order."""
        found: dict[str, list[tuple[str, Decimal]]] = {}
        for account, amount in sorted((self.data.results or {}).items()):
            line = self._line(account)
            if line is not None and line.group in RR_GROUPS:
                found.setdefault(line.id, []).append((account, -amount))
        return found

    def line_result(self, line_id: str) -> Decimal:
        return sum((amount for _, amount in self.result_accounts.get(line_id, ())), ZERO)

    def group_result(self, group: str) -> Decimal:
        return sum((self.line_result(line.id) for line in self.mapping.lines_in(group)), ZERO)

    @cached_property
    def result(self) -> Decimal:
        """Årets resultat: every result line, income positive and costs negative."""
        return sum((self.group_result(group) for group in RR_GROUPS), ZERO)

    @cached_property
    def realisation_gains(self) -> Decimal:
        return sum(
            (
                -amount
                for account, amount in (self.data.results or {}).items()
                if self.mapping.is_realisation_gain(account)
            ),
            ZERO,
        )

    # -- balance accounts --------------------------------------------------------

    @cached_property
    def balance_accounts(self) -> dict[str, list[tuple[str, Decimal]]]:
        """Per BR line id: (account, amount in the balance sheet's sign)."""
        found: dict[str, list[tuple[str, Decimal]]] = {}
        for account, amount in sorted((self.data.balances or {}).items()):
            line = self._line(account)
            if line is not None and line.group in BR_GROUPS:
                sign = 1 if line.group in ASSET_SIGN_GROUPS else -1
                found.setdefault(line.id, []).append((account, sign * amount))
        return found

    def line_balance(self, line_id: str) -> Decimal:
        return sum((amount for _, amount in self.balance_accounts.get(line_id, ())), ZERO)

    def group_balance(self, group: str) -> Decimal:
        return sum((self.line_balance(line.id) for line in self.mapping.lines_in(group)), ZERO)

    @cached_property
    def unbalanced(self) -> Decimal:
        """The balance accounts' sum in the file's signs: 0 when the result is booked."""
        return sum(
            (
                amount
                for account, amount in (self.data.balances or {}).items()
                if (line := self._line(account)) is not None and line.group in BR_GROUPS
            ),
            ZERO,
        )

    @property
    def result_booked(self) -> bool:
        return self.unbalanced == 0

    @cached_property
    def book_equity(self) -> Decimal:
        """Equity as the equity accounts show it."""
        return self.group_balance("equity")

    @cached_property
    def unbooked_result(self) -> Decimal:
        """The result added to equity: the year's result when not booked, else 0."""
        if self.result_booked or not self.has_results:
            return ZERO
        return self.result

    @cached_property
    def equity(self) -> Decimal:
        return self.book_equity + self.unbooked_result

    @cached_property
    def accumulated_depreciation(self) -> Decimal:
        """The accumulated depreciation accounts' sum in the file's signs (usually negative)."""
        return sum(
            (
                amount
                for account, amount in (self.data.balances or {}).items()
                if self.mapping.is_accumulated_depreciation(account)
                and (line := self._line(account)) is not None
                and line.group in BR_GROUPS
            ),
            ZERO,
        )

    @cached_property
    def total_assets(self) -> Decimal:
        return sum((self.group_balance(group) for group in ASSET_SIGN_GROUPS), ZERO)

    # -- accounts outside the mapping --------------------------------------------

    @cached_property
    def unmapped(self) -> dict[str, Decimal]:
        """Accounts with an amount (balance or result) that no line takes."""
        found: dict[str, Decimal] = {}
        for source in (self.data.balances or {}, self.data.results or {}):
            for account, amount in source.items():
                if amount and self._line(account) is None:
                    found.setdefault(account, amount)
        return dict(sorted(found.items()))
