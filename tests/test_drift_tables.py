"""The driftsredovisning as derivation tables: every derived figure is an expression that gives the engine's."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from finsam_budget.drift import compute_drift, estimate_forecast
from finsam_budget.drift.tables import (
    ACTUAL,
    BUDGET,
    DETAIL,
    DEVIATION,
    FORECAST,
    FORECAST_DEVIATION,
    PREVIOUS,
    SHARE,
    SUMMARY,
    drift_tables,
)
from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.actuals import read_actuals
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.tables import (
    Add,
    Const,
    Derived,
    Ratio,
    Ref,
    ShareOf,
    Value,
    evaluate,
    share_of,
)
from tests.test_drift import actuals

DATA = Path(__file__).parent / "data" / "drift"
PLAN = compute_plan(load_scenario(DATA / "exempelbygd.toml"))
D = Decimal


def full_year():
    return drift_tables(compute_drift(PLAN, read_actuals(DATA / "utfall-2022.toml")))


def interim():
    given = actuals({"income.fk": 2480000, "admin.kansli": 934000}, through=(2022, 8))
    return drift_tables(compute_drift(PLAN, given))


def test_columns_follow_the_report():
    assert [c.key for c in full_year().detail.columns] == [ACTUAL, BUDGET, DEVIATION, SHARE]
    assert [c.key for c in interim().detail.columns] == [ACTUAL, BUDGET, DEVIATION, SHARE, FORECAST, FORECAST_DEVIATION]


def test_lines_are_inputs_and_deviations_are_favourable_differences():
    row = full_year().detail.row("admin.kansli")
    assert row.cells[ACTUAL] == Value(D(1399148))
    assert row.cells[DEVIATION].expr == Add(((1, Ref(DETAIL, "admin.kansli", BUDGET)), (-1, Ref(DETAIL, "admin.kansli", ACTUAL))))
    income = full_year().detail.row("income.forsaljning")
    assert income.cells[DEVIATION].amount == D(-14247)  # income: actual − budget
    share = income.cells[SHARE]
    assert isinstance(share, Derived) and share.expr == Ratio(
        Ref(DETAIL, "income.forsaljning", DEVIATION), Ref(DETAIL, "income.forsaljning", BUDGET), absolute=True
    )


def test_a_line_without_budget_has_share_zero():
    assert full_year().detail.row("projects.nystart").amount(SHARE) == 0


def test_summary_links_to_the_detail_and_derives_the_result():
    summary = full_year().summary
    assert summary.row("costs").cells[ACTUAL].expr == Ref(DETAIL, "total:costs", ACTUAL)
    assert summary.row("result").cells[BUDGET].expr == Add(
        ((1, Ref(SUMMARY, "income", BUDGET)), (-1, Ref(SUMMARY, "costs", BUDGET)))
    )
    assert [row.key for row in summary.rows] == ["costs", "income", "result", "closing_equity", "cash"]


def test_closing_equity_given_is_an_input_and_its_budget_is_opening_plus_result():
    equity = full_year().summary.row("closing_equity")
    assert equity.cells[ACTUAL] == Value(D(2097054))
    budget = equity.cells[BUDGET]
    assert isinstance(budget, Derived) and isinstance(budget.expr.terms[0][1], Const)
    assert equity.note == "utfall enligt utfallsfilen"


def test_closing_equity_not_given_is_opening_plus_the_result():
    equity = interim().summary.row("closing_equity")
    assert equity.cells[ACTUAL].expr == Add(((1, Const(PLAN.year(2022).opening_equity)), (1, Ref(SUMMARY, "result", ACTUAL))))
    assert DEVIATION not in equity.cells  # a part-year balance has no deviation against December's
    assert equity.cells[FORECAST_DEVIATION].amount == equity.amount(FORECAST) - equity.amount(BUDGET)


def test_an_estimated_forecast_is_actual_plus_a_share_of_the_budget():
    row = interim().detail.row("admin.kansli")
    forecast = row.cells[FORECAST]
    assert isinstance(forecast, Derived)
    assert forecast.expr == Add(
        ((1, Ref(DETAIL, "admin.kansli", ACTUAL)), (1, ShareOf(Ref(DETAIL, "admin.kansli", BUDGET), Fraction(1, 3), 0)))
    )
    assert forecast.amount == 934000 + 483333
    assert row.note == "prognosen uppskattad"


def test_totals_and_previous_column_with_a_bokslut():
    previous = actuals({"income.fk": 3600000, "admin.kansli": 1388000}, year=2021, closing_equity=1250000)
    tables = drift_tables(compute_drift(PLAN, read_actuals(DATA / "utfall-2022.toml"), previous=previous))
    assert tables.detail.amount("total:income", PREVIOUS) == 3600000
    assert tables.summary.amount("closing_equity", PREVIOUS) == 1250000


def test_flows_are_every_row_with_a_deviation_except_the_balances():
    tables = full_year()
    assert ("drift_summary", "closing_equity") not in tables.flows
    assert ("drift_summary", "result") in tables.flows and ("drift_detail", "total:result") in tables.flows


@given(
    budget=st.integers(-10**11, 10**11).map(lambda ore: Decimal(ore) / 100),
    months_left=st.integers(1, 11),
)
def test_the_engines_pro_rata_forecast_is_the_share_of_expression(budget, months_left):
    by_expression = evaluate(ShareOf(Const(budget), Fraction(months_left, 12), 0), lambda ref: D(0))
    pro_rata = (budget * months_left / 12).quantize(Decimal(1), ROUND_HALF_UP)  # the engine's rule, written out
    assert estimate_forecast(D(0), budget, months_left) == by_expression == pro_rata
    assert share_of(budget, Fraction(months_left, 12), 0) == pro_rata


def test_half_a_krona_rounds_away_from_zero():
    assert estimate_forecast(D(10), D(1200001), 6) == 10 + 600001
    assert estimate_forecast(D(0), D(-3), 2) == -1  # −0,5 → −1
