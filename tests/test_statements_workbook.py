"""The statements workbook: sheets, live formulas with cached values, text, print, LibreOffice."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.readers.sie.reader import read_sie
from finsam_budget.statements import compute_statements
from finsam_budget.writers.print_layout import CONTINUED
from finsam_budget.writers.statements_workbook import write_statements_workbook
from tests.example_bokslut import EXAMPLE
from tests.libreoffice import assert_formulas_match, recalculate
from tests.test_statements import small_ledger, spanning_scenario

SCENARIO = "scenarios/exempel-bokslut-2022.toml"
SHEETS = ["Resultaträkning", "Balansräkning", "Kassaflödesanalys", "Noter", "Nyckeltal", "Kontroller"]


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
    assert key["Tak för eget kapital"][2].value == "=ROUND(ROUND(C11*100,0)*1/5,0)/100"


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
    # no fixed heading row: a statement that runs over a page goes on under its own heading, "(forts.)"
    assert ws.print_title_rows is None
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


def kontroller(path) -> list[tuple]:
    """The Kontroller sheet's rows below the title, as values (blank rows and a page's repeated heading left out)."""
    ws = openpyxl.load_workbook(path, data_only=True)["Kontroller"]
    rows = [tuple(c.value for c in row[:4]) for row in ws.iter_rows(min_row=4) if any(c.value for c in row)]
    return [row for row in rows if not str(row[-1]).endswith(CONTINUED)]


ENTRY_HEADER = ("Allvar", "Källa", "År", "Meddelande")


def test_kontroller_lists_every_identity_then_every_warning(plain):
    rows = kontroller(plain)
    assert rows[0] == ("Status", "Identitet", "Differens", "Förklaring")
    identities = rows[1:8]
    assert [r[0] for r in identities] == ["ok"] * 7 and [r[2] for r in identities] == [0] * 7
    assert identities[0][1].startswith("Alla konton med belopp hör till en rad")
    assert rows[8] == ENTRY_HEADER and rows[9][0] == "Varning" and "överstiger taket" in rows[9][3]
    sheet = openpyxl.load_workbook(plain)["Kontroller"]
    assert sheet["A3"].value == "Alla 7 identiteter stämmer; 0 fel, 1 varning, 0 info."


def test_kontroller_shows_failures_first_and_the_readers_warnings(tmp_path):
    text = small_ledger().text(vouchers=False).replace("#UB 0 2440 -800000.00", "#UB 0 2440 -799000.00")
    text = text.replace("#KONTO 1510", '#NYPOST "=1+1"\n#KONTO 1510')
    path = tmp_path / "fel.se"
    path.write_bytes(text.encode("latin-1"))
    target = build(tmp_path / "fel.xlsx", sie_path=path)
    rows = kontroller(target)
    balance, cash = rows[1], rows[2]
    assert balance[1] == "Balansräkningen 2022-12-31: tillgångar = eget kapital, avsättningar och skulder"
    assert (balance[0], balance[2]) == ("fel", 1000) and "301\xa0000 kr" in balance[3]  # a number never wraps
    assert cash[1].startswith("Kassaflödet:") and (cash[0], cash[2]) == ("fel", -1000)
    assert [r[0] for r in rows[3:6]] == ["ok"] * 3
    warnings = rows[rows.index(ENTRY_HEADER) + 1 :]
    assert [r[0] for r in warnings] == ["Varning", "Varning", "Varning"]  # the last: equity over the cap
    # The place names the file only: the sheet is read away from the files.
    assert "Latin-1" in warnings[0][3].replace("\u2060", "") and warnings[0][1] == "fel.se"
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("#NYPOST"))
    assert "okänd post #NYPOST" in warnings[1][3] and warnings[1][1] == f"fel.se:{line}"
    ws = openpyxl.load_workbook(target)["Kontroller"]
    texts = [c for row in ws.iter_rows() for c in row if c.column != 3 and c.value is not None]
    assert {c.data_type for c in texts} == {"s"}  # text stays text, whatever it says


def test_kontroller_differences_are_live_links_to_the_check_rows(plain):
    wb = openpyxl.load_workbook(plain)
    br_row = rows_by_label(wb["Balansräkning"])[
        "Kontroll: tillgångar − eget kapital, avsättningar och skulder (ska vara 0)"
    ][2].row
    kf_row = rows_by_label(wb["Kassaflödesanalys"])[
        "Kontroll: likvida medel vid årets slut − kassa och bank (ska vara 0)"
    ][2].row
    checks = {row[1].value: row for row in wb["Kontroller"].iter_rows() if isinstance(row[1].value, str)}
    balance = "tillgångar = eget kapital, avsättningar och skulder"
    assert checks[f"Balansräkningen 2022-12-31: {balance}"][2].value == f"=Balansräkning!C{br_row}"
    assert checks[f"Balansräkningen 2021-12-31: {balance}"][2].value == f"=Balansräkning!D{br_row}"
    assert checks[
        "Kassaflödet: likvida medel vid årets början + årets kassaflöde = kassa och bank vid årets slut"
    ][2].value == f"=Kassaflödesanalys!C{kf_row}"
    assert checks["Eget kapital: ingående + årets resultat = utgående"][2].value.startswith("=Balansräkning!D")
    assert isinstance(checks["Resultatkontona: #RES 0 = verifikationernas summa"][2].value, int)


def test_a_budget_that_spans_lines_has_a_comment_and_a_warning(tmp_path):
    plan = compute_plan(load_scenario(spanning_scenario(tmp_path)))
    target = write_statements_workbook(compute_statements(read_sie(EXAMPLE), plan=plan), tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(target)
    rr = rows_by_label(wb["Resultaträkning"])
    budget_cell = rr["Köp av verksamhet, material och lämnade bidrag"][2]
    assert budget_cell.value == -2170000
    assert "development.forelasningar" in budget_cell.comment.text
    assert "Övriga verksamhetskostnader" in budget_cell.comment.text
    assert rr["Övriga verksamhetskostnader"][2].comment is None
    warnings = [r for r in kontroller(target) if r[0] == "Varning" and "överstiger taket" not in r[3]]
    assert len(warnings) == 1 and "hela budgeten, 70\xa0000 kr" in warnings[0][3]
    again = write_statements_workbook(compute_statements(read_sie(EXAMPLE), plan=plan), tmp_path / "c.xlsx")
    assert again.read_bytes() == target.read_bytes()  # comments too: same input, same bytes


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


def test_libreoffice_recalculates_the_kontroller_links_when_identities_fail(soffice, tmp_path):
    text = small_ledger().text(vouchers=False).replace("#UB 0 2440 -800000.00", "#UB 0 2440 -799000.00")
    path = tmp_path / "fel.se"
    path.write_bytes(text.encode("cp437"))
    target = build(tmp_path / "fel.xlsx", sie_path=path)
    [recalculated] = recalculate([target], tmp_path / "lo", soffice=soffice)
    assert assert_formulas_match(target, recalculated) > 40
    sheet = openpyxl.load_workbook(recalculated, data_only=True)["Kontroller"]
    values = {row[1].value: row for row in sheet.iter_rows() if isinstance(row[1].value, str)}
    balance = values["Balansräkningen 2022-12-31: tillgångar = eget kapital, avsättningar och skulder"]
    assert (balance[0].value, balance[2].value) == ("fel", 1000)


HALF_ORE_SCENARIO = """\
format = 1
federation = "Samordningsförbundet Test"
title = "Budget 2022"
years = [2022]
budget_year = 2022

[members.fk]
name = "Försäkringskassan"
share = "1/2"

[members.region]
name = "Region"
share = "1/2"

[income.fk]
name = "Försäkringskassan"
member = "fk"
amounts = { 2022 = "600000.03" }
accounts = ["3511"]

[income.region]
name = "Region"
member = "region"
amounts = { 2022 = "600000.03" }
accounts = ["3512"]

[equity]
opening = { 2022 = 550000 }

[[equity_cap]]
share = "1/12"
"""


def test_cap_on_a_half_ore_recalculates_to_the_cached_value(soffice, tmp_path):
    """1 200 000,06 × 1/12 = 100 000,005: the same cap as the plan's (100 000,01), recalculated alike."""
    from tests.sie_factory import Ledger

    ledger = Ledger(accounts={"1930": "Bank", "2010": "Eget kapital", "3511": "Driftbidrag FK", "3512": "Driftbidrag Region"})
    ledger.opening = {"1930": Decimal(550000), "2010": Decimal(-550000)}
    ledger.voucher("20220110", "Driftbidrag FK", ("1930", "600000.03"), ("3511", "-600000.03"))
    ledger.voucher("20220110", "Driftbidrag Region", ("1930", "600000.03"), ("3512", "-600000.03"))
    scenario = tmp_path / "s.toml"
    scenario.write_text(HALF_ORE_SCENARIO, encoding="utf-8")
    target = build(tmp_path / "tak.xlsx", scenario=str(scenario), sie_path=ledger.write(tmp_path))
    cap = rows_by_label(openpyxl.load_workbook(target, data_only=True)["Nyckeltal"])["Tak för eget kapital"][2].value
    assert Decimal(str(cap)) == Decimal("100000.01")
    [recalculated] = recalculate([target], tmp_path / "lo", soffice=soffice)
    assert assert_formulas_match(target, recalculated) > 0
