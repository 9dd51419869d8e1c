"""The engine: each computed figure of a year."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from finsam_budget.model import CapBand
from finsam_budget.plan.engine import cap_share_for, compute_plan, equity_cap
from finsam_budget.readers.scenario import load_scenario
from tests.scenario_factory import BASE, replace, write

D = Decimal


def plan_of(tmp_path, text=BASE):
    return compute_plan(load_scenario(write(tmp_path, text)))


def test_year_figures(tmp_path):
    y = plan_of(tmp_path).year(2021)
    assert y.contributions == {"fk": D(1000000), "region": D(1000000)}
    assert (y.member_contributions, y.other_income, y.opening_equity) == (D(2000000), 0, D(500000))
    assert (y.available, y.admin, y.development, y.projects) == (D(2500000), D(600000), D(200000), D(1200000))
    assert (y.activities, y.costs, y.result) == (D(1400000), D(2000000), D(0))
    assert (y.closing_equity, y.reserve, y.room) == (D(500000), D(300000), D(200000))
    assert y.cost_share("admin") == Fraction(3, 10)


def test_carry_reserve_opens_next_year_with_the_reserve(tmp_path):
    plan = plan_of(tmp_path)
    assert plan.year(2022).opening_equity == D(300000)


def test_carry_closing_opens_next_year_with_closing_equity(tmp_path):
    plan = plan_of(tmp_path, replace('carry = "reserve"', 'carry = "closing"'))
    assert plan.year(2022).opening_equity == D(500000)


def test_stated_opening_wins_over_carry(tmp_path):
    plan = plan_of(tmp_path, replace("opening = { 2021 = 500000 }", "opening = { 2021 = 500000, 2022 = 123 }"))
    assert plan.year(2022).opening_equity == D(123)


def test_other_income_is_not_a_member_contribution(tmp_path):
    text = BASE + '\n[income.salj]\nname = "Försäljning"\namounts = { 2021 = 5000 }\n'
    y = plan_of(tmp_path, text).year(2021)
    assert (y.member_contributions, y.other_income, y.income) == (D(2000000), D(5000), D(2005000))


def test_cap_bands_graded_by_size():
    bands = (CapBand(D(3000000), Fraction(1, 4)), CapBand(None, Fraction(1, 5)))
    assert cap_share_for(D(3000000), bands) == Fraction(1, 4)
    assert cap_share_for(D(3000001), bands) == Fraction(1, 5)


def test_equity_cap_rounds_half_up_to_ore():
    assert equity_cap(D(6680000), Fraction(1, 5)) == D(1336000)
    assert equity_cap(D(100), Fraction(1, 3)) == D("33.33")
    assert equity_cap(D("0.05"), Fraction(1, 2)) == D("0.03")


def test_gotland_equity_cap_2022():
    plan = compute_plan(load_scenario("scenarios/gotland-2022.toml"))
    assert plan.year(2022).equity_cap == D(864800)
