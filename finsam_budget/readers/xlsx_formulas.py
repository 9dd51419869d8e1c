"""Formula cells of an xlsx actuals file: a cached value is used only when it can be trusted.

A workbook stores a formula's result as it was when last saved. The reader counts
that cached value (it is what Excel shows), with two exceptions that are errors,
each located at its cell with the fix: a formula with no cached value (the file was
written by a program that does not calculate, so nothing says what it gives), and a
simple arithmetic formula (numbers, cell references, ``+ - * /`` and parentheses)
whose cached value is not what the formula gives (``=400000*2`` cached as 5). Any
other formula (``=SUM(B2:B9)``) is trusted as Excel saved it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from fractions import Fraction

#: Longer formulas are not evaluated (only trusted): the check must stay cheap.
MAX_FORMULA = 256
_TOKEN = re.compile(r"\s*(?:([0-9]{1,15}(?:\.[0-9]{1,15})?)|(\$?[A-Z]{1,3}\$?[0-9]{1,7})|([-+*/()]))", re.ASCII)
_CELL = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})", re.ASCII)

Lookup = Callable[[int, int], object]


class _NotSimple(Exception):
    """The formula is not plain arithmetic over numbers and cells (or cannot be evaluated)."""


def column_index(letters: str) -> int:
    """``A`` → 1, ``AB`` → 28."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def evaluate(formula: str, lookup: Lookup) -> Fraction | None:
    """What a simple arithmetic formula (``=B2*3``, ``=400000*2``) gives; None for any other formula.

    ``lookup(row, column)`` is a cell's value (its cached value when it is a formula).
    """
    text = formula[1:] if formula.startswith("=") else formula
    if len(text) > MAX_FORMULA:
        return None
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        found = _TOKEN.match(text, position)
        if found is None or found.end() == position:
            if text[position:].strip() == "":
                break
            return None
        position = found.end()
        number, cell, operator = found.groups()
        tokens.append(("n", number) if number else ("c", cell) if cell else ("o", operator))
    try:
        value, rest = _sum(tokens, lookup)
    except (_NotSimple, ZeroDivisionError):
        return None
    return value if not rest else None


def _sum(tokens: list[tuple[str, str]], lookup: Lookup) -> tuple[Fraction, list[tuple[str, str]]]:
    value, tokens = _product(tokens, lookup)
    while tokens and tokens[0] in (("o", "+"), ("o", "-")):
        sign = tokens[0][1]
        right, tokens = _product(tokens[1:], lookup)
        value = value + right if sign == "+" else value - right
    return value, tokens


def _product(tokens: list[tuple[str, str]], lookup: Lookup) -> tuple[Fraction, list[tuple[str, str]]]:
    value, tokens = _unary(tokens, lookup)
    while tokens and tokens[0] in (("o", "*"), ("o", "/")):
        operator = tokens[0][1]
        right, tokens = _unary(tokens[1:], lookup)
        value = value * right if operator == "*" else value / right
    return value, tokens


def _unary(tokens: list[tuple[str, str]], lookup: Lookup) -> tuple[Fraction, list[tuple[str, str]]]:
    if not tokens:
        raise _NotSimple
    kind, text = tokens[0]
    if (kind, text) in (("o", "-"), ("o", "+")):
        value, rest = _unary(tokens[1:], lookup)
        return (-value if text == "-" else value), rest
    if (kind, text) == ("o", "("):
        value, rest = _sum(tokens[1:], lookup)
        if not rest or rest[0] != ("o", ")"):
            raise _NotSimple
        return value, rest[1:]
    if kind == "n":
        return Fraction(Decimal(text)), tokens[1:]
    if kind == "c":
        found = _CELL.fullmatch(text)
        if found is None:
            raise _NotSimple
        return _number(lookup(int(found.group(2)), column_index(found.group(1)))), tokens[1:]
    raise _NotSimple


def _number(value: object) -> Fraction:
    if value is None:
        return Fraction(0)  # an empty cell counts as 0 in a spreadsheet
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _NotSimple
    try:
        return Fraction(Decimal(repr(value)))
    except (InvalidOperation, ValueError) as exc:
        raise _NotSimple from exc


def contradicts(cached: object, formula: str, lookup: Lookup) -> Fraction | None:
    """What the formula gives when that is not its cached value (beyond half an öre); else None."""
    expected = evaluate(formula, lookup)
    if expected is None:
        return None
    try:
        saved = _number(cached)
    except _NotSimple:
        return expected
    return expected if abs(saved - expected) > Fraction(1, 200) else None
