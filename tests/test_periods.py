"""periods: month weights, the largest-remainder spread, budgets derived from grants."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam_budget.model import Line, Period
from finsam_budget.plan.engine import compute_plan
from finsam_budget.plan.periods import (
    budget_from_grant,
    granted_by_year,
    month_weights,
    monthly_amounts,
    round_kronor,
    spread,
    year_weight,
)
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.rules import run_rules
from tests.scenario_factory import BASE, replace, write

D = Decimal
AUTUMN_START = Period(date(2020, 9, 1), date(2023, 8, 31))


def project(**fields) -> Line:
    return Line("projects", "p", "Projekt", **fields)


def plan_of(tmp_path, text):
    return compute_plan(load_scenario(write(tmp_path, text)))


# -- month weights -----------------------------------------------------------------


def test_whole_months_weigh_one():
    assert month_weights(AUTUMN_START, 2020) == (0,) * 8 + (1,) * 4
    assert month_weights(AUTUMN_START, 2023) == (1,) * 8 + (0,) * 4
    assert [year_weight(AUTUMN_START, y) for y in (2019, 2020, 2021, 2022, 2023, 2024)] == [0, 4, 12, 12, 8, 0]


def test_partial_month_weighs_its_share_of_days():
    period = Period(date(2021, 9, 16), date(2021, 12, 10))
    weights = month_weights(period, 2021)
    assert weights[8] == Fraction(15, 30)  # 16–30 September
    assert weights[11] == Fraction(10, 31)  # 1–10 December
    assert weights[9] == weights[10] == 1


def test_leap_year_february_has_29_days():
    period = Period(date(2024, 2, 15), date(2025, 2, 14))
    assert month_weights(period, 2024)[1] == Fraction(15, 29)
    assert month_weights(period, 2025)[1] == Fraction(14, 28)
    assert year_weight(period, 2024) == 10 + Fraction(15, 29)
    assert year_weight(period, 2025) == Fraction(3, 2)


def test_a_full_leap_year_weighs_the_same_as_any_full_year():
    period = Period(date(2023, 1, 1), date(2024, 12, 31))
    assert year_weight(period, 2023) == year_weight(period, 2024) == 12


# -- the largest-remainder spread ------------------------------------------------------


def test_even_spread_gives_the_remainder_to_the_earliest_months():
    parts = spread(D(100000), (1,) * 12)
    assert parts[:4] == (D(8334),) * 4 and parts[4:] == (D(8333),) * 8
    assert sum(parts) == D(100000)


def test_largest_remainder_wins_over_order():
    assert spread(D(10), (1, 2)) == (D(3), D(7))  # 3.33 and 6.67: the 0.67 gets the krona


def test_ore_amounts_are_spread_in_ore():
    parts = spread(D("100.05"), (1, 1, 1))
    assert parts == (D("33.35"), D("33.35"), D("33.35"))
    assert spread(D("0.10"), (1, 1, 1)) == (D("0.04"), D("0.03"), D("0.03"))


def test_negative_amounts_spread_like_positive_ones():
    assert spread(D(-10), (1, 1, 1)) == (D(-4), D(-3), D(-3))


def test_zero_weight_gets_nothing():
    assert spread(D(7), (0, 1, 0, 1)) == (0, D(4), 0, D(3))


def test_spread_needs_a_weight():
    with pytest.raises(ValueError):
        spread(D(1), (0, 0))


@given(
    st.integers(min_value=-10**9, max_value=10**9),
    st.booleans(),
    st.lists(st.integers(min_value=0, max_value=31), min_size=1, max_size=40).filter(any),
)
def test_spread_always_sums_exactly(units, ore, weights):
    amount = D(units).scaleb(-2) if ore else D(units)
    parts = spread(amount, weights)
    assert sum(parts) == amount
    assert all(part == 0 for part, w in zip(parts, weights) if w == 0)


def test_round_kronor_is_half_up():
    assert round_kronor(Fraction(19, 2)) == D(10)
    assert round_kronor(Fraction(-19, 2)) == D(-10)
    assert round_kronor(Fraction(1899, 200)) == D(9)


# -- budgets from grants -----------------------------------------------------------------


def test_whole_period_grant_times_factor_is_rounded_once_and_spread_by_months():
    line = project(period=AUTUMN_START, granted_total=D(3067000), budget_factor=Fraction(95, 100))
    budget = budget_from_grant(line)
    # 3 067 000 × 0,95 = 2 913 650 over 36 months: 4, 12, 12 and 8 months
    # (323 738,89 · 971 216,67 · 971 216,67 · 647 477,78): the three kronor left
    # go to the largest remainders, 2020, 2023 and then the earlier of the equal two.
    assert budget == {2020: D(323739), 2021: D(971217), 2022: D(971216), 2023: D(647478)}
    assert sum(budget.values()) == D(2913650)


def test_whole_period_grant_by_year_without_factor():
    line = project(period=AUTUMN_START, granted_total=D(3067000), budget_factor=Fraction(95, 100))
    granted = granted_by_year(line)
    assert granted == {2020: D(340778), 2021: D(1022333), 2022: D(1022333), 2023: D(681556)}
    assert sum(granted.values()) == D(3067000)


def test_grant_per_year_is_rounded_half_up_each_year():
    line = project(granted={2021: D(1001), 2022: D(10), 2023: D("100.10")}, budget_factor=Fraction(95, 100))
    assert budget_from_grant(line) == {2021: D(951), 2022: D(10), 2023: D(95)}  # 950.95, 9.5, 95.095


def test_grant_across_a_leap_year_boundary():
    line = project(period=Period(date(2024, 2, 15), date(2025, 2, 14)), granted_total=D(1000000))
    budget = budget_from_grant(line)
    # 2024 weighs 15/29 (15–29 February) + 10 = 305/29 months, 2025 weighs 1 + 14/28 = 3/2:
    # shares 610/697 and 87/697 of 1 000 000 = 875 179,34 and 124 820,66
    assert budget == {2024: D(875179), 2025: D(124821)}
    assert sum(budget.values()) == D(1000000)


# -- month by month ----------------------------------------------------------------------


def test_quarters_are_spread_evenly_over_their_months():
    line = project(quarters={2021: (D(0), D(0), D(100000), D(300000))}, amounts={2021: D(400000)})
    months = monthly_amounts(line, 2021)
    assert months[6:9] == (D(33334), D(33333), D(33333))
    assert months[9:] == (D(100000),) * 3
    assert sum(months) == D(400000)


def test_months_are_used_as_written():
    written = tuple(D(m * 1000) for m in range(1, 13))
    line = project(months={2021: written}, amounts={2021: sum(written)})
    assert monthly_amounts(line, 2021) == written


def test_a_project_year_is_spread_over_the_months_of_its_period():
    line = project(period=AUTUMN_START, amounts={2020: D(400000)})
    assert monthly_amounts(line, 2020) == (0,) * 8 + (D(100000),) * 4


def test_without_period_a_year_is_spread_evenly():
    assert monthly_amounts(project(amounts={2021: D(120000)}), 2021) == (D(10000),) * 12


# -- the scenario: derived budgets and a real project application -----------------------------

GRANTED = BASE + """
[projects.steget]
name = "Steget vidare"
period = { start = 2021-09-01, end = 2023-08-31 }
granted = 3067000
budget_factor = "0.95"
"""


def test_engine_derives_the_budget_of_years_without_amounts(tmp_path):
    plan = plan_of(tmp_path, GRANTED)
    line = plan.scenario.line("projects.steget")
    # 2 913 650 over 4, 12 and 8 months: 485 608,33 · 1 456 825 · 971 216,67
    assert dict(line.amounts) == {2021: D(485608), 2022: D(1456825), 2023: D(971217)}
    assert line.derived_years == (2021, 2022, 2023)
    assert plan.year(2022).projects == D(1200000) + D(1456825)


def test_amounts_given_for_a_year_win_over_the_grant(tmp_path):
    text = GRANTED + "amounts = { 2022 = 1500000 }\n"
    line = plan_of(tmp_path, text).scenario.line("projects.steget")
    assert line.amount(2022) == D(1500000)
    assert line.derived_years == (2021, 2023)


def test_granted_per_year_without_period(tmp_path):
    text = BASE + '\n[projects.ny]\nname = "Ny"\ngranted = { 2022 = 1000000, 2023 = 500000 }\nbudget_factor = "95%"\n'
    line = plan_of(tmp_path, text).scenario.line("projects.ny")
    assert dict(line.amounts) == {2022: D(950000), 2023: D(475000)}


APPLICATION = BASE + """
[projects.steget]
name = "Steget vidare"
period = { start = 2021-09-01, end = 2023-08-31 }
# as in the application: the project starts in September, so 2021 has three empty quarters
quarters = { 2021 = [0, 0, 0, 240750], 2022 = [481500, 490000, 490000, 490000], 2023 = [490000, 490000, 245000, 0] }
stated = { 2021 = 240750, 2022 = 1951000, 2023 = 1225000 }
"""


def test_a_project_application_sums_its_quarters_and_catches_the_published_total(tmp_path):
    plan = plan_of(tmp_path, APPLICATION)
    line = plan.scenario.line("projects.steget")
    assert [line.amount(y) for y in (2021, 2022, 2023)] == [D(240750), D(1951500), D(1225000)]
    found = [f for f in run_rules(plan) if f.rule in ("line-stated", "project-period")]
    assert [(f.rule, f.year, f.key) for f in found] == [("line-stated", 2022, "projects.steget")]
    assert found[0].amounts == {"stated": D(1951000), "computed": D(1951500), "difference": D(-500)}
    assert "kvartalen ger 1 951 500 kr; differens -500 kr" in found[0].message


def test_a_project_application_flows_out_in_its_quarters(tmp_path):
    line = plan_of(tmp_path, APPLICATION).scenario.line("projects.steget")
    assert monthly_amounts(line, 2021) == (0,) * 9 + (D(80250),) * 3


def test_stated_month_sum_right_and_wrong(tmp_path):
    months = "[" + ", ".join(["10000"] * 11 + ["10001"]) + "]"
    text = replace(
        "amounts = { 2021 = 200000, 2022 = 200000, 2023 = 200000 }",
        f"amounts = {{ 2021 = 200000, 2023 = 200000 }}\nmonths = {{ 2022 = {months} }}\n"
        "stated = { 2021 = 200000, 2022 = 120000 }",
    )
    plan = plan_of(tmp_path, text)
    assert plan.scenario.line("development.utbildning").amount(2022) == D(120001)
    [f] = [f for f in run_rules(plan) if f.rule == "line-stated"]
    assert (f.year, f.key, f.amounts["difference"]) == (2022, "development.utbildning", D(-1))
    assert "månaderna ger 120 001 kr" in f.message


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    st.integers(min_value=0, max_value=2000),
    st.integers(min_value=0, max_value=10**9),
    st.sampled_from([Fraction(1), Fraction(95, 100), Fraction(9, 10), Fraction(7, 8)]),
)
def test_a_whole_period_budget_sums_to_the_grant_times_the_factor_rounded_once(start, days, grant, factor):
    from datetime import timedelta

    line = project(period=Period(start, start + timedelta(days=days)), granted_total=D(grant), budget_factor=factor)
    # Half up, written out here rather than taken from round_kronor (which budget_from_grant
    # uses): for grant × factor ≥ 0 it is the floor of grant × factor + ½.
    exact = Fraction(grant) * factor
    assert sum(budget_from_grant(line).values()) == D(math.floor(exact + Fraction(1, 2)))
    assert sum(granted_by_year(line).values()) == D(grant)
