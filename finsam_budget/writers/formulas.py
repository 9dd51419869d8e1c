"""The one emitter: a derivation model expression as a spreadsheet formula, and cells on a sheet.

A writer decides where each table row and column goes (a ``Placement``); this module
turns every ``Derived`` cell's expression into the formula over the cells it names
(on this sheet or another) and writes it with the exact amount cached. No writer
builds formula text itself.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from finsam_budget.constants import ONE_ORE, SHARE_QUANTUM
from finsam_budget.tables import (
    Add,
    Cell,
    Const,
    Expr,
    Max,
    Min,
    Ratio,
    Ref,
    Round,
    Scale,
    ShareOf,
    Unfavourable,
    Value,
)
from finsam_budget.writers.markings import Markings
from finsam_budget.writers.print_layout import later, moved_rows
from finsam_budget.writers.xlsx_common import (
    a1_range,
    adjacent_runs,
    sheet_ref,
    sum_formula,
    write_formula,
    write_value,
)
from finsam_budget.writers.xlsx_common import cell as a1


@dataclass(frozen=True)
class Spot:
    """Where a cell stands: sheet name, zero-based row and column."""

    sheet: str
    row: int
    col: int


@dataclass
class Placement:
    """Where every placed cell of every table is written: (table, row, column) → ``Spot``."""

    spots: dict[tuple[str, str, str], Spot] = field(default_factory=dict)
    rows: dict[tuple[str, str], Spot] = field(default_factory=dict)
    #: The findings to mark where they stand (``writers.markings``); ``write_cell`` applies them.
    markings: Markings | None = None
    #: Sheets written in their layout's rows and not yet settled (``print_layout.KeptSheet``).
    kept: set[str] = field(default_factory=set)
    #: Per settled sheet, where each layout row finally stands (``print_layout.moved_rows``).
    moved: dict[str, Callable[[int], int]] = field(default_factory=dict)
    #: Per settled sheet, the rows of its repeated headings: a range of figures runs on over them.
    headings: dict[str, frozenset[int]] = field(default_factory=dict)
    #: Sheets whose cells a formula named before they were laid out.
    named_early: set[str] = field(default_factory=set)

    def keep(self, sheet: str) -> None:
        """``sheet`` is written in its layout's rows from now until ``settle``."""
        self.kept.add(sheet)

    def settle(self, sheet: str, inserts: Sequence[tuple[int, int]], headings: Collection[int] = ()) -> None:
        """``sheet`` is laid out: ``inserts`` rows were put before these layout rows, and its
        repeated headings stand in the sheet rows ``headings``."""
        if inserts and sheet in self.named_early:
            raise RuntimeError(f"en formel pekar på bladet {sheet!r} innan det är utlagt")
        self.kept.discard(sheet)
        self.moved[sheet] = moved_rows(inserts)
        self.headings[sheet] = frozenset(headings)

    def sheet_row(self, sheet: str, row: int) -> int:
        """The row where a placed layout row of ``sheet`` finally stands."""
        if sheet in self.kept:
            raise RuntimeError(f"bladet {sheet!r} är inte utlagt än: skriv formeln med print_layout.later")
        moved = self.moved.get(sheet)
        if moved is None:
            self.named_early.add(sheet)
            return row
        return moved(row)

    def put(self, table: str, row: str, column: str, spot: Spot) -> None:
        self.spots[(table, row, column)] = spot

    def put_row(self, table: str, row: str, sheet: str, at: int, columns: dict[str, int]) -> None:
        """Place a whole row: each column key at its sheet column (``row_spot`` gives its row)."""
        self.rows[(table, row)] = Spot(sheet, at, -1)
        for column, col in columns.items():
            self.spots[(table, row, column)] = Spot(sheet, at, col)

    def row_spot(self, table: str, row: str) -> Spot:
        """The sheet and row of a placed table row (``col`` is −1)."""
        return self.rows[(table, row)]

    def spot(self, ref: Ref) -> Spot:
        try:
            return self.spots[(ref.table, ref.row, ref.column)]
        except KeyError:
            raise KeyError(f"cellen {ref} har ingen plats i arbetsboken") from None

    def address(self, ref: Ref, here: str) -> str:
        """``C12`` on the same sheet, ``'Resultaträkning'!C12`` on another."""
        spot = self.spot(ref)
        address = a1(self.sheet_row(spot.sheet, spot.row), spot.col)
        return address if spot.sheet == here else sheet_ref(spot.sheet, address)


def formula(expr: Expr, address: Callable[[Ref], str], bridged: Collection[int] = ()) -> str:
    """The formula of an expression, ``=`` included.

    A range of adjacent cells runs on over the ``bridged`` rows of the sheet (a repeated
    heading between them), so a row inserted anywhere in it is summed too.
    """
    return "=" + _text(expr, address, bridged, top=True)


def _number(amount: Decimal | int) -> str:
    """An amount as a number inside a formula: ``1828177``, ``1828177.5``, ``-100``."""
    value = Decimal(amount)
    text = format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
    return text


def _text(expr: Expr, address: Callable[[Ref], str], bridged: Collection[int], *, top: bool = False) -> str:
    """The formula text of ``expr``; below the top, a sum or a negative number is parenthesised."""
    if isinstance(expr, Ref):
        return address(expr)
    if isinstance(expr, Const):
        text = _number(expr.amount)
        return text if top or expr.amount >= 0 else f"({text})"
    if isinstance(expr, Add):
        text = _sum_text(expr, address, bridged)
        compound = len(expr.terms) > 1 or (len(expr.terms) == 1 and expr.terms[0][0] < 0)
        return f"({text})" if compound and not top else text
    if isinstance(expr, Ratio):
        numerator = _text(expr.numerator, address, bridged)
        denominator = _text(expr.denominator, address, bridged)
        condition = _text(expr.denominator, address, bridged, top=True)
        if isinstance(expr.denominator, (Scale, ShareOf)):
            denominator = f"({denominator})"
        shown = f"ABS({condition})" if expr.absolute else denominator
        return f"IF({condition}=0,0,{numerator}/{shown})"
    if isinstance(expr, Scale):
        factor = expr.factor
        tail = f"*{factor.numerator}" + (f"/{factor.denominator}" if factor.denominator != 1 else "")
        return _text(expr.expr, address, bridged) + tail
    if isinstance(expr, Round):
        return f"ROUND({_text(expr.expr, address, bridged, top=True)},{expr.places})"
    if isinstance(expr, ShareOf):
        # In öre the amount is an exact integer; times the share's numerator over its
        # denominator, a value exactly half-way (100 000,005 kr = 10 000 000,5 öre) is
        # then exactly representable in binary floating point, and ROUND (half away
        # from zero) agrees with the engine's ROUND_HALF_UP. Whole kronor are
        # ROUND(öre, -2) / 100.
        inner = _text(expr.expr, address, bridged, top=True)
        share = expr.share
        return f"ROUND(ROUND({inner}*100,0)*{share.numerator}/{share.denominator},{expr.places - 2})/100"
    if isinstance(expr, Unfavourable):
        deviation = _text(expr.deviation, address, bridged)
        budget = _text(expr.budget, address, bridged, top=True)
        limit, part = _text(expr.amount, address, bridged), _text(expr.share, address, bridged)
        return f"AND({deviation}<0,-{deviation}>{limit},IF({budget}=0,TRUE,-{deviation}/ABS({budget})>{part}))"
    if isinstance(expr, (Min, Max)):
        name = "MIN" if isinstance(expr, Min) else "MAX"
        return f"{name}({','.join(_items(expr.items, address, bridged))})"
    raise TypeError(f"okänt uttryck: {expr!r}")


def _items(items: Sequence[Expr], address: Callable[[Ref], str], bridged: Collection[int]) -> list[str]:
    """Arguments of MIN/MAX: a run of adjacent references becomes one range argument."""
    if all(isinstance(item, Ref) for item in items):
        addresses = [address(item) for item in items if isinstance(item, Ref)]
        return [a1_range(run) for run in adjacent_runs(addresses, bridged)]
    return [_text(item, address, bridged, top=True) for item in items]


def _sum_text(expr: Add, address: Callable[[Ref], str], bridged: Collection[int]) -> str:
    """A signed sum; only cell references: ranges where cells are adjacent (``SUM(B7:B10)``)."""
    if not expr.terms:
        return "0"
    if all(isinstance(term, Ref) for _, term in expr.terms):
        plus = [address(term) for sign, term in expr.terms if sign > 0 and isinstance(term, Ref)]
        minus = [address(term) for sign, term in expr.terms if sign < 0 and isinstance(term, Ref)]
        if plus:
            return sum_formula(plus, minus, bridged)[1:]
    parts: list[str] = []
    for sign, term in expr.terms:
        inner = _text(term, address, bridged, top=not parts and sign > 0 and isinstance(term, Const))
        parts.append(("-" if sign < 0 else "+" if parts else "") + inner)
    return "".join(parts)


def quantum_of(cell: Cell, unit: str) -> Decimal:
    """How finely a cell's amount is cached: öre for amounts, 12 decimals for shares."""
    if unit == "percent" or cell.amount != cell.amount.quantize(ONE_ORE):
        return SHARE_QUANTUM
    return ONE_ORE


def write_cell(
    ws: Any,
    spot: Spot,
    content: Cell,
    placement: Placement,
    fmt: Any = None,
    *,
    unit: str = "amount",
) -> None:
    """Write one cell: an input figure as a number, a derived one as its live formula with the amount cached.

    A cell a finding concerns is marked (``placement.markings``).
    """
    quantum = quantum_of(content, unit)
    if isinstance(content, Value):
        write_value(ws, spot.row, spot.col, content.amount, fmt, quantum=quantum)
    else:
        expr = content.expr
        text = later(ws, lambda: formula(
            expr, lambda ref: placement.address(ref, spot.sheet), placement.headings.get(spot.sheet, frozenset())
        ))
        write_formula(ws, spot.row, spot.col, text, content.amount, fmt, quantum=quantum)
    if placement.markings is not None:
        placement.markings.written(ws, spot, fmt, placement)

