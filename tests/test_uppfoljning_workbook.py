"""The Insatser workbook: live formulas with exact cached values, goals, charts, print setup, Kontroller."""

from __future__ import annotations

import openpyxl
import pytest

from finsam_budget.drift.sie_actuals import read_actuals_for
from finsam_budget.outcomes import run_outcome_rules
from finsam_budget.outcomes.costs import outcome_costs
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.readers.uppfoljning import read_followup
from finsam_budget.writers.uppfoljning_workbook import write_uppfoljning_workbook
from tests.libreoffice import assert_formulas_match, recalculate


@pytest.fixture(scope="module")
def example_xlsx(tmp_path_factory):
    scenario = load_scenario("scenarios/exempel-bokslut-2022.toml")
    followup = read_followup("scenarios/exempel-uppfoljning-2022.toml")
    actuals = {y: read_actuals_for("scenarios/exempel-bokslut-2022.se", scenario, year=y) for y in (2021, 2022)}
    costs = outcome_costs(followup, scenario, actuals, "scenarios/exempel-bokslut-2022.se")
    target = tmp_path_factory.mktemp("uppf") / "insatser.xlsx"
    return write_uppfoljning_workbook(followup, run_outcome_rules(followup), target, costs=costs)


def labelled(ws):
    """The first row of each label (the first insats's block)."""
    rows: dict[str, int] = {}
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value:
            rows.setdefault(ws.cell(r, 1).value, r)
    return rows


def test_sheets_and_print_setup(example_xlsx):
    wb = openpyxl.load_workbook(example_xlsx)
    assert wb.sheetnames == ["Insatser", "Diagram", "Kontroller"]
    ws = wb["Insatser"]
    assert ws.page_setup.paperSize == 9 and ws.print_title_rows == "$1:$2"
    assert [b.id for b in ws.row_breaks.brk]  # the second insats starts a page
    assert len(wb["Diagram"]._charts) == 2


def test_sums_shares_and_costs_are_formulas_with_cached_values(example_xlsx):
    ws = openpyxl.load_workbook(example_xlsx)["Insatser"]
    cached = openpyxl.load_workbook(example_xlsx, data_only=True)["Insatser"]
    rows = labelled(ws)
    total = rows["Summa avslut efter orsak"]
    assert ws.cell(total, 2).value.startswith("=SUM(") and cached.cell(total, 2).value == 30
    cost = rows["Budget per deltagare, kr"]
    assert ws.cell(cost, 2).value.startswith("=ROUND(IF(") and cached.cell(cost, 2).value == 16667
    assert ws.cell(rows["Deltagare enligt flödet (början + nya)"], 2).value == "=SUM(B8:B9)"


def test_goal_status_is_written_beside_each_goal(example_xlsx):
    ws = openpyxl.load_workbook(example_xlsx)["Insatser"]
    statuses = [ws.cell(r, 2).value for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "  Målet är"]
    assert statuses == ["uppfyllt", "uppfyllt", "inte uppfyllt"]


def test_kontroller_lists_the_findings_errors_first(example_xlsx):
    ws = openpyxl.load_workbook(example_xlsx)["Kontroller"]
    assert ws["A3"].value == "6 fel, 3 varningar, 4 info"
    assert ws["A6"].value == "Fel" and ws["B6"].value == "regel outcome-flow"


def test_same_input_same_bytes(example_xlsx, tmp_path):
    followup = read_followup("scenarios/exempel-uppfoljning-2022.toml")
    first = write_uppfoljning_workbook(followup, [], tmp_path / "a.xlsx")
    second = write_uppfoljning_workbook(followup, [], tmp_path / "b.xlsx")
    assert first.read_bytes() == second.read_bytes()


def test_libreoffice_recalculates_the_example(example_xlsx, soffice, tmp_path):
    [again] = recalculate([example_xlsx], tmp_path / "lo", soffice=soffice)
    assert assert_formulas_match(example_xlsx, again) >= 30
