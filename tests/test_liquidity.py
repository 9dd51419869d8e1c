"""The liquidity plan: payment schedules, costs by their periods, cash at every month end."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings

from finsam_budget.plan.engine import compute_plan
from finsam_budget.plan.liquidity import compute_liquidity
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.rules import run_rules
from tests.scenario_factory import BASE, write
from tests.strategies import scenario_texts

D = Decimal

# Round figures: 1 200 000 kr contributions a year against 100 000 kr costs a month.
CASH = """\
format = 1
federation = "Samordningsförbundet Kassa"
title = "Budgetplan 2022"
years = [2022, 2023]
budget_year = 2022

[members.fk]
name = "Försäkringskassan"
share = "1/2"

[members.region]
name = "Region"
share = "1/2"

[income.fk]
name = "Försäkringskassan"
member = "fk"
amounts = { 2022 = 600000, 2023 = 600000 }

[income.region]
name = "Region"
member = "region"
amounts = { 2022 = 600000, 2023 = 600000 }

[equity]
opening = { 2022 = 500000 }

[admin.kansli]
name = "Kansli"
amounts = { 2022 = 1200000, 2023 = 1200000 }

[cash]
opening = 0
"""


def liquidity_of(tmp_path, text):
    plan = compute_plan(load_scenario(write(tmp_path, text)))
    return plan, compute_liquidity(plan)


def with_schedule(schedule: str, extra: str = "") -> str:
    return CASH + f"contributions = {schedule}\n" + extra


def closings(liquidity, year=2022):
    return [m.closing for m in liquidity.year_months(year)]


def inflows(liquidity, year=2022):
    return [m.inflow for m in liquidity.year_months(year)]


def test_quarterly_in_advance_pays_a_quarter_in_january_april_july_october(tmp_path):
    _, liquidity = liquidity_of(tmp_path, with_schedule('"quarterly-in-advance"'))
    assert inflows(liquidity) == [D(300000), 0, 0] * 4
    assert closings(liquidity) == [D(200000), D(100000), D(0)] * 4


def test_monthly_pays_a_twelfth_each_month(tmp_path):
    _, liquidity = liquidity_of(tmp_path, with_schedule('"monthly"'))
    assert inflows(liquidity) == [D(100000)] * 12
    assert closings(liquidity) == [D(0)] * 12


def test_yearly_january_pays_the_year_in_january(tmp_path):
    _, liquidity = liquidity_of(tmp_path, with_schedule('"yearly-january"'))
    assert inflows(liquidity) == [D(1200000)] + [D(0)] * 11
    assert closings(liquidity) == [D(1100000 - 100000 * m) for m in range(12)]


def test_explicit_months_pay_equal_parts(tmp_path):
    _, liquidity = liquidity_of(tmp_path, with_schedule("[1, 7]"))
    assert inflows(liquidity) == [D(600000)] + [0] * 5 + [D(600000)] + [0] * 5
    assert closings(liquidity)[5] == 0 and closings(liquidity)[6] == D(500000)


def test_each_member_line_is_split_by_largest_remainder(tmp_path):
    text = with_schedule('"monthly"').replace("2022 = 600000", "2022 = 600005")
    _, liquidity = liquidity_of(tmp_path, text)
    # 600 005 / 12 = 50 000,42 per member: the five kronor left go to January–May
    assert [m.contributions for m in liquidity.year_months(2022)] == [D(100002)] * 5 + [D(100000)] * 7


def test_cash_is_carried_from_year_to_year(tmp_path):
    text = with_schedule('"yearly-january"').replace("opening = 0", "opening = 250000")
    plan, liquidity = liquidity_of(tmp_path, text.replace("2023 = 1200000", "2023 = 1000000"))
    assert liquidity.year_months(2022)[-1].closing == D(250000)
    assert liquidity.year_months(2023)[0].opening == D(250000)
    assert liquidity.closing == D(250000) + plan.year(2022).result + plan.year(2023).result == D(450000)


def test_other_income_is_monthly_by_default_and_follows_its_schedule(tmp_path):
    extra = '\n[income.salj]\nname = "Försäljning"\namounts = { 2022 = 120000 }\n'
    _, liquidity = liquidity_of(tmp_path, with_schedule('"monthly"', extra))
    assert [m.other_income for m in liquidity.year_months(2022)] == [D(10000)] * 12
    text = with_schedule('"monthly"\nother_income = "yearly-january"', extra)
    _, liquidity = liquidity_of(tmp_path, text)
    assert [m.other_income for m in liquidity.year_months(2022)] == [D(120000)] + [D(0)] * 11


def test_other_income_with_months_flows_as_written(tmp_path):
    extra = '\n[income.salj]\nname = "Försäljning"\nmonths = { 2022 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50000] }\n'
    _, liquidity = liquidity_of(tmp_path, with_schedule('"monthly"', extra))
    assert [m.other_income for m in liquidity.year_months(2022)] == [D(0)] * 11 + [D(50000)]


def test_costs_follow_a_projects_period(tmp_path):
    extra = (
        '\n[projects.steget]\nname = "Steget"\nperiod = { start = 2022-09-01, end = 2023-12-31 }\n'
        "amounts = { 2022 = 400000, 2023 = 1200000 }\n"
    )
    _, liquidity = liquidity_of(tmp_path, with_schedule('"monthly"', extra))
    assert [m.costs for m in liquidity.year_months(2022)] == [D(100000)] * 8 + [D(200000)] * 4


def test_the_month_cash_runs_out_is_an_error_naming_it(tmp_path):
    # a 50 000 kr one-off cost in February, refunded by other income in April:
    # with quarterly payments cash is −50 000 at the end of March, and only then.
    extra = (
        '\n[development.konferens]\nname = "Konferens"\n'
        "months = { 2022 = [0, 50000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }\n"
        '\n[income.bidrag]\nname = "Bidrag konferens"\n'
        "months = { 2022 = [0, 0, 0, 50000, 0, 0, 0, 0, 0, 0, 0, 0] }\n"
    )
    plan, liquidity = liquidity_of(tmp_path, with_schedule('"quarterly-in-advance"', extra))
    assert [m.label for m in liquidity.negative_months()] == ["2022-03"]
    [f] = [f for f in run_rules(plan) if f.rule == "cash"]
    assert (f.severity, f.year, f.key) == ("error", 2022, "cash")
    assert f.message.startswith("Kassan är negativ vid slutet av 2022-03: -50 000 kr i 2022-03")
    assert f.amounts == {"opening": D(50000), "inflow": 0, "outflow": D(100000), "closing": D(-50000),
                         "lowest": D(-50000)}


def test_several_negative_months_are_one_error_a_year_with_the_lowest(tmp_path):
    plan, _ = liquidity_of(tmp_path, with_schedule("[7]"))
    found = [f for f in run_rules(plan) if f.rule == "cash"]
    assert [f.year for f in found] == [2022, 2023]  # each year starts from 0 again
    f = found[0]
    assert "2022-01, 2022-02, 2022-03, 2022-04, 2022-05, 2022-06" in f.message
    assert "lägst -600 000 kr i 2022-06" in f.message
    assert f.amounts["closing"] == D(-100000) and f.amounts["lowest"] == D(-600000)


def test_without_cash_table_there_is_no_liquidity_plan(tmp_path):
    plan = compute_plan(load_scenario(write(tmp_path, BASE)))
    assert compute_liquidity(plan) is None
    assert [f for f in run_rules(plan) if f.rule == "cash"] == []


def test_month_labels_run_over_all_years(tmp_path):
    _, liquidity = liquidity_of(tmp_path, with_schedule('"monthly"'))
    labels = [m.label for m in liquidity.months]
    assert labels[0] == "2022-01" and labels[11] == "2022-12" and labels[12] == "2023-01" and len(labels) == 24


# -- properties ----------------------------------------------------------------------------


def plan_from(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.toml"
        path.write_text(text, encoding="utf-8")
        return compute_plan(load_scenario(path))


@settings(max_examples=80, deadline=None)
@given(scenario_texts(max_lines=3, periods=True, cash=True))
def test_months_sum_to_the_years_income_and_costs(text):
    plan = plan_from(text)
    liquidity = compute_liquidity(plan)
    for y in plan.years:
        months = liquidity.year_months(y.year)
        assert len(months) == 12
        assert sum(m.contributions for m in months) == y.member_contributions
        assert sum(m.other_income for m in months) == y.other_income
        assert sum(m.costs for m in months) == y.costs


@settings(max_examples=80, deadline=None)
@given(scenario_texts(max_lines=3, periods=True, cash=True))
def test_closing_cash_is_opening_plus_inflows_minus_outflows(text):
    plan = plan_from(text)
    liquidity = compute_liquidity(plan)
    previous = liquidity.opening
    for month in liquidity.months:
        assert month.opening == previous
        previous = month.closing
    assert liquidity.closing == liquidity.opening + sum(m.inflow for m in liquidity.months) - sum(
        m.outflow for m in liquidity.months
    )
    assert liquidity.closing == liquidity.opening + sum(y.result for y in plan.years)
