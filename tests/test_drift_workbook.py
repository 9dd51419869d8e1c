"""The driftsredovisning workbook: layout, live formulas with cached values, marking, LibreOffice."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_budget.actuals import Actuals
from finsam_budget.drift import Thresholds, compute_drift
from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.actuals import read_actuals
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.rules import run_rules
from finsam_budget.writers.drift_workbook import write_drift_workbook
from finsam_budget.writers.print_layout import CONTINUED
from tests.libreoffice import assert_formulas_match, recalculate
from tests.scenario_factory import BASE, replace, write
from tests.strategies import AMOUNT, scenario_texts

DATA = Path(__file__).parent / "data" / "drift"
SCENARIO = DATA / "exempelbygd.toml"
ACTUALS = DATA / "utfall-2022.toml"
GOTLAND = Path("scenarios/gotland-2022.toml")
EXAMPLE = Path("scenarios/exempel-drift-2022.toml")
INTERIM = """\
format = 1
kind = "actuals"
year = 2022
through = "2022-08"
[amounts]
"income.fk" = 2480000
"income.region" = 1240000
"income.kommunerna" = 1240000
"admin.kansli" = 934000
"projects.enter" = 1850000
"projects.nystart" = 12000
[forecast]
"projects.enter" = 2750000
"""
PREVIOUS = """\
format = 1
kind = "actuals"
year = 2021
[amounts]
"income.fk" = 3600000
"admin.kansli" = 1388000
[balances]
closing_equity = 1250000
cash = 1400000
"""


def build(scenario, actuals, target, **kwargs):
    plan = compute_plan(load_scenario(scenario))
    report = compute_drift(plan, read_actuals(actuals), **kwargs)
    findings = [f for f in run_rules(plan) if f.year in (None, report.year)]
    return write_drift_workbook(report, findings, target)


@pytest.fixture(scope="module")
def golden_xlsx(tmp_path_factory):
    return build(SCENARIO, ACTUALS, tmp_path_factory.mktemp("drift") / "golden.xlsx")


@pytest.fixture(scope="module")
def interim_xlsx(tmp_path_factory):
    folder = tmp_path_factory.mktemp("interim")
    (folder / "delar.toml").write_text(INTERIM, encoding="utf-8")
    (folder / "bokslut.toml").write_text(PREVIOUS, encoding="utf-8")
    previous = read_actuals(folder / "bokslut.toml")
    return build(SCENARIO, folder / "delar.toml", folder / "interim.xlsx", previous=previous)


def sheet(path, data_only=False, name="Driftsredovisning"):
    return openpyxl.load_workbook(path, data_only=data_only)[name]


def rows_by_label(ws):
    """Label → row number (1-based); the first row with that label (the summary before the detail)."""
    rows = {}
    for row in ws.iter_rows(min_col=1, max_col=1):
        if isinstance(row[0].value, str):
            rows.setdefault(row[0].value, row[0].row)
    return rows


def headings(ws):
    return [c.value for c in ws[5]]


# --- layout and figures -----------------------------------------------------------


def test_sheets(golden_xlsx):
    assert openpyxl.load_workbook(golden_xlsx).sheetnames == ["Driftsredovisning", "Kontroller"]


def test_summary_block_on_top_with_the_issue_figures(golden_xlsx):
    ws = sheet(golden_xlsx, data_only=True)
    assert headings(ws) == [
        "", "Utfall jan–dec 2022", "Aktuell budget jan–dec 2022", "Avvikelse utfall – budget", "Avvikelse i %",
        "Anmärkning",
    ]
    summary = [[c.value for c in row] for row in ws.iter_rows(min_row=6, max_row=10, max_col=4)]
    assert summary == [
        ["Nettokostnad", 6604369, 7328800, 724431],
        ["Bidrag/Intäkt", 7451423, 7465670, -14247],
        ["Resultat", 847054, 136870, 710184],
        ["Utgående eget kapital", 2097054, 1386870, 710184],
        ["Likvida medel", 2310500, None, None],
    ]


def test_detail_rows_in_order_with_values(golden_xlsx):
    ws = sheet(golden_xlsx, data_only=True)
    labels = [c.value for c in ws["A"][11:] if c.value and not str(c.value).endswith(CONTINUED)]
    assert labels[:8] == [
        "SPECIFIKATION", "INTÄKTER", "Försäkringskassan", "Region Exempel", "Kommunerna", "Summa medlemsbidrag",
        "Försäljning av tjänster", "Summa intäkter",
    ]
    assert labels[labels.index("PROJEKT"):labels.index("PROJEKT") + 6] == [
        "PROJEKT", "Enter", "JobbSam", "IPS Exempelbygd", "Nystart (förstudie)", "Summa projekt",
    ]
    rows = rows_by_label(ws)
    nystart = [c.value for c in ws[rows["Nystart (förstudie)"]]]
    assert nystart[:6] == ["Nystart (förstudie)", 86500, 0, -86500, 0, "ingen budget 2022"]
    styrelsen = [c.value for c in ws[rows["Styrelsen"]]]
    assert styrelsen[:6] == ["Styrelsen", 0, 45000, 45000, 1, "utfall saknas, räknas som 0"]
    assert [c.value for c in ws[rows["Summa kostnader"]]][:4] == ["Summa kostnader", 6604369, 7328800, 724431]


def test_sums_and_deviations_are_formulas(golden_xlsx):
    ws = sheet(golden_xlsx)
    rows = rows_by_label(ws)
    net, income, result = rows["Nettokostnad"], rows["Bidrag/Intäkt"], rows["Resultat"]
    costs = rows["Summa kostnader"]
    assert ws[f"B{net}"].value == f"=B{costs}"
    assert ws[f"B{income}"].value == f"=B{rows['Summa intäkter']}"
    assert ws[f"C{result}"].value == f"=C{income}-C{net}"
    assert ws[f"D{net}"].value == f"=C{net}-B{net}"  # costs: budget − actual
    assert ws[f"D{income}"].value == f"=B{income}-C{income}"  # income: actual − budget
    assert ws[f"E{net}"].value == f"=IF(C{net}=0,0,D{net}/ABS(C{net}))"
    admin = rows["Summa administration"]
    assert ws[f"B{admin}"].value == f"=SUM(B{rows['Förbundschef och administratör']}:B{rows['Styrelsen']})"
    assert ws[f"B{costs}"].value == f"=B{admin}+B{rows['Summa utvecklingsinsatser']}+B{rows['Summa projekt']}"
    assert ws[f"C{rows['Utgående eget kapital']}"].value == f"=1250000+C{result}"
    assert ws[f"B{rows['Utgående eget kapital']}"].value == 2097054  # given in the file: a value


def test_deviation_share_cached_and_guarded(golden_xlsx):
    ws = sheet(golden_xlsx, data_only=True)
    rows = rows_by_label(ws)
    assert ws[f"E{rows['Försäljning av tjänster']}"].value == pytest.approx(-14247 / 25670, abs=1e-12)
    assert ws[f"E{rows['Nystart (förstudie)']}"].value == 0  # no budget: the IF's 0, shown as a dash
    assert ws[f"E{rows['Nystart (förstudie)']}"].number_format == '[$-41D]#,##0 %;-#,##0 %;"–"'


def test_conditional_formatting_marks_unfavourable_deviations(golden_xlsx):
    ws = sheet(golden_xlsx)
    rows = rows_by_label(ws)
    share_row, amount_row = rows["Markeringsgräns: andel av budgeten"], rows["Markeringsgräns: belopp i kronor"]
    assert ws[f"B{share_row}"].value == 0.1 and ws[f"B{amount_row}"].value == 50000
    ranges = {str(r.sqref): r.rules for r in ws.conditional_formatting}
    covered = set()
    for sqref, rules in ranges.items():
        assert sqref.startswith("D")
        [rule] = rules
        first = sqref.split(":")[0]
        assert rule.formula == [
            f"AND({first}<0,-{first}>$B${amount_row},IF($C{first[1:]}=0,TRUE,-{first}/ABS($C{first[1:]})>$B${share_row}))"
        ]
        start, _, end = sqref.partition(":")
        covered |= set(range(int(start[1:]), int((end or start)[1:]) + 1))
    for label in ("Nettokostnad", "Resultat", "Styrelsen", "Nystart (förstudie)", "Summa kostnader"):
        assert rows[label] in covered, label
    for label in ("Utgående eget kapital", "Likvida medel", "PROJEKT"):
        assert rows[label] not in covered, label


def test_layout_print_and_freeze(golden_xlsx):
    ws = sheet(golden_xlsx)
    assert ws.freeze_panes == "B6"
    assert ws.print_title_rows == "$5:$5"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert "Driftsredovisning 2022" in ws.oddHeader.center.text


def test_kontroller_lists_the_missing_actual_and_the_years_findings(golden_xlsx):
    ws = sheet(golden_xlsx, name="Kontroller")
    assert [c.value for c in ws[5]][:4] == ["Allvar", "Källa", "År", "Meddelande"]
    entries = [[c.value for c in row] for row in ws.iter_rows(min_row=6)]
    assert entries[0][:2] == ["Varning", "utfall-2022.toml"]
    assert "admin.styrelsen (Styrelsen)" in entries[0][3]
    assert all(e[2] != 2023 for e in entries)  # the 2023 balance error is not this year's
    assert any(e[1:3] == ["regel equity-cap", 2022] for e in entries)
    # projects.nystart: 86 500 kr spent, no budget in 2022: beyond the 50 000 kr threshold
    marked = [e for e in entries if e[1] == "avvikelse"]
    assert [(e[0], e[2]) for e in marked] == [("Info", 2022)]  # listed apart from the counted findings
    assert marked[0][3].replace("\xa0", " ").replace("\u2060", "").startswith("Nystart (förstudie): avvikelsen -86 500 kr är ogynnsam")
    assert ws["A3"].value == "0 fel, 1 varning, 3 info"  # the terminal's words (labels.counts_text)


def test_a_marked_deviation_carries_its_finding_as_a_comment(golden_xlsx):
    ws = sheet(golden_xlsx)
    row = rows_by_label(ws)["Nystart (förstudie)"]
    comments = {cell.coordinate: cell.comment.text for line in ws.iter_rows() for cell in line if cell.comment}
    assert list(comments) == [f"D{row}"]  # the deviation, the one cell beyond both thresholds
    assert comments[f"D{row}"].replace("\u2060", "").startswith("Nystart (förstudie): avvikelsen -86\xa0500 kr är ogynnsam")


def test_interim_columns_and_estimated_forecast_formula(interim_xlsx):
    ws = sheet(interim_xlsx)
    assert headings(ws)[1:9] == [
        "Utfall jan–aug 2022", "Aktuell budget jan–dec 2022", "Avvikelse utfall – budget", "Avvikelse i %",
        "Prognos helår 2022", "Avvikelse prognos – budget", "Bokslut helår 2021", "Anmärkning",
    ]
    rows = rows_by_label(ws)
    kansli = rows["Förbundschef och administratör"]
    # actual + 4/12 of the budget rounded to the krona, in öre so that a half krona rounds as the engine
    assert ws[f"F{kansli}"].value == f"=B{kansli}+ROUND(ROUND(C{kansli}*100,0)*1/3,-2)/100"
    assert ws[f"G{kansli}"].value == f"=C{kansli}-F{kansli}"
    assert ws[f"F{rows['Enter']}"].value == 2750000  # given in [forecast]
    assert ws[f"H{kansli}"].value == 1388000
    cached = sheet(interim_xlsx, data_only=True)
    assert cached[f"F{kansli}"].value == 934000 + 483333
    assert cached[f"I{kansli}"].value == "prognosen uppskattad"
    assert {str(r.sqref)[0] for r in ws.conditional_formatting} == {"G"}  # the forecast's deviation
    notes = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("Prognos helår:")]
    assert notes and "utfall jan–aug + återstående budget (4/12" in notes[0]


def test_interim_closing_equity_forecast(interim_xlsx):
    ws = sheet(interim_xlsx)
    rows = rows_by_label(ws)
    equity, result = rows["Utgående eget kapital"], rows["Resultat"]
    # Opening equity from last year's bokslut: 1 250 000.
    assert ws[f"B{equity}"].value == f"=1250000+B{result}"
    assert ws[f"D{equity}"].value is None  # no deviation for a part-year balance
    assert ws[f"F{equity}"].value == f"=B{equity}+F{result}-B{result}"
    assert ws[f"H{equity}"].value == 1250000 and ws[f"H{rows['Likvida medel']}"].value == 1400000


PROFILED = """\
format = 1
federation = "Samordningsförbundet Test"
title = "Budget 2022"
years = [2022]
budget_year = 2022

[members.fk]
name = "Försäkringskassan"
share = 1

[income.fk]
name = "Försäkringskassan"
member = "fk"
amounts = { 2022 = 1200000 }

[equity]
opening = { 2022 = 300000 }
reserve = { 2022 = 200000 }

[admin.kansli]
name = "Kansli"
quarters = { 2022 = [210000, 230000, 180000, 230000] }

[projects.kort]
name = "Kort projekt"
period = { start = 2022-03-01, end = 2022-06-30 }
amounts = { 2022 = 150000 }
"""
PROFILED_ACTUALS = """\
format = 1
kind = "actuals"
year = 2022
through = "2022-08"
[amounts]
"income.fk" = 800000
"admin.kansli" = 500000
"projects.kort" = 140000
"""


@pytest.fixture(scope="module")
def profiled_xlsx(tmp_path_factory):
    folder = tmp_path_factory.mktemp("profiled")
    (folder / "utfall.toml").write_text(PROFILED_ACTUALS, encoding="utf-8")
    return build(write(folder, PROFILED), folder / "utfall.toml", folder / "profiled.xlsx")


def test_interim_forecast_of_a_line_with_quarters_follows_them(profiled_xlsx):
    ws = sheet(profiled_xlsx)
    rows = rows_by_label(ws)
    kansli, kort, fk = rows["Kansli"], rows["Kort projekt"], rows["Försäkringskassan"]
    assert ws[f"F{kansli}"].value == f"=B{kansli}+290000"  # 1/3 of Q3 + Q4
    assert ws[f"F{kort}"].value == f"=B{kort}+0"  # the project ended in June
    assert ws[f"F{fk}"].value == f"=B{fk}+ROUND(ROUND(C{fk}*100,0)*1/3,-2)/100"  # no profile: pro rata
    cached = sheet(profiled_xlsx, data_only=True)
    assert cached[f"F{kansli}"].value == 790000 and cached[f"F{kort}"].value == 140000
    assert cached[f"H{kansli}"].value == "prognosen uppskattad (återstående budget enligt radens kvartal)"
    assert cached[f"H{kort}"].value == "prognosen uppskattad (återstående budget enligt projektets period)"
    kontroller = [(row[3] or "").replace("\xa0", " ")
                  for row in sheet(profiled_xlsx, name="Kontroller").iter_rows(min_row=6, values_only=True)]
    assert any("admin.kansli (Kansli): ingen prognos i filen; prognosen är utfall jan–aug + budgeten för sep–dec "
               "enligt radens kvartal (290 000 kr)" in (m or "") for m in kontroller)


def test_no_cash_row_when_no_file_gives_cash(profiled_xlsx):
    ws = sheet(profiled_xlsx, data_only=True)
    labels = [c.value for c in ws["A"] if c.value]
    assert "Likvida medel" not in labels
    summary = [row[0] for row in ws.iter_rows(min_row=6, max_row=9, max_col=1, values_only=True)]
    assert summary == ["Nettokostnad", "Bidrag/Intäkt", "Resultat", "Utgående eget kapital"]
    assert not any("[balances]" in str(c.value) for row in ws.iter_rows() for c in row)


def test_kontroller_lists_errors_then_warnings_then_info(tmp_path):
    scenario = write(tmp_path, replace("2022 = 1200000", "2022 = 3200000", BASE))  # a balance error in 2022
    actuals = tmp_path / "u.toml"
    actuals.write_text('format = 1\nkind = "actuals"\nyear = 2022\n[amounts]\n"income.fk" = 1000000\n', "utf-8")
    target = build(scenario, actuals, tmp_path / "k.xlsx")
    severities = [row[0] for row in sheet(target, name="Kontroller").iter_rows(min_row=6, values_only=True)
                  if not str(row[3]).endswith(CONTINUED)]  # not a page's repeated heading
    assert {"Fel", "Varning", "Info"} <= set(severities)
    assert severities == sorted(severities, key=["Fel", "Varning", "Info"].index)


# --- text, bytes, öre -----------------------------------------------------------


def test_formula_looking_text_from_files_stays_text(tmp_path):
    text = (SCENARIO.read_text(encoding="utf-8")
            .replace('name = "Revision"', 'name = "=HYPERLINK(\\"http://x\\")"')
            .replace('name = "Enter"', 'name = "+1"')
            .replace('federation = "Samordningsförbundet Exempelbygd"', 'federation = "@SUM(A1)"'))
    actuals = tmp_path / "=SUM(A1).toml"  # the file name is shown in Kontroller
    actuals.write_bytes(ACTUALS.read_bytes())
    target = build(write(tmp_path, text, "s.toml"), actuals, tmp_path / "t.xlsx")
    ws = sheet(target)
    found = {c.value: c.data_type for row in ws.iter_rows() for c in row
             if c.value in ('=HYPERLINK("http://x")', "+1", "@SUM(A1)")}
    assert found == {'=HYPERLINK("http://x")': "s", "+1": "s", "@SUM(A1)": "s"}
    kontroller = sheet(target, name="Kontroller")
    assert kontroller["B6"].value == "=SUM(A1).toml" and kontroller["B6"].data_type == "s"


def test_same_input_same_bytes(tmp_path):
    first = build(SCENARIO, ACTUALS, tmp_path / "a.xlsx").read_bytes()
    assert build(SCENARIO, ACTUALS, tmp_path / "b.xlsx").read_bytes() == first


def test_ore_amounts_get_an_ore_format(tmp_path):
    text = ACTUALS.read_text(encoding="utf-8").replace('"income.forsaljning" = 11423', '"income.forsaljning" = "11423.50"')
    actuals = tmp_path / "u.toml"
    actuals.write_text(text, encoding="utf-8")
    ws = sheet(build(SCENARIO, actuals, tmp_path / "o.xlsx"))
    assert ws[f"B{rows_by_label(ws)['Försäljning av tjänster']}"].number_format == "[$-41D]#,##0.00"
    assert sheet(build(SCENARIO, ACTUALS, tmp_path / "w.xlsx"))["B6"].number_format == "[$-41D]#,##0"


def test_thresholds_are_written_as_given(tmp_path):
    plan = compute_plan(load_scenario(SCENARIO))
    report = compute_drift(plan, read_actuals(ACTUALS), thresholds=Thresholds(Decimal("0.075"), Decimal(12500)))
    ws = sheet(write_drift_workbook(report, [], tmp_path / "t.xlsx"))
    rows = rows_by_label(ws)
    assert ws[f"B{rows['Markeringsgräns: andel av budgeten']}"].value == 0.075
    assert ws[f"B{rows['Markeringsgräns: belopp i kronor']}"].value == 12500


# --- LibreOffice recalculates and agrees ------------------------------------------------


def test_libreoffice_recalculates_the_example_and_the_golden_years(
    golden_xlsx, interim_xlsx, profiled_xlsx, soffice, tmp_path
):
    example = build(GOTLAND, EXAMPLE, tmp_path / "example.xlsx")
    # From SIE, with the rows of accounts no line lists, and a bokslut from the same file.
    from finsam_budget.drift.sie_actuals import read_actuals_for

    scenario = load_scenario("scenarios/exempel-bokslut-2022.toml")
    sie_report = compute_drift(
        compute_plan(scenario),
        read_actuals_for("scenarios/exempel-bokslut-2022.se", scenario),
        previous=read_actuals_for("scenarios/exempel-bokslut-2022.se", scenario, year=2021, role="bokslut"),
    )
    assert sie_report.other_costs
    sie = write_drift_workbook(sie_report, [], tmp_path / "sie.xlsx")
    files = [example, golden_xlsx, interim_xlsx, profiled_xlsx, sie]
    recalculated = recalculate(files, tmp_path / "lo", soffice=soffice)
    counts = [assert_formulas_match(original, again) for original, again in zip(files, recalculated, strict=True)]
    assert counts[0] >= 80 and all(count > 0 for count in counts)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=scenario_texts(max_lines=3), data=st.data())
def test_libreoffice_recalculates_generated_reports(soffice, text, data):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        plan = compute_plan(load_scenario(write(folder, text)))
        year = data.draw(st.sampled_from(plan.scenario.years))
        lines = [line.key for line in plan.scenario.lines()]
        named = data.draw(st.lists(st.sampled_from(lines), unique=True)) if lines else []
        through = data.draw(st.sampled_from([None, 3, 8]))
        actuals = Actuals(
            source="utfall.toml",
            year=year,
            through=None if through is None else (year, through),
            amounts={key: data.draw(AMOUNT) for key in named},
            rows={key: None for key in named},
        )
        report = compute_drift(plan, actuals)
        target = write_drift_workbook(report, run_rules(plan), folder / "drift.xlsx")
        [recalculated] = recalculate([target], folder / "lo", soffice=soffice)
        assert assert_formulas_match(target, recalculated) > 0


# An interim report through June: 6/12 of an odd budget in kronor is exactly half a krona,
# which the engine rounds up (half away from zero) and the workbook's formula must too.
HALF = """\
format = 1
federation = "Samordningsförbundet Halv"
title = "Budget 2022"
years = [2022]
budget_year = 2022

[members.fk]
name = "Försäkringskassan"
share = 1

[income.fk]
name = "Försäkringskassan"
member = "fk"
amounts = { 2022 = 1200001 }

[equity]
opening = { 2022 = 300000 }
reserve = { 2022 = 200000 }

[admin.kansli]
name = "Kansli"
amounts = { 2022 = 900003 }

[projects.ett]
name = "Projekt ett"
amounts = { 2022 = "100001.50" }
"""
HALF_ACTUALS = """\
format = 1
kind = "actuals"
year = 2022
[amounts]
"income.fk" = 600000
"admin.kansli" = 450000
"projects.ett" = "50000.25"
"""


def test_libreoffice_rounds_a_half_krona_forecast_as_the_engine(soffice, tmp_path):
    from click.testing import CliRunner

    from finsam_budget.cli import main

    (tmp_path / "utfall.toml").write_text(HALF_ACTUALS, encoding="utf-8")
    scenario = write(tmp_path, HALF)
    target = tmp_path / "halv.xlsx"
    result = CliRunner().invoke(
        main, ["drift", str(scenario), "--actuals", str(tmp_path / "utfall.toml"), "--through", "2022-06",
               "-o", str(target)]
    )
    assert result.exit_code in (0, 1), result.output
    ws, cached = sheet(target), sheet(target, data_only=True)
    rows = rows_by_label(ws)
    assert headings(ws)[5] == "Prognos helår 2022"
    fk, kansli, ett = rows["Försäkringskassan"], rows["Kansli"], rows["Projekt ett"]
    assert ws[f"F{fk}"].value == f"=B{fk}+ROUND(ROUND(C{fk}*100,0)*1/2,-2)/100"
    # 1 200 001 / 2 = 600 000,5 → 600 001; 900 003 / 2 = 450 001,5 → 450 002; 100 001,50 / 2 = 50 000,75 → 50 001
    assert cached[f"F{fk}"].value == 600000 + 600001
    assert cached[f"F{kansli}"].value == 450000 + 450002
    assert cached[f"F{ett}"].value == 50000.25 + 50001
    [recalculated] = recalculate([target], tmp_path / "lo", soffice=soffice)
    assert assert_formulas_match(target, recalculated) > 0
    again = sheet(recalculated, data_only=True)
    assert [again[f"F{r}"].value for r in (fk, kansli, ett)] == [1200001, 900002, 100001.25]
