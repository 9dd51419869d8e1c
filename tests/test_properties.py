"""Hypothesis properties: the accounting identities hold for any valid scenario."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings

from finsam_budget.model import COST_SECTIONS
from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.scenario import load_scenario
from tests.strategies import scenario_texts


def plan_from(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.toml"
        path.write_text(text, encoding="utf-8")
        return compute_plan(load_scenario(path))


@settings(max_examples=60, deadline=None)
@given(scenario_texts())
def test_every_total_is_the_sum_of_its_lines(text):
    plan = plan_from(text)
    s = plan.scenario
    for y in plan.years:
        for section in COST_SECTIONS:
            assert y.section_total(section) == sum(ln.amount(y.year) for ln in s.section(section))
        assert y.member_contributions == sum(ln.amount(y.year) for ln in s.income if ln.member)
        assert y.other_income == sum(ln.amount(y.year) for ln in s.income if not ln.member)
        assert y.costs == y.admin + y.activities
        assert sum(y.contributions.values()) == y.member_contributions


@settings(max_examples=60, deadline=None)
@given(scenario_texts())
def test_closing_is_opening_plus_income_minus_costs(text):
    for y in plan_from(text).years:
        assert y.closing_equity == y.opening_equity + y.member_contributions + y.other_income - y.costs


@settings(max_examples=60, deadline=None)
@given(scenario_texts())
def test_room_plus_reserve_is_available_minus_costs(text):
    for y in plan_from(text).years:
        assert y.room + y.reserve == y.available - y.costs


@settings(max_examples=40, deadline=None)
@given(scenario_texts())
def test_opening_equity_follows_the_carry_convention(text):
    plan = plan_from(text)
    s = plan.scenario
    for previous, current in zip(plan.years, plan.years[1:]):
        if current.year not in s.opening_equity:
            # Spelled out, not previous.carried_equity(), which the engine itself uses.
            carried = previous.reserve if s.carry == "reserve" else previous.closing_equity
            assert current.opening_equity == carried


@settings(max_examples=60, deadline=None)
@given(scenario_texts(max_lines=3, periods=True))
def test_with_periods_every_line_is_the_sum_of_its_quarters_months_and_monthly_flows(text):
    from finsam_budget.plan.periods import monthly_amounts

    plan = plan_from(text)
    s = plan.scenario
    for line in s.lines():
        for year in s.years:
            if year in line.quarters:
                assert line.amount(year) == sum(line.quarters[year])
            if year in line.months:
                assert line.amount(year) == sum(line.months[year])
            assert sum(monthly_amounts(line, year)) == line.amount(year)
    for y in plan.years:
        for section in COST_SECTIONS:
            assert y.section_total(section) == sum(ln.amount(y.year) for ln in s.section(section))
