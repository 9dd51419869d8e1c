"""The overview workbook: the table, totals as formulas, the chart, the Kontroller sheet, LibreOffice."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner

from finsam_budget.board.overview import Unreadable, build_overview
from finsam_budget.cli import main
from finsam_budget.plan.engine import compute_plan
from finsam_budget.problems import Problem
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.writers.overview_workbook import (
    COL,
    HEADER_ROW,
    HEADINGS,
    write_overview_workbook,
)
from finsam_budget.writers.print_layout import CONTINUED
from tests.libreoffice import assert_formulas_match, recalculate
from tests.scenario_factory import BASE, replace, write


def federation(name: str, text: str = BASE) -> str:
    return text.replace('federation = "Samordningsförbundet Test"', f'federation = "{name}"')


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ov")
    texts = {
        "b.toml": federation("Samordningsförbundet Östra", replace("2022 = 600000", '2022 = "900000.50"')),
        "a.toml": federation('=HYPERLINK(\\"x\\")'),
        "c.toml": federation("Samordningsförbundet Ådalen", replace("2022 = 300000", "2022 = 450000")),
    }
    plans = [(name, compute_plan(load_scenario(write(folder, text, name)))) for name, text in texts.items()]
    broken = Unreadable("trasig.toml", (Problem("trasig.toml", "ogiltig TOML", key="[admin.x]", line=3),))
    overview = build_overview(plans, [broken])
    return overview, write_overview_workbook(overview, folder / "oversikt.xlsx")


def table(path, data_only):
    ws = openpyxl.load_workbook(path, data_only=data_only)["Översikt"]
    return [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]


def test_sheets_and_headings(workbook):
    _, path = workbook
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Översikt", "Diagram", "Kontroller"]
    assert [c.value for c in wb["Översikt"][HEADER_ROW + 1]] == list(HEADINGS)


def test_rows_sorted_and_text_stays_text(workbook):
    _, path = workbook
    ws = openpyxl.load_workbook(path)["Översikt"]
    first = [ws.cell(HEADER_ROW + 2 + i, 1) for i in range(3)]
    assert [c.value for c in first] == ['=HYPERLINK("x")', "Samordningsförbundet Ådalen", "Samordningsförbundet Östra"]
    assert first[0].data_type == "s"


def test_totals_are_sum_formulas_with_the_totals_cached(workbook):
    overview, path = workbook
    formulas, values = table(path, False), table(path, True)
    total = next(i for i, row in enumerate(values) if row[0] == "Totalt")
    excel_row = HEADER_ROW + 1 + total
    col = COL["member_contributions"]
    letter = openpyxl.utils.get_column_letter(col + 1)
    assert formulas[total][col] == f"=SUM({letter}{HEADER_ROW + 2}:{letter}{excel_row - 1})"
    t = overview.totals
    for key, expected in (("member_contributions", t.member_contributions), ("costs", t.costs),
                          ("room", t.room), ("equity_cap", t.equity_cap), ("excess", t.excess)):
        assert Decimal(str(values[total][COL[key]])) == expected, key
    assert t.costs == Decimal("6300000.50") and t.excess == Decimal(50000)
    assert abs(values[total][COL["admin_share"]] - float(t.admin_share)) < 1e-12
    assert values[total][COL["errors"]] == sum(r.counts["error"] for r in overview.rows)


def test_share_and_excess_are_formulas_per_row(workbook):
    _, path = workbook
    formulas = table(path, False)
    r = HEADER_ROW + 2
    assert formulas[1][COL["admin_share"]] == f"=IF(G{r}=0,0,F{r}/G{r})"
    assert formulas[1][COL["excess"]] == f"=MAX(0,K{r}-L{r})"


def test_chart_of_equity_against_cap(workbook):
    _, path = workbook
    ws = openpyxl.load_workbook(path)["Diagram"]
    assert len(ws._charts) == 1
    assert ws["B4"].value.startswith("=Översikt!K")


def kontroller_rows(path) -> list[list[object]]:
    ws = openpyxl.load_workbook(path)["Kontroller"]
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Scenario")
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=header + 1)]
    return [row for row in rows if not str(row[-1]).endswith(CONTINUED)]  # not a page's repeated heading


def test_unreadable_files_are_on_the_kontroller_sheet_first(workbook):
    _, path = workbook
    rows = kontroller_rows(path)
    assert rows[0] == ["trasig.toml", "Fel", "trasig.toml:3: [admin.x]", None, "ogiltig TOML"]


def test_every_scenarios_findings_are_on_the_kontroller_sheet(workbook):
    overview, path = workbook
    rows = kontroller_rows(path)
    assert len(rows) == 1 + sum(len(r.findings) for r in overview.rows)
    excess = next(r for r in overview.rows if r.excess)
    [cap] = [row for row in rows if row[0] == excess.source and row[2] == "regel equity-cap" and row[3] == 2022]
    assert cap[1] == "Varning"
    severities = [row[1] for row in rows]
    assert severities == sorted(severities, key=["Fel", "Varning", "Info"].index)  # errors first


def test_the_total_note_points_to_the_kontroller_sheet(workbook):
    _, path = workbook
    values = table(path, True)
    assert any(row[0] and "1 filer kunde inte läsas (se bladet Kontroller)" in row[0] for row in values)


def test_libreoffice_recalculates_the_overview(workbook, soffice, tmp_path):
    _, path = workbook
    [recalculated] = recalculate([path], tmp_path, soffice=soffice)
    assert assert_formulas_match(path, recalculated) >= 20


def test_libreoffice_recalculates_the_scenarios_folder_overview(soffice, tmp_path):
    target = tmp_path / "oversikt.xlsx"
    result = CliRunner().invoke(main, ["overview", "scenarios", "-o", str(target)])
    assert result.exit_code == 1 and target.is_file()
    [recalculated] = recalculate([target], tmp_path / "lo", soffice=soffice)
    assert assert_formulas_match(target, recalculated) > 0


def test_no_workbook_when_nothing_could_be_read(tmp_path):
    write(tmp_path, "trasig", "a.toml")
    target = tmp_path / "ut.xlsx"
    result = CliRunner().invoke(main, ["overview", str(tmp_path / "a.toml"), "-o", str(target)])
    assert result.exit_code == 2 and not target.exists()


def test_workbook_written_despite_a_broken_file(tmp_path):
    write(tmp_path, BASE, "a.toml")
    write(tmp_path, "trasig", "b.toml")
    target = tmp_path / "ut" / "ut.xlsx"
    target.parent.mkdir()
    result = CliRunner().invoke(main, ["overview", str(tmp_path), "-o", str(target)])
    assert result.exit_code == 2 and target.is_file()
    assert openpyxl.load_workbook(target).sheetnames == ["Översikt", "Diagram", "Kontroller"]


def test_skipped_files_are_info_on_the_kontroller_sheet(tmp_path):
    """As the terminal's "Obs:": counted with no scenario's warnings (the table's Varningar)."""
    write(tmp_path, BASE, "a.toml")
    write(tmp_path, 'format = 1\nkind = "actuals"\nyear = 2022\n', "utfall.toml")
    target = tmp_path / "ut.xlsx"
    result = CliRunner().invoke(main, ["overview", str(tmp_path), "-o", str(target)])
    assert target.is_file(), result.output
    [skipped] = [row for row in kontroller_rows(target) if row[2] == "utfall.toml"]
    assert skipped[1] == "Info" and skipped[0].endswith("utfall.toml") and "hoppas över" in skipped[4]
