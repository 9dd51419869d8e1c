"""The plan workbook: layout, formulas with cached values, safety, and LibreOffice."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from finsam_budget.cli import main
from finsam_budget.labels import CAP_MARGIN
from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.rules import run_rules
from finsam_budget.writers.plan_workbook import write_plan_workbook
from finsam_budget.writers.print_layout import CONTINUED
from tests import gotland_reference
from tests.libreoffice import assert_formulas_match, recalculate
from tests.scenario_factory import BASE, replace, write
from tests.strategies import scenario_texts

GOTLAND = "scenarios/gotland-2022.toml"


def build(scenario_path, target):
    plan = compute_plan(load_scenario(scenario_path))
    return write_plan_workbook(plan, run_rules(plan), target)


@pytest.fixture(scope="module")
def gotland_xlsx(tmp_path_factory):
    return build(GOTLAND, tmp_path_factory.mktemp("plan") / "gotland.xlsx")


def rows_by_label(ws):
    return {row[0].value: row for row in ws.iter_rows() if isinstance(row[0].value, str)}


def test_gotland_shows_every_published_figure(gotland_xlsx):
    ws = openpyxl.load_workbook(gotland_xlsx, data_only=True)["Budgetplan"]
    headings = {cell.value: cell.column - 1 for cell in ws[4] if cell.value}
    columns = {2021: headings["Budget 2021"], 2022: headings["Budgetplan 2022"],
               2023: headings["Prognos 2023"], 2024: headings["Prognos 2024"]}
    rows = rows_by_label(ws)
    for label, per_year in gotland_reference.ROWS.items():
        assert label in rows, label
        for year, published in per_year.items():
            expected = gotland_reference.WRONG.get((label, year), published)
            assert Decimal(str(rows[label][columns[year]].value)) == expected, (label, year)


def test_totals_are_formulas(gotland_xlsx):
    ws = openpyxl.load_workbook(gotland_xlsx)["Budgetplan"]
    rows = rows_by_label(ws)
    assert rows["TOTALT: Kostnader administration"][2].value.startswith("=SUM(")
    number = {label: row[0].row for label, row in rows.items()}
    available = number["TOTALT: Intäkter och eget kapital"]
    costs = number["TOTALT: Kostnader administration och verksamhet"]
    reserve = number["Reserv: eget kapital som behålls till nästa år"]
    room = rows["Utrymme för ny verksamhet (rimligt överskott till kommande år)"][2].value
    assert room == f"=C{available}-C{costs}-C{reserve}"
    # Opening equity of carried years refers to the reserve of the year before.
    assert rows["Eget kapital/sparade medel (ingående)"][3].value == f"=C{reserve}"


def test_layout_print_and_freeze(gotland_xlsx):
    ws = openpyxl.load_workbook(gotland_xlsx)["Budgetplan"]
    assert ws.freeze_panes == "B5"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$4:$4"
    assert "Budgetplan 2022" in ws.oddHeader.center.text
    assert ws.column_dimensions["A"].width >= 30


def test_sheets_and_findings(gotland_xlsx):
    wb = openpyxl.load_workbook(gotland_xlsx)
    assert wb.sheetnames == ["Budgetplan", "Nyckeltal", "Kontroller"]
    # The one Kontroller layout: severity, source, year, message.
    # spaces inside amounts are non-breaking on the sheet (a wrapped number never splits)
    messages = [(row[3].value or "").replace("\xa0", " ") for row in wb["Kontroller"].iter_rows(min_row=6)]
    assert any("publicerat 6 248 312 kr" in (m or "") for m in messages)
    severities = [row[0].value for row in wb["Kontroller"].iter_rows(min_row=6)
                  if not str(row[3].value).endswith(CONTINUED)]  # not a page's repeated heading
    assert severities[:2] == ["Fel", "Fel"] and severities == sorted(severities, key=["Fel", "Varning", "Info"].index)
    assert len(wb["Nyckeltal"]._charts) == 2


def test_nyckeltal_cap_and_shares(gotland_xlsx):
    ws = openpyxl.load_workbook(gotland_xlsx, data_only=True)["Nyckeltal"]
    rows = rows_by_label(ws)
    assert rows["Tak för eget kapital"][2].value == 864800
    assert rows[CAP_MARGIN][2].value == 214800
    assert abs(rows["Andel administration"][2].value - 1279980 / 4414980) < 1e-12


def test_libreoffice_recalculates_gotland(gotland_xlsx, soffice, tmp_path):
    [recalculated] = recalculate([gotland_xlsx], tmp_path, soffice=soffice)
    assert assert_formulas_match(gotland_xlsx, recalculated) >= 90


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenario_texts(max_lines=4))
def test_libreoffice_recalculates_generated_scenarios(soffice, text):
    with tempfile.TemporaryDirectory() as folder:
        source = write(Path(folder), text)
        target = build(source, Path(folder) / "plan.xlsx")
        [recalculated] = recalculate([target], Path(folder) / "lo", soffice=soffice)
        assert assert_formulas_match(target, recalculated) > 0


def test_text_from_scenario_stays_text(tmp_path):
    text = replace('name = "Kansli"', 'name = "=HYPERLINK(\\"x\\")"', replace('name = "JobbSam"', 'name = "+1"'))
    target = build(write(tmp_path, text), tmp_path / "plan.xlsx")
    ws = openpyxl.load_workbook(target)["Budgetplan"]
    cells = {c.value: c.data_type for row in ws.iter_rows() for c in row if c.value in ('=HYPERLINK("x")', "+1")}
    assert cells == {'=HYPERLINK("x")': "s", "+1": "s"}


def test_ore_amounts_get_an_ore_format(tmp_path):
    target = build(write(tmp_path, replace("2021 = 600000", '2021 = "600000.50"')), tmp_path / "p.xlsx")
    ws = openpyxl.load_workbook(target)["Budgetplan"]
    assert rows_by_label(ws)["Kansli"][1].number_format == "[$-41D]#,##0.00"
    assert rows_by_label(ws)["JobbSam"][1].number_format == "[$-41D]#,##0"  # öre only where the data has öre
    whole = build(write(tmp_path, BASE, "w.toml"), tmp_path / "w.xlsx")
    assert rows_by_label(openpyxl.load_workbook(whole)["Budgetplan"])["Kansli"][1].number_format == "[$-41D]#,##0"


def test_same_scenario_same_bytes(tmp_path):
    first = build(GOTLAND, tmp_path / "a.xlsx").read_bytes()
    assert build(GOTLAND, tmp_path / "b.xlsx").read_bytes() == first


# -- the command -----------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_plan_command_writes_and_summarises(tmp_path):
    target = tmp_path / "ut.xlsx"
    result = run("plan", GOTLAND, "-o", str(target))
    assert result.exit_code == 1  # the published plan has two wrong totals
    assert target.is_file()
    assert "Utrymme för ny verksamhet        1 202 180        1 087 197" in result.output
    assert "Kontroller: 2 fel, 0 varningar, 10 info" in result.output


def test_plan_default_output_folder(tmp_path, monkeypatch):
    scenario = write(tmp_path, BASE, "mitt-scenario.toml")
    monkeypatch.chdir(tmp_path)
    result = run("plan", str(scenario))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "workbooks" / "mitt-scenario.xlsx").is_file()


def test_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "ut.xlsx"
    target.write_bytes(b"tidigare")
    result = run("plan", str(write(tmp_path)), "-o", str(target))
    assert result.exit_code == 2 and "finns redan; använd --force" in result.output
    assert target.read_bytes() == b"tidigare"
    assert run("plan", str(write(tmp_path)), "-o", str(target), "--force").exit_code == 0
    assert target.read_bytes()[:2] == b"PK"


def test_missing_folder_exit_2(tmp_path):
    result = run("plan", str(write(tmp_path)), "-o", str(tmp_path / "nej" / "ut.xlsx"))
    assert result.exit_code == 2 and "finns inte" in result.output


def test_invalid_scenario_writes_nothing(tmp_path):
    target = tmp_path / "ut.xlsx"
    result = run("plan", str(write(tmp_path, replace("2021 = 600000", "2021 = 1.5"))), "-o", str(target))
    assert result.exit_code == 2 and not target.exists()
    assert list(tmp_path.glob(".*tmp")) == []


def test_cap_on_a_half_ore_recalculates_to_the_cached_value(soffice, tmp_path):
    """1 200 000,06 × 1/12 = 100 000,005: the formula must round up like the engine."""
    scenario = Path(__file__).parent / "data" / "halvt-ore.toml"
    plan_file = build(scenario, tmp_path / "plan.xlsx")
    compare_file = tmp_path / "jamforelse.xlsx"
    result = CliRunner().invoke(main, ["compare", str(scenario), GOTLAND, "-o", str(compare_file)])
    assert result.exit_code in (0, 1), result.output
    cap = rows_by_label(openpyxl.load_workbook(plan_file, data_only=True)["Nyckeltal"])["Tak för eget kapital"][1].value
    assert Decimal(str(cap)) == Decimal("100000.01")
    for original, recalculated in zip([plan_file, compare_file], recalculate([plan_file, compare_file], tmp_path / "lo", soffice=soffice)):
        assert assert_formulas_match(original, recalculated) > 0
