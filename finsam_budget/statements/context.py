"""What every statement table is built from: the years' books, the columns, the budget.

Column keys: ``budget`` (the scenario's budget for the year), ``this`` (year 0)
and ``last`` (year -1). Table keys: ``rr``, ``br``, ``kf``, ``not_bidrag``,
``not_kostnader``, ``nyckeltal``, ``femar``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from finsam_budget.mapping import AccountMapping
from finsam_budget.model import DEFAULT_CAP_BANDS, CapBand
from finsam_budget.plan.engine import Plan
from finsam_budget.problems import Problem
from finsam_budget.readers.sie.model import SieData
from finsam_budget.scenario_accounts import ScenarioAccounts
from finsam_budget.statements.ledger import Book
from finsam_budget.tables import Column, Ref, Table

BUDGET, THIS, LAST = "budget", "this", "last"


@dataclass
class Context:
    """The inputs of one computation and the tables built so far."""

    sie: SieData
    mapping: AccountMapping
    books: dict[int, Book]  # year index -> book (only years the file has figures for)
    plan: Plan | None
    scenario_accounts: ScenarioAccounts | None
    tables: dict[str, Table] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    cap_bands: tuple[CapBand, ...] = DEFAULT_CAP_BANDS  # the cap table in force (rules file, scenario or default)

    @property
    def this(self) -> Book:
        return self.books[0]

    @property
    def last(self) -> Book | None:
        return self.books.get(-1)

    @property
    def year(self) -> int:
        return self.this.data.year

    @property
    def has_last_results(self) -> bool:
        return self.last is not None and self.last.has_results

    @property
    def has_last_balances(self) -> bool:
        return self.last is not None and self.last.has_balances

    def warn(self, message: str, *, file: str | None = None, key: str | None = None) -> None:
        """A warning about the SIE file, or about ``file`` (the scenario) at ``key``."""
        self.warnings.append(Problem(file or self.sie.file, message, key=key, severity="warning"))

    def info(self, message: str) -> None:
        """Something worth knowing about the SIE file that needs no action."""
        self.warnings.append(Problem(self.sie.file, message, severity="info"))

    def lookup(self, ref: Ref) -> Decimal | None:
        return self.tables[ref.table].amount(ref.row, ref.column)

    def add(self, table: Table) -> Table:
        self.tables[table.key] = table
        return table

    # -- columns -----------------------------------------------------------------

    def result_columns(self) -> tuple[Column, ...]:
        """Budget (with a scenario), this year and last year (when the file has #RES -1)."""
        columns = []
        if self.plan is not None:
            columns.append(Column(BUDGET, f"Budget {self.year}"))
        columns.append(Column(THIS, str(self.year)))
        if self.has_last_results:
            columns.append(Column(LAST, str(self.last.data.year)))  # type: ignore[union-attr]
        return tuple(columns)

    def balance_columns(self) -> tuple[Column, ...]:
        """This year's end and last year's end (when the file has its balances)."""
        columns = [Column(THIS, _year_end(self.this))]
        if self.has_last_balances:
            columns.append(Column(LAST, _year_end(self.last)))  # type: ignore[arg-type]
        return tuple(columns)

    def book(self, column: str) -> Book:
        return self.this if column == THIS else self.last  # type: ignore[return-value]


def _year_end(book: Book) -> str:
    end = book.data.end
    return end.isoformat() if end is not None else f"{book.data.year}-12-31"
