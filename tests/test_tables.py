"""The derivation model: exact evaluation, the engine cross-check, and the one formula emitter."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam_budget.tables import (
    Add,
    Column,
    Const,
    DerivationError,
    Expr,
    Max,
    Min,
    Ratio,
    Ref,
    Round,
    Scale,
    ShareOf,
    TableBuilder,
    Unfavourable,
    evaluate,
    minus,
    plus,
    relink,
)
from finsam_budget.writers.formulas import Placement, Spot, formula, write_cell
from finsam_budget.writers.xlsx_common import write_text, write_workbook
from tests.libreoffice import assert_formulas_match, recalculate

COLUMNS = (Column("a", "A"), Column("b", "B"))


def _values(**rows: tuple[str, str]) -> TableBuilder:
    t = TableBuilder("t", "T", COLUMNS)
    for key, (a, b) in rows.items():
        t.values(key, key, {"a": Decimal(a), "b": Decimal(b)})
    return t


def R(row: str, column: str = "a") -> Ref:
    return Ref("t", row, column)


def test_a_sum_of_cells_is_exact():
    t = _values(x=("0.10", "1"), y=("0.20", "2"))
    row = t.sum("s", "S", [(1, "x"), (1, "y")])
    assert row.amount("a") == Decimal("0.30") and row.amount("b") == Decimal(3)


def test_a_derived_cell_may_name_a_cell_to_its_left_in_its_own_row():
    t = _values(x=("1", "3"), y=("2", "5"))
    row = t.row("total", "Totalt", {"a": plus(R("x"), R("y")), "b": Ratio(R("total", "a"), Const(Decimal(4)))})
    assert (row.amount("a"), row.amount("b")) == (Decimal(3), Decimal("0.75"))


def test_a_cell_to_the_right_in_its_own_row_is_not_there_yet():
    t = _values(x=("1", "3"))
    with pytest.raises(KeyError, match="senare i raden"):
        t.row("r", "R", {"a": R("r", "b"), "b": Decimal(1)})


def test_a_column_may_set_the_unit_of_its_cells():
    t = TableBuilder("t", "T", (Column("a", "A"), Column("n", "N", unit="count")))
    t.values("x", "x", {"a": Decimal(1), "n": Decimal(2)}, unit="amount")
    table = t.build()
    assert (table.unit("x", "a"), table.unit("x", "n")) == ("amount", "count")


def test_a_ratio_is_kept_with_twelve_decimals_and_is_zero_over_zero():
    t = _values(x=("1", "5"), y=("3", "0"))
    row = t.ratio("r", "R", {"a": (R("x"), R("y")), "b": (R("x", "b"), R("y", "b"))})
    assert row.amount("a") == Decimal("0.333333333333")
    assert row.amount("b") == Decimal(0)


@pytest.mark.parametrize(
    ("amount", "places", "expected"),
    [("2.5", 0, "3"), ("-2.5", 0, "-3"), ("0.125", 2, "0.13"), ("-0.125", 2, "-0.13"), ("2.4999", 0, "2")],
)
def test_round_is_half_away_from_zero_as_in_a_spreadsheet(amount, places, expected):
    assert evaluate(Round(Const(Decimal(amount)), places), lambda ref: Decimal(0)) == Fraction(Decimal(expected))


def test_share_of_rounds_the_amount_to_ore_first_then_the_product_half_up():
    # 1 200 000,06 × 1/12 = 100 000,005 → 100 000,01 (half up), as the engine's equity cap
    value = evaluate(ShareOf(Const(Decimal("1200000.06")), Fraction(1, 12)), lambda ref: Decimal(0))
    assert value == Fraction(Decimal("100000.01"))


def test_a_derived_cell_that_disagrees_with_the_engine_is_refused():
    t = _values(x=("100", "200"))
    with pytest.raises(DerivationError, match="formeln ger 100"):
        t.row("copy", "Kopia", {"a": R("x")}, expect={"a": Decimal(101)})


def test_a_derived_cell_that_agrees_with_the_engine_is_built():
    t = _values(x=("100", "200"))
    row = t.row("half", "Hälften", {"a": Round(Scale(R("x"), Fraction(1, 3)), 0)}, expect={"a": Decimal(33)})
    assert row.amount("a") == Decimal(33)


def test_a_derived_cell_may_name_cells_to_its_left_in_its_own_row():
    t = TableBuilder("t", "T", (Column("a", "A"), Column("b", "B"), Column("sum", "Summa")))
    row = t.row("x", "X", {"a": Decimal(1), "b": Decimal(2), "sum": plus(R("x", "a"), R("x", "b"))})
    assert row.amount("sum") == Decimal(3)
    with pytest.raises(KeyError, match="senare i raden"):
        t.row("y", "Y", {"a": R("y", "b"), "b": Decimal(2)})  # not yet computed


def test_relink_makes_a_cell_derived_from_a_row_below_it():
    t = _values(opening=("500", "0"))
    t.values("closing", "Utgående", {"a": Decimal(700), "b": Decimal(900)})
    table = t.build()
    with pytest.raises(DerivationError, match="formeln ger 700, motorn 0"):
        relink(table, "opening", {"b": R("closing", "a")}, expect={"b": Decimal(0)})
    t = _values(opening=("500", "700"))
    t.values("closing", "Utgående", {"a": Decimal(700), "b": Decimal(900)})
    linked = relink(t.build(), "opening", {"b": R("closing", "a")}, expect={"b": Decimal(700)})
    cell = linked.row("opening").cells["b"]
    assert (cell.amount, getattr(cell, "expr", None)) == (Decimal(700), R("closing", "a"))
    assert [r.key for r in linked.rows] == ["opening", "closing"]


def _address(ref: Ref) -> str:
    return {"x": "B2", "y": "B3", "z": "B4", "w": "B9"}[ref.row]


@pytest.mark.parametrize(
    ("expr", "text"),
    [
        (plus(R("x"), R("y"), R("z")), "=SUM(B2:B4)"),
        (Add(((1, R("x")), (1, R("w")), (-1, R("y")))), "=B2+B9-B3"),
        (minus(R("x"), R("y")), "=B2-B3"),
        (Add(()), "=0"),
        (Ratio(R("x"), R("y")), "=IF(B3=0,0,B2/B3)"),
        (Ratio(minus(R("x"), R("y")), R("z"), absolute=True), "=IF(B4=0,0,(B2-B3)/ABS(B4))"),
        (Add(((1, R("x")), (1, Round(Scale(R("y"), Fraction(5, 12)), 0)))), "=B2+ROUND(B3*5/12,0)"),
        (ShareOf(R("x"), Fraction(1, 12)), "=ROUND(ROUND(B2*100,0)*1/12,0)/100"),
        (Add(((1, Const(Decimal(1828177))), (1, R("x")))), "=1828177+B2"),
        (Add(((1, Const(Decimal("-100.5"))), (1, R("x")))), "=-100.5+B2"),
        (Min((R("x"), R("y"), R("z"))), "=MIN(B2:B4)"),
        (Max((Const(Decimal(0)), minus(R("x"), R("w")))), "=MAX(0,B2-B9)"),
        (Scale(plus(R("x"), R("w")), Fraction(3)), "=(B2+B9)*3"),
        (Add(((1, R("x")), (-1, plus(R("y"), R("w"))))), "=B2-(B3+B9)"),
    ],
)
def test_the_formula_of_each_expression(expr, text):
    assert formula(expr, _address) == text


def test_share_of_to_whole_kronor_rounds_the_product_half_up():
    # 1 201 kr × 5/12 = 500,4166… → 500; 1 202 kr × 5/12 = 500,8333… → 501; 6 kr × 1/12 = 0,5 → 1
    def value(amount, share):
        return evaluate(ShareOf(Const(Decimal(amount)), share, 0), lambda ref: Decimal(0))

    assert value("1201", Fraction(5, 12)) == 500
    assert value("1202", Fraction(5, 12)) == 501
    assert value("6", Fraction(1, 12)) == 1
    assert value("-6", Fraction(1, 12)) == -1


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=-10**11, max_value=10**11, places=2, allow_nan=False, allow_infinity=False),
    st.fractions(min_value=0, max_value=1, max_denominator=24),
)
def test_share_of_equals_decimal_half_up_rounding(amount, share):
    """An independent computation: Decimal arithmetic with ROUND_HALF_UP, as the engine rounds."""
    from decimal import ROUND_HALF_UP, localcontext

    with localcontext() as ctx:
        ctx.prec = 60
        exact = amount * share.numerator / share.denominator
        expected = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert evaluate(ShareOf(Const(amount), share), lambda ref: Decimal(0)) == Fraction(expected)


def _random_expression(rng: random.Random, depth: int = 0) -> Expr:
    """An expression of the kinds the workbooks use, over the cells x, y, z and constants."""
    if depth >= 3 or rng.random() < 0.3:
        if rng.random() < 0.7:
            return R(rng.choice("xyz"))
        return Const(Decimal(rng.randint(-10**8, 10**8)) / 100)
    kind = rng.choice(("add", "ratio", "share", "kronor", "min", "max", "round"))
    def inner() -> Expr:
        return _random_expression(rng, depth + 1)

    if kind == "add":
        return Add(tuple((rng.choice((1, -1)), inner()) for _ in range(rng.randint(1, 4))))
    if kind == "ratio":
        return Ratio(inner(), inner(), rng.random() < 0.5)
    if kind in ("share", "kronor"):
        share = Fraction(rng.randint(0, 24), rng.randint(1, 24))
        return ShareOf(Add(((1, inner()),)) if rng.random() < 0.2 else R(rng.choice("xyz")), share, 2 if kind == "share" else 0)
    if kind == "round":
        return Round(Add(tuple((1, R(c)) for c in "xy")), rng.randint(0, 2))
    items = tuple(inner() for _ in range(rng.randint(1, 3)))
    return Min(items) if kind == "min" else Max(items)


def test_libreoffice_computes_every_expression_as_the_model_does(tmp_path, soffice):
    """The real client recalculates 400 random expressions: every cached value is its formula's value."""
    rng = random.Random(20261202)
    t = _values(x=("1200000.06", "0"), y=("-3.5", "0"), z=("7", "0"))
    exprs = [_random_expression(rng) for _ in range(400)]
    for i, expr in enumerate(exprs):
        t.row(f"e{i}", f"e{i}", {"a": expr})
    table = t.build()
    placement = Placement()
    for i, row in enumerate(table.rows):
        placement.put_row("t", row.key, "Blad", i + 1, {"a": 1})

    def build(workbook, formats):
        ws = workbook.add_worksheet("Blad")
        for row in table.rows:
            spot = placement.row_spot("t", row.key)
            write_text(ws, spot.row, 0, row.label)
            write_cell(ws, Spot("Blad", spot.row, 1), row.cells["a"], placement, unit=row.unit)

    path = write_workbook(tmp_path / "e.xlsx", build)
    [recalculated] = recalculate([path], tmp_path / "lo", soffice=soffice)
    # Shares are cached with 12 decimals; LibreOffice's doubles agree to far more than 1e-6.
    assert assert_formulas_match(path, recalculated, quantum=Decimal("1e-6")) == len(exprs)


def test_share_of_is_what_the_expression_gives():
    from finsam_budget.tables import share_of

    assert share_of(Decimal(1200001), Fraction(1, 2), 0) == 600001
    assert share_of(Decimal("1200000.06"), Fraction(1, 12)) == Decimal("100000.01")


def test_the_threshold_marking_is_written_as_one_condition():
    rule = Unfavourable(R("x"), R("y"), R("z"), R("w"))
    assert formula(rule, _address) == "=AND(B2<0,-B2>B4,IF(B3=0,TRUE,-B2/ABS(B3)>B9))"


@settings(max_examples=400, deadline=None)
@given(
    st.decimals(min_value=-10**7, max_value=10**7, places=2),
    st.decimals(min_value=-10**7, max_value=10**7, places=2),
    st.sampled_from([Decimal(0), Decimal(50000), Decimal("100.50")]),
    st.sampled_from([Decimal(0), Decimal("0.10"), Decimal("0.333")]),
)
def test_the_marking_is_beyond_both_thresholds(deviation, budget, amount, share):
    """An independent statement of the rule: unfavourable, more than the amount, more than the share."""
    shortfall = -deviation
    expected = deviation < 0 and shortfall > amount and (budget == 0 or shortfall > share * abs(budget))
    rule = Unfavourable(Const(deviation), Const(budget), Const(amount), Const(share))
    assert (evaluate(rule, lambda ref: Decimal(0)) == 1) is expected
    from finsam_budget.drift import Thresholds

    assert Thresholds(share=share, amount=amount).marks(deviation, budget) is expected
