"""Typed values of parsed TOML data, one wording for every kind of file.

Every TOML reader (scenario, actuals, mapping, rules, adjustments) asks a
``Fields`` for its values: a table, a text, an integer, true/false, an amount,
amounts keyed by year, a share, an id, a list of strings, and unknown keys. A
wrong value becomes a problem at its key path, through the ``report`` the
reader gives (which knows the file and the line), in the same Swedish words
whichever file it is in. Each helper returns ``None`` (or a default) when the
value cannot be used, so a reader goes on and reports everything in one pass.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterable
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from finsam_budget.money import AmountError, float_refused, parse_amount, parse_share
from finsam_budget.problems import Problem, shown_value
from finsam_budget.readers.toml_keys import KeyPath
from finsam_budget.readers.toml_source import TomlSource

Report = Callable[[KeyPath, str], None]

ID_PATTERN = re.compile(r"[a-z0-9_-]+", re.ASCII)
ID_RULE = "id får bara innehålla a–z, 0–9, _ och - (små bokstäver, utan å/ä/ö)"
_YEAR_KEY = re.compile(r"[0-9]{4}", re.ASCII)
FORMAT = 1


class Fields:
    """Typed getters that report a problem at the value's key path instead of raising."""

    def __init__(self, report: Report, years: tuple[int, ...] = ()) -> None:
        self.report = report
        #: The years of the scenario: a year key or value outside them is a problem (none: any year).
        self.years = years

    def error(self, path: KeyPath, message: str) -> None:
        self.report(path, message)

    def table(self, value: Any, path: KeyPath) -> dict[str, Any] | None:
        """A table, or ``None`` when the key is absent or holds something else (a problem)."""
        if value is None:
            return None
        if not isinstance(value, dict):
            self.error(path, f"väntade en tabell, fick {shown_value(value)}")
            return None
        return value

    def text(self, value: Any, path: KeyPath, *, required: bool = False) -> str | None:
        if value is None:
            if required:
                self.error(path, "saknas (väntade en text)")
            return None
        if not isinstance(value, str):
            self.error(path, f"väntade en text, fick {shown_value(value)}")
            return None
        if required and not value.strip():
            self.error(path, "får inte vara tom")
            return None
        return value

    def integer(self, value: Any, path: KeyPath, *, required: bool = False) -> int | None:
        if value is None:
            if required:
                self.error(path, "saknas (väntade ett heltal)")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, f"väntade ett heltal, fick {shown_value(value)}")
            return None
        return value

    def boolean(self, value: Any, path: KeyPath, *, default: bool = False) -> bool:
        """``true`` or ``false``; ``default`` when absent or wrong (a problem)."""
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(path, f"väntade true eller false, fick {shown_value(value)}")
            return default
        return value

    def date(self, value: Any, path: KeyPath) -> date | None:
        """A TOML date (``2020-09-01``, without quotes); a missing one is a problem."""
        if value is None:
            self.error(path, "saknas (väntade ett datum, t.ex. 2020-09-01)")
            return None
        if isinstance(value, datetime) or not isinstance(value, date):
            self.error(path, f"väntade ett datum utan citattecken, t.ex. 2020-09-01, fick {shown_value(value)}")
            return None
        return value

    def inexact(self, value: Any, path: KeyPath, what: str) -> bool:
        """True (and a problem) for a TOML float where an exact number is wanted (``what``: ``faktorn``)."""
        if isinstance(value, float):
            self.error(path, float_refused(value, what))
            return True
        return False

    def choice(self, value: Any, path: KeyPath, choices: Collection[str]) -> str | None:
        """One of ``choices`` (``None`` and a problem otherwise)."""
        if isinstance(value, str) and value in choices:
            return value
        listed = " eller ".join(", ".join(f'"{c}"' for c in choices).rsplit(", ", 1))
        found = "inget värde" if value is None else shown_value(value)
        self.error(path, f"väntade {listed}, fick {found}")
        return None

    def unknown_keys(self, table: dict[str, Any], allowed: Iterable[str], path: KeyPath) -> None:
        """A problem for each key not ``allowed``, with the allowed keys and the closest one."""
        allowed = set(allowed)
        for key in table:
            if key not in allowed:
                message = f"okänd nyckel (tillåtna: {', '.join(sorted(allowed))})"
                close = difflib.get_close_matches(str(key), sorted(allowed), n=1, cutoff=0.75)
                if close:
                    message += f"; menade du {close[0]}?"
                self.error(path + (str(key),), message)

    def amount(self, value: Any, path: KeyPath, *, required: bool = False) -> Decimal | None:
        if value is None and not required:
            return None
        if value is None:
            self.error(path, "saknas (väntade ett belopp i kronor)")
            return None
        try:
            return parse_amount(value)
        except AmountError as exc:
            self.error(path, str(exc))
            return None

    def year_key(self, key: Any, path: KeyPath) -> int | None:
        """A table key that is a year (``2022``), one of ``years`` when they are given."""
        if not _YEAR_KEY.fullmatch(str(key)):
            self.error(path + (str(key),), "väntade ett årtal (t.ex. 2022) som nyckel")
            return None
        return self._in_years(int(key), path + (str(key),))

    def year(self, value: Any, path: KeyPath, *, example: int = 2022, earliest: int = 1900,
             latest: int = 2200) -> int | None:
        """A year written as an integer value (``year = 2020``), one of ``years`` when they are given."""
        if isinstance(value, bool) or not isinstance(value, int) or not earliest <= value <= latest:
            self.error(path, f"väntade ett årtal som heltal, t.ex. {example}, fick {shown_value(value)}")
            return None
        return self._in_years(value, path)

    def _in_years(self, year: int, path: KeyPath) -> int | None:
        if self.years and year not in self.years:
            shown = ", ".join(str(y) for y in self.years)
            self.error(path, f"året {year} finns inte bland years ({shown})")
            return None
        return year

    def year_amounts(self, value: Any, path: KeyPath) -> dict[int, Decimal]:
        """An inline table of amounts keyed by year; a year outside ``years`` is a problem."""
        result: dict[int, Decimal] = {}
        for key, raw in (self.table(value, path) or {}).items():
            year = self.year_key(key, path)
            amount = self.amount(raw, path + (str(key),), required=True)
            if year is not None and amount is not None:
                result[year] = amount
        return result

    def share(self, value: Any, path: KeyPath) -> Fraction | None:
        """A share between 0 and 1: ``"1/2"``, ``"50%"``, ``"0.5"`` or 1."""
        if value is None:
            self.error(path, 'saknas (väntade en andel, t.ex. "1/2" eller "50%")')
            return None
        try:
            return parse_share(value)
        except AmountError as exc:
            self.error(path, str(exc))
            return None

    def identifier(self, key: str, path: KeyPath) -> bool:
        """An id of a line or member: a–z, 0–9, ``_`` and ``-``."""
        if ID_PATTERN.fullmatch(key):
            return True
        self.error(path, ID_RULE)
        return False

    def strings(self, value: Any, path: KeyPath, *, expected: str, empty: bool = False) -> list[str] | None:
        """A list of strings (an empty one only when ``empty``); ``expected`` describes it."""
        if not isinstance(value, list) or not (value or empty) or not all(isinstance(v, str) for v in value):
            found = "inget värde" if value is None else shown_value(value)
            self.error(path, f"väntade {expected}, fick {found}")
            return None
        return value

    def format_and_kind(self, data: dict[str, Any], kind: str | None) -> None:
        """``format = 1`` and, for files other than scenarios, ``kind = "…"``."""
        value = data.get("format")
        if value is None:
            self.error(("format",), f"saknas (väntade format = {FORMAT})")
        elif self.integer(value, ("format",)) is not None and value != FORMAT:
            self.error(("format",), f"formatet {value} stöds inte (väntade format = {FORMAT})")
        if kind is None:
            return
        found = data.get("kind")
        if found is None:
            self.error(("kind",), f'saknas (väntade kind = "{kind}")')
        elif found != kind:
            self.error(("kind",), f'väntade kind = "{kind}", fick {shown_value(found)}')


def file_fields(source: TomlSource, problems: list[Problem]) -> Fields:
    """``Fields`` for one file: each problem gets the file's name and the line of its key."""
    return Fields(lambda path, message: problems.append(source.problem(path, message)))
