"""Cost per outcome: budget and actual per participant and per exit to work or studies, as derivation tables."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finsam_budget.actuals import Actuals
from finsam_budget.drift.sie_actuals import read_actuals_for
from finsam_budget.outcomes.costs import outcome_costs, per_head
from finsam_budget.outcomes.tables import followup_tables, insats_table
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.readers.uppfoljning import loads_followup, read_followup
from finsam_budget.tables import Derived, Ratio, Round
from tests.uppfoljning_factory import followup_text

SCENARIO = "scenarios/exempel-bokslut-2022.toml"
SIE = "scenarios/exempel-bokslut-2022.se"


@pytest.fixture(scope="module")
def example():
    scenario = load_scenario(SCENARIO)
    actuals = {y: read_actuals_for(SIE, scenario, year=y) for y in (2019, 2020, 2021, 2022)}
    followup = read_followup("scenarios/exempel-uppfoljning-2022.toml")
    return followup, outcome_costs(followup, scenario, actuals, SIE)


def test_per_head_rounds_half_up_to_whole_kronor():
    assert per_head(Decimal(45), 2) == Decimal(23)
    assert per_head(Decimal(1200000), 72) == Decimal(16667)
    assert per_head(Decimal(100), 0) is None


def test_budget_and_actual_side_by_side_per_period_the_money_covers(example):
    _, costs = example
    year = costs.of("jobbvagen", "2022")
    assert year is not None and year.money == {"budget": Decimal(1200000), "utfall": Decimal("1160000.00")}
    assert year.per_participant("budget") == Decimal(16667) and year.per_work_exit("utfall") == Decimal(128889)
    span = costs.of("jobbvagen", "2019-2022")
    assert span is not None and "budget" not in span.money  # the scenario has 2022–2023 only
    assert span.money["utfall"] == Decimal("5935750.00")


def test_cost_cells_are_derived_ratios_checked_against_the_engine(example):
    followup, costs = example
    [jobb, _] = followup_tables(followup, costs)
    cell = jobb.table.row("budget_per_deltagare").cells["2022"]
    assert isinstance(cell, Derived) and isinstance(cell.expr, Round) and isinstance(cell.expr.expr, Ratio)
    assert cell.amount == Decimal(16667)
    assert jobb.table.amount("andel_arbete_studier", "2022") == Decimal("0.3")


def test_a_line_the_scenario_lacks_is_a_warning_not_a_cost():
    followup = loads_followup(followup_text({'"projects.steget"': '"projects.saknas"'}))
    costs = outcome_costs(followup, load_scenario(SCENARIO))
    assert costs.periods == () and "projects.saknas finns inte i scenariot" in costs.notes[0].message


def test_actuals_from_a_toml_file_for_one_year():
    followup = loads_followup(followup_text({'"projects.steget"': '"projects.jobbvagen"', '"2023"': '"2022"'}))
    actuals = Actuals("u.toml", 2022, None, {"projects.jobbvagen": Decimal(1400000)})
    costs = outcome_costs(followup, load_scenario(SCENARIO), {2022: actuals}, "u.toml")
    table = insats_table(followup.insatser[0], costs).table
    assert table.amount("utfall_per_deltagare", "2022") == Decimal(20000)
    assert table.amount("utfall_per_arbete_studier", "2022") == Decimal(200000)
