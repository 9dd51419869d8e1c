"""Streaming reader for SIE files, types 1-4 (SIE filformat utgåva 4B).

``read_sie(path)`` returns a ``SieData`` or raises ``InputError`` with every
problem found, each with file, line and a Swedish message.

The file is read once in chunks and never held whole: vouchers are summed per
account as they stream past, so memory grows with the chart of accounts, not
with the number of vouchers. A #TRANS line of the usual shape
(``#TRANS 1930 {} -1250.00 …``, its amount matching ``PLAIN_AMOUNT``) is taken
with a plain ``split()``, one with
objects (``#TRANS 4010 {6 "P1"} 1250.00 …``) with one regular expression; every
other line goes through the full tokenizer (quotes, escapes, object lists).

Signs are kept as in the file: debit positive, credit negative. Income,
liabilities and equity are therefore negative here; turning them into the
positive figures of a resultaträkning or balansräkning is the statements'
job, not the reader's.

#RTRANS (an added row) counts and the identical #TRANS that follows it is
skipped; #BTRANS (a removed row) is not summed (see ``sie_vouchers``). Records
the standard defines but this tool does not use (#ADRESS, #PROSA, #VALUTA …) are
skipped silently. Records the standard does not define are skipped and counted,
with one warning per label.

#KSUMMA (the checksum, SIE 4B section 10) is verified when the file has one
(``checksum``): a mismatch is an error, a match an info.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from finsam_budget.constants import ZERO
from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.sie.checks import balance_account_problems
from finsam_budget.readers.sie.checksum import file_checksum
from finsam_budget.readers.sie.encoding import NAMES, PC8, Detected, detect_encoding
from finsam_budget.readers.sie.fields import DateParser, FieldError, shown
from finsam_budget.readers.sie.lines import MAX_LINE_CHARS, line_batches, numbered_lines
from finsam_budget.readers.sie.model import ObjectKey, SieAccount, SieData
from finsam_budget.readers.sie.records import HANDLERS, SECONDARY, Records
from finsam_budget.readers.sie.tokens import (
    ORDINARY_TRANS,
    ORDINARY_VER,
    PLAIN_AMOUNT,
    SieSyntaxError,
    object_words,
    tokenize,
)
from finsam_budget.readers.sie.vouchers import Vouchers
from finsam_budget.readers.source_file import file_problem, open_binary

__all__ = ["SieAccount", "SieData", "read_sie"]

_OBJECT_KEY_CACHE = 10_000  # distinct object lists remembered; beyond that, still correct, only slower
MAX_ERRORS = 200  # past this, errors are only counted
_VOUCHER_ROWS = frozenset(("#TRANS", "#RTRANS", "#BTRANS"))
# Defined by the standard, of no use here: skipped without a warning.
_IGNORED = frozenset(
    ["#ADRESS", "#BKOD", "#ENHET", "#FNR", "#FTYP", "#OMFATTN", "#PROSA", "#TAXAR", "#VALUTA"]
)


def _ends_without_newline(file: str) -> bool:
    """True when the file's last byte is not a line break (a file cut in the middle of a record)."""
    with open_binary(file, file) as stream:
        size = stream.seek(0, os.SEEK_END)
        if not size:
            return False
        stream.seek(size - 1)
        return stream.read(1) not in (b"\n", b"\r", b"\x1a")


def read_sie(path: str | os.PathLike[str]) -> SieData:
    """Read an SIE file of type 1-4; raise ``InputError`` with every problem found."""
    file = os.fspath(path)
    try:
        return _Reader(file).read()
    except OSError as exc:
        raise InputError([file_problem(file, exc)]) from None


class _Reader:
    """One reading of one file: the line loop, the problems, and the final checks."""

    def __init__(self, file: str):
        self.file = file
        self.errors: list[Problem] = []
        self.errors_dropped = 0
        self.warnings: list[Problem] = []
        parse_date = DateParser()
        self.records = Records(parse_date, self.warning)
        self.vouchers = Vouchers(parse_date, self.records.rar, self.error, self.warning)
        self.unknown: dict[str, list[int]] = {}  # label -> [count, first line]
        self.seen_records = 0
        self.encoding = PC8
        self.detected = Detected(PC8)
        self.checksum: tuple[int, str] | None = None  # line and value of the first #KSUMMA with one
        self.checksum_start = 0  # line of the opening #KSUMMA (without a value)
        self.last_line = 0
        self.unterminated = False
        self.object_keys: dict[str, ObjectKey] = {}  # an object list's text -> its pairs

    def error(self, line: int | None, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(Problem(self.file, message, line=line))
        else:
            self.errors_dropped += 1

    def warning(self, line: int | None, message: str) -> None:
        self.warnings.append(Problem(self.file, message, line=line, severity="warning"))

    def line_too_long(self, line: int) -> None:
        self.error(line, f"raden är längre än {MAX_LINE_CHARS} tecken och hoppades över")

    def read(self) -> SieData:
        detected = self.detected = detect_encoding(self.file)
        self.encoding = detected.encoding
        self.run(line_batches(self.file, detected.encoding, detected.skip, self.line_too_long))
        self.unterminated = _ends_without_newline(self.file)
        self.finish()
        if self.errors:
            problems = sorted(self.errors, key=lambda p: (p.line is None, p.line or 0))
            if self.errors_dropped:
                problems.append(Problem(self.file, f"… och {self.errors_dropped} fel till"))
            raise InputError(problems + self.warnings)
        return self.result()

    def run(self, batches: Iterable[tuple[int, list[str]]]) -> None:
        """Dispatch every line; ordinary #TRANS and #VER rows, { and } are handled inline.

        ``batches`` are the file's lines a chunk at a time (``lines.line_batches``).
        ``in_block`` and ``block_sum`` are locals for speed: ``in_block`` is read
        again after every other line (which may open or close a block), and
        ``block_sum`` is handed to the voucher's sum before every other line.
        """
        vouchers = self.vouchers
        transactions = vouchers.transactions
        get = transactions.get
        other = self.other_line
        close_block = vouchers.close_block
        open_block = vouchers.open_block
        ordinary_trans = ORDINARY_TRANS.fullmatch
        ordinary_ver = ORDINARY_VER.fullmatch
        ver_plain = vouchers.ver_plain
        plain_amount = PLAIN_AMOUNT.fullmatch
        by_object = vouchers.object_transactions
        object_keys = self.object_keys
        count = 0
        seen = 0  # lines handled inline that are records in their own right ({ and })
        block_sum = ZERO
        in_block = False  # inside a voucher block, with no #RTRANS awaiting its copy
        lineno = 0
        for before, lines in batches:
            lineno = before
            for line in lines:
                lineno += 1
                parts = line.split(None, 4)
                if not parts:
                    continue
                label = parts[0]
                if in_block and label == "#TRANS":
                    amount = None
                    if len(parts) >= 4 and parts[2] == "{}":
                        # Plain account, empty object list, plain amount (ASCII digits, at most
                        # öre, less than ±10^12: PLAIN_AMOUNT) and the rest (date, text …) free
                        # of braces and escapes with balanced quotes: split() will do.
                        account, text = parts[1], parts[3]
                        if (
                            plain_amount(text)
                            and (account in transactions or (account.isascii() and account.isdigit()))
                            and (
                                len(parts) == 4
                                or not (
                                    "{" in (rest := parts[4])
                                    or "}" in rest
                                    or "\\" in rest
                                    or rest.count('"') & 1
                                )
                            )
                        ):
                            amount = Decimal(text)
                    else:
                        match = ordinary_trans(line)  # objects such as {1 "10" 6 "P1"}
                        if match:
                            account, inside, text = match.groups()
                            if plain_amount(text):
                                amount = Decimal(text)
                                if inside.strip():
                                    objects = object_keys.get(inside) or self.object_key(inside)
                                    if objects is None:  # not pairs: the checked path says why
                                        amount = None
                                    elif objects:
                                        key = (account, objects)
                                        by_object[key] = by_object.get(key, ZERO) + amount
                    if amount is not None:
                        transactions[account] = get(account, ZERO) + amount
                        block_sum += amount
                        count += 1
                        continue
                if block_sum:
                    vouchers.voucher_sum += block_sum
                    block_sum = ZERO
                if label == "}" and in_block:  # the usual end of a voucher, without the general dispatch
                    seen += 1
                    close_block(lineno, parts)
                    in_block = False
                    continue
                if label == "{" and not vouchers.block_line and vouchers.voucher is not None:
                    # The usual start of a voucher's block, right after its #VER (an #RTRANS
                    # cannot await its copy here: the block before was closed).
                    seen += 1
                    open_block(lineno, parts)
                    in_block = True
                    continue
                if label == "#VER" and (match := ordinary_ver(line)):  # the usual #VER, without the tokenizer
                    seen += 1
                    vouchers.rtrans_without_copy()
                    try:
                        ver_plain(match, lineno)
                    except FieldError as exc:
                        self.error(lineno, f"#VER: {exc}")
                    in_block = False  # the #VER closed any block left open
                    continue
                other(lineno, line, label, parts)
                in_block = bool(vouchers.block_line) and vouchers.rtrans is None
        self.last_line = lineno
        self.seen_records += seen
        vouchers.voucher_sum += block_sum
        vouchers.transaction_count += count
        vouchers.rtrans_without_copy()
        vouchers.end_of_voucher()

    def object_key(self, inside: str) -> ObjectKey | None:
        """The sorted (dimension, object) pairs of an object list's inside; None when they are not pairs."""
        words = object_words(inside)
        if len(words) % 2:
            return None
        key = tuple(sorted(zip(words[::2], words[1::2], strict=True)))
        if len(self.object_keys) < _OBJECT_KEY_CACHE:
            self.object_keys[inside] = key
        return key

    def other_line(self, lineno: int, line: str, label: str, parts: list[str]) -> None:
        """Every line the fast path did not take."""
        self.seen_records += 1
        vouchers = self.vouchers
        if label != "#TRANS":
            vouchers.rtrans_without_copy()
        if label == "}":
            vouchers.close_block(lineno, parts)
        elif label == "{":
            vouchers.open_block(lineno, parts)
        elif not label.startswith("#"):
            self.error(lineno, f"raden börjar inte med en post som #KONTO eller #VER: {shown(line.strip())}")
        elif label in _VOUCHER_ROWS or label == "#VER" or label in HANDLERS:
            if vouchers.block_line and label in HANDLERS:
                self.error(lineno, f"{label} kan inte stå inuti ett #VER-block {{ … }}")
                return
            try:
                fields = tokenize(line)
                if label in _VOUCHER_ROWS:
                    vouchers.trans(fields, lineno)
                elif label == "#VER":
                    vouchers.ver(fields, lineno)
                else:
                    self.records.handle(fields, lineno)
            except (SieSyntaxError, FieldError) as exc:
                if label in SECONDARY:
                    self.warning(lineno, f"{label}: {exc}; posten hoppades över")
                else:
                    self.error(lineno, f"{label}: {exc}")
        elif label == "#KSUMMA":
            if len(parts) == 1:
                self.checksum_start = self.checksum_start or lineno
            elif self.checksum is None:
                self.checksum = (lineno, parts[1])
        elif label not in _IGNORED:
            seen = self.unknown.setdefault(label, [0, lineno])
            seen[0] += 1

    def finish(self) -> None:
        """Checks and warnings that need the whole file."""
        if not self.seen_records:
            self.error(None, "filen innehåller inga SIE-poster (#FLAGGA, #KONTO, #VER …); är den en SIE-fil?")
            return
        if not self.errors:  # a file with errors is refused already
            self.completeness()
        if self.encoding != PC8:
            name = NAMES[self.encoding]
            self.warning(
                None,
                f"filen är kodad som {name}, inte PC8 (kodsida 437) som SIE-standarden "
                f"föreskriver; den lästes som {name}",
            )
        if self.checksum is not None or self.checksum_start:
            self.verify_checksum()
        for label, (count, first) in sorted(self.unknown.items()):
            times = "en gång" if count == 1 else f"{count} gånger"
            self.warning(first, f"okänd post {label} hoppades över ({times}, första gången här)")
        vouchers, sums = self.vouchers, self.records.sums
        if vouchers.outside_year:
            self.warning(
                vouchers.outside_year_first,
                f"{vouchers.outside_year} verifikationer är daterade utanför räkenskapsåret (#RAR 0), "
                "den första här",
            )
        # A type 4I file (vouchers only) or one without closing balances (#UB 0) has
        # nothing to check against: the statements then build UB from IB + vouchers.
        if vouchers.voucher_count and any(year == 0 for year, _ in sums["ub"]):
            self.errors.extend(
                balance_account_problems(
                    self.file, sums["ib"], sums["ub"], self.records.ub_lines, vouchers.transactions
                )
            )
        if self.records.names:
            used = set(vouchers.transactions) | {a for _, a in sums["ib"]} | {a for _, a in sums["ub"]}
            undeclared = sorted(used - set(self.records.names))
            if undeclared:
                listed = ", ".join(undeclared[:10]) + (" …" if len(undeclared) > 10 else "")
                self.warning(None, f"{len(undeclared)} konton används utan #KONTO: {listed}")

    def verify_checksum(self) -> None:
        """#KSUMMA: recompute the CRC-32 over the records between the opening and the closing #KSUMMA."""
        if self.checksum is None:
            # The program promised a checksum at the end: without it the file was cut.
            self.error(
                self.checksum_start,
                "filen börjar med #KSUMMA men har ingen avslutande #KSUMMA med kontrollsumman; "
                "den är avkortad: exportera den igen från bokföringsprogrammet",
            )
            return
        line, value = self.checksum
        if not self.checksum_start or self.checksum_start > line:
            self.warning(line, "#KSUMMA har en kontrollsumma men ingen inledande #KSUMMA; den kan inte kontrolleras")
            return
        if not (value.isascii() and value.isdigit() and len(value) <= 10):
            self.error(line, f"#KSUMMA: kontrollsumman ska vara ett heltal, fick {shown(value)}")
            return
        lines = numbered_lines(self.file, self.detected.encoding, self.detected.skip, lambda _: None)
        try:
            computed = file_checksum(lines, self.detected.encoding, self.checksum_start, line)
        except SieSyntaxError as exc:
            self.error(line, f"#KSUMMA kan inte räknas om: {exc}")
            return
        if computed != int(value):
            self.error(
                line,
                f"#KSUMMA stämmer inte: filen anger {value}, men innehållet ger {computed}; filen har ändrats "
                "efter exporten från bokföringsprogrammet: exportera den igen",
            )
        else:
            self.info(line, f"#KSUMMA stämmer ({value}): filen är oförändrad sedan exporten")

    def info(self, line: int, message: str) -> None:
        self.warnings.append(Problem(self.file, message, line=line, severity="info"))

    def completeness(self) -> None:
        """Signs of a file cut short: nothing for the year, or a type 4 file without vouchers.

        (A cut inside a voucher block is found by the block checks, one after the last
        voucher by IB + vouchers ≠ UB; #KSUMMA is not verified, see above.)
        """
        sums, vouchers = self.records.sums, self.vouchers
        has_year = vouchers.voucher_count or any(
            year == 0 for kind in ("ib", "ub", "res") for year, _ in sums[kind]
        ) or any(key[0] == 0 for key in sums["pbudget"])  # a budget file (export-sie)
        if not has_year:
            self.error(
                None,
                "filen har varken #IB, #UB, #RES eller #VER för räkenskapsåret (årsnummer 0); "
                "den kan vara avkortad: exportera den igen från bokföringsprogrammet",
            )
        elif self.records.head.get("sietyp") == 4 and not vouchers.voucher_count:
            self.error(
                None,
                "filen är av #SIETYP 4 men har inga verifikationer (#VER); den kan vara avkortad: "
                "exportera den igen från bokföringsprogrammet",
            )
        if self.unterminated:
            self.warning(
                self.last_line or None,
                "filen slutar mitt på en rad (utan radslut); kontrollera att den inte är avkortad",
            )

    def result(self) -> SieData:
        records, vouchers = self.records, self.vouchers
        accounts = {
            number: SieAccount(number, name, records.ktyp.get(number), records.sru.get(number))
            for number, name in sorted(records.names.items())
        }
        view = MappingProxyType
        balances: dict[str, Any] = {kind: view(sums) for kind, sums in records.sums.items()}
        return SieData(
            file=self.file,
            encoding=self.encoding,
            **records.head,
            rar=view(dict(sorted(records.rar.items(), reverse=True))),
            accounts=view(accounts),
            dims=view(records.dims),
            underdims=view(records.underdims),
            objects=view(records.objects),
            **balances,
            transactions=view(dict(sorted(vouchers.transactions.items()))),
            object_transactions=view(dict(sorted(vouchers.object_transactions.items()))),
            voucher_count=vouchers.voucher_count,
            transaction_count=vouchers.transaction_count,
            unknown_records=view({label: seen[0] for label, seen in sorted(self.unknown.items())}),
            warnings=tuple(self.warnings),
        )
