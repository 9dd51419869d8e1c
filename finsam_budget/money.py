"""The one place where amounts are parsed and formatted.

Money is ``Decimal``: an amount in an input file is an integer or a decimal
string, never a binary float. Formatting is Swedish (babel, sv_SE):
``6 152 177``, ``-1 133 557``, ``29 %``.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from typing import Any

from finsam_budget.constants import MAX_AMOUNT, SHARE_PLACES
from finsam_budget.problems import shown_value

LOCALE = "sv_SE"
ONE_KRONA = Decimal(1)

# ASCII digits only: Decimal() would also take "١٢٣" or "１２３".
_DECIMAL_STRING = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?", re.ASCII)
#: A share as written: a plain decimal or a fraction of integers, at most 15 digits a part; never an
#: exponent (Fraction("1e-1000000") would build a million-digit denominator).
SHARE_DIGITS = 15
_SHARE_STRING = re.compile(
    r"[+-]?(?:[0-9]{1,15}(?:\.[0-9]{1,15}|/[0-9]{1,15})?|\.[0-9]{1,15})", re.ASCII
)


class AmountError(ValueError):
    """An amount that is not a valid sum in kronor; the message is Swedish."""


def parse_amount(value: object) -> Decimal:
    """Parse an amount from a TOML value: an int or a decimal string like ``"1175652.50"``.

    Refuses floats (with a hint to write a string), booleans, non-finite values,
    more than two decimals and amounts beyond ±10^12 kr.
    """
    if isinstance(value, bool):
        raise AmountError(f"väntade ett belopp i kronor, fick {shown_value(value)}")
    if isinstance(value, float):
        raise AmountError(float_refused(value, "beloppet"))
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace("_", "")
        if not _DECIMAL_STRING.fullmatch(text):
            hint = ""
            try:
                typed = parse_swedish_amount(value)
            except AmountError:
                pass
            else:  # "6 900 000" or "1 175 652,50": right number, wrong notation for a scenario file
                hint = f'; skriv det utan mellanrum och med punkt som decimaltecken: "{typed}"'
            raise AmountError(f"väntade ett belopp i kronor, fick {shown_value(value)}{hint}")
        amount = Decimal(text)
    else:
        raise AmountError(f"väntade ett belopp i kronor, fick {shown_value(value)}")
    return check_amount(amount)


def float_refused(value: float, what: str) -> str:
    """Why a TOML float is refused where an exact number is wanted; ``what`` is ``beloppet``, ``faktorn`` …"""
    return (
        f"decimaltal ({value!r}) tas inte emot eftersom de inte är exakta; "
        f'skriv {what} som en sträng, t.ex. "{_float_hint(value)}"'
    )


def check_amount(amount: Decimal) -> Decimal:
    """Refuse non-finite amounts, more than two decimals and amounts beyond ±10^12 kr."""
    if not amount.is_finite():
        raise AmountError(f"beloppet måste vara ett ändligt tal, fick {amount}")
    if abs(amount) >= MAX_AMOUNT:
        raise AmountError(f"beloppet {amount} är orimligt stort (gränsen är ±10^12 kr)")
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise AmountError(f"beloppet {amount} har fler än två decimaler (öre)")
    return amount + 0  # normalises -0 to 0


def parse_swedish_amount(text: str) -> Decimal:
    """Parse an amount as people type it in Swedish spreadsheets and CSV files.

    Accepts ``1 399 148``, ``1399148,50``, ``-14 247``, ``1399148.50``; a space
    (also a no-break space) or an apostrophe separates thousands; a comma is the
    decimal sign. A value with both ``.`` and ``,`` is ambiguous and refused. A
    lone dash (``-`` or ``–``, with or without spaces and ``kr``) is 0: it is how
    Excel's accounting format shows a zero, and how it comes out when copied.
    """
    cleaned = text.strip()
    for sep in ("\u00a0", "\u202f", " ", "'"):
        cleaned = cleaned.replace(sep, "")
    cleaned = cleaned.replace("\u2212", "-")  # typographic minus
    cleaned = cleaned.removesuffix("kr")
    if cleaned in ("-", "\u2013"):  # the accounting format's zero: hyphen or en dash
        return Decimal(0)
    if "," in cleaned and "." in cleaned:
        raise AmountError(f"väntade ett belopp i kronor, fick {shown_value(text)}")
    cleaned = cleaned.replace(",", ".")
    if not _DECIMAL_STRING.fullmatch(cleaned):
        raise AmountError(f"väntade ett belopp i kronor, fick {shown_value(text)}")
    try:
        return check_amount(Decimal(cleaned))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid text
        raise AmountError(f"väntade ett belopp i kronor, fick {shown_value(text)}") from exc


def parse_share(value: object) -> Fraction:
    """Parse a share: ``"1/2"``, ``"50%"``, ``"25 %"``, ``"0.25"`` or the integer 1."""
    if isinstance(value, (bool, float)):
        raise AmountError(f'väntade en andel som sträng, t.ex. "1/2" eller "50%", fick {shown_value(value)}')
    if isinstance(value, int):
        share = Fraction(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", ".")
        percent = text.endswith("%")
        number = text[:-1].strip() if percent else text
        # ASCII digits only (Fraction() would also take "١/٢"), no exponent, bounded length.
        if not _SHARE_STRING.fullmatch(number):
            raise AmountError(
                f'väntade en andel som "1/2", "50%" eller "0.5" (vanliga siffror, högst {SHARE_DIGITS} '
                f"per tal, ingen exponent), fick {shown_value(value)}"
            )
        try:
            share = Fraction(number)
            if percent:
                share /= 100
        except (ValueError, ZeroDivisionError) as exc:
            raise AmountError(
                f'väntade en andel som "1/2", "50%" eller "0.5", fick {shown_value(value)}'
            ) from exc
    else:
        raise AmountError(f'väntade en andel som "1/2", "50%" eller "0.5", fick {shown_value(value)}')
    if share < 0 or share > 1:
        raise AmountError(f"andelen måste ligga mellan 0 och 1, fick {shown_value(value)}")
    return share


def fraction_to_decimal(value: Fraction, places: int = 10) -> Decimal:
    """An exact fraction as a Decimal with ``places`` decimals, rounded half up like every amount."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def share_value(part: Decimal | int, whole: Decimal | int) -> Decimal:
    """``part / whole`` as a share cell holds it (12 decimals, half up); 0 when the whole is 0."""
    if whole == 0:
        return Decimal(0)
    return fraction_to_decimal(Fraction(part) / Fraction(whole), SHARE_PLACES)


def has_ore(amount: Decimal) -> bool:
    """True when the amount has öre (is not whole kronor)."""
    return amount != amount.to_integral_value()


@cache
def _babel(pattern: str) -> tuple[Any, Any]:
    """The sv_SE locale and a parsed number pattern, loaded once (babel's locale data is slow to load)."""
    from babel import Locale
    from babel.numbers import parse_pattern

    return Locale.parse(LOCALE), parse_pattern(pattern)


def format_amount(amount: Decimal, *, ore: bool | None = None) -> str:
    """Swedish amount: ``6 152 177``, ``-1 133 557``; öre (``1 175 652,50``) only when present."""
    show_ore = has_ore(amount) if ore is None else ore
    locale, pattern = _babel("#,##0.00" if show_ore else "#,##0")
    text: str = pattern.apply(amount, locale)
    # babel uses a no-break space for thousands and U+2212 for minus; keep the plain
    # hyphen-minus so that messages can be copied into spreadsheets and searched.
    return text.replace("\u2212", "-").replace("\u00a0", " ")


def format_amount_print(amount: Decimal, *, ore: bool | None = None) -> str:
    """``format_amount`` for a printed document: a true minus sign (−) and no-break spaces,
    so that ``−1 133 557`` never breaks across lines and never reads as a dash."""
    return format_amount(amount, ore=ore).replace("-", "\u2212").replace(" ", "\u00a0")


def format_percent(share: Decimal | Fraction, decimals: int = 0) -> str:
    """Swedish percentage: ``29 %``, ``2,2 %``."""
    value = share if isinstance(share, Decimal) else fraction_to_decimal(share)
    locale, pattern = _babel("#,##0" + ("." + "0" * decimals if decimals else "") + "\u00a0%")
    text: str = pattern.apply(value, locale)
    return text.replace("\u2212", "-").replace("\u00a0", " ")



def _float_hint(value: float) -> str:
    text = repr(value)
    return text if "e" not in text.lower() else format(Decimal(text), "f")
