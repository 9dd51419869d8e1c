"""The SIE records outside vouchers: identification, chart of accounts, objects, balances.

``Records`` collects them as the reader hands them over, one tokenized record at
a time; a record it cannot use raises ``FieldError`` and the reader locates it.
The handlers are named ``on_<record>`` so that no method shares a name with the
attribute that holds what it read (``rar``, ``ktyp``, ``sru``).

Records the commands do not need for their figures (``SECONDARY``: the SRU codes,
account types, objects' balances, period balances and budgets, the
identification) are read when they can be; when one cannot, the reader skips it
with a warning instead of refusing the file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from finsam_budget.constants import ZERO
from finsam_budget.readers.sie.fields import (
    DateParser,
    FieldError,
    need,
    parse_account,
    parse_objects,
    parse_period,
    parse_sie_amount,
    parse_year_index,
    shown,
    text_field,
)
from finsam_budget.readers.sie.tokens import Field

BALANCE_KINDS = ("ib", "ub", "oib", "oub", "res", "psaldo", "pbudget", "object_pbudget")


class Records:
    """Identification, chart and balances read so far; keys match ``SieData``'s fields."""

    def __init__(self, parse_date: DateParser, warn: Callable[[int, str], None]):
        self.parse_date = parse_date
        self.warn = warn
        self.head: dict[str, Any] = dict.fromkeys(
            (
                "flagga",
                "program",
                "program_version",
                "format",
                "gen_date",
                "sietyp",
                "fnamn",
                "orgnr",
                "kptyp",
            )
        )
        self.rar: dict[int, tuple[date, date]] = {}
        self.rar_lines: dict[int, int] = {}
        self.names: dict[str, str] = {}
        self.ktyp: dict[str, str] = {}
        self.sru: dict[str, str] = {}
        self.dims: dict[str, str] = {}
        self.underdims: dict[str, str] = {}  # dimension -> the dimension it is under
        self.objects: dict[tuple[str, str], str] = {}
        self.sums: dict[str, dict[Any, Decimal]] = {kind: {} for kind in BALANCE_KINDS}
        self.ub_lines: dict[str, int] = {}  # account -> line of its #UB for year 0

    def handle(self, fields: list[Field], lineno: int) -> None:
        """Take one record whose label is in ``HANDLERS``."""
        HANDLERS[fields[0]](self, fields, lineno)  # type: ignore[index]

    # -- identification ---------------------------------------------------------

    def on_flagga(self, fields: list[Field], lineno: int) -> None:
        need(fields, 2, "flaggan 0 eller 1")
        self.head["flagga"] = int(one_of(fields[1], ("0", "1"), "flaggan ska vara 0 eller 1"))

    def on_program(self, fields: list[Field], lineno: int) -> None:
        self.head["program"] = text_field(fields, 1)
        self.head["program_version"] = text_field(fields, 2)

    def on_text(self, fields: list[Field], lineno: int) -> None:
        """#FORMAT, #FNAMN, #ORGNR, #KPTYP: one text field kept as it is."""
        self.head[str(fields[0])[1:].lower()] = text_field(fields, 1)

    def on_gen(self, fields: list[Field], lineno: int) -> None:
        need(fields, 2, "datum")
        self.head["gen_date"] = self.parse_date(fields[1], "datumet")

    def on_sietyp(self, fields: list[Field], lineno: int) -> None:
        need(fields, 2, "typ 1-4")
        self.head["sietyp"] = int(
            one_of(fields[1], ("1", "2", "3", "4"), "SIE-typen ska vara 1, 2, 3 eller 4")
        )

    def on_rar(self, fields: list[Field], lineno: int) -> None:
        need(fields, 4, "årsnummer, startdatum och slutdatum")
        year = parse_year_index(fields[1])
        start = self.parse_date(fields[2], "startdatumet")
        end = self.parse_date(fields[3], "slutdatumet")
        if end < start:
            raise FieldError(f"räkenskapsåret slutar ({fields[3]}) före det börjar ({fields[2]})")
        known = self.rar
        if year in known:
            raise FieldError(
                f"räkenskapsår {year} anges en gång till (första gången på rad {self.rar_lines[year]}); "
                "ta bort den ena raden"
            )
        for other, (other_start, other_end) in known.items():
            if (other < year and other_end >= start) or (other > year and other_start <= end):
                raise FieldError(
                    f"räkenskapsår {year} ({start.isoformat()}–{end.isoformat()}) överlappar räkenskapsår "
                    f"{other} ({other_start.isoformat()}–{other_end.isoformat()}, rad {self.rar_lines[other]}); "
                    "ett tidigare år måste sluta före ett senare börjar"
                )
        self.rar[year] = (start, end)
        self.rar_lines[year] = lineno

    # -- chart of accounts and objects ------------------------------------------

    def on_konto(self, fields: list[Field], lineno: int) -> None:
        need(fields, 2, "kontonummer och namn")
        self.names[parse_account(fields[1])] = text_field(fields, 2) or ""

    def on_ktyp(self, fields: list[Field], lineno: int) -> None:
        need(fields, 3, "kontonummer och kontotyp")
        kind = one_of(fields[2], ("T", "S", "K", "I"), "kontotypen ska vara T, S, K eller I")
        self.ktyp[parse_account(fields[1])] = kind

    def on_sru(self, fields: list[Field], lineno: int) -> None:
        need(fields, 3, "kontonummer och SRU-kod")
        self.sru[parse_account(fields[1])] = text_field(fields, 2) or ""

    def on_dim(self, fields: list[Field], lineno: int) -> None:
        need(fields, 2, "dimensionsnummer och namn")
        self.dims[word(fields[1])] = text_field(fields, 2) or ""

    def on_underdim(self, fields: list[Field], lineno: int) -> None:
        """#UNDERDIM dimensionsnr namn superdimension: a dimension under another (a subproject)."""
        need(fields, 4, "dimensionsnummer, namn och överordnad dimension")
        dim = word(fields[1])
        self.dims[dim] = text_field(fields, 2) or ""
        self.underdims[dim] = word(fields[3])

    def on_objekt(self, fields: list[Field], lineno: int) -> None:
        need(fields, 3, "dimensionsnummer, objektkod och namn")
        self.objects[(word(fields[1]), word(fields[2]))] = text_field(fields, 3) or ""

    # -- balances ---------------------------------------------------------------

    def on_balance(self, fields: list[Field], lineno: int) -> None:
        """#IB, #UB, #RES: årsnr konto saldo [kvantitet]."""
        need(fields, 4, "årsnummer, konto och saldo")
        key = (parse_year_index(fields[1]), parse_account(fields[2]))
        self.add(fields[0], key, parse_sie_amount(fields[3]))
        if fields[0] == "#UB" and key[0] == 0:
            self.ub_lines[key[1]] = lineno

    def on_object_balance(self, fields: list[Field], lineno: int) -> None:
        """#OIB, #OUB: årsnr konto {objekt} saldo [kvantitet]."""
        need(fields, 5, "årsnummer, konto, objekt och saldo")
        key = (parse_year_index(fields[1]), parse_account(fields[2]), tuple(sorted(parse_objects(fields[3]))))
        self.add(fields[0], key, parse_sie_amount(fields[4]))

    def on_period_balance(self, fields: list[Field], lineno: int) -> None:
        """#PSALDO, #PBUDGET: årsnr period konto {objekt} saldo [kvantitet]."""
        need(fields, 5, "årsnummer, period, konto, objekt och saldo")
        key = (parse_year_index(fields[1]), parse_period(fields[2]), parse_account(fields[3]))
        if isinstance(fields[4], tuple):
            need(fields, 6, "årsnummer, period, konto, objekt och saldo")
            objects = parse_objects(fields[4])
            amount = parse_sie_amount(fields[5])
        else:  # some programs leave out the empty object list
            objects = ()
            amount = parse_sie_amount(fields[4])
            self.warn(lineno, f"{fields[0]} saknar objektlistan {{}} före beloppet; läses som kontots belopp")
        if not objects:  # rows with objects break the account total down (see SieData)
            self.add(fields[0], key, amount)
        elif fields[0] == "#PBUDGET":  # kept apart: a line of objects takes its budget from them
            sums = self.sums["object_pbudget"]
            object_key = (*key, tuple(sorted(objects)))
            sums[object_key] = sums.get(object_key, ZERO) + amount

    def add(self, label: Field, key: tuple[Any, ...], amount: Decimal) -> None:
        sums = self.sums[str(label)[1:].lower()]
        sums[key] = sums.get(key, ZERO) + amount


def word(value: Field) -> str:
    """A field that must be a word, not an object list."""
    if isinstance(value, tuple):
        raise FieldError("väntade ett ord, fick en objektlista")
    return value


def one_of(value: Field, allowed: tuple[str, ...], message: str) -> str:
    """``value`` when it is one of ``allowed``; otherwise raise with ``message``."""
    if value in allowed:
        return str(value)
    raise FieldError(f"{message}, fick {shown(value)}")


Handler = Callable[[Records, list[Field], int], None]
HANDLERS: dict[str, Handler] = {
    "#FLAGGA": Records.on_flagga,
    "#PROGRAM": Records.on_program,
    "#FORMAT": Records.on_text,
    "#GEN": Records.on_gen,
    "#SIETYP": Records.on_sietyp,
    "#FNAMN": Records.on_text,
    "#ORGNR": Records.on_text,
    "#KPTYP": Records.on_text,
    "#RAR": Records.on_rar,
    "#KONTO": Records.on_konto,
    "#KTYP": Records.on_ktyp,
    "#SRU": Records.on_sru,
    "#DIM": Records.on_dim,
    "#UNDERDIM": Records.on_underdim,
    "#OBJEKT": Records.on_objekt,
    "#IB": Records.on_balance,
    "#UB": Records.on_balance,
    "#RES": Records.on_balance,
    "#OIB": Records.on_object_balance,
    "#OUB": Records.on_object_balance,
    "#PSALDO": Records.on_period_balance,
    "#PBUDGET": Records.on_period_balance,
}

#: Records whose problems are warnings: the commands' figures do not depend on them.
SECONDARY = frozenset(
    [
        "#FLAGGA", "#PROGRAM", "#FORMAT", "#GEN", "#SIETYP", "#FNAMN", "#ORGNR", "#KPTYP",
        "#KTYP", "#SRU", "#DIM", "#UNDERDIM", "#OBJEKT", "#OIB", "#OUB", "#PSALDO", "#PBUDGET",
    ]
)
