"""The Likviditet sheet and the granted rows of the plan workbook, recalculated by LibreOffice."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from finsam_budget.plan.engine import compute_plan
from finsam_budget.plan.liquidity import compute_liquidity
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.rules import run_rules
from finsam_budget.writers.likviditet_sheet import schedule_text
from finsam_budget.writers.plan_workbook import write_plan_workbook
from tests.libreoffice import assert_formulas_match, recalculate
from tests.scenario_factory import BASE, write
from tests.strategies import scenario_texts

D = Decimal
EXAMPLE = "scenarios/exempel-projekt-likviditet.toml"


def build(scenario_path, target):
    plan = compute_plan(load_scenario(scenario_path))
    return write_plan_workbook(plan, run_rules(plan), target)


@pytest.fixture(scope="module")
def example_xlsx(tmp_path_factory):
    return build(EXAMPLE, tmp_path_factory.mktemp("likviditet") / "exempel.xlsx")


def rows_by_label(ws):
    return {row[0].value: row for row in ws.iter_rows() if isinstance(row[0].value, str)}


def test_sheets_with_cash(example_xlsx):
    wb = openpyxl.load_workbook(example_xlsx)
    assert wb.sheetnames == ["Budgetplan", "Nyckeltal", "Likviditet", "Kontroller"]
    assert len(wb["Likviditet"]._charts) == 1


def test_no_likviditet_sheet_without_cash(tmp_path):
    target = build(write(tmp_path, BASE), tmp_path / "plan.xlsx")
    assert "Likviditet" not in openpyxl.load_workbook(target).sheetnames


def test_months_as_rows_with_live_cash_formulas(example_xlsx):
    ws = openpyxl.load_workbook(example_xlsx)["Likviditet"]
    rows = rows_by_label(ws)
    assert [c.value for c in ws[5]][:6] == [
        "Månad", "Medlemsbidrag", "Övriga intäkter", "Inbetalningar", "Utbetalningar", "Kassa vid månadens slut",
    ]
    opening = rows["Ingående kassa 2021-01-01"][0].row
    january = rows["2021-01"][0].row
    assert january == opening + 1
    assert rows["2021-01"][3].value == f"=SUM(B{january}:C{january})"
    assert rows["2021-01"][5].value == f"=F{opening}+D{january}-E{january}"
    assert rows["2021-02"][5].value == f"=F{january}+D{january + 1}-E{january + 1}"
    months = [label for label in rows if label[:2] == "20" and "-" in label]
    assert len(months) == 36 and months[0] == "2021-01" and months[-1] == "2023-12"


def test_cached_values_are_the_engines(example_xlsx):
    plan = compute_plan(load_scenario(EXAMPLE))
    liquidity = compute_liquidity(plan)
    rows = rows_by_label(openpyxl.load_workbook(example_xlsx, data_only=True)["Likviditet"])
    for month in liquidity.months:
        row = rows[month.label]
        assert [D(str(row[c].value)) for c in (1, 2, 3, 4, 5)] == [
            month.contributions, month.other_income, month.inflow, month.outflow, month.closing,
        ]
    assert rows["2022"][3].value == plan.year(2022).income and rows["2022"][4].value == plan.year(2022).costs
    lowest = min(m.closing for m in liquidity.months)
    assert rows["Lägsta kassa vid en månads slut"][5].value == lowest


def test_negative_cash_is_shown_in_red(tmp_path):
    text = BASE + "\n[cash]\nopening = 0\ncontributions = [7]\n"
    target = build(write(tmp_path, text), tmp_path / "plan.xlsx")
    ws = openpyxl.load_workbook(target)["Likviditet"]
    ranges = [str(r.sqref) for r in ws.conditional_formatting]
    assert "F7:F42" in ranges
    # the months of the cash finding are marked where they stand, with the finding as a comment
    marked = [r for r in ranges if r != "F7:F42"]
    assert marked and all(ws[r].comment is not None and "Kassan är negativ" in ws[r].comment.text for r in marked)


def test_schedule_in_words():
    assert schedule_text("quarterly-in-advance", (1, 4, 7, 10)).startswith("kvartalsvis i förskott")
    assert schedule_text(None, (1, 7)) == "i januari och juli"
    assert schedule_text(None, (3, 6, 9)) == "i mars, juni och september"


def test_granted_beside_budgeted_on_budgetplan(example_xlsx):
    ws = openpyxl.load_workbook(example_xlsx)["Budgetplan"]
    rows = rows_by_label(ws)
    budget, granted = rows["JobbSam"], rows["JobbSam: beviljat"]
    assert granted[0].row == budget[0].row + 1
    assert [c.value for c in budget[1:4]] == [971217, 971216, 647478]
    assert [c.value for c in granted[1:4]] == [1022333, 1022333, 681556]
    # the spaces inside amounts are non-breaking: a wrapped note never splits a number
    assert granted[4].value.replace("\xa0", " ").replace("\u2060", "").startswith("Beviljat 3 067 000 kr för 2020-09-01 – 2023-08-31")
    assert "budgeten är 95\xa0% av det beviljade" in granted[4].value  # "95 %" never splits
    unga = rows["Unga vuxna: beviljat"]
    assert [c.value for c in unga[1:4]] == [None, 1200000, 1200000]
    assert unga[4].value.startswith("Budgeten är 90\xa0% av det beviljade")


def test_granted_rows_are_not_summed_into_the_costs(example_xlsx):
    ws = openpyxl.load_workbook(example_xlsx)["Budgetplan"]
    rows = rows_by_label(ws)
    number = {label: row[0].row for label, row in rows.items()}
    total = rows["Kostnader: projekt"][2].value
    assert total == f"=SUM(C{number['Steget vidare']}:C{number['JobbSam']})+C{number['Unga vuxna']}"
    cached = rows_by_label(openpyxl.load_workbook(example_xlsx, data_only=True)["Budgetplan"])
    assert cached["Kostnader: projekt"][2].value == 1951500 + 971216 + 1080000


def test_libreoffice_recalculates_cash_and_grants(example_xlsx, soffice, tmp_path):
    [recalculated] = recalculate([example_xlsx], tmp_path, soffice=soffice)
    assert assert_formulas_match(example_xlsx, recalculated) >= 36 * 2 + 7
    cash = openpyxl.load_workbook(recalculated, data_only=True)["Likviditet"]
    assert rows_by_label(cash)["2023-12"][5].value == 1652839


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenario_texts(max_lines=3, periods=True, cash=True))
def test_libreoffice_recalculates_generated_cash_plans(soffice, text):
    with tempfile.TemporaryDirectory() as folder:
        source = write(Path(folder), text)
        target = build(source, Path(folder) / "plan.xlsx")
        [recalculated] = recalculate([target], Path(folder) / "lo", soffice=soffice)
        assert assert_formulas_match(target, recalculated) > 0
