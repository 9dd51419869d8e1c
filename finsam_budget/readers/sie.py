"""Streaming reader for SIE files, types 1-4 (SIE filformat utgåva 4B).

``read_sie(path)`` returns a ``SieData`` or raises ``InputError`` with every
problem found, each with file, line and a Swedish message.

The file is read once in chunks and never held whole: vouchers are summed per
account as they stream past, so memory grows with the chart of accounts, not
with the number of vouchers. A #TRANS line of the usual shape
(``#TRANS 1930 {} -1250.00 …``) is taken with a plain ``split()``; every other
line goes through the full tokenizer (quotes, escapes, object lists).

Signs are kept as in the file: debit positive, credit negative. Income,
liabilities and equity are therefore negative here; turning them into the
positive figures of a resultaträkning or balansräkning is the statements'
job, not the reader's.

Per the standard, #RTRANS is a row added to a voucher after it was first
registered and is followed by an identical #TRANS for older readers: the
#RTRANS counts and that copy is skipped. #BTRANS is a removed row: checked, not
summed. Records the standard defines but this tool does not use (#ADRESS,
#KSUMMA, #VALUTA …) are skipped silently; #KSUMMA is not verified. Records the
standard does not define are skipped and counted, with one warning per label.
"""

from __future__ import annotations

import os
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.sie_checks import balance_account_problems, kr
from finsam_budget.readers.sie_encoding import NAMES, PC8, detect_encoding
from finsam_budget.readers.sie_fields import (
    DateParser,
    FieldError,
    parse_account,
    parse_objects,
    parse_period,
    parse_sie_amount,
    parse_year_index,
    shown,
    text_field,
)
from finsam_budget.readers.sie_lines import MAX_LINE_CHARS, numbered_lines
from finsam_budget.readers.sie_model import SieAccount, SieData
from finsam_budget.readers.sie_tokens import Field, SieSyntaxError, tokenize

__all__ = ["read_sie", "SieData", "SieAccount"]

_VOUCHER_RECORDS = frozenset(("#VER", "#TRANS", "#RTRANS", "#BTRANS"))
MAX_ERRORS = 200  # past this, errors are only counted
_ZERO = Decimal(0)

# Defined by the standard, of no use here: skipped without a warning.
_IGNORED = frozenset(
    "#ADRESS #BKOD #ENHET #FNR #FTYP #KSUMMA #OMFATTN #PROSA #TAXAR #UNDERDIM #VALUTA".split()
)


def read_sie(path: str | os.PathLike[str]) -> SieData:
    """Read an SIE file of type 1-4; raise ``InputError`` with every problem found."""
    return _Reader(os.fspath(path)).read()


class _Reader:
    """The state of one reading: sums so far, the open voucher, problems found."""

    def __init__(self, file: str):
        self.file = file
        self.errors: list[Problem] = []
        self.errors_dropped = 0
        self.warnings: list[Problem] = []
        self.parse_date = DateParser()
        self.head: dict[str, object] = {}
        self.rar: dict = {}
        self.names: dict[str, str] = {}
        self.ktyp: dict[str, str] = {}
        self.sru: dict[str, str] = {}
        self.dims: dict[str, str] = {}
        self.objects: dict = {}
        self.sums: dict[str, dict] = {k: {} for k in ("ib", "ub", "oib", "oub", "res", "psaldo", "pbudget")}
        self.ub_lines: dict[str, int] = {}
        self.transactions: dict[str, Decimal] = {}
        self.voucher_count = 0
        self.transaction_count = 0
        self.unknown: dict[str, list[int]] = {}  # label -> [count, first line]
        self.records = 0
        # the voucher being read: (line, "A 17", date); its block; its running sum
        self.voucher: tuple[int, str, object] | None = None
        self.block_line = 0
        self.voucher_sum = _ZERO
        self.rtrans: tuple[list[Field], int] | None = None  # an #RTRANS awaiting its #TRANS copy
        self.outside_year: list[int] = []  # [count, first line] of vouchers dated outside year 0

    # -- problems ---------------------------------------------------------------

    def error(self, line: int | None, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(Problem(self.file, message, line=line))
        else:
            self.errors_dropped += 1

    def warning(self, line: int | None, message: str) -> None:
        self.warnings.append(Problem(self.file, message, line=line, severity="warning"))

    def line_too_long(self, line: int) -> None:
        self.error(line, f"raden är längre än {MAX_LINE_CHARS} tecken och hoppades över")

    # -- the loop ---------------------------------------------------------------

    def read(self) -> SieData:
        detected = detect_encoding(self.file)
        self.encoding = detected.encoding
        lines = numbered_lines(self.file, detected.encoding, detected.skip, self.line_too_long)
        self.run(lines)
        self.finish()
        if self.errors:
            problems = sorted(self.errors, key=lambda p: (p.line is None, p.line or 0))
            if self.errors_dropped:
                problems.append(Problem(self.file, f"… och {self.errors_dropped} fel till"))
            raise InputError(problems + self.warnings)
        return self.result()

    def run(self, lines) -> None:
        """Dispatch every line; the usual #TRANS shape is handled inline.

        ``in_block`` and ``block_sum`` are locals for speed: ``in_block`` is read
        again after every slow line (which may open or close a block), and
        ``block_sum`` is handed to ``self.voucher_sum`` before every slow line.
        """
        transactions = self.transactions
        get = transactions.get
        slow = self.slow_line
        close_block = self.close_block
        open_block = self.open_block
        count = 0
        block_sum = _ZERO
        in_block = False  # inside a voucher block, with no #RTRANS awaiting its copy
        for lineno, line in lines:
            parts = line.split(None, 4)
            if not parts:
                continue
            label = parts[0]
            if in_block and label == "#TRANS" and len(parts) >= 4:
                # Fast path: plain account, empty object list, plain amount, and the
                # rest (date, text …) free of braces and escapes with balanced quotes.
                account = parts[1]
                if parts[2] == "{}" and (account in transactions or account.isascii() and account.isdigit()):
                    rest = parts[4] if len(parts) == 5 else ""
                    if not rest or not ("{" in rest or "}" in rest or "\\" in rest or rest.count('"') & 1):
                        text = parts[3]
                        try:
                            amount = Decimal(text)
                        except InvalidOperation:
                            amount = None
                        # Decimal also takes 1e3, 1_000, NaN and Infinity; SIE does not.
                        if amount is not None and amount.is_finite() and not ("e" in text or "E" in text or "_" in text):
                            transactions[account] = get(account, _ZERO) + amount
                            block_sum += amount
                            count += 1
                            continue
            if block_sum:
                self.voucher_sum += block_sum
                block_sum = _ZERO
            if self.rtrans is None:  # the frequent records, without the general dispatch
                if label == "}":
                    close_block(lineno, parts)
                    in_block = False
                    continue
                if label == "{":
                    open_block(lineno, parts)
                    in_block = True
                    continue
            slow(lineno, line, label, parts)
            in_block = bool(self.block_line) and self.rtrans is None
        self.voucher_sum += block_sum
        self.transaction_count += count
        self.at_end_of_file()

    def slow_line(self, lineno: int, line: str, label: str, parts: list[str]) -> None:
        """Every line the fast path did not take."""
        self.records += 1
        if self.rtrans is not None and label != "#TRANS":
            self.rtrans_without_copy()
        if label == "{":
            self.open_block(lineno, parts)
        elif label == "}":
            self.close_block(lineno, parts)
        elif not label.startswith("#"):
            self.error(lineno, f"raden börjar inte med en post (#ETIKETT): {line.strip()[:40]!r}")
        elif label in _HANDLERS:
            if self.block_line and label not in _VOUCHER_RECORDS:
                self.error(lineno, f"{label} kan inte stå inuti ett #VER-block {{ … }}")
                return
            try:
                fields = tokenize(line)
                fields[0] = label
                _HANDLERS[label](self, fields, lineno)
            except (SieSyntaxError, FieldError) as exc:
                self.error(lineno, f"{label}: {exc}")
        elif label not in _IGNORED:
            seen = self.unknown.setdefault(label, [0, lineno])
            seen[0] += 1

    # -- vouchers ---------------------------------------------------------------

    def ver(self, fields: list[Field], lineno: int) -> None:
        if self.block_line:
            self.block_never_closed()
        elif self.voucher is not None:
            self.error(self.voucher[0], f"#VER {self.voucher[1]} saknar sitt {{…}}-block med #TRANS")
        need(fields, 4, "serie, verifikationsnummer och datum")
        series, number = fields[1], fields[2]
        if isinstance(series, tuple) or isinstance(number, tuple):
            raise FieldError("serie och verifikationsnummer kan inte vara objektlistor")
        name = f"{series} {number}".strip() or "(utan serie och nummer)"
        self.voucher = (lineno, name, None)  # so that a bad date still leaves a voucher to close
        when = self.parse_date(fields[3], "verifikationsdatumet")
        if text_field(fields, 5):
            self.parse_date(fields[5], "registreringsdatumet")
        self.voucher = (lineno, name, when)

    def open_block(self, lineno: int, parts: list[str]) -> None:
        if len(parts) > 1:
            self.error(lineno, "{ ska stå ensam på sin rad")
        if self.block_line:
            self.block_never_closed()
        elif self.voucher is None:
            self.error(lineno, "{ utan föregående #VER")
        self.block_line = lineno
        self.voucher_sum = _ZERO

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
                self.outside_year = [self.outside_year[0] + 1, self.outside_year[1]] if self.outside_year else [1, ver_line]
            self.voucher_count += 1
        self.voucher = None
        self.block_line = 0

    def block_never_closed(self) -> None:
        name = f" för #VER {self.voucher[1]}" if self.voucher else ""
        self.error(self.block_line, f"blocket {{{name} stängs aldrig med }}")
        self.voucher = None
        self.block_line = 0

    def at_end_of_file(self) -> None:
        if self.rtrans is not None:
            self.rtrans_without_copy()
        if self.block_line:
            self.block_never_closed()
        elif self.voucher is not None:
            self.error(self.voucher[0], f"#VER {self.voucher[1]} saknar sitt {{…}}-block med #TRANS")

    def trans(self, fields: list[Field], lineno: int) -> None:
        """#TRANS, #RTRANS and #BTRANS: kontonr {objektlista} belopp [transdat transtext …]."""
        label = fields[0]
        if label == "#TRANS" and self.rtrans is not None:
            added, added_line = self.rtrans
            self.rtrans = None
            if fields[1:] == added:
                return  # the copy of an #RTRANS for readers that do not know #RTRANS
            self.warning(added_line, "#RTRANS följs inte av en identisk #TRANS; båda räknas")
        if not self.block_line:
            raise FieldError("står utanför ett #VER-block { … }")
        need(fields, 3, "konto, objektlista och belopp")
        account = parse_account(fields[1])
        amount_field = fields[2]
        if isinstance(fields[2], tuple):  # the object list; some writers leave it out
            parse_objects(fields[2])
            need(fields, 4, "konto, objektlista och belopp")
            amount_field = fields[3]
        amount = parse_sie_amount(amount_field)
        if label == "#BTRANS":
            return  # a removed row: it no longer belongs to the voucher
        if label == "#RTRANS":
            self.rtrans = (fields[1:], lineno)
        self.transactions[account] = self.transactions.get(account, _ZERO) + amount
        self.voucher_sum += amount
        self.transaction_count += 1

    def rtrans_without_copy(self) -> None:
        _, added_line = self.rtrans  # type: ignore[misc]
        self.rtrans = None
        self.warning(added_line, "#RTRANS följs inte av sin kopia som #TRANS (som standarden kräver)")

    # -- identification and chart of accounts -------------------------------------

    def flagga(self, fields: list[Field], lineno: int) -> None:
        need(fields, 2, "flaggan 0 eller 1")
        if fields[1] not in ("0", "1"):
            _bad("flaggan ska vara 0 eller 1", fields[1])
        self.head["flagga"] = int(fields[1])  # type: ignore[arg-type]

    def program(self, fields: list[Field], lineno: int) -> None:
        self.head["program"] = text_field(fields, 1)
        self.head["program_version"] = text_field(fields, 2)

    def simple(self, fields: list[Field], lineno: int) -> None:
        self.head[fields[0][1:].lower()] = text_field(fields, 1)  # type: ignore[index]

    def gen(self, fields: list[Field], lineno: int) -> None:
        need(fields, 2, "datum")
        self.head["gen_date"] = self.parse_date(fields[1], "datumet")

    def sietyp(self, fields: list[Field], lineno: int) -> None:
        need(fields, 2, "typ 1-4")
        if fields[1] not in ("1", "2", "3", "4"):
            _bad("SIE-typen ska vara 1, 2, 3 eller 4", fields[1])
        self.head["sietyp"] = int(fields[1])  # type: ignore[arg-type]

    def rar_(self, fields: list[Field], lineno: int) -> None:
        need(fields, 4, "årsnummer, startdatum och slutdatum")
        year = parse_year_index(fields[1])
        start = self.parse_date(fields[2], "startdatumet")
        end = self.parse_date(fields[3], "slutdatumet")
        if end < start:
            raise FieldError(f"räkenskapsåret slutar ({fields[3]}) före det börjar ({fields[2]})")
        self.rar[year] = (start, end)

    def konto(self, fields: list[Field], lineno: int) -> None:
        need(fields, 2, "kontonummer och namn")
        self.names[parse_account(fields[1])] = text_field(fields, 2) or ""

    def ktyp_(self, fields: list[Field], lineno: int) -> None:
        need(fields, 3, "kontonummer och kontotyp")
        if fields[2] not in ("T", "S", "K", "I"):
            _bad("kontotypen ska vara T, S, K eller I", fields[2])
        self.ktyp[parse_account(fields[1])] = fields[2]  # type: ignore[assignment]

    def sru_(self, fields: list[Field], lineno: int) -> None:
        need(fields, 3, "kontonummer och SRU-kod")
        self.sru[parse_account(fields[1])] = text_field(fields, 2) or ""

    def dim(self, fields: list[Field], lineno: int) -> None:
        need(fields, 2, "dimensionsnummer och namn")
        self.dims[_word(fields[1])] = text_field(fields, 2) or ""

    def objekt(self, fields: list[Field], lineno: int) -> None:
        need(fields, 3, "dimensionsnummer, objektkod och namn")
        self.objects[(_word(fields[1]), _word(fields[2]))] = text_field(fields, 3) or ""

    # -- balances -----------------------------------------------------------------

    def balance(self, fields: list[Field], lineno: int) -> None:
        """#IB, #UB, #RES: årsnr konto saldo [kvantitet]."""
        need(fields, 4, "årsnummer, konto och saldo")
        key = (parse_year_index(fields[1]), parse_account(fields[2]))
        self.add(fields[0], key, parse_sie_amount(fields[3]))
        if fields[0] == "#UB" and key[0] == 0:
            self.ub_lines[key[1]] = lineno

    def object_balance(self, fields: list[Field], lineno: int) -> None:
        """#OIB, #OUB: årsnr konto {objekt} saldo [kvantitet]."""
        need(fields, 5, "årsnummer, konto, objekt och saldo")
        key = (parse_year_index(fields[1]), parse_account(fields[2]), parse_objects(fields[3]))
        self.add(fields[0], key, parse_sie_amount(fields[4]))

    def period_balance(self, fields: list[Field], lineno: int) -> None:
        """#PSALDO, #PBUDGET: årsnr period konto {objekt} saldo [kvantitet]."""
        need(fields, 6, "årsnummer, period, konto, objekt och saldo")
        key = (parse_year_index(fields[1]), parse_period(fields[2]), parse_account(fields[3]))
        objects = parse_objects(fields[4])
        amount = parse_sie_amount(fields[5])
        if not objects:  # rows with objects break the account total down (see SieData)
            self.add(fields[0], key, amount)

    def add(self, label: Field, key: tuple, amount: Decimal) -> None:
        sums = self.sums[label[1:].lower()]  # type: ignore[index]
        sums[key] = sums.get(key, _ZERO) + amount

    # -- the end --------------------------------------------------------------------

    def finish(self) -> None:
        if not self.records:
            self.error(None, "filen innehåller inga SIE-poster (#FLAGGA, #KONTO, #VER …); är det en SIE-fil?")
            return
        if self.encoding != PC8:
            self.warning(
                None,
                f"filen är kodad som {NAMES[self.encoding]}, inte PC8 (kodsida 437) som "
                f"SIE-standarden föreskriver; den lästes som {NAMES[self.encoding]}",
            )
        for label, (count, first) in sorted(self.unknown.items()):
            times = "en gång" if count == 1 else f"{count} gånger"
            self.warning(first, f"okänd post {label} hoppades över ({times}, första gången här)")
        if self.outside_year:
            count, first = self.outside_year
            self.warning(first, f"{count} verifikationer är daterade utanför räkenskapsåret (#RAR 0)")
        if self.voucher_count and any(y == 0 for y, _ in (*self.sums["ib"], *self.sums["ub"])):
            self.errors.extend(
                balance_account_problems(self.file, self.sums["ib"], self.sums["ub"], self.ub_lines, self.transactions)
            )
        if self.names:
            used = set(self.transactions) | {a for _, a in self.sums["ib"]} | {a for _, a in self.sums["ub"]}
            undeclared = sorted(used - set(self.names))
            if undeclared:
                listed = ", ".join(undeclared[:10]) + (" …" if len(undeclared) > 10 else "")
                self.warning(None, f"{len(undeclared)} konton används utan #KONTO: {listed}")

    def result(self) -> SieData:
        accounts = {
            number: SieAccount(number, name, self.ktyp.get(number), self.sru.get(number))
            for number, name in sorted(self.names.items())
        }
        view = MappingProxyType
        head = self.head
        return SieData(
            file=self.file,
            encoding=self.encoding,
            flagga=head.get("flagga"),  # type: ignore[arg-type]
            program=head.get("program"),  # type: ignore[arg-type]
            program_version=head.get("program_version"),  # type: ignore[arg-type]
            format=head.get("format"),  # type: ignore[arg-type]
            gen_date=head.get("gen_date"),  # type: ignore[arg-type]
            sietyp=head.get("sietyp"),  # type: ignore[arg-type]
            fnamn=head.get("fnamn"),  # type: ignore[arg-type]
            orgnr=head.get("orgnr"),  # type: ignore[arg-type]
            kptyp=head.get("kptyp"),  # type: ignore[arg-type]
            rar=view(dict(sorted(self.rar.items(), reverse=True))),
            accounts=view(accounts),
            dims=view(self.dims),
            objects=view(self.objects),
            **{name: view(sums) for name, sums in self.sums.items()},
            transactions=view(dict(sorted(self.transactions.items()))),
            voucher_count=self.voucher_count,
            transaction_count=self.transaction_count,
            unknown_records=view({label: seen[0] for label, seen in sorted(self.unknown.items())}),
            warnings=tuple(self.warnings),
        )


def need(fields: list[Field], count: int, what: str) -> None:
    """Raise when the record has fewer than ``count`` fields (the label included)."""
    if len(fields) < count:
        raise FieldError(f"för få fält: väntade {what}")


def _word(value: Field) -> str:
    if isinstance(value, tuple):
        raise FieldError("väntade ett ord, fick en objektlista")
    return value


def _bad(message: str, value: Field) -> None:
    raise FieldError(f"{message}, fick {shown(value)}")


_HANDLERS = {
    "#FLAGGA": _Reader.flagga,
    "#PROGRAM": _Reader.program,
    "#FORMAT": _Reader.simple,
    "#GEN": _Reader.gen,
    "#SIETYP": _Reader.sietyp,
    "#FNAMN": _Reader.simple,
    "#ORGNR": _Reader.simple,
    "#KPTYP": _Reader.simple,
    "#RAR": _Reader.rar_,
    "#KONTO": _Reader.konto,
    "#KTYP": _Reader.ktyp_,
    "#SRU": _Reader.sru_,
    "#DIM": _Reader.dim,
    "#OBJEKT": _Reader.objekt,
    "#IB": _Reader.balance,
    "#UB": _Reader.balance,
    "#RES": _Reader.balance,
    "#OIB": _Reader.object_balance,
    "#OUB": _Reader.object_balance,
    "#PSALDO": _Reader.period_balance,
    "#PBUDGET": _Reader.period_balance,
    "#VER": _Reader.ver,
    "#TRANS": _Reader.trans,
    "#RTRANS": _Reader.trans,
    "#BTRANS": _Reader.trans,
}
