"""drift/validation.py: the period's problems and the budget totals' consistency, without asserts."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest

from finsam_budget.drift import DriftConsistencyError, period_problems, previous_year
from finsam_budget.drift.validation import check_budget_totals
from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.actuals import read_actuals
from finsam_budget.readers.scenario import load_scenario

DATA = Path(__file__).parent / "data" / "drift"
PLAN = compute_plan(load_scenario(DATA / "exempelbygd.toml"))
ACTUALS = read_actuals(DATA / "utfall-2022.toml")


def _totals(figures, **changed):
    totals = {"income": figures.income, "costs": figures.costs, "result": figures.result}
    return {**totals, **{k: Decimal(v) for k, v in changed.items()}}


def test_budget_totals_that_add_up_pass():
    figures = PLAN.year(2022)
    check_budget_totals(figures, _totals(figures))


def test_budget_totals_that_differ_raise_a_consistency_error_naming_them():
    figures = PLAN.year(2022)
    with pytest.raises(DriftConsistencyError) as caught:
        check_budget_totals(figures, _totals(figures, costs=figures.costs + 1))
    assert "costs" in str(caught.value) and "income" not in str(caught.value)
    assert "2022" in str(caught.value)


def test_the_consistency_check_is_not_an_assert():
    source = (Path(__file__).parents[1] / "finsam_budget" / "drift").glob("*.py")
    assert [p.name for p in source if "\n    assert " in p.read_text(encoding="utf-8")] == []


def test_through_in_another_year_is_a_located_problem():
    problems = period_problems(PLAN, dataclasses.replace(ACTUALS, through=None), 2022, None, (2021, 8))
    assert [p.message for p in problems] == ["--through 2021-08 ligger inte i år 2022"]
    assert problems[0].file == ACTUALS.source


def test_previous_year_is_the_year_before_the_reported_one():
    assert previous_year(PLAN, ACTUALS) == 2021
    assert previous_year(PLAN, ACTUALS, 2023) == 2022
    assert previous_year(PLAN, None) == PLAN.scenario.budget_year - 1
