"""line-gap: a year left out between two years with amounts is a warning."""

from __future__ import annotations

from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.rules import line_gap
from tests.scenario_factory import replace, write


def findings(tmp_path, text):
    return line_gap.check(compute_plan(load_scenario(write(tmp_path, text))))


def test_a_year_left_out_between_two_years_is_a_warning(tmp_path):
    text = replace("amounts = { 2021 = 600000, 2022 = 600000, 2023 = 600000 }", "amounts = { 2021 = 600000, 2023 = 600000 }")
    [finding] = findings(tmp_path, text)
    assert (finding.rule, finding.severity, finding.year, finding.key) == ("line-gap", "warning", 2022, "admin.kansli")
    assert "ange 0 för 2022" in finding.message


def test_the_hint_is_not_toml_syntax_for_a_workbook(tmp_path):
    from finsam_budget.readers.scenario import read_scenario
    from tests.test_scenario_xlsx import to_xlsx

    text = replace("amounts = { 2021 = 600000, 2022 = 600000, 2023 = 600000 }", "amounts = { 2021 = 600000, 2023 = 600000 }")
    workbook = to_xlsx(write(tmp_path, text), tmp_path / "fil.xlsx")
    scenario, problems = read_scenario(workbook)
    assert scenario is not None, problems
    [finding] = line_gap.check(compute_plan(scenario))
    assert "2022 = 0" not in finding.message and "ange 0 för 2022" in finding.message


def test_a_year_written_as_0_or_missing_at_the_ends_is_fine(tmp_path):
    text = replace("amounts = { 2021 = 600000, 2022 = 600000, 2023 = 600000 }", "amounts = { 2021 = 600000, 2022 = 0 }")
    assert findings(tmp_path, text) == []
    text = replace("amounts = { 2021 = 600000, 2022 = 600000, 2023 = 600000 }", "amounts = { 2022 = 600000, 2023 = 1 }")
    assert findings(tmp_path, text) == []
