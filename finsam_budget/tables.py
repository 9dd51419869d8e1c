"""The derivation model: computed tables whose derived figures carry their derivation.

Every figure a workbook shows is a cell of a ``Table`` (rows × columns). A cell is
either an input figure (``Value``) or a derived figure (``Derived``): an expression
over other cells, named by ``Ref`` (table, row, column), and the amount that
expression gives. ``TableBuilder`` evaluates the expression exactly (``Fraction``
arithmetic, rounding as a spreadsheet rounds), so the amount a workbook caches is by
construction the value of the formula written beside it; given the engine's own
figure (``expect``), it refuses to build a cell where the two disagree.

The expressions are the few a budget needs:

* ``Ref`` another cell, ``Const`` a fixed amount;
* ``Add`` a signed sum; ``Ratio`` a share (0 when the denominator is 0);
* ``Scale`` a cell times an exact fraction; ``Round`` to a number of decimals
  (half away from zero, as ROUND in a spreadsheet and ROUND_HALF_UP in the engine);
* ``ShareOf`` an amount times an exact share, rounded to öre (or kronor) exactly as
  the engine does (the equity cap, a forecast for the months left);
* ``Min`` and ``Max``.

One emitter (``finsam_budget.writers.formulas``) turns an expression into the
spreadsheet formula; nothing else writes formula text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

from finsam_budget.constants import SHARE_PLACES, ZERO
from finsam_budget.money import fraction_to_decimal

# ---------------------------------------------------------------------------
# Expressions


@dataclass(frozen=True)
class Ref:
    """A cell of a table: table key, row key, column key."""

    table: str
    row: str
    column: str


@dataclass(frozen=True)
class Const:
    """A fixed amount inside a formula (an opening balance given as a figure)."""

    amount: Decimal


@dataclass(frozen=True)
class Add:
    """The signed sum of ``terms``: (+1 or −1, expression)."""

    terms: tuple[tuple[int, Expr], ...]


@dataclass(frozen=True)
class Ratio:
    """``numerator / denominator`` as a share, 0 when the denominator is 0.

    With ``absolute`` the denominator is taken without its sign (a deviation as a
    share of a budget that may be negative).
    """

    numerator: Expr
    denominator: Expr
    absolute: bool = False


@dataclass(frozen=True)
class Scale:
    """``expr × factor`` with an exact fraction, not rounded (``B7*5/12``)."""

    expr: Expr
    factor: Fraction


@dataclass(frozen=True)
class Round:
    """``expr`` rounded to ``places`` decimals, half away from zero (ROUND)."""

    expr: Expr
    places: int


@dataclass(frozen=True)
class ShareOf:
    """``amount × share`` rounded half up to ``places`` decimals (öre, or whole kronor with 0).

    The share is an exact fraction (the equity cap's 1/12, a forecast's 5/12 of
    the year). The amount is taken to whole öre first; the workbook formula works in
    öre, so that a half is exactly representable in binary floating point and the
    spreadsheet rounds the same way as the engine (see ``writers.formulas``).
    """

    expr: Expr
    share: Fraction
    places: int = 2


@dataclass(frozen=True)
class Unfavourable:
    """1 when ``deviation`` is unfavourable beyond both thresholds, else 0 (a marking, not a figure).

    Beyond both: the shortfall (−deviation) is more than ``amount`` kronor and more
    than ``share`` of the budget's size; with no budget every shortfall is beyond
    the share, so the amount decides. The workbook writes it as the condition of a
    conditional format, so a deviation the board changes is marked at once.
    """

    deviation: Expr
    budget: Expr
    amount: Expr
    share: Expr


@dataclass(frozen=True)
class Min:
    items: tuple[Expr, ...]


@dataclass(frozen=True)
class Max:
    items: tuple[Expr, ...]


Expr = Ref | Const | Add | Ratio | Scale | Round | ShareOf | Min | Max | Unfavourable


def plus(*refs: Expr) -> Add:
    """``a + b + …``."""
    return Add(tuple((1, ref) for ref in refs))


def minus(left: Expr, right: Expr) -> Add:
    """``left − right``."""
    return Add(((1, left), (-1, right)))


def refs_of(expr: Expr) -> Iterable[Ref]:
    """Every cell an expression reads, in order."""
    if isinstance(expr, Ref):
        yield expr
    elif isinstance(expr, Add):
        for _, term in expr.terms:
            yield from refs_of(term)
    elif isinstance(expr, Ratio):
        yield from refs_of(expr.numerator)
        yield from refs_of(expr.denominator)
    elif isinstance(expr, (Scale, Round, ShareOf)):
        yield from refs_of(expr.expr)
    elif isinstance(expr, (Min, Max)):
        for item in expr.items:
            yield from refs_of(item)
    elif isinstance(expr, Unfavourable):
        for part in (expr.deviation, expr.budget, expr.amount, expr.share):
            yield from refs_of(part)


def _round_half_up(value: Fraction, places: int) -> Fraction:
    """Round half away from zero to ``places`` decimals, exactly."""
    scale = Fraction(10) ** places
    scaled = abs(value) * scale
    whole = int(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return Fraction(whole if value >= 0 else -whole) / scale


def _share_of(amount: Fraction, share: Fraction, places: int) -> Fraction:
    return _round_half_up(_round_half_up(amount, 2) * share, places)


def share_of(amount: Decimal, share: Fraction, places: int = 2) -> Decimal:
    """What ``ShareOf`` gives: ``amount × share`` rounded half up to ``places`` decimals, exactly.

    For an engine whose figure must be the expression's by construction (a forecast's
    remaining budget).
    """
    return as_decimal(_share_of(Fraction(amount), share, places))


def evaluate(expr: Expr, resolve: Callable[[Ref], Decimal]) -> Fraction:
    """The exact value of ``expr``; ``resolve`` gives a referenced cell's amount (blank = 0)."""
    if isinstance(expr, Ref):
        return Fraction(resolve(expr))
    if isinstance(expr, Const):
        return Fraction(expr.amount)
    if isinstance(expr, Add):
        return sum((sign * evaluate(term, resolve) for sign, term in expr.terms), Fraction(0))
    if isinstance(expr, Ratio):
        bottom = evaluate(expr.denominator, resolve)
        if expr.absolute:
            bottom = abs(bottom)
        return Fraction(0) if bottom == 0 else evaluate(expr.numerator, resolve) / bottom
    if isinstance(expr, Scale):
        return evaluate(expr.expr, resolve) * expr.factor
    if isinstance(expr, Round):
        return _round_half_up(evaluate(expr.expr, resolve), expr.places)
    if isinstance(expr, ShareOf):
        return _share_of(evaluate(expr.expr, resolve), expr.share, expr.places)
    if isinstance(expr, Min):
        return min(evaluate(item, resolve) for item in expr.items)
    if isinstance(expr, Max):
        return max(evaluate(item, resolve) for item in expr.items)
    if isinstance(expr, Unfavourable):
        shortfall = -evaluate(expr.deviation, resolve)
        if shortfall <= 0 or shortfall <= evaluate(expr.amount, resolve):
            return Fraction(0)
        budget = abs(evaluate(expr.budget, resolve))
        return Fraction(1 if budget == 0 or shortfall > evaluate(expr.share, resolve) * budget else 0)
    raise TypeError(f"okänt uttryck: {expr!r}")


def as_decimal(value: Fraction) -> Decimal:
    """An evaluated value as the Decimal a cell holds: exact to the öre, otherwise (a share) 12 decimals."""
    hundredths = value * 100
    if hundredths.denominator == 1:
        return Decimal(hundredths.numerator) / 100 if hundredths.numerator else ZERO
    return fraction_to_decimal(value, SHARE_PLACES)


# ---------------------------------------------------------------------------
# Cells, rows, tables


@dataclass(frozen=True)
class Value:
    """An input figure (a sum of accounts, a budget amount, a share)."""

    amount: Decimal


@dataclass(frozen=True)
class Derived:
    """A figure derived from other cells: its expression and the exact amount it gives."""

    expr: Expr
    amount: Decimal


Cell = Value | Derived

#: Row kinds: how a row is shown (a heading has no cells).
ROW_KINDS = ("heading", "line", "total", "check", "text")
#: Units: kronor, a share shown in percent, or a count (people, scenarios).
UNITS = ("amount", "percent", "count")


class DerivationError(Exception):
    """A derived cell whose formula does not give the engine's figure: a bug, never bad input."""


@dataclass(frozen=True)
class Row:
    """One row: a key, a Swedish label, how it is shown, and its cells by column key.

    ``unit`` is ``"amount"`` (kronor), ``"percent"`` (a share shown in percent) or
    ``"count"``; ``note`` is a reference such as ``"Not 1"`` or a short note.
    A column without a cell is blank. ``remarks`` explain a cell that needs it, by
    column key (a comment on the cell in the workbook).
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
    """A column: its key and heading; ``unit`` when the column, not the row, sets the unit."""

    key: str
    heading: str
    unit: str | None = None


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

    def unit(self, row: str, column: str) -> str:
        """A cell's unit: its column's when the column sets one (a table of key figures), else its row's."""
        for c in self.columns:
            if c.key == column and c.unit is not None:
                return c.unit
        return self.row(row).unit


Terms = Iterable[tuple[int, Ref]]


class TableBuilder:
    """Builds one table row by row, computing derived cells from the cells they name.

    ``lookup`` resolves references to other tables (already built). A reference to
    a blank cell counts as 0, as it does in a spreadsheet.
    """

    def __init__(
        self,
        key: str,
        title: str,
        columns: Iterable[Column],
        lookup: Callable[[Ref], Decimal | None] | None = None,
    ):
        self.key = key
        self.title = title
        self.columns = tuple(columns)
        self._lookup = lookup
        self._rows: list[Row] = []
        self._index: dict[str, Row] = {}
        self._building: tuple[str, dict[str, Cell]] | None = None

    @property
    def column_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def ref(self, row: str, column: str) -> Ref:
        return Ref(self.key, row, column)

    def resolve(self, ref: Ref) -> Decimal:
        if ref.table == self.key:
            building = self._building
            if building is not None and ref.row == building[0]:
                if ref.column not in building[1]:
                    raise KeyError(f"{self.key}: cellen {ref.row}/{ref.column} kommer senare i raden")
                return building[1][ref.column].amount  # a cell to its left in the row being built
            if ref.row not in self._index:
                raise KeyError(f"{self.key}: raden {ref.row} finns inte (ännu)")
            if ref.column not in self.column_keys:
                raise KeyError(f"{self.key}: kolumnen {ref.column} finns inte")
            amount = self._index[ref.row].amount(ref.column)
        elif self._lookup is None:
            raise KeyError(f"{self.key}: tabellen {ref.table} är okänd")
        else:
            amount = self._lookup(ref)
        return ZERO if amount is None else amount

    def add(self, row: Row) -> Row:
        if row.key in self._index:
            raise KeyError(f"{self.key}: raden {row.key} finns redan")
        self._rows.append(row)
        self._index[row.key] = row
        return row

    def has_row(self, key: str) -> bool:
        return key in self._index

    def heading(self, key: str, label: str) -> Row:
        return self.add(Row(key, label, "heading"))

    def text(self, key: str, label: str, *, note: str | None = None) -> Row:
        return self.add(Row(key, label, "text", note=note))

    def derive(self, expr: Expr, *, expect: Decimal | None = None, where: str = "") -> Derived:
        """A derived cell: ``expr`` evaluated exactly; with ``expect``, it must equal the engine's figure."""
        amount = as_decimal(evaluate(expr, self.resolve))
        if expect is not None and amount != expect:
            raise DerivationError(
                f"{self.key}{where}: formeln ger {amount}, motorn {expect} ({expr!r})"
            )
        return Derived(expr, amount)

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
        cells = {c: Value(v) for c in self.column_keys if (v := amounts.get(c)) is not None}
        shown = {c: text for c, text in (remarks or {}).items() if c in cells}
        return self.add(Row(key, label, kind, MappingProxyType(cells), unit, note, MappingProxyType(shown)))

    def row(
        self,
        key: str,
        label: str,
        spec: Mapping[str, Decimal | Expr | None],
        *,
        kind: str = "line",
        unit: str = "amount",
        note: str | None = None,
        expect: Mapping[str, Decimal] | None = None,
        remarks: Mapping[str, str] | None = None,
    ) -> Row:
        """A row that is, per column, an input figure (a Decimal) or a derived one (an expression).

        ``expect`` gives the engine's own figure per column: a derived cell whose
        formula gives anything else is a ``DerivationError``. A derived cell may name
        cells of its own row in earlier columns (inflow = contributions + other income).
        """
        cells: dict[str, Cell] = {}
        self._building = (key, cells)
        try:
            self._row_cells(key, spec, expect, cells)
        finally:
            self._building = None
        shown = {c: text for c, text in (remarks or {}).items() if c in cells}
        return self.add(Row(key, label, kind, MappingProxyType(cells), unit, note, MappingProxyType(shown)))

    def _row_cells(
        self,
        key: str,
        spec: Mapping[str, Decimal | Expr | None],
        expect: Mapping[str, Decimal] | None,
        cells: dict[str, Cell],
    ) -> None:
        for column in self.column_keys:
            given = spec.get(column)
            if given is None:
                continue
            if isinstance(given, Decimal):
                cells[column] = Value(given)
            else:
                wanted = None if expect is None else expect.get(column)
                cells[column] = self.derive(given, expect=wanted, where=f" {key}/{column}")

    def sum(
        self,
        key: str,
        label: str,
        terms: Mapping[str, Terms] | Iterable[tuple[int, str]],
        *,
        kind: str = "total",
        note: str | None = None,
        columns: Iterable[str] | None = None,
        expect: Mapping[str, Decimal] | None = None,
    ) -> Row:
        """A row of sums. ``terms`` is either (sign, row key) pairs of this table, the same
        for every column, or per column key a list of (sign, Ref)."""
        wanted = tuple(columns) if columns is not None else self.column_keys
        if isinstance(terms, Mapping):
            spec: dict[str, Decimal | Expr | None] = {
                column: Add(tuple(terms[column])) for column in wanted if column in terms
            }
        else:
            pairs = tuple(terms)
            spec = {column: Add(tuple((sign, self.ref(row, column)) for sign, row in pairs)) for column in wanted}
        return self.row(key, label, spec, kind=kind, note=note, expect=expect)

    def mixed(
        self,
        key: str,
        label: str,
        spec: Mapping[str, Decimal | Terms | None],
        *,
        kind: str = "line",
        note: str | None = None,
    ) -> Row:
        """A row that is, per column, an input figure (a Decimal) or a sum of cells (terms)."""
        converted: dict[str, Decimal | Expr | None] = {}
        for column, given in spec.items():
            converted[column] = given if given is None or isinstance(given, Decimal) else Add(tuple(given))
        return self.row(key, label, converted, kind=kind, note=note)

    def link(
        self, key: str, label: str, refs: Mapping[str, Ref], *, kind: str = "line", note: str | None = None
    ) -> Row:
        """A row whose cells repeat cells elsewhere (``=Resultaträkning!C12``)."""
        return self.row(key, label, dict(refs), kind=kind, note=note)

    def ratio(
        self, key: str, label: str, refs: Mapping[str, tuple[Ref, Ref]], *, kind: str = "line"
    ) -> Row:
        """A row of shares ``numerator / denominator`` (0 when the denominator is 0), in percent."""
        spec: dict[str, Decimal | Expr | None] = {c: Ratio(n, d) for c, (n, d) in refs.items()}
        return self.row(key, label, spec, kind=kind, unit="percent")

    def share_of(
        self,
        key: str,
        label: str,
        refs: Mapping[str, tuple[Ref, Fraction]],
        *,
        kind: str = "line",
        expect: Mapping[str, Decimal] | None = None,
    ) -> Row:
        """A row of ``amount × share`` rounded to öre, the share an exact fraction (the equity cap)."""
        spec: dict[str, Decimal | Expr | None] = {c: ShareOf(ref, share) for c, (ref, share) in refs.items()}
        return self.row(key, label, spec, kind=kind, expect=expect)

    def build(self) -> Table:
        return Table(self.key, self.title, self.columns, tuple(self._rows))


def lookup_in(tables: Iterable[Table]) -> Callable[[Ref], Decimal | None]:
    """A ``lookup`` over built tables, for a builder whose cells name cells of other tables."""
    index = {table.key: table for table in tables}

    def lookup(ref: Ref) -> Decimal | None:
        return index[ref.table].amount(ref.row, ref.column)

    return lookup


def relink(
    table: Table,
    row: str,
    cells: Mapping[str, Expr],
    *,
    expect: Mapping[str, Decimal],
    lookup: Callable[[Ref], Decimal | None] | None = None,
) -> Table:
    """``table`` with cells of ``row`` made derived: for a row whose formula names rows below it.

    An opening balance carried from last year's closing balance names a row further
    down, which a ``TableBuilder`` (row by row) cannot evaluate yet. The row is built
    with the engine's figure, and here each cell becomes its expression, evaluated
    over the built table; it must give the engine's figure it replaces
    (``DerivationError`` otherwise), so every cell computed from it stays right.
    """
    own = lookup_in([table])

    def resolve(ref: Ref) -> Decimal:
        amount = own(ref) if ref.table == table.key else (lookup(ref) if lookup is not None else None)
        return ZERO if amount is None else amount

    old = table.row(row)
    new_cells: dict[str, Cell] = dict(old.cells)
    for column, expr in cells.items():
        amount = as_decimal(evaluate(expr, resolve))
        wanted = expect[column]
        if amount != wanted or (column in old.cells and old.cells[column].amount != wanted):
            raise DerivationError(f"{table.key} {row}/{column}: formeln ger {amount}, motorn {wanted} ({expr!r})")
        new_cells[column] = Derived(expr, amount)
    ordered = {c.key: new_cells[c.key] for c in table.columns if c.key in new_cells}
    changed = Row(old.key, old.label, old.kind, MappingProxyType(ordered), old.unit, old.note, old.remarks)
    rows = tuple(changed if r.key == row else r for r in table.rows)
    return Table(table.key, table.title, table.columns, rows)
