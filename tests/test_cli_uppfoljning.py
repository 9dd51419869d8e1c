"""`finsam-budget uppfoljning`: findings and exit codes as `check`, cost table, workbook, unreadable files."""

from __future__ import annotations

import json

from click.testing import CliRunner

from finsam_budget.cli import main
from tests.uppfoljning_factory import followup_text

EXAMPLE = "scenarios/exempel-uppfoljning-2022.toml"
SCENARIO = "scenarios/exempel-bokslut-2022.toml"


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_the_example_prints_its_findings_and_exits_1():
    result = run("uppfoljning", EXAMPLE)
    assert result.exit_code == 1
    assert "FEL      outcome-flow       2022  Hälsosteget 2022" in result.stdout
    assert result.stdout.rstrip().endswith("6 fel, 3 varningar, 4 info")


def test_a_file_without_errors_exits_0_and_strict_counts_warnings(tmp_path):
    path = tmp_path / "f.toml"
    path.write_text(followup_text(), encoding="utf-8")
    assert run("uppfoljning", str(path)).exit_code == 0
    path.write_text(followup_text({"arbete_studier = 7": "arbete_studier = 1", "ovrigt = 2": "ovrigt = 8"}),
                    encoding="utf-8")
    assert run("uppfoljning", str(path)).exit_code == 0
    assert run("uppfoljning", str(path), "--strict").exit_code == 1


def test_json_has_the_shape_of_check():
    result = run("uppfoljning", "--json", EXAMPLE)
    data = json.loads(result.stdout)
    assert set(data) == {"findings"}
    assert set(data["findings"][0]) == {"rule", "severity", "year", "key", "message", "amounts"}


def test_an_unreadable_file_exits_2_with_located_problems(tmp_path):
    path = tmp_path / "f.toml"
    path.write_text(followup_text({"nya = 30": "nya = 30.5"}), encoding="utf-8")
    result = run("uppfoljning", str(path))
    assert result.exit_code == 2
    assert 'Fel: ' in result.stderr and '[insats.steget.period."2023"].nya' in result.stderr


def test_costs_with_scenario_and_sie_actuals_and_the_workbook(tmp_path):
    target = tmp_path / "ut.xlsx"
    result = run("uppfoljning", EXAMPLE, "--scenario", SCENARIO, "--actuals", "scenarios/exempel-bokslut-2022.se",
                 "-o", str(target))
    assert result.exit_code == 1
    assert "Budget per deltagare                            16 667" in result.stdout
    assert "Utfall per deltagare                            16 111     50 303" in result.stdout
    assert target.exists() and f"Skrev {target}" in result.stdout
    assert run("uppfoljning", EXAMPLE, "-o", str(target)).exit_code == 2  # exists, no --force


def test_actuals_need_a_scenario():
    result = run("uppfoljning", EXAMPLE, "--actuals", "scenarios/exempel-drift-2022.toml")
    assert result.exit_code == 2 and "--actuals kräver --scenario" in result.stderr


def test_compare_shows_budget_per_participant_per_scenario():
    result = run("compare", SCENARIO, SCENARIO, "--uppfoljning", EXAMPLE)
    assert result.exit_code == 0
    assert "Budget per deltagare, kr (uppföljningsfilens deltagare):" in result.stdout
    assert "JobbVägen 2022         16 667       16 667" in result.stdout


def test_compare_without_the_option_is_unchanged():
    assert "Budget per deltagare" not in run("compare", SCENARIO, SCENARIO).stdout
