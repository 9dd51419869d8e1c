"""What the SIE reader returns: the file's identification, chart of accounts and sums.

Everything is keyed by plain values so later stages (statements, drift actuals)
can look amounts up without knowing SIE. Amounts keep the file's signs: debit
positive, credit negative. The mappings are read-only views.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from finsam_budget.problems import Problem

ObjectKey = tuple[tuple[str, str], ...]  # ((dimension, object), ...) from an object list


@dataclass(frozen=True)
class SieAccount:
    """An account from #KONTO, with its #KTYP (T, S, K, I) and #SRU code when given."""

    number: str
    name: str
    ktyp: str | None = None
    sru: str | None = None


@dataclass(frozen=True)
class SieData:
    """One SIE file (types 1-4) as read: identification, accounts, balances, voucher sums.

    Year indexes follow #RAR: 0 is the year of the file, -1 the year before.
    ``transactions`` sums the #TRANS rows of all vouchers per account (the
    vouchers of an SIE 4 file belong to year 0). ``psaldo`` and ``pbudget`` hold
    the account totals only (rows with an empty object list ``{}``), keyed by
    (year index, period ``YYYYMM``, account): the rows with objects break the same
    total down per cost centre or project and would count it twice.
    ``object_transactions`` sums the voucher rows that carry objects per (account,
    object list), the list as (dimension, object) pairs sorted, and ``object_pbudget``
    the #PBUDGET rows with objects per (year index, period, account, object list); ``dims`` names
    every dimension (#DIM and #UNDERDIM), ``underdims`` gives the dimension a
    #UNDERDIM belongs under, ``objects`` names each (dimension, object).
    """

    file: str
    encoding: str
    flagga: int | None
    program: str | None
    program_version: str | None
    format: str | None
    gen_date: date | None
    sietyp: int | None
    fnamn: str | None
    orgnr: str | None
    kptyp: str | None
    rar: Mapping[int, tuple[date, date]]
    accounts: Mapping[str, SieAccount]
    dims: Mapping[str, str]
    underdims: Mapping[str, str]
    objects: Mapping[tuple[str, str], str]
    ib: Mapping[tuple[int, str], Decimal]
    ub: Mapping[tuple[int, str], Decimal]
    oib: Mapping[tuple[int, str, ObjectKey], Decimal]
    oub: Mapping[tuple[int, str, ObjectKey], Decimal]
    res: Mapping[tuple[int, str], Decimal]
    psaldo: Mapping[tuple[int, str, str], Decimal]
    pbudget: Mapping[tuple[int, str, str], Decimal]
    object_pbudget: Mapping[tuple[int, str, str, ObjectKey], Decimal]
    transactions: Mapping[str, Decimal]
    object_transactions: Mapping[tuple[str, ObjectKey], Decimal]
    voucher_count: int
    transaction_count: int
    unknown_records: Mapping[str, int]
    warnings: tuple[Problem, ...]
