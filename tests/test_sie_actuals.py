"""Actuals for a driftsredovisning straight from an SIE file, through the scenario's accounts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from finsam_budget.problems import InputError
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.readers.sie import read_sie
from finsam_budget.sie_actuals import actuals_from_sie
from tests.example_bokslut import EXAMPLE
from tests.scenario_factory import write

SCENARIO = Path("scenarios/exempel-bokslut-2022.toml")


@pytest.fixture(scope="module")
def sie():
    return read_sie(EXAMPLE)


def scenario_with(tmp_path, old: str, new: str):
    text = SCENARIO.read_text(encoding="utf-8")
    assert old in text
    return load_scenario(write(tmp_path, text.replace(old, new)))


def test_amounts_per_line_with_budget_signs(sie):
    actuals = actuals_from_sie(sie, load_scenario(SCENARIO), 2022)
    assert actuals.amounts["income.fk"] == Decimal(2000000)
    assert actuals.amounts["income.forsaljning"] == Decimal(120000)
    assert actuals.amounts["admin.personal"] == Decimal(1598188)  # 5111 + 5510 + 5710
    assert actuals.amounts["admin.kontor"] == Decimal("17247.65")  # 6410 + 6570
    assert actuals.amounts["projects.jobbvagen"] == Decimal(1160000)
    assert actuals.year == 2022 and actuals.through is None
    assert list(actuals.amounts)[:2] == ["income.fk", "income.region"]
    assert set(actuals.rows) == set(actuals.amounts)


def test_closing_equity_includes_the_unbooked_result_and_cash_is_the_bank(sie):
    actuals = actuals_from_sie(sie, load_scenario(SCENARIO), 2022)
    assert actuals.closing_equity == Decimal("871953.10")
    assert actuals.cash == Decimal("1264802.10")


def test_accounts_no_line_lists_are_a_warning(sie):
    actuals = actuals_from_sie(sie, load_scenario(SCENARIO), 2022)
    [warning] = actuals.warnings
    assert warning.severity == "warning"
    assert "2 resultatkonton" in warning.message
    assert (
        "8420 Ränteintäkter (-1 250,75 kr)" in warning.message
        and "8520 Räntekostnader (312,00 kr)" in warning.message
    )


def test_an_account_in_two_lines_is_an_error(sie, tmp_path):
    scenario = scenario_with(tmp_path, 'accounts = ["7320"]', 'accounts = ["7300-7399"]')
    with pytest.raises(InputError) as caught:
        actuals_from_sie(sie, scenario, 2022)
    [problem] = caught.value.problems
    assert problem.key == "[admin.revision].accounts"
    assert '"7300-7399" överlappar "7310" på raden admin.ekonomi' in problem.message


def test_the_year_must_be_one_of_the_files(sie):
    with pytest.raises(InputError) as caught:
        actuals_from_sie(sie, load_scenario(SCENARIO), 2023)
    assert "SIE-filen har inte år 2023; dess räkenskapsår är 2022 (#RAR 0), 2021 (#RAR -1)" in str(caught.value)


def test_the_year_before_comes_from_res_and_ub_minus_1(sie):
    actuals = actuals_from_sie(sie, load_scenario(SCENARIO), 2021)
    assert actuals.year == 2021
    assert actuals.amounts["income.fk"] == Decimal(1950000)
    assert actuals.amounts["admin.personal"] == Decimal(1535620)
    assert actuals.closing_equity == Decimal(700000) and actuals.cash == Decimal(897000)


def test_lines_without_accounts_get_no_actual_and_a_warning(sie, tmp_path):
    scenario = scenario_with(tmp_path, 'accounts = ["4612"]\n', "")
    actuals = actuals_from_sie(sie, scenario, 2022)
    assert "projects.halsosteget" not in actuals.amounts
    messages = [w.message for w in actuals.warnings]
    assert any(
        "utan konton (accounts) får inget utfall ur SIE-filen: projects.halsosteget" in m for m in messages
    )
    assert any("4612 Projekt Hälsosteget (640 000,00 kr)" in m for m in messages)


def test_a_scenario_without_any_accounts_is_refused(sie, tmp_path):
    with pytest.raises(InputError) as caught:
        actuals_from_sie(sie, load_scenario(write(tmp_path)), 2022)
    assert "ingen rad i scenariot har accounts" in str(caught.value)


# -- drift --actuals FILE.se ------------------------------------------------------------


def run(*args):
    from click.testing import CliRunner

    from finsam_budget.cli import main

    return CliRunner().invoke(main, [str(a) for a in args])


def test_read_actuals_for_reads_sie_through_the_scenario_and_other_files_as_before():
    from finsam_budget.sie_actuals import read_actuals_for

    sie = read_actuals_for(EXAMPLE, load_scenario(SCENARIO))
    assert sie.year == 2022 and sie.amounts["projects.halsosteget"] == Decimal(640000)
    toml = read_actuals_for("scenarios/exempel-drift-2022.toml", load_scenario("scenarios/gotland-2022.toml"))
    assert toml.source == "scenarios/exempel-drift-2022.toml" and toml.warnings == ()


def test_drift_takes_actuals_from_an_sie_file(tmp_path):
    target = tmp_path / "drift.xlsx"
    result = run("drift", SCENARIO, "--actuals", EXAMPLE, "-o", target)
    assert result.exit_code == 0, result.output
    assert "Driftsredovisning 2022" in result.stdout
    assert "Nettokostnad                  3 948 985,65                    4 084 000" in result.stdout
    assert "Utgående eget kapital           871 953,10" in result.stdout
    assert "8420 Ränteintäkter (-1 250,75 kr)" in result.stderr
    assert target.is_file()


def test_drift_strict_counts_the_accounts_no_line_lists(tmp_path):
    result = run("drift", SCENARIO, "--actuals", EXAMPLE, "-o", tmp_path / "d.xlsx", "--strict")
    assert result.exit_code == 1


def test_drift_previous_year_from_the_same_sie_file(tmp_path):
    result = run("drift", SCENARIO, "--actuals", EXAMPLE, "--previous", EXAMPLE, "-o", tmp_path / "d.xlsx")
    assert result.exit_code == 0, result.output
    assert "Bokslut helår 2021" in result.stdout and "3 885 600" in result.stdout


def test_drift_sie_for_another_year_is_exit_2(tmp_path):
    result = run("drift", SCENARIO, "--actuals", EXAMPLE, "--year", "2023", "-o", tmp_path / "d.xlsx")
    assert result.exit_code == 2
    assert "SIE-filen har inte år 2023" in result.output


def test_drift_sie_with_overlapping_accounts_is_exit_2(tmp_path):
    text = SCENARIO.read_text(encoding="utf-8").replace('accounts = ["7320"]', 'accounts = ["7300-7399"]')
    scenario = write(tmp_path, text)
    result = run("drift", scenario, "--actuals", EXAMPLE, "-o", tmp_path / "d.xlsx")
    assert result.exit_code == 2
    assert "[admin.revision].accounts" in result.output and "överlappar" in result.output
