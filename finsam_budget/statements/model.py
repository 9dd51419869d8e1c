"""What the statements engine returns: the tables of each sheet, the checks, the warnings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from finsam_budget.problems import Problem
from finsam_budget.tables import Derived, Ref, Table


@dataclass(frozen=True)
class Check:
    """A statement identity: what must hold, and the difference found (0 when it holds).

    ``derivation`` is the difference as a sum of statement cells when it is one
    (a check row, or equity and the result), so the workbook can show it live.
    """

    name: str
    difference: Decimal
    detail: str = ""
    derivation: Derived | None = None

    @property
    def holds(self) -> bool:
        return self.difference == 0


@dataclass(frozen=True)
class Sheet:
    """One sheet of the statements: a name and its tables, top to bottom."""

    name: str
    tables: tuple[Table, ...]


@dataclass(frozen=True)
class KeyFigure:
    """One row of the terminal summary: a label and its value this year and last year."""

    label: str
    unit: str  # "amount" or "percent"
    this_year: Decimal | None
    last_year: Decimal | None


@dataclass(frozen=True)
class Statements:
    """The year-end statements of one SIE file: sheets, identities checked, warnings.

    ``year`` is the calendar year of the file's year 0 and ``last_year`` the one
    before when the file has figures for it. ``warnings`` are the SIE reader's
    (encoding, unknown records …) followed by the statements' own (budget
    placement, members' contributions …).
    """

    source: str
    federation: str
    year: int
    has_last_year: bool
    has_budget: bool
    sheets: tuple[Sheet, ...]
    checks: tuple[Check, ...]
    warnings: tuple[Problem, ...]
    key_figures: tuple[KeyFigure, ...]
    #: Warnings that concern one cell of a statement (equity over the cap: the margin), to mark it there.
    concerns: tuple[tuple[Ref, Problem], ...] = ()

    def table(self, key: str) -> Table:
        for sheet in self.sheets:
            for table in sheet.tables:
                if table.key == key:
                    return table
        raise KeyError(key)

    @property
    def failed_checks(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if not check.holds)
