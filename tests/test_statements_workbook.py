"""The statements workbook: sheets, live formulas with cached values, text, print, LibreOffice."""

from __future__ import annotations

import openpyxl
import pytest

from finsam_budget.engine import compute_plan
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.readers.sie import read_sie
from finsam_budget.statements import compute_statements
from finsam_budget.writers.statements_workbook import write_statements_workbook
from tests.example_bokslut import EXAMPLE
from tests.libreoffice import assert_formulas_match, recalculate
from tests.test_statements import small_ledger

SCENARIO = "scenarios/exempel-bokslut-2022.toml"
SHEETS = ["Resultaträkning", "Balansräkning", "Kassaflödesanalys", "Noter", "Nyckeltal"]


def build(target, scenario: str | None = None, sie_path=EXAMPLE):
    plan = compute_plan(load_scenario(scenario)) if scenario else None
    return write_statements_workbook(compute_statements(read_sie(sie_path), plan=plan), target)


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return build(tmp_path_factory.mktemp("bokslut") / "utan-scenario.xlsx")


@pytest.fixture(scope="module")
def with_budget(tmp_path_factory):
    return build(tmp_path_factory.mktemp("bokslut") / "med-scenario.xlsx", SCENARIO)


def rows_by_label(ws):
    return {row[0].value: row for row in ws.iter_rows() if isinstance(row[0].value, str)}


def test_sheets_in_order(plain):
    assert openpyxl.load_workbook(plain).sheetnames == SHEETS


def test_sums_are_formulas_with_cached_values(with_budget):
    formulas = rows_by_label(openpyxl.load_workbook(with_budget)["Resultaträkning"])
    values = rows_by_label(openpyxl.load_workbook(with_budget, data_only=True)["Resultaträkning"])
    total = formulas["Summa verksamhetens kostnader"]
    assert [c.value for c in total[2:5]] == ["=SUM(C11:C13)", "=SUM(D11:D13)", "=SUM(E11:E13)"]
    assert [c.value for c in values["Summa verksamhetens kostnader"][2:5]] == [
        -4084000,
        -3948985.65,
        -3885600,
    ]
    assert formulas["Årets resultat"][3].value == "=D18"
    assert values["Årets resultat"][3].value == 171953.1
    assert values["Erhållna driftbidrag"][1].value == "Not 1"


def test_cross_sheet_links(plain):
    wb = openpyxl.load_workbook(plain)
    br = rows_by_label(wb["Balansräkning"])
    assert br["Årets resultat"][2].value == "=Resultaträkning!C19"
    kf = rows_by_label(wb["Kassaflödesanalys"])
    assert kf["Likvida medel vid årets början"][2].value == "=Balansräkning!D10"
    assert kf["Ökning (−)/minskning (+) av kortfristiga fordringar"][2].value == (
        "=Balansräkning!D8+Balansräkning!D9-Balansräkning!C8-Balansräkning!C9"
    )
    key = rows_by_label(wb["Nyckeltal"])
    assert key["Soliditet (eget kapital / summa tillgångar)"][2].value == (
        "=IF(Balansräkning!C12=0,0,Balansräkning!C17/Balansräkning!C12)"
    )
    assert key["Tak för eget kapital"][2].value == "=ROUND(C11*C12,2)"


def test_checks_are_zero_and_visible(plain):
    values = openpyxl.load_workbook(plain, data_only=True)
    br = rows_by_label(values["Balansräkning"])
    assert br["Kontroll: tillgångar − eget kapital, avsättningar och skulder (ska vara 0)"][2].value == 0
    kf = rows_by_label(values["Kassaflödesanalys"])
    assert kf["Kontroll: likvida medel vid årets slut − kassa och bank (ska vara 0)"][2].value == 0


def test_formats_print_setup_and_freeze(plain):
    wb = openpyxl.load_workbook(plain)
    ws = wb["Resultaträkning"]
    assert ws.freeze_panes == "B6"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$5:$5"
    assert "Resultaträkning 2022" in ws.oddHeader.center.text
    rows = rows_by_label(ws)
    assert rows["Erhållna driftbidrag"][2].number_format == "[$-41D]#,##0.00"  # the file has öre
    key = rows_by_label(wb["Nyckeltal"])
    assert key["Soliditet (eget kapital / summa tillgångar)"][2].number_format == "[$-41D]0.0 %"


def test_whole_kronor_without_ore(tmp_path):
    target = build(tmp_path / "hela.xlsx", sie_path=small_ledger().write(tmp_path))
    rows = rows_by_label(openpyxl.load_workbook(target)["Resultaträkning"])
    assert rows["Erhållna driftbidrag"][2].number_format == "[$-41D]#,##0"


def test_account_names_stay_text(tmp_path):
    ledger = small_ledger()
    ledger.accounts["3511"] = '=HYPERLINK("x")'
    ledger.accounts["3512"] = "+46 Region"
    target = build(tmp_path / "text.xlsx", sie_path=ledger.write(tmp_path))
    ws = openpyxl.load_workbook(target)["Noter"]
    cells = {
        c.value: c.data_type
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith(("3511", "3512"))
    }
    assert cells == {'3511 =HYPERLINK("x")': "s", "3512 +46 Region": "s"}


def test_same_input_same_bytes(tmp_path):
    first = build(tmp_path / "a.xlsx", SCENARIO).read_bytes()
    assert build(tmp_path / "b.xlsx", SCENARIO).read_bytes() == first


def test_libreoffice_recalculates_the_statements(plain, with_budget, soffice, tmp_path):
    recalculated = recalculate([plain, with_budget], tmp_path, soffice=soffice)
    assert assert_formulas_match(plain, recalculated[0]) > 70
    assert assert_formulas_match(with_budget, recalculated[1]) > 85


def test_libreoffice_recalculates_depreciation_and_a_year_without_history(soffice, tmp_path):
    ledger = small_ledger()
    ledger.accounts.update(
        {"1220": "Inventarier", "1229": "Ack avskrivningar", "7830": "Avskrivningar", "2250": "Avsättning"}
    )
    ledger.voucher("20220301", "Köp av datorer", ("1220", 60000), ("1930", -60000))
    ledger.voucher("20221231", "Avskrivning", ("7830", 12000), ("1229", -12000))
    ledger.voucher("20221231", "Avsättning", ("7830", "5000.50"), ("2250", "-5000.50"))
    full = build(tmp_path / "full.xlsx", sie_path=ledger.write(tmp_path, name="full.se"))
    ledger.opening, ledger.earlier_ub = {}, {}
    first_year = build(tmp_path / "forsta.xlsx", sie_path=ledger.write(tmp_path, name="forsta.se"))
    recalculated = recalculate([full, first_year], tmp_path / "lo", soffice=soffice)
    assert assert_formulas_match(full, recalculated[0]) > 50
    assert assert_formulas_match(first_year, recalculated[1]) > 40
