"""Turn SIE field text into values: dates, year indexes, account numbers, amounts.

Each converter raises ``FieldError`` with a Swedish message; the reader adds the
file and line. Dates are cached because a year of vouchers uses a few hundred
distinct dates many thousand times.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from finsam_budget.money import AmountError, check_amount
from finsam_budget.readers.sie.tokens import Field

_AMOUNT = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)")
_DATE_CACHE_LIMIT = 50_000  # distinct dates remembered; beyond that, still correct, only slower


class FieldError(ValueError):
    """A field whose text is not what the record needs; the message is Swedish."""


def shown(value: Field) -> str:
    """A field as it is quoted in a message, shortened when it is long."""
    if isinstance(value, tuple):
        value = "{" + " ".join(value) + "}"
    return f'"{value}"' if len(value) <= 40 else f'"{value[:37]}..."'


class DateParser:
    """Parses ``YYYYMMDD`` dates and remembers the answers."""

    def __init__(self) -> None:
        self._known: dict[str, date] = {}

    def __call__(self, text: Field, what: str) -> date:
        known = self._known.get(text)  # type: ignore[arg-type]
        if known is not None:
            return known
        if not (isinstance(text, str) and len(text) == 8 and text.isascii() and text.isdigit()):
            raise FieldError(f"{what} ska vara ett datum ÅÅÅÅMMDD, fick {shown(text)}")
        try:
            value = date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            raise FieldError(f"{what} {text} är inget giltigt datum") from None
        if value.year < 1900 or value.year > 2199:
            raise FieldError(f"{what} {text} är ett orimligt datum")
        if len(self._known) < _DATE_CACHE_LIMIT:
            self._known[text] = value
        return value


def parse_account(text: Field) -> str:
    """An account number: ASCII digits only (BAS accounts have four)."""
    if isinstance(text, str) and text.isascii() and text.isdigit():
        return text
    raise FieldError(f"kontonumret ska bestå av siffror, fick {shown(text)}")


def parse_sie_amount(text: Field) -> Decimal:
    """An amount as SIE writes it: ``-1250.00`` (decimal point, minus for credit).

    Plain decimal notation only: no exponent, no digit grouping, no NaN or Infinity;
    at most two decimals (öre) and less than ±10^12 kr, like every amount the tool reads.
    """
    if isinstance(text, str) and _AMOUNT.fullmatch(text):
        try:
            return check_amount(Decimal(text))
        except AmountError as exc:
            raise FieldError(str(exc)) from None
    raise FieldError(f"väntade ett belopp, fick {shown(text)}")


def parse_year_index(text: Field) -> int:
    """A year index: 0 is this year, -1 the year before, 1 the next."""
    if isinstance(text, str):
        body = text[1:] if text[:1] in "+-" else text
        if body.isascii() and body.isdigit() and len(body) <= 3:
            return int(text)
    raise FieldError(f"årsnumret ska vara ett heltal som 0 eller -1, fick {shown(text)}")


def parse_period(text: Field) -> str:
    """A period ``YYYYMM`` (kept as text, it is a key)."""
    if (
        isinstance(text, str)
        and len(text) == 6
        and text.isascii()
        and text.isdigit()
        and 1 <= int(text[4:]) <= 12
    ):
        return text
    raise FieldError(f"perioden ska vara ÅÅÅÅMM, fick {shown(text)}")


def parse_objects(value: Field) -> tuple[tuple[str, str], ...]:
    """An object list ``{1 "100" 6 "P1"}`` as (dimension, object) pairs."""
    if not isinstance(value, tuple):
        raise FieldError(f"väntade en objektlista {{…}}, fick {shown(value)}")
    if len(value) % 2:
        raise FieldError(f"objektlistan {shown(value)} ska bestå av par: dimension och objekt")
    return tuple(zip(value[::2], value[1::2], strict=True))


def need(fields: list[Field], count: int, what: str) -> None:
    """Raise when the record has fewer than ``count`` fields (the label included)."""
    if len(fields) < count:
        raise FieldError(f"för få fält: väntade {what}")


def text_field(fields: list[Field], index: int) -> str | None:
    """The string field at ``index``, or None when it is missing or empty."""
    if index < len(fields):
        value = fields[index]
        if isinstance(value, str) and value:
            return value
    return None
