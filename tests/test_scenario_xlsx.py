"""Scenarios as xlsx workbooks: read with the same checks and words as TOML, located by sheet and cell;
TOML → xlsx → TOML is lossless, and a second round is byte-identical."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from finsam_budget.cli import main
from finsam_budget.model import Scenario
from finsam_budget.readers.scenario import read_scenario, read_scenario_file_data
from finsam_budget.writers.scenario_toml import write_scenario_toml
from finsam_budget.writers.scenario_xlsx import write_scenario_workbook
from tests.scenario_factory import BASE, replace, write
from tests.strategies import scenario_texts

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p.name for p in (ROOT / "scenarios").glob("*.toml") if "kind" not in p.read_text(encoding="utf-8"))


def same(a: Scenario, b: Scenario) -> bool:
    return dataclasses.replace(a, source="") == dataclasses.replace(b, source="")


def to_xlsx(path: Path, target: Path) -> Path:
    data, years, problems = read_scenario_file_data(path)
    assert data is not None, problems
    return write_scenario_workbook(data, target, years=years, force=True)


def to_toml(path: Path, target: Path) -> Path:
    data, _, problems = read_scenario_file_data(path)
    assert data is not None, problems
    return write_scenario_toml(data, target, force=True)


def round_trip(source: Path, folder: Path) -> tuple[Path, Path, Path]:
    """source → a.xlsx → b.toml → c.xlsx → d.toml, in ``folder``."""
    a = to_xlsx(source, folder / f"{source.stem}-a.xlsx")
    b = to_toml(a, folder / f"{source.stem}-b.toml")
    c = to_xlsx(b, folder / f"{source.stem}-c.xlsx")
    d = to_toml(c, folder / f"{source.stem}-d.toml")
    return a, b, d


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_example_goes_to_xlsx_and_back_losslessly(tmp_path, name):
    for example in (ROOT / "scenarios").glob("*.toml"):
        shutil.copy(example, tmp_path / example.name)
    source = tmp_path / name
    a, b, d = round_trip(source, tmp_path)
    original = read_scenario(source)[0]
    assert same(original, read_scenario(a)[0]) and same(original, read_scenario(b)[0])
    assert b.read_bytes() == d.read_bytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_texts(periods=True, cash=True))
def test_toml_to_xlsx_to_toml_gives_the_same_scenario_and_a_second_round_the_same_bytes(text):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = write(folder, text)
        original, problems = read_scenario(source)
        assert original is not None, problems
        a, b, d = round_trip(source, folder)
        assert same(original, read_scenario(a)[0])
        assert same(original, read_scenario(b)[0])
        assert b.read_bytes() == d.read_bytes()


def workbook_of(tmp_path: Path, text: str = BASE) -> Path:
    return to_xlsx(write(tmp_path, text), tmp_path / "fil.xlsx")


def cell_of(path: Path, sheet: str, wanted: object, column: int | None = None) -> str:
    ws = openpyxl.load_workbook(path)[sheet]
    for row in ws.iter_rows():
        for c in row:
            if c.value == wanted and (column is None or c.column == column):
                return c.coordinate
    raise AssertionError(wanted)


def set_cell(path: Path, sheet: str, ref: str, value: object) -> None:
    wb = openpyxl.load_workbook(path)
    wb[sheet][ref] = value
    wb.save(path)


def test_a_bad_amount_reads_as_in_toml_but_located_by_sheet_and_cell(tmp_path):
    path = workbook_of(tmp_path)
    row = int(cell_of(path, "Rader", "jobbsam")[1:])
    headers = [c.value for c in openpyxl.load_workbook(path)["Rader"][1]]
    ref = f"{openpyxl.utils.get_column_letter(headers.index(2022) + 1)}{row}"
    set_cell(path, "Rader", ref, "abc")
    [problem] = read_scenario(path)[1]
    toml = read_scenario(write(tmp_path, replace("amounts = { 2021 = 1200000, 2022 = 1200000,",
                                                 'amounts = { 2021 = 1200000, 2022 = "abc",')))[1][0]
    assert str(problem) == f"{path}: Rader!{ref}: {toml.message}"


def test_semantic_problems_are_located_too(tmp_path):
    path = workbook_of(tmp_path)
    ref = cell_of(path, "Medlemmar", "1/2")
    set_cell(path, "Medlemmar", ref, "1/3")
    problems = read_scenario(path)[1]
    assert any(p.key == "Medlemmar!C2:C3" and "summera till exakt 1" in p.message for p in problems), problems


def test_a_missing_title_points_at_its_cell(tmp_path):
    path = workbook_of(tmp_path)
    set_cell(path, "Förbund", cell_of(path, "Förbund", "Budgetplan 2022"), None)
    [problem] = read_scenario(path)[1]
    assert problem.where == f"{path}: Förbund!B4" and problem.message == "saknas (väntade en text)"


def test_an_unknown_section_is_named(tmp_path):
    path = workbook_of(tmp_path)
    set_cell(path, "Rader", cell_of(path, "Rader", "Administration"), "Admin")
    [problem] = read_scenario(path)[1]
    assert "väntade avsnittet" in problem.message and 'fick "Admin"' in problem.message


def test_a_derived_toml_extends_a_workbook_and_a_workbook_extends_a_toml(tmp_path):
    workbook_of(tmp_path)
    derived = write(tmp_path, 'extends = "fil.xlsx"\ntitle = "Utan JobbSam"\n[projects.jobbsam]\namounts = { 2023 = 0 }\n'
                    '[[adjust]]\ntarget = "admin"\npercent = "10"\n', "utkast.toml")
    scenario, problems = read_scenario(derived)
    assert scenario is not None, problems
    assert scenario.line("projects.jobbsam").amounts[2023] == 0 and len(scenario.adjustments) == 1
    derived_xlsx = to_xlsx(derived, tmp_path / "utkast.xlsx")
    again, problems = read_scenario(derived_xlsx)
    assert again is not None, problems
    assert same(scenario, again)
    assert read_scenario_file_data(derived_xlsx)[0]["extends"] == "fil.xlsx"


def test_an_adjustment_problem_in_a_workbook_points_at_its_cell(tmp_path):
    source = write(tmp_path, BASE + '\n[[adjust]]\ntarget = "admin"\npercent = "10"\n')
    path = to_xlsx(source, tmp_path / "fil.xlsx")
    set_cell(path, "Justeringar", "B2", "tio")
    [problem] = read_scenario(path)[1]
    assert problem.key == "Justeringar!B2" and "procentsats" in problem.message


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{x}"],
        ["plan", "{x}", "-o", "{dir}/plan.xlsx"],
        ["compare", "{x}", "{x}"],
        ["overview", "{x}"],
        ["drift", "{x}", "--actuals", "{dir}/utfall.csv", "--year", "2022", "-o", "{dir}/drift.xlsx"],
    ],
    ids=lambda a: a[0],
)
def test_every_command_that_takes_a_scenario_takes_a_workbook(tmp_path, args):
    path = workbook_of(tmp_path)
    (tmp_path / "utfall.csv").write_text("line;amount\nadmin.kansli;600000\n", encoding="utf-8")
    result = CliRunner().invoke(main, [a.format(x=path, dir=tmp_path) for a in args])
    assert result.exit_code in (0, 1), result.output
    assert "Fel:" not in result.output


def test_a_broken_workbook_is_an_input_error(tmp_path):
    path = tmp_path / "trasig.xlsx"
    path.write_bytes(b"inte en zip")
    [problem] = read_scenario(path)[1]
    assert "inte en xlsx-fil" in problem.message


def _line_cell(path: Path, line_id: str, year: int) -> str:
    headers = [c.value for c in openpyxl.load_workbook(path)["Rader"][1]]
    row = int(cell_of(path, "Rader", line_id)[1:])
    return f"{openpyxl.utils.get_column_letter(headers.index(year) + 1)}{row}"


def test_a_formula_without_a_saved_value_is_an_error_at_its_cell_not_0_kr(tmp_path):
    path = workbook_of(tmp_path)
    ref = _line_cell(path, "jobbsam", 2022)
    set_cell(path, "Rader", ref, "=1590000")  # openpyxl saves no cached value, like any non-calculating program
    scenario, problems = read_scenario(path)
    assert scenario is None
    [problem] = problems
    assert problem.where == f"{path}: Rader!{ref}"
    assert problem.message.startswith("cellen har formeln =1590000 men inget sparat värde"), problem
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and f"Rader!{ref}: cellen har formeln =1590000" in result.output, result.output


def _with_cached_formula(path: Path, sheet: str, ref: str, formula: str, cached: object) -> None:
    """Put a formula with a cached value in a cell (as Excel saves it), editing the sheet's XML."""
    import re
    import zipfile

    wb = openpyxl.load_workbook(path)
    index = wb.sheetnames.index(sheet) + 1
    set_cell(path, sheet, ref, formula)
    part = f"xl/worksheets/sheet{index}.xml"
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    xml = contents[part].decode("utf-8")
    xml, count = re.subn(rf'(<c r="{ref}"[^>]*>)<f>([^<]*)</f>(<v\s*/>|<v></v>)?',
                         rf"\1<f>\2</f><v>{cached}</v>", xml)
    assert count == 1, xml[:2000]
    contents[part] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


def test_formulas_in_a_workbook_follow_the_actuals_policy(tmp_path):
    path = workbook_of(tmp_path)
    ref = _line_cell(path, "jobbsam", 2022)
    _with_cached_formula(path, "Rader", ref, "=530000*3", 5)
    [problem] = read_scenario(path)[1]
    assert problem.where == f"{path}: Rader!{ref}" and "som ger 1 590 000" in problem.message, problem
    _with_cached_formula(path, "Rader", ref, "=530000*3", 1590000)
    scenario, problems = read_scenario(path)
    assert scenario is not None, problems
    line = scenario.line("projects.jobbsam")
    assert line is not None and line.amounts[2022] == 1590000


def test_a_member_on_an_administration_row_is_explained_in_the_workbooks_terms(tmp_path):
    path = workbook_of(tmp_path)
    headers = [c.value for c in openpyxl.load_workbook(path)["Rader"][1]]
    row = int(cell_of(path, "Rader", "kansli")[1:])
    ref = f"{openpyxl.utils.get_column_letter(headers.index('Medlem') + 1)}{row}"
    set_cell(path, "Rader", ref, "fk")
    [problem] = read_scenario(path)[1]
    assert problem.where == f"{path}: Rader!{ref}", problem
    assert "Medlem" in problem.message and "Intäkter" in problem.message, problem
    assert "okänd nyckel" not in problem.message and "accounts" not in problem.message, problem


def test_text_as_opening_equity_is_one_error_not_also_missing(tmp_path):
    path = workbook_of(tmp_path)
    set_cell(path, "Eget kapital", "B2", "abc")
    [problem] = read_scenario(path)[1]
    assert problem.where == f"{path}: Eget kapital!B2" and "fick \"abc\"" in problem.message, problem


def test_an_invalid_opening_equity_in_toml_is_not_also_missing(tmp_path):
    text = replace("opening = { 2021 = 500000 }", 'opening = { 2021 = "abc" }')
    [problem] = read_scenario(write(tmp_path, text))[1]
    assert "saknas" not in problem.message, problem
    text = replace("opening = { 2021 = 500000 }", 'opening = "abc"')
    [problem] = read_scenario(write(tmp_path, text))[1]
    assert "saknas" not in problem.message, problem
    text = replace("opening = { 2021 = 500000 }", "opening = { 2022 = 500000 }")
    assert any("(2021) saknas" in p.message for p in read_scenario(write(tmp_path, text))[1])
