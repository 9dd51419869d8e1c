"""drift --budget-sie: the bookkeeping's budget (#PBUDGET) against the scenario's, line by line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from finsam_budget.cli import main
from finsam_budget.drift.sie_budget import booked_budget_from_sie, booked_budget_problems
from finsam_budget.plan.engine import compute_plan
from finsam_budget.problems import InputError
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.readers.sie.reader import read_sie
from finsam_budget.writers.sie_export import budget_records

PROJECTS = "scenarios/exempel-projekt-2022.toml"
PROJECTS_SIE = "scenarios/exempel-projekt-2022.se"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def scenario():
    return compute_plan(load_scenario(PROJECTS)).scenario


def budget_file(tmp_path: Path, change=lambda records: records) -> Path:
    """export-sie's records, changed by ``change``, as a file without #KSUMMA (a changed file would fail it)."""
    records, _ = budget_records(scenario(), 2022)
    path = tmp_path / "budget.se"
    path.write_bytes(("\r\n".join(["#FLAGGA 0", *change(records)]) + "\r\n").encode("cp437"))
    return path


def changed(old: str, new: str):
    def change(records: list[str]) -> list[str]:
        assert old in records
        return [new if record == old else record for record in records]

    return change


def differences(problems):
    return [p for p in problems if p.severity == "warning"]


def test_export_sie_then_drift_with_its_budget_gives_no_differences(tmp_path):
    budget = tmp_path / "budget.se"
    assert run("export-sie", PROJECTS, "-o", budget).exit_code == 0
    target = tmp_path / "d.xlsx"
    result = run("drift", PROJECTS, "--actuals", PROJECTS_SIE, "--budget-sie", budget, "-o", target, "--strict")
    assert "budget i bokföringen" not in result.output  # no line differs
    assert "budgeten i bokföringen 2022 stämmer med scenariots budget på alla 15 rader" in result.output
    sheet = openpyxl.load_workbook(target)["Kontroller"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("budgeten i bokföringen 2022 stämmer" in c for c in cells)
    # The example's own findings decide the exit code; the info about the budget does not.
    plain = run("drift", PROJECTS, "--actuals", PROJECTS_SIE, "-o", tmp_path / "e.xlsx", "--strict")
    assert result.exit_code == plain.exit_code


def test_one_accounts_budget_that_differs_is_a_warning_on_its_line_with_both_figures(tmp_path):
    budget = budget_file(tmp_path, changed("#PBUDGET 0 202203 6110 {} 8000.00", "#PBUDGET 0 202203 6110 {} 9500.00"))
    result = run("drift", PROJECTS, "--actuals", PROJECTS_SIE, "--budget-sie", budget, "-o", tmp_path / "d.xlsx")
    assert result.exit_code in (0, 1), result.output
    assert (
        "admin.lokaler (Lokaler): budget i bokföringen 2022 97 500,00 kr, scenariots budget 96 000,00 kr; "
        "skillnad 1 500,00 kr" in result.output
    )
    assert result.output.count("budget i bokföringen 2022") == 1
    assert "stämmer med scenariots budget" not in result.output
    strict = run(
        "drift", PROJECTS, "--actuals", PROJECTS_SIE, "--budget-sie", budget, "-o", tmp_path / "s.xlsx", "--strict"
    )
    assert strict.exit_code == 1


def test_a_project_objects_budget_goes_to_its_object_line(tmp_path):
    old = '#PBUDGET 0 202201 4611 {6 "JOBB"} 100000.00'
    budget = budget_file(tmp_path, changed(old, '#PBUDGET 0 202201 4611 {6 "JOBB"} 90000.00'))
    booked = booked_budget_from_sie(read_sie(budget), scenario(), 2022)
    assert sum(booked.lines["projects.jobbvagen"]) == Decimal(1_190_000)
    # The account's total is unchanged: the 10 000 the object does not take stays on 4611, which no
    # line of accounts alone holds.
    assert {a: sum(m) for a, m in booked.unlisted.items()} == {"4611": Decimal(10_000)}
    found = differences(booked_budget_problems(scenario(), booked, 2022, 12))
    assert [p.message.split(":")[0] for p in found] == [
        "projects.jobbvagen (JobbVägen)",
        "budget i bokföringen 2022 på 1 resultatkonto som ingen rad i scenariot har (accounts)",
    ]


def test_an_interim_report_compares_the_months_through_its_last(tmp_path):
    budget = budget_file(tmp_path, changed("#PBUDGET 0 202210 6110 {} 8000.00", "#PBUDGET 0 202210 6110 {} 0.00"))
    booked = booked_budget_from_sie(read_sie(budget), scenario(), 2022)
    assert differences(booked_budget_problems(scenario(), booked, 2022, 8)) == []
    through_october = differences(booked_budget_problems(scenario(), booked, 2022, 10))
    assert len(through_october) == 1
    message = through_october[0].message
    assert "budget i bokföringen jan–okt 2022 72 000,00 kr, scenariots budget 80 000,00 kr" in message


def test_income_is_compared_with_the_budgets_sign(tmp_path):
    budget = budget_file(tmp_path)
    booked = booked_budget_from_sie(read_sie(budget), scenario(), 2022)
    income = [line for line in scenario().income if line.accounts]
    assert all(sum(booked.lines[line.key]) == line.amount(2022) > 0 for line in income)


def test_budget_on_an_account_no_line_holds_is_a_warning(tmp_path):
    budget = budget_file(tmp_path, lambda records: [*records, "#PBUDGET 0 202206 6990 {} 2500.00"])
    booked = booked_budget_from_sie(read_sie(budget), scenario(), 2022)
    found = differences(booked_budget_problems(scenario(), booked, 2022, 12))
    assert len(found) == 1 and "6990 (2 500,00 kr)" in found[0].message


def test_lines_without_accounts_are_named_as_not_compared(tmp_path):
    path = tmp_path / "s.toml"
    text = Path(PROJECTS).read_text(encoding="utf-8")
    path.write_text(
        text.replace('extends = "', 'extends = "' + str(Path(PROJECTS).parent.resolve()) + "/")
        + '\n[projects.nya]\nname = "Tillgängligt nya projekt"\namounts = { 2022 = 400000 }\n',
        encoding="utf-8",
    )
    plan = compute_plan(load_scenario(path)).scenario
    booked = booked_budget_from_sie(read_sie(budget_file(tmp_path)), plan, 2022)
    problems = booked_budget_problems(plan, booked, 2022, 12)
    assert differences(problems) == []
    assert any(p.severity == "info" and "jämförs inte" in p.message and "projects.nya" in p.message for p in problems)


def test_a_file_without_the_years_budget_is_refused(tmp_path):
    budget = budget_file(tmp_path)
    with pytest.raises(InputError) as raised:
        booked_budget_from_sie(read_sie(budget), scenario(), 2023)
    message = raised.value.problems[0].message
    assert "ingen budget (#PBUDGET) på resultatkonton för 2023; den har budget för 2022" in message
    result = run("drift", PROJECTS, "--actuals", PROJECTS_SIE, "--budget-sie", budget, "--year", 2021)
    assert result.exit_code == 2
    assert "ingen budget (#PBUDGET) på resultatkonton för 2021" in result.output
