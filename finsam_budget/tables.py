"""Computed tables whose derived figures carry their derivation.

A statement is a ``Table`` of rows × columns. A cell is either an input figure
(``Value``) or a figure derived from other cells (``Sum``, ``Ratio``, ``Product``)
that names those cells by ``Ref`` (table, row, column) and holds the computed
amount. The engine builds tables with ``TableBuilder``, which computes every
derived amount from the referenced cells, so the workbook's formulas and the
cached values, and the terminal, all show one computation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

from finsam_budget.constants import SHARE_PLACES, ZERO
from finsam_budget.money import fraction_to_decimal


@dataclass(frozen=True)
class Ref:
    """A cell of a table: table key, row key, column key."""

    table: str
    row: str
    column: str


@dataclass(frozen=True)
class Value:
    """An input figure (a sum of accounts, a budget amount, a share)."""

    amount: Decimal


@dataclass(frozen=True)
class Sum:
    """The signed sum of other cells: ``terms`` are (+1 or −1, cell)."""

    terms: tuple[tuple[int, Ref], ...]
    amount: Decimal


@dataclass(frozen=True)
class Ratio:
    """``numerator / denominator`` as a share, 0 when the denominator is 0."""

    numerator: Ref
    denominator: Ref
    amount: Decimal


@dataclass(frozen=True)
class Product:
    """``factor × share`` rounded half up to öre (the equity cap).

    ``exact_share`` is the share as an exact fraction when it is known (the cap
    table's), so that a workbook can write a formula that rounds exactly as the
    engine does; the ``share`` cell shows it rounded to 12 decimals.
    """

    factor: Ref
    share: Ref
    amount: Decimal
    exact_share: Fraction | None = None


Cell = Value | Sum | Ratio | Product

#: Row kinds: how a row is shown (a heading has no cells).
ROW_KINDS = ("heading", "line", "total", "check", "text")


@dataclass(frozen=True)
class Row:
    """One row: a key, a Swedish label, how it is shown, and its cells by column key.

    ``unit`` is ``"amount"`` (kronor) or ``"percent"`` (a share shown in percent);
    ``note`` is a reference such as ``"Not 1"``. A column without a cell is blank.
    ``remarks`` explain a cell that needs it, by column key (a comment on the cell
    in the workbook), e.g. a budget that holds more than the line's own accounts.
    """

    key: str
    label: str
    kind: str = "line"
    cells: Mapping[str, Cell] = field(default_factory=dict)
    unit: str = "amount"
    note: str | None = None
    remarks: Mapping[str, str] = field(default_factory=dict)

    def amount(self, column: str) -> Decimal | None:
        cell = self.cells.get(column)
        return None if cell is None else cell.amount


@dataclass(frozen=True)
class Column:
    key: str
    heading: str


@dataclass(frozen=True)
class Table:
    """A titled table; ``rows`` in the order shown."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(f"{self.key}: ingen rad {key}")

    def has_row(self, key: str) -> bool:
        return any(row.key == key for row in self.rows)

    def has_column(self, key: str) -> bool:
        return any(column.key == key for column in self.columns)

    def amount(self, row: str, column: str) -> Decimal | None:
        return self.row(row).amount(column)


class TableBuilder:
    """Builds one table row by row, computing derived cells from the cells they name.

    ``lookup`` resolves references to other tables (already built). A reference to
    a blank cell counts as 0, as it does in a spreadsheet.
    """

    def __init__(
        self, key: str, title: str, columns: Iterable[Column], lookup: Callable[[Ref], Decimal | None]
    ):
        self.key = key
        self.title = title
        self.columns = tuple(columns)
        self._lookup = lookup
        self._rows: list[Row] = []
        self._index: dict[str, Row] = {}

    @property
    def column_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def ref(self, row: str, column: str) -> Ref:
        return Ref(self.key, row, column)

    def resolve(self, ref: Ref) -> Decimal:
        if ref.table == self.key:
            if ref.row not in self._index:
                raise KeyError(f"{self.key}: raden {ref.row} finns inte (ännu)")
            if ref.column not in self.column_keys:
                raise KeyError(f"{self.key}: kolumnen {ref.column} finns inte")
            amount = self._index[ref.row].amount(ref.column)
        else:
            amount = self._lookup(ref)
        return ZERO if amount is None else amount

    def add(self, row: Row) -> Row:
        if row.key in self._index:
            raise KeyError(f"{self.key}: raden {row.key} finns redan")
        self._rows.append(row)
        self._index[row.key] = row
        return row

    def heading(self, key: str, label: str) -> Row:
        return self.add(Row(key, label, "heading"))

    def text(self, key: str, label: str) -> Row:
        return self.add(Row(key, label, "text"))

    def values(
        self,
        key: str,
        label: str,
        amounts: Mapping[str, Decimal | None],
        *,
        kind: str = "line",
        unit: str = "amount",
        note: str | None = None,
        remarks: Mapping[str, str] | None = None,
    ) -> Row:
        """A row of input figures; a column given None (or left out) stays blank."""
        cells = {c: Value(amounts[c]) for c in self.column_keys if amounts.get(c) is not None}
        shown = {c: text for c, text in (remarks or {}).items() if c in cells}
        return self.add(Row(key, label, kind, MappingProxyType(cells), unit, note, MappingProxyType(shown)))

    def sum(
        self,
        key: str,
        label: str,
        terms: Mapping[str, Iterable[tuple[int, Ref]]] | Iterable[tuple[int, str]],
        *,
        kind: str = "total",
        note: str | None = None,
        columns: Iterable[str] | None = None,
    ) -> Row:
        """A row of sums. ``terms`` is either (sign, row key) pairs of this table, the same
        for every column, or per column key a list of (sign, Ref)."""
        wanted = tuple(columns) if columns is not None else self.column_keys
        spec: dict[str, Iterable[tuple[int, Ref]]] = {}
        if isinstance(terms, Mapping):
            spec = {column: terms[column] for column in wanted if column in terms}
        else:
            pairs = tuple(terms)
            spec = {column: [(sign, self.ref(row, column)) for sign, row in pairs] for column in wanted}
        return self.mixed(key, label, spec, kind=kind, note=note)

    def mixed(
        self,
        key: str,
        label: str,
        spec: Mapping[str, Decimal | Iterable[tuple[int, Ref]] | None],
        *,
        kind: str = "line",
        note: str | None = None,
    ) -> Row:
        """A row that is, per column, an input figure (a Decimal) or a sum of cells (terms)."""
        cells: dict[str, Cell] = {}
        for column in self.column_keys:
            given = spec.get(column)
            if given is None:
                continue
            if isinstance(given, Decimal):
                cells[column] = Value(given)
            else:
                column_terms = tuple(given)
                amount = sum((sign * self.resolve(ref) for sign, ref in column_terms), ZERO)
                cells[column] = Sum(column_terms, amount)
        return self.add(Row(key, label, kind, MappingProxyType(cells), "amount", note))

    def link(
        self, key: str, label: str, refs: Mapping[str, Ref], *, kind: str = "line", note: str | None = None
    ) -> Row:
        """A row whose cells repeat cells elsewhere (``=Resultaträkning!C12``)."""
        return self.sum(key, label, {c: [(1, ref)] for c, ref in refs.items()}, kind=kind, note=note)

    def ratio(self, key: str, label: str, refs: Mapping[str, tuple[Ref, Ref]], *, kind: str = "line") -> Row:
        """A row of shares ``numerator / denominator`` (0 when the denominator is 0), in percent."""
        cells = {}
        for column, (numerator, denominator) in refs.items():
            top, bottom = self.resolve(numerator), self.resolve(denominator)
            share = (
                ZERO if bottom == 0 else fraction_to_decimal(Fraction(top) / Fraction(bottom), SHARE_PLACES)
            )
            cells[column] = Ratio(numerator, denominator, share)
        return self.add(Row(key, label, kind, MappingProxyType(cells), "percent"))

    def product(
        self,
        key: str,
        label: str,
        refs: Mapping[str, tuple[Ref, Ref]],
        amount_of: Callable[[Decimal, Decimal | Fraction], Decimal],
        exact: Mapping[str, Fraction] | None = None,
    ) -> Row:
        """A row of ``factor × share`` rounded to öre; ``amount_of`` is the engine's own rounding.

        With ``exact`` (column → the share as an exact fraction) the amount is computed
        from the exact share rather than from the 12-decimal share cell.
        """
        cells = {}
        for column, (factor, share) in refs.items():
            exact_share = (exact or {}).get(column)
            used = exact_share if exact_share is not None else self.resolve(share)
            cells[column] = Product(factor, share, amount_of(self.resolve(factor), used), exact_share)
        return self.add(Row(key, label, "line", MappingProxyType(cells), "amount"))

    def build(self) -> Table:
        return Table(self.key, self.title, self.columns, tuple(self._rows))
