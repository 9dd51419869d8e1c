"""Actuals for a driftsredovisning straight from an SIE file, through the scenario's accounts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from finsam_budget.actuals import UnlistedAccount
from finsam_budget.drift import compute_drift
from finsam_budget.drift.sie_actuals import (
    actuals_from_sie,
    is_result_account,
    read_actuals_for,
    unlisted_kind,
)
from finsam_budget.mapping import DEFAULT_MAPPING
from finsam_budget.plan.engine import compute_plan
from finsam_budget.problems import InputError
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.readers.sie.reader import read_sie
from finsam_budget.statements.ledger import Book, year_data
from tests.example_bokslut import EXAMPLE
from tests.scenario_factory import write
from tests.sie_factory import Ledger

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
    assert "2 resultatkonton med belopp för 2022 hör inte till någon rad i scenariot" in warning.message
    assert (
        "8420 Ränteintäkter (-1 250,75 kr)" in warning.message
        and "8520 Räntekostnader (312,00 kr)" in warning.message
    )
    assert 'på raderna "Övriga intäkter utan rad i scenariot" och "Övriga kostnader' in warning.message


def test_one_account_no_line_lists_is_singular(sie):
    [warning] = actuals_from_sie(sie, load_scenario(SCENARIO), 2021).warnings
    assert warning.message.startswith("1 resultatkonto med belopp för 2021 hör inte till någon rad")
    assert 'på raden "Övriga intäkter utan rad i scenariot";' in warning.message


def test_accounts_no_line_lists_are_carried_by_kind_with_budget_signs(sie):
    actuals = actuals_from_sie(sie, load_scenario(SCENARIO), 2022)
    assert actuals.kind == "sie"
    assert actuals.unlisted == (
        UnlistedAccount("8420", "Ränteintäkter", "income", Decimal("1250.75")),
        UnlistedAccount("8520", "Räntekostnader", "cost", Decimal("312.00")),
    )


@pytest.mark.parametrize(
    ("account", "amount", "kind"),
    [
        ("3990", -5, "income"), ("3990", 5, "income"),  # class 3: income, whatever the sign
        ("8410", -5, "income"), ("8410", 5, "income"),  # 84: financial income (Kommun-Bas)
        ("4699", 5, "cost"), ("7990", -5, "cost"), ("8510", 5, "cost"),  # 4–7 and 85: costs
        ("8310", -5, "income"), ("8810", 5, "cost"),  # other 8x: by the file's sign
    ],
)
def test_unlisted_kind_by_account_class_and_for_other_8x_by_sign(account, amount, kind):
    assert unlisted_kind(account, Decimal(amount)) == kind


@pytest.mark.parametrize(("account", "counts"), [("3000", True), ("8899", True), ("8999", False), ("8910", False),
                                                  ("2099", False), ("9000", False), ("1930", False)])
def test_result_accounts_are_classes_3_to_8_but_not_89(account, counts):
    assert is_result_account(account) is counts


def test_a_finished_projects_account_no_line_lists_is_carried(tmp_path):
    ledger = Ledger(year=2022, accounts={"3511": "Bidrag FK", "4611": "Projekt A", "4699": "Avslutat projekt",
                                         "8410": "Ränteintäkter", "8310": "Övriga finansiella", "1930": "Bank",
                                         "2010": "Eget kapital"})
    ledger.opening = {"1930": Decimal(1000000), "2010": Decimal(-1000000)}
    ledger.voucher("20220115", "Bidrag", ("1930", 2000000), ("3511", -2000000))
    ledger.voucher("20220301", "Projekt", ("4611", 1200000), ("1930", -1200000))
    ledger.voucher("20220401", "Sen faktura", ("4699", 78130), ("1930", -78130))
    ledger.voucher("20221231", "Ränta", ("1930", Decimal("18432.55")), ("8410", Decimal("-18432.55")))
    ledger.voucher("20221231", "Utdelning", ("1930", 100), ("8310", -100))
    path = ledger.write(tmp_path)
    scenario = load_scenario(write(tmp_path, SCENARIO.read_text(encoding="utf-8")))
    actuals = actuals_from_sie(read_sie(path), scenario, 2022)
    assert {(a.account, a.kind, a.amount) for a in actuals.unlisted} == {
        ("4699", "cost", Decimal(78130)), ("8410", "income", Decimal("18432.55")), ("8310", "income", Decimal(100)),
    }


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
    sie = read_actuals_for(EXAMPLE, load_scenario(SCENARIO))
    assert sie.year == 2022 and sie.amounts["projects.halsosteget"] == Decimal(640000)
    toml = read_actuals_for("scenarios/exempel-drift-2022.toml", load_scenario("scenarios/gotland-2022.toml"))
    assert toml.source == "scenarios/exempel-drift-2022.toml" and toml.warnings == ()


def test_drift_takes_actuals_from_an_sie_file(tmp_path):
    target = tmp_path / "drift.xlsx"
    result = run("drift", SCENARIO, "--actuals", EXAMPLE, "-o", target)
    assert result.exit_code == 0, result.output
    assert "Driftsredovisning 2022" in result.stdout
    # The accounts no line lists (8420 interest income, 8520 interest costs) are counted:
    assert "Nettokostnad                  3 949 297,65                    4 084 000" in result.stdout
    assert "Bidrag/Intäkt                 4 121 250,75                    4 100 000" in result.stdout
    assert "Utgående eget kapital           871 953,10" in result.stdout
    assert f"Varning: {EXAMPLE}: 2 resultatkonton med belopp för 2022" in result.stdout
    assert "8420 Ränteintäkter (-1 250,75 kr)" in result.stdout
    assert target.is_file()


def test_drift_from_sie_has_the_bookkeepings_result_also_last_year(sie, tmp_path):
    booked = {year: Book(DEFAULT_MAPPING, year_data(sie, index, 2022), {}).result
              for index, year in ((0, 2022), (-1, 2021))}
    assert booked == {2022: Decimal("171953.10"), 2021: Decimal(95000)}  # the statements' årets resultat
    scenario = load_scenario(SCENARIO)
    report = compute_drift(
        compute_plan(scenario),
        read_actuals_for(EXAMPLE, scenario),
        previous=read_actuals_for(EXAMPLE, scenario, year=2021, role="bokslut"),
    )
    assert (report.result.actual, report.result.previous) == (booked[2022], booked[2021])
    # The file's closing equity is opening equity + the result: no warning that they disagree.
    assert report.closing_equity.actual == Decimal(700000) + booked[2022]
    assert not any("utgående eget kapital" in w.message for w in report.warnings)

    result = run("drift", SCENARIO, "--actuals", EXAMPLE, "--previous", EXAMPLE, "-o", tmp_path / "d.xlsx")
    assert "Resultat                        171 953,10                       16 000" in result.stdout
    assert "95 000" in result.stdout.splitlines()[4]


def test_drift_from_sie_puts_the_unlisted_accounts_on_the_sheets(tmp_path):
    target = tmp_path / "d.xlsx"
    assert run("drift", SCENARIO, "--actuals", EXAMPLE, "--previous", EXAMPLE, "-o", target).exit_code == 0
    workbook = openpyxl.load_workbook(target, data_only=True)
    rows = {row[0]: row for row in workbook["Driftsredovisning"].iter_rows(values_only=True) if row[0]}
    income, costs = rows["Övriga intäkter utan rad i scenariot"], rows["Övriga kostnader utan rad i scenariot"]
    assert income[1:4] == (1250.75, 0, 1250.75)
    assert income[5] == 600  # bokslut 2021
    assert "konton 8420" in income[6]
    assert costs[1:3] == (312, 0)
    [note] = [label for label in rows if label.startswith("Övriga intäkter utan rad i scenariot: ")]
    assert "8420 Ränteintäkter 1 250,75 kr" in note and "bokslut 2021: 8420 Ränteintäkter 600 kr" in note
    kontroller = [row for row in workbook["Kontroller"].iter_rows(min_row=6, values_only=True)]
    messages = [row[3] for row in kontroller if row[0] == "Varning"]  # Allvar, Källa, År, Meddelande
    assert any(m.startswith("2 resultatkonton med belopp för 2022") for m in messages)
    assert any(m.startswith("1 resultatkonto med belopp för 2021") for m in messages)


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


# -- project dimensions (issue 14) ------------------------------------------------------


def test_lines_with_objects_take_their_projects_bookings_and_unnamed_objects_get_rows():
    from finsam_budget.drift.sie_actuals import read_actuals_for
    from finsam_budget.readers.scenario import load_scenario

    scenario = load_scenario("scenarios/exempel-projekt-2022.toml")
    actuals = read_actuals_for("scenarios/exempel-projekt-2022.se", scenario)
    assert actuals.amounts["projects.jobbvagen"] == Decimal("1160000.00")
    assert actuals.amounts["projects.halsosteget"] == Decimal("320000.00")
    [(key, [entry])] = actuals.unnamed_objects_of("cost").items()
    assert key == ("6", "NYTT") and entry.amount == Decimal("320000.00") and entry.account == "4612"
    assert entry.object_label == "Objekt 6 NYTT Förstudie nytt projekt (ingen rad i scenariot)"
    assert any("6 NYTT" in w.message for w in actuals.warnings)


def test_a_line_with_objects_and_accounts_takes_only_bookings_on_both(tmp_path):
    from finsam_budget.drift.sie_actuals import read_actuals_for
    from finsam_budget.readers.scenario import load_scenario

    path = tmp_path / "s.toml"
    path.write_text(
        'format = 1\nextends = "' + str(Path("scenarios/exempel-bokslut-2022.toml").resolve()) + '"\n'
        'title = "t"\n[projects.jobbvagen]\nobjects = { 6 = ["JOBB", "HALSA"] }\n',
        encoding="utf-8",
    )
    actuals = read_actuals_for("scenarios/exempel-projekt-2022.se", load_scenario(path))
    # HALSA is booked on 4612, not on the line's account 4611: it stays with halsosteget (4612).
    assert actuals.amounts["projects.jobbvagen"] == Decimal("1160000.00")
    assert actuals.amounts["projects.halsosteget"] == Decimal("640000.00")
    assert actuals.unnamed_objects_of("cost") == {}


def test_drift_has_a_row_per_unnamed_object():
    from finsam_budget.drift import compute_drift
    from finsam_budget.drift.sie_actuals import read_actuals_for
    from finsam_budget.plan.engine import compute_plan
    from finsam_budget.readers.scenario import load_scenario

    plan = compute_plan(load_scenario("scenarios/exempel-projekt-2022.toml"))
    report = compute_drift(plan, read_actuals_for("scenarios/exempel-projekt-2022.se", plan.scenario))
    [row] = [r for r in report.other_costs if r.key.startswith("object:")]
    assert row.label.startswith("Objekt 6 NYTT") and row.actual == Decimal("320000.00") and row.budget == 0
