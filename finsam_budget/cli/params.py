# click.ParamType is generic only from click 8.2 on; the package supports 8.1.
# mypy: disable-error-code="type-arg"
"""Values from the command line, parsed by ``click.ParamType`` classes with Swedish messages.

A value that does not parse is click's usage error: ``Fel: Ogiltigt värde för
'--through': väntade år och månad, t.ex. "2022-08", fick "aug"`` and exit 2.
Amounts go through the one amount parser (``money.parse_swedish_amount``), never float.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import click

from finsam_budget.money import AmountError, parse_swedish_amount

# ASCII digits only, the whole value (int() would also take "２０２３").
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})", re.ASCII)
_YEAR = re.compile(r"[0-9]{4}", re.ASCII)


class Percent(click.ParamType):
    """``10``, ``10 %`` or ``7,5`` → the share ``0.10`` / ``0.075``; not negative."""

    name = "procent"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Decimal:
        if isinstance(value, Decimal):
            return value
        text = str(value)
        try:
            percent = parse_swedish_amount(text.strip().removesuffix("%"))
        except AmountError:
            self.fail(f'väntade en procentsats, t.ex. "10" eller "7,5 %", fick "{text}"', param, ctx)
        if percent < 0:
            self.fail(f"procentsatsen kan inte vara negativ, fick {text}", param, ctx)
        return percent / 100


class Kronor(click.ParamType):
    """``50000`` or ``50 000`` → ``Decimal(50000)``; an amount in kronor, not negative."""

    name = "kronor"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Decimal:
        if isinstance(value, Decimal):
            return value
        text = str(value)
        try:
            amount = parse_swedish_amount(text)
        except AmountError as exc:
            self.fail(str(exc), param, ctx)
        if amount < 0:
            self.fail(f"beloppet kan inte vara negativt, fick {text}", param, ctx)
        return amount


class Month(click.ParamType):
    """``ÅÅÅÅ-MM`` → ``(year, month)``, e.g. ``2022-08`` → ``(2022, 8)``."""

    name = "ÅÅÅÅ-MM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[int, int]:
        if isinstance(value, tuple):
            return value
        text = str(value)
        found = _MONTH.fullmatch(text.strip())
        if not found or not 1 <= int(found.group(2)) <= 12:
            self.fail(f'väntade år och månad, t.ex. "2022-08", fick "{text}"', param, ctx)
        return int(found.group(1)), int(found.group(2))


class Year(click.ParamType):
    """``ÅÅÅÅ`` → the year as an int, e.g. ``2023``."""

    name = "ÅÅÅÅ"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        text = str(value)
        if not _YEAR.fullmatch(text.strip()):
            self.fail(f'väntade ett år med fyra siffror, t.ex. "2023", fick "{text}"', param, ctx)
        return int(text.strip())


PERCENT = Percent()
KRONOR = Kronor()
MONTH = Month()
YEAR = Year()
