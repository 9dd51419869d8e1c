"""The vouchers of an SIE file: #VER blocks of #TRANS, #RTRANS and #BTRANS rows.

``Vouchers`` keeps only the voucher being read and the sums per account, so
memory does not grow with the number of vouchers. It checks that each voucher
balances and that its braces open and close. The reader's fast path adds the
usual #TRANS rows straight into ``transactions`` and ``voucher_sum``.

Per the standard, #RTRANS is a row added after the voucher was first registered,
followed by a copy as #TRANS for readers that do not know #RTRANS: the #RTRANS
counts and that copy is skipped. The copy is recognised by account, object list
and amount only: BL Administration writes the #RTRANS with its registration date
and signature and the #TRANS with the voucher's date and no signature. #BTRANS is
a removed row: checked, not summed.

Rows with objects (``{6 "P1"}``) are also summed per account and object list in
``object_transactions``, keyed by the pairs sorted, for drift per project.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal

from finsam_budget.constants import ZERO
from finsam_budget.readers.sie.checks import kr
from finsam_budget.readers.sie.fields import (
    DateParser,
    FieldError,
    need,
    parse_account,
    parse_objects,
    parse_sie_amount,
    text_field,
)
from finsam_budget.readers.sie.model import ObjectKey
from finsam_budget.readers.sie.tokens import Field

Report = Callable[[int, str], None]  # (line, Swedish message)


class Vouchers:
    """The open voucher, its block and running sum, and the sums per account."""

    def __init__(
        self, parse_date: DateParser, rar: Mapping[int, tuple[date, date]], error: Report, warning: Report
    ):
        self.parse_date = parse_date
        self.rar = rar
        self.error = error
        self.warning = warning
        self.transactions: dict[str, Decimal] = {}
        self.object_transactions: dict[tuple[str, ObjectKey], Decimal] = {}
        self.voucher_count = 0
        self.transaction_count = 0
        self.voucher: tuple[int, str, date | None] | None = None  # (line, "A 17", date)
        self.block_line = 0  # line of the open {, 0 when no block is open
        self.voucher_sum = ZERO
        self.rtrans: tuple[tuple[str, ObjectKey, Decimal], int] | None = None  # an #RTRANS awaiting its copy
        self.outside_year = 0  # vouchers dated outside #RAR 0
        self.outside_year_first = 0

    def ver(self, fields: list[Field], lineno: int) -> None:
        """#VER serie vernr verdatum [vertext regdatum sign]: a voucher whose block follows."""
        self.end_of_voucher()
        need(fields, 4, "serie, verifikationsnummer och datum")
        series, number = fields[1], fields[2]
        if isinstance(series, tuple) or isinstance(number, tuple):
            raise FieldError("serie och verifikationsnummer kan inte vara objektlistor")
        self.start_voucher(series, number, fields[3], text_field(fields, 5), lineno)

    def ver_plain(self, match: re.Match[str], lineno: int) -> None:
        """A #VER of the ordinary shape (``tokens.ORDINARY_VER``), its fields from the match, as ``ver``."""
        self.end_of_voucher()
        q1, b1, q2, b2, q3, b3, q4, b4 = match.groups()
        registered = b4 if q4 is None else q4
        self.start_voucher(
            b1 if q1 is None else q1, b2 if q2 is None else q2, b3 if q3 is None else q3, registered or None, lineno
        )

    def start_voucher(self, series: str, number: str, day: Field, registered: Field | None, lineno: int) -> None:
        """The voucher named ``series number`` on ``day``; its block follows."""
        name = f"{series} {number}".strip() or "(utan serie och nummer)"
        self.voucher = (lineno, name, None)  # so that a bad date still leaves a voucher to close
        when = self.parse_date(day, "verifikationsdatumet")
        if registered is not None:
            self.parse_date(registered, "registreringsdatumet")
        self.voucher = (lineno, name, when)

    def open_block(self, lineno: int, parts: list[str]) -> None:
        if len(parts) > 1:
            self.error(lineno, "{ ska stå ensam på sin rad")
        if self.block_line:
            self.block_never_closed()
        elif self.voucher is None:
            self.error(lineno, "{ utan föregående #VER")
        self.block_line = lineno
        self.voucher_sum = ZERO

    def close_block(self, lineno: int, parts: list[str]) -> None:
        if len(parts) > 1:
            self.error(lineno, "} ska stå ensam på sin rad")
        if not self.block_line:
            self.error(lineno, "} utan öppet {-block")
            return
        if self.voucher is not None:
            ver_line, name, when = self.voucher
            if self.voucher_sum:
                self.error(ver_line, f"#VER {name} balanserar inte: differens {kr(self.voucher_sum)}")
            year = self.rar.get(0)
            if year and when is not None and not year[0] <= when <= year[1]:
                self.outside_year += 1
                self.outside_year_first = self.outside_year_first or ver_line
            self.voucher_count += 1
        self.voucher = None
        self.block_line = 0

    def trans(self, fields: list[Field], lineno: int) -> None:
        """#TRANS, #RTRANS, #BTRANS: kontonr {objektlista} belopp [transdat transtext …]."""
        label = fields[0]
        if not self.block_line:
            raise FieldError("står utanför ett #VER-block { … }")
        need(fields, 3, "konto, objektlista och belopp")
        account = parse_account(fields[1])
        amount_field = fields[2]
        objects: ObjectKey = ()
        if isinstance(amount_field, tuple):  # the object list; some writers leave it out
            objects = tuple(sorted(parse_objects(amount_field)))
            need(fields, 4, "konto, objektlista och belopp")
            amount_field = fields[3]
        amount = parse_sie_amount(amount_field)
        row = (account, objects, amount)
        if label == "#TRANS" and self.rtrans is not None:
            added, added_line = self.rtrans
            self.rtrans = None
            if row == added:
                return  # the copy of an #RTRANS, for readers that do not know #RTRANS
            self.warning(
                added_line, "#RTRANS följs inte av en #TRANS med samma konto, objekt och belopp; båda räknas"
            )
        if label == "#BTRANS":
            return  # a removed row no longer belongs to the voucher
        if label == "#RTRANS":
            self.rtrans = (row, lineno)
        self.add(account, objects, amount)

    def add(self, account: str, objects: ObjectKey, amount: Decimal) -> None:
        self.transactions[account] = self.transactions.get(account, ZERO) + amount
        if objects:
            key = (account, objects)
            self.object_transactions[key] = self.object_transactions.get(key, ZERO) + amount
        self.voucher_sum += amount
        self.transaction_count += 1

    def rtrans_without_copy(self) -> None:
        """Called when the line after an #RTRANS is not a #TRANS."""
        if self.rtrans is not None:
            message = "#RTRANS följs inte av sin kopia som #TRANS (som standarden kräver)"
            self.warning(self.rtrans[1], message)
            self.rtrans = None

    def end_of_voucher(self) -> None:
        """A #VER or the end of the file: the voucher before must be complete."""
        if self.block_line:
            self.block_never_closed()
        elif self.voucher is not None:
            self.error(self.voucher[0], f"#VER {self.voucher[1]} saknar sitt {{…}}-block med #TRANS")
            self.voucher = None

    def block_never_closed(self) -> None:
        name = f" för #VER {self.voucher[1]}" if self.voucher else ""
        self.error(self.block_line, f"blocket {{{name} stängs aldrig med }}")
        self.voucher = None
        self.block_line = 0
