"""The comparison workbook: sheets and their names, live formulas with cached values, charts, LibreOffice."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner

from finsam_budget.board.compare import KEY_ROWS, compare_plans
from finsam_budget.cli import main
from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.writers.compare_workbook import (
    sheet_names,
    write_comparison_workbook,
)
from tests.libreoffice import assert_formulas_match, recalculate
from tests.scenario_factory import BASE, replace, write

GOTLAND = "scenarios/gotland-2022.toml"
UTAN_JOBBSAM = "scenarios/gotland-2022-utan-jobbsam.toml"
MINSKADE = "scenarios/gotland-2022-minskade-bidrag.toml"
LABELS = {row.difference_label: row.key for row in KEY_ROWS}


def build(paths, target):
    comparison = compare_plans([compute_plan(load_scenario(p)) for p in paths])
    return comparison, write_comparison_workbook(comparison, target, sources=[str(p) for p in paths])


@pytest.fixture(scope="module")
def gotland(tmp_path_factory):
    return build([GOTLAND, UTAN_JOBBSAM, MINSKADE], tmp_path_factory.mktemp("cmp") / "jamforelse.xlsx")


def year_blocks(ws):
    """{year heading: {key: row}} of the Jämförelse sheet."""
    blocks, current = {}, None
    for row in ws.iter_rows():
        label = row[0].value
        if isinstance(label, str) and label.startswith(("Budget", "Prognos")):
            current = blocks.setdefault(label, {"header": row})
        elif current is not None and label in LABELS:
            current[LABELS[label]] = row
    return blocks


# -- sheet names ----------------------------------------------------------------------


def test_sheet_names_remove_forbidden_characters():
    assert sheet_names(["Plan [2022]: a/b\\c*d?"]) == ["Plan 2022 abcd"]


def test_sheet_names_cut_to_31_characters_between_words():
    [name] = sheet_names(["Medlemsbidragen minskar 5 % från 2024 och mer"])
    assert name == "Medlemsbidragen minskar 5 %"
    [name] = sheet_names(["JobbSam förlängs inte efter 2023"])  # 32 characters
    assert name == "JobbSam förlängs inte efter"
    [name] = sheet_names(["Ett Medlemsbidragsminskningsscenario"])  # no space in the second half: cut
    assert name == "Ett Medlemsbidragsminskningssce" and len(name) == 31
    # where the words cut away all that sets two apart, the second is cut in the word instead
    assert sheet_names(["Budget 2023 med sparbeting på 10 procent", "Budget 2023 med sparbeting på 20 procent"]) == [
        "Budget 2023 med sparbeting på", "Budget 2023 med sparbeting på 2",
    ]


def test_sheet_names_are_unique_without_regard_to_case():
    assert sheet_names(["Plan", "plan", "PLAN"]) == ["Plan", "plan (2)", "PLAN (3)"]
    assert sheet_names(["x" * 40, "x" * 35]) == ["x" * 31, "x" * 27 + " (2)"]


def test_sheet_names_avoid_the_workbooks_own_sheets_and_history():
    assert sheet_names(["Jämförelse", "diagram", "History"]) == ["Jämförelse (2)", "diagram (2)", "History (2)"]
    assert sheet_names(["Kontroller"]) == ["Kontroller (2)"]  # the workbook's own Kontroller sheet


def test_sheet_names_never_empty_and_without_apostrophes_at_the_ends():
    assert sheet_names(["", "[]", "'citat'", "rad\nbrytning\tflik"]) == [
        "Scenario 1", "Scenario 2", "citat", "rad brytning flik",
    ]


# -- the workbook ---------------------------------------------------------------------


def test_sheets_in_order(gotland):
    _, path = gotland
    assert openpyxl.load_workbook(path).sheetnames == [
        "Jämförelse", "Diagram", "Budgetplan 2022", "JobbSam förlängs inte efter", "Medlemsbidragen minskar 5 %",
        "Kontroller",
    ]


def test_titles_status_and_findings_head_the_columns(gotland):
    _, path = gotland
    ws = openpyxl.load_workbook(path)["Jämförelse"]
    rows = {row[0].value: [c.value for c in row[1:4]] for row in ws.iter_rows(min_row=4, max_row=13)}
    assert rows["Scenario"] == ["Budgetplan 2022", "JobbSam förlängs inte efter 2023", "Medlemsbidragen minskar 5 % från 2024"]
    assert rows["Kontroll"] == ["fel", "ok", "fel"]
    assert (rows["Fel"], rows["Varningar"], rows["Info"]) == ([2, 0, 1], [0, 0, 0], [10, 10, 11])
    assert rows["Blad"][1] == "JobbSam förlängs inte efter"
    assert rows["Justeringar"][2].replace("\u2060", "").replace("\xa0", " ").startswith("medlemsbidragen -5 % från 2024")


def test_every_figure_is_the_engines_cached_value(gotland):
    comparison, path = gotland
    ws = openpyxl.load_workbook(path, data_only=True)["Jämförelse"]
    blocks = year_blocks(ws)
    assert list(blocks) == ["Budget 2021", "Budgetplan 2022", "Prognos 2023", "Prognos 2024"]
    for heading, year in zip(blocks, comparison.years):
        for row in KEY_ROWS:
            cells = blocks[heading][row.key]
            for i in range(3):
                assert Decimal(str(cells[1 + i].value)) == comparison.value(i, row.key, year), (row.key, year, i)
            for i in (1, 2):
                assert Decimal(str(cells[3 + i].value)) == comparison.difference(i, row.key, year)


def test_scenario_figures_link_to_their_budgetplan_sheets_and_differences_are_formulas(gotland):
    _, path = gotland
    block = year_blocks(openpyxl.load_workbook(path)["Jämförelse"])["Prognos 2024"]
    room = block["room"]
    r = room[0].row
    assert room[1].value.startswith("='Budgetplan 2022'!E")
    assert room[2].value.startswith("='JobbSam förlängs inte efter'!E")
    assert (room[4].value, room[5].value) == (f"=C{r}-B{r}", f"=D{r}-B{r}")
    costs = block["costs"][0].row  # lower costs are better: the base minus the scenario
    assert (block["costs"][4].value, block["costs"][5].value) == (f"=B{costs}-C{costs}", f"=B{costs}-D{costs}")
    costs = block["costs"][1].value
    assert costs == f"=SUM(B{block['admin'][0].row}:B{block['projects'][0].row})"
    assert block["equity_cap"][1].value == f"=ROUND(ROUND(B{block['member_contributions'][0].row}*100,0)*1/5,0)/100"
    # a negative equity counts as 0: the margin never grows past the cap
    assert block["headroom"][1].value == f"=B{block['equity_cap'][0].row}-MAX(B{block['carried_equity'][0].row},0)"
    assert block["header"][4].value == "Differens: JobbSam förlängs inte efter 2023"


def test_diagram_has_the_equity_and_room_charts(gotland):
    _, path = gotland
    ws = openpyxl.load_workbook(path)["Diagram"]
    assert len(ws._charts) == 2
    formulas = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert formulas and all(f.startswith("=Jämförelse!") for f in formulas)


def test_libreoffice_recalculates_the_gotland_comparison(gotland, soffice, tmp_path):
    _, path = gotland
    [recalculated] = recalculate([path], tmp_path, soffice=soffice)
    assert assert_formulas_match(path, recalculated) >= 300


def test_libreoffice_recalculates_awkward_scenarios(soffice, tmp_path):
    # Text that looks like formulas, apostrophes in sheet names, öre, different years, a 50/25/25 cut.
    base = write(tmp_path, replace('title = "Budgetplan 2022"', 'title = "=1+2 förbundets \'plan\'"',
                                   replace("2021 = 600000", '2021 = "600000.55"')), "a.toml")
    later = BASE.replace("[2021, 2022, 2023]", "[2022, 2023, 2024]").replace("2021 = ", "2024 = ")
    later = later.replace("opening = { 2024", "opening = { 2022").replace('title = "Budgetplan 2022"', 'title = "+46 Senare år"')
    other = write(tmp_path, later + '\n[[adjust]]\ntarget = "members"\npercent = "-3.3333"\n', "b.toml")
    _, path = build([base, other], tmp_path / "svar.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[2:] == ["=1+2 förbundets 'plan", "+46 Senare år", "Kontroller"]  # no apostrophe at the end
    titles = [c for c in wb["Jämförelse"][4] if c.value in ("=1+2 förbundets 'plan'", "+46 Senare år")]
    assert len(titles) == 2 and {c.data_type for c in titles} == {"s"}
    [recalculated] = recalculate([path], tmp_path / "lo", soffice=soffice)
    assert assert_formulas_match(path, recalculated) > 100


def test_same_comparison_same_bytes(gotland, tmp_path):
    _, path = gotland
    _, again = build([GOTLAND, UTAN_JOBBSAM, MINSKADE], tmp_path / "igen.xlsx")
    assert again.read_bytes() == path.read_bytes()


# -- the command ------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_compare_writes_the_workbook(tmp_path):
    target = tmp_path / "ut.xlsx"
    result = run("compare", GOTLAND, UTAN_JOBBSAM, "-o", target)
    assert result.exit_code == 1 and target.is_file()
    assert result.output.rstrip().endswith(f"Skrev {target}")


def test_compare_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "ut.xlsx"
    target.write_bytes(b"tidigare")
    result = run("compare", GOTLAND, UTAN_JOBBSAM, "-o", target)
    assert result.exit_code == 2 and "finns redan; använd --force" in result.output
    assert target.read_bytes() == b"tidigare"
    assert run("compare", GOTLAND, UTAN_JOBBSAM, "-o", target, "--force").exit_code == 1
    assert target.read_bytes()[:2] == b"PK"


def test_compare_with_an_unreadable_scenario_writes_nothing(tmp_path):
    target = tmp_path / "ut.xlsx"
    bad = write(tmp_path, replace("2021 = 600000", "2021 = 1.5"))
    assert run("compare", GOTLAND, bad, "-o", target).exit_code == 2
    assert not target.exists()
