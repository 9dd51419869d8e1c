"""Actuals (utfall): what was booked per budget line, for a driftsredovisning.

The model only; files are read by ``finsam_budget.readers.actuals``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from finsam_budget.problems import Problem

SECTIONS = ("income", "admin", "development", "projects")

_LINE_ID = re.compile(r"(income|admin|development|projects)\.[a-z0-9_-]+", re.ASCII)


def is_line_id(text: str) -> bool:
    """True for a scenario line id such as ``income.fk`` or ``projects.jobbsam``."""
    return bool(_LINE_ID.fullmatch(text))


def explain_line_id(text: str) -> str:
    """Why ``text`` is not a line id, in Swedish, with what to write instead."""
    shown = text if len(text) <= 60 else text[:57] + "..."
    if is_line_id(text.strip().lower()):
        return f'"{shown}" är inget rad-id: skriv det med små bokstäver, "{text.strip().lower()}"'
    return (
        f'"{shown}" är inget rad-id; väntade avsnitt.id, t.ex. "income.fk" eller "projects.jobbsam", '
        f"där avsnittet är {', '.join(SECTIONS[:-1])} eller {SECTIONS[-1]} "
        "och id:t består av a–z, 0–9, _ och -"
    )


def _frozen(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(mapping))


#: How an actuals file was written: the TOML contract, a table (CSV, xlsx), or an SIE file.
TOML, TABLE, SIE = "toml", "table", "sie"


@dataclass(frozen=True)
class UnlistedAccount:
    """A result account of an SIE file with an amount that no scenario line lists.

    ``kind`` is ``income`` or ``cost`` (by the account's class, see
    ``sie_actuals.unlisted_kind``); ``amount`` has the budget's sign for that
    kind: income positive (the file's credit turned), costs positive (its debit).
    """

    account: str
    name: str
    kind: str
    amount: Decimal
    object: tuple[str, str, str] | None = None  # (dimension, object, its name) of a booking no line names

    @property
    def object_label(self) -> str:
        """``Objekt 6 NYTT Nytt projekt``: the row an unnamed object gets."""
        if self.object is None:
            return ""
        dim, code, name = self.object
        return f"Objekt {dim} {code}{' ' + name if name else ''} (ingen rad i scenariot)"


@dataclass(frozen=True)
class Actuals:
    """Actual amounts per line id for one year, read from one file.

    ``through`` is ``(year, month)`` when the actuals run to the end of a month
    before December (a delårsrapport); ``forecast`` is then the full-year prognos
    per line where the file gives one. ``rows`` tells where each line came from:
    the row in a CSV or xlsx file, ``None`` for TOML (the key names the place).
    ``warnings`` are things worth saying about the file that do not stop its use
    (e.g. accounts of an SIE file that no scenario line lists, a skipped total row).
    ``kind`` says how the file was written (``toml``, ``table``, ``sie``), so that
    messages name its places the way the file does; ``unlisted`` are an SIE
    file's result accounts that no line lists, carried so that the result still
    equals the bookkeeping. Mappings keep the order of the file and cannot be changed.
    """

    source: str
    year: int | None
    through: tuple[int, int] | None
    amounts: Mapping[str, Decimal]
    forecast: Mapping[str, Decimal] = field(default_factory=dict)
    closing_equity: Decimal | None = None
    cash: Decimal | None = None
    rows: Mapping[str, int | None] = field(default_factory=dict)
    #: Where a TOML file gives each line id: (table, line id) → line number ("amounts", "forecast").
    lines: Mapping[tuple[str, str], int] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()
    kind: str = TOML
    unlisted: tuple[UnlistedAccount, ...] = ()

    def __post_init__(self) -> None:
        for name in ("amounts", "forecast", "rows", "lines"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    def unlisted_of(self, kind: str) -> tuple[UnlistedAccount, ...]:
        """The unlisted accounts of one kind (``income`` or ``cost``), objects' bookings not included."""
        return tuple(account for account in self.unlisted if account.kind == kind and account.object is None)

    def unnamed_objects_of(self, kind: str) -> dict[tuple[str, str], tuple[UnlistedAccount, ...]]:
        """The bookings of objects no line names, per (dimension, object), of one kind."""
        found: dict[tuple[str, str], list[UnlistedAccount]] = {}
        for entry in self.unlisted:
            if entry.kind == kind and entry.object is not None:
                found.setdefault(entry.object[:2], []).append(entry)
        return {key: tuple(entries) for key, entries in sorted(found.items())}
