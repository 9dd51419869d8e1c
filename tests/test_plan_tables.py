"""The plan's tables: every derived figure is the engine's, with the derivation the workbook writes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finsam_budget.labels import CAP_MARGIN
from finsam_budget.plan.engine import compute_plan
from finsam_budget.plan.tables import BUDGETPLAN, LIKVIDITET, NYCKELTAL, plan_tables
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.tables import Add, Derived, Min, Ref, ShareOf, Value
from tests.scenario_factory import BASE, write

D = Decimal


@pytest.fixture(scope="module")
def gotland():
    return plan_tables(compute_plan(load_scenario("scenarios/gotland-2022.toml")))


def test_budgetplan_totals_are_the_published_figures(gotland):
    t = gotland.budgetplan
    assert t.amount("available", "2022") == D(6152177)  # published: 6 152 177
    assert t.amount("costs", "2022") == D(4414980)
    assert t.amount("room", "2022") == D(1087197)


def test_opening_equity_of_a_carried_year_is_last_years_reserve(gotland):
    cells = gotland.budgetplan.row("opening_equity").cells
    assert isinstance(cells["2022"], Value)  # given in the scenario
    assert cells["2023"] == Derived(Ref(BUDGETPLAN, "reserve", "2022"), D(650000))


def test_opening_equity_with_carry_closing_is_last_years_closing_equity(tmp_path):
    text = BASE.replace('carry = "reserve"', 'carry = "closing"')
    plan = compute_plan(load_scenario(write(tmp_path, text)))
    cells = plan_tables(plan).budgetplan.row("opening_equity").cells
    assert cells["2022"] == Derived(Ref(BUDGETPLAN, "closing_equity", "2021"), plan.year(2021).closing_equity)


def test_granted_rows_are_in_no_sum():
    tables = plan_tables(compute_plan(load_scenario("scenarios/exempel-projekt-likviditet.toml")))
    projects = tables.budgetplan.row("projects").cells["2022"]
    assert isinstance(projects, Derived) and isinstance(projects.expr, Add)
    named = {ref.row for _, ref in projects.expr.terms if isinstance(ref, Ref)}
    assert named and not any(row.startswith("granted:") for row in named)


def test_cap_is_share_of_the_member_total_and_the_margin_is_labelled_once(gotland):
    t = gotland.nyckeltal
    cap = t.row("cap").cells["2022"]
    assert isinstance(cap, Derived) and isinstance(cap.expr, ShareOf)
    assert cap.expr.expr == Ref(NYCKELTAL, "total_members", "2022") and cap.amount == D(864800)
    assert t.row("headroom").label == CAP_MARGIN and t.amount("headroom", "2022") == D(214800)


def test_lowest_cash_is_the_min_of_every_month_end():
    tables = plan_tables(compute_plan(load_scenario("scenarios/exempel-projekt-likviditet.toml")))
    assert tables.likviditet is not None and tables.liquidity is not None
    lowest = tables.likviditet.row("lowest").cells["cash"]
    assert isinstance(lowest, Derived) and isinstance(lowest.expr, Min)
    assert len(lowest.expr.items) == 36 and all(ref.table == LIKVIDITET for ref in lowest.expr.items)
    assert lowest.amount == min(m.closing for m in tables.liquidity.months)


def test_no_likviditet_tables_without_cash(tmp_path):
    tables = plan_tables(compute_plan(load_scenario(write(tmp_path, BASE))))
    assert tables.likviditet is None and tables.likviditet_years is None
