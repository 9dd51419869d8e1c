"""`finsam-budget drift` through click's CliRunner: every input format, good and bad; exit codes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from finsam_budget.cli import main
from finsam_budget.readers.actuals import read_actuals
from tests.scenario_factory import BASE, replace, write

DATA = Path(__file__).parent / "data" / "drift"
SCENARIO = str(DATA / "exempelbygd.toml")
ACTUALS = DATA / "utfall-2022.toml"
GOTLAND = "scenarios/gotland-2022.toml"
EXAMPLE = "scenarios/exempel-drift-2022.toml"

SUMMARY = [
    "Nettokostnad                     6 604 369                    7 328 800                    724 431",
    "Bidrag/Intäkt                    7 451 423                    7 465 670                    -14 247",
    "Resultat                           847 054                      136 870                    710 184",
]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def drift(tmp_path, actuals, *more):
    return run("drift", SCENARIO, "--actuals", actuals, "-o", tmp_path / "ut.xlsx", *more)


def amounts():
    """The golden actuals as (line, amount) pairs, for writing them as CSV and xlsx."""
    return [(line, int(amount)) for line, amount in read_actuals(ACTUALS).amounts.items()]


def swedish(amount: int) -> str:
    return f"{amount:,}".replace(",", " ")


def xlsx(tmp_path, rows, name="utfall.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(tmp_path / name)
    return tmp_path / name


# --- good files, every format -------------------------------------------------------


def test_toml_actuals_print_the_summary_and_write_the_workbook(tmp_path):
    result = drift(tmp_path, ACTUALS)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Samordningsförbundet Exempelbygd: Driftsredovisning 2022 (budget: Budget 2022 med plan 2023)"
    assert "Utfall jan–dec 2022  Aktuell budget jan–dec 2022  Avvikelse utfall – budget" in lines[1]
    for expected in SUMMARY:
        assert expected in lines
    assert "  Nystart (förstudie): -86 500 kr" in lines
    assert any(line.startswith("Varning: ") and "admin.styrelsen" in line for line in lines)
    assert lines[-1] == f"Skrev {tmp_path / 'ut.xlsx'}"
    assert (tmp_path / "ut.xlsx").is_file()


def test_csv_actuals_excel_style_give_the_same_report(tmp_path):
    text = "Rad;Belopp;Kommentar\r\n" + "".join(f"{line};{swedish(a)};kontrollerad\r\n" for line, a in amounts())
    path = tmp_path / "utfall.csv"
    path.write_bytes(text.encode("cp1252"))
    result = drift(tmp_path, path, "--year", 2022)
    assert result.exit_code == 0, result.output
    for expected in SUMMARY:
        assert expected in result.output


def test_xlsx_actuals_give_the_same_report(tmp_path):
    path = xlsx(tmp_path, [["Utfall 2022"], [], ["line", "amount"], *[[line, a] for line, a in amounts()]])
    result = drift(tmp_path, path)
    assert result.exit_code == 0, result.output
    for expected in SUMMARY:
        assert expected in result.output


def test_shipped_example(tmp_path):
    result = run("drift", GOTLAND, "--actuals", EXAMPLE, "-o", tmp_path / "g.xlsx")
    assert result.exit_code == 0, result.output
    assert "Nettokostnad                     4 317 119                    4 414 980                     97 861" in result.output
    assert "  Hälsobalans: -63 900 kr" in result.output
    assert "admin.lon (Inköpta tjänster: lönehantering) har budget 6 000 kr men inget utfall" in result.output


def test_default_output_is_named_after_scenario_and_year(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("drift", SCENARIO, "--actuals", ACTUALS)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "workbooks" / "exempelbygd-drift-2022.xlsx").is_file()


def test_default_output_of_an_interim_report_is_named_after_its_month(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "delar.csv"
    path.write_text("line;amount\nincome.fk;2480000\n", encoding="utf-8")
    result = run("drift", SCENARIO, "--actuals", path, "--through", "2022-08")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "workbooks" / "exempelbygd-drift-2022-08.xlsx").is_file()
    assert not (tmp_path / "workbooks" / "exempelbygd-drift-2022.xlsx").exists()
    assert result.output.splitlines()[-1] == f"Skrev {Path('workbooks', 'exempelbygd-drift-2022-08.xlsx')}"


def test_interim_csv_with_through_and_a_forecast_column(tmp_path):
    path = tmp_path / "delar.csv"
    path.write_text("line,amount,prognos\nincome.fk,2480000,3720000\nadmin.kansli,\"934 000\",\n", encoding="utf-8")
    result = drift(tmp_path, path, "--through", "2022-08")
    assert result.exit_code == 0, result.output
    assert "Utfall jan–aug 2022" in result.output and "Prognos helår 2022" in result.output
    assert "utfall jan–aug + återstående budget (4/12" in result.output


def test_previous_year_column(tmp_path):
    previous = tmp_path / "bokslut-2021.csv"
    previous.write_text("line;amount\nincome.fk;3600000\nadmin.kansli;1 388 000\n", encoding="utf-8")
    result = drift(tmp_path, ACTUALS, "--previous", previous)
    assert result.exit_code == 0, result.output
    assert "Bokslut helår 2021" in result.output.splitlines()[1]


def test_thresholds_options_change_what_is_marked(tmp_path):
    result = drift(tmp_path, ACTUALS, "--threshold-percent", "5", "--threshold-amount", "10 000")
    assert result.exit_code == 0, result.output
    assert "(mer än 5 % av budgeten och mer än 10 000 kr)" in result.output
    assert "  Utvärdering och uppföljning: -22 500 kr, -15 %" in result.output


# --- bad files: exit 2 with the file and the row or key ---------------------------------------


def test_toml_unknown_line_exit_2_names_the_key(tmp_path):
    path = tmp_path / "utfall.toml"
    text = ACTUALS.read_text(encoding="utf-8").replace('"projects.jobbsam"', '"projects.jobsam"')
    path.write_text(text, "utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith('"projects.jobsam"'))
    result = drift(tmp_path, path)
    assert result.exit_code == 2
    # FIL:RAD: the line of the key, as for every other problem of a TOML file
    assert f'Fel: {path}:{line}: [amounts]."projects.jobsam": raden projects.jobsam finns inte' in result.output
    assert "menade du projects.jobbsam?" in result.output
    assert not (tmp_path / "ut.xlsx").exists()


def test_toml_non_numeric_amount_exit_2(tmp_path):
    path = tmp_path / "utfall.toml"
    path.write_text(ACTUALS.read_text(encoding="utf-8").replace("= 58750", '= "abc"'), "utf-8")
    result = drift(tmp_path, path)
    assert result.exit_code == 2
    assert f'Fel: {path}:13: [amounts]."admin.revision": väntade ett belopp i kronor, fick "abc"' in result.output


def test_csv_unknown_line_exit_2_names_the_row(tmp_path):
    path = tmp_path / "utfall.csv"
    path.write_text("line;amount\nincome.fk;3720000\nadmin.kaffe;1200\n", encoding="utf-8")
    result = drift(tmp_path, path)
    assert result.exit_code == 2
    assert f"Fel: {path}: rad 3: raden admin.kaffe finns inte i scenariot exempelbygd.toml" in result.output


def test_csv_bad_amount_exit_2_names_the_row(tmp_path):
    path = tmp_path / "utfall.csv"
    path.write_text("line;amount\nincome.fk;3720000\nadmin.kansli;tolv\n", encoding="utf-8")
    result = drift(tmp_path, path)
    assert result.exit_code == 2
    assert f'Fel: {path}: rad 3: amount: väntade ett belopp i kronor, fick "tolv"' in result.output


def test_csv_every_problem_in_one_pass_unknown_lines_and_bad_amounts_together(tmp_path):
    path = tmp_path / "utfall.csv"
    path.write_text(
        "line;amount\nincome.fk;3720000\nadmin.kaffe;100\nadmin.kansli;tolv\nKaffe;5\nprojects.okand;x\n",
        encoding="utf-8",
    )
    result = drift(tmp_path, path)
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Fel: ")]
    assert [line.split(": ")[2] for line in errors] == ["rad 3", "rad 4", "rad 5", "rad 6", "rad 6"]
    assert f"Fel: {path}: rad 3: raden admin.kaffe finns inte i scenariot" in result.output
    assert f'Fel: {path}: rad 4: amount: väntade ett belopp i kronor, fick "tolv"' in result.output
    assert f'Fel: {path}: rad 5: line: "Kaffe" är inget rad-id' in result.output
    assert f"Fel: {path}: rad 6: raden projects.okand finns inte i scenariot" in result.output


def test_toml_every_problem_in_one_pass(tmp_path):
    path = tmp_path / "utfall.toml"
    text = ACTUALS.read_text(encoding="utf-8").replace('"projects.jobbsam"', '"projects.jobsam"')
    path.write_text(text.replace("= 58750", '= "abc"'), "utf-8")
    result = drift(tmp_path, path)
    assert result.exit_code == 2
    assert '[amounts]."admin.revision": väntade ett belopp i kronor, fick "abc"' in result.output
    assert '[amounts]."projects.jobsam": raden projects.jobsam finns inte i scenariot' in result.output


def test_previous_in_one_pass_names_its_figures_bokslut(tmp_path):
    previous = tmp_path / "bokslut.csv"
    previous.write_text("line;amount\nadmin.kaffe;1\nadmin.kansli;x\n", encoding="utf-8")
    result = drift(tmp_path, ACTUALS, "--previous", previous)
    assert result.exit_code == 2
    assert "rad 2: raden admin.kaffe finns inte i scenariot exempelbygd.toml; bokslut kan bara anges" in result.output
    assert "rad 3: amount" in result.output


def test_csv_accounting_dashes_and_a_total_row_give_the_report_with_a_warning(tmp_path):
    rows = [(line, swedish(a) if a else "-") for line, a in amounts()] + [("Summa", "15 000 000")]
    path = tmp_path / "utfall.csv"
    path.write_text("line;amount\n" + "".join(f"{line};{a}\n" for line, a in rows), encoding="utf-8")
    result = drift(tmp_path, path, "--year", 2022)
    assert result.exit_code == 0, result.output
    for expected in SUMMARY:
        assert expected in result.output
    total_row = len(rows) + 1
    assert f'Varning: {path}: rad {total_row}: line: "Summa" ser ut som en summarad och hoppas över' in result.output
    kontroller = openpyxl.load_workbook(tmp_path / "ut.xlsx")["Kontroller"]
    assert any(row[1] == f"utfall.csv: rad {total_row}: line" for row in kontroller.iter_rows(values_only=True))


def test_a_total_row_that_is_not_a_total_stays_an_error(tmp_path):
    path = tmp_path / "utfall.csv"
    path.write_text("line;amount\nincome.fk;1\nSum;2\n", encoding="utf-8")
    result = drift(tmp_path, path)
    assert result.exit_code == 2 and 'rad 3: line: "Sum" är inget rad-id' in result.output


def test_every_warning_reads_varning_first(tmp_path):
    result = run("drift", "scenarios/exempel-bokslut-2022.toml", "--actuals", "scenarios/exempel-bokslut-2022.se",
                 "-o", tmp_path / "d.xlsx")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "varning:" in line.lower()]
    assert len(warnings) == 1 and warnings[0].startswith("Varning: scenarios/exempel-bokslut-2022.se: 2 resultatkonton")


def test_xlsx_duplicate_and_unknown_lines_exit_2_names_the_rows(tmp_path):
    path = xlsx(tmp_path, [["line", "amount"], ["income.fk", 3720000], ["income.fk", 1], ["admin.kaffe", 5]])
    result = drift(tmp_path, path)
    assert result.exit_code == 2
    assert f"Fel: {path}: rad 3: line: raden income.fk finns redan på rad 2" in result.output


def test_xlsx_unknown_line_exit_2_names_the_row(tmp_path):
    path = xlsx(tmp_path, [["line", "amount"], ["income.fk", 3720000], ["admin.kaffe", 5]])
    result = drift(tmp_path, path)
    assert result.exit_code == 2
    assert f"Fel: {path}: rad 3: raden admin.kaffe finns inte i scenariot" in result.output


def test_bad_previous_exit_2(tmp_path):
    previous = tmp_path / "bokslut.toml"
    previous.write_text('format = 1\nkind = "actuals"\nyear = 2020\n[amounts]\n"income.fk" = 1\n', "utf-8")
    result = drift(tmp_path, ACTUALS, "--previous", previous)
    assert result.exit_code == 2
    assert f"Fel: {previous}:3: year: filen gäller år 2020, men år 2021 angavs" in result.output


def test_both_files_bad_are_reported_together(tmp_path):
    bad = tmp_path / "utfall.csv"
    bad.write_text("line;amount\nincome.fk;x\n", encoding="utf-8")
    result = drift(tmp_path, bad, "--previous", tmp_path / "saknas.toml")
    assert result.exit_code == 2
    assert "rad 2: amount" in result.output and "saknas.toml: filen finns inte" in result.output


def test_sie_actuals_need_a_scenario_with_accounts(tmp_path):
    result = drift(tmp_path, "scenarios/exempel-bokslut-2022.se")  # Gotland's lines list no accounts
    assert result.exit_code == 2 and "ingen rad i scenariot har accounts" in result.output


def test_an_sie_file_without_a_year_is_exit_2(tmp_path):
    path = tmp_path / "bokforing.se"
    path.write_text("#FLAGGA 0\n", encoding="utf-8")
    result = drift(tmp_path, path)
    assert result.exit_code == 2 and "varken #IB, #UB, #RES eller #VER" in result.output


def test_year_the_scenario_lacks_exit_2(tmp_path):
    path = tmp_path / "utfall.csv"
    path.write_text("line;amount\nincome.fk;1\n", encoding="utf-8")
    result = drift(tmp_path, path, "--year", 2030)
    assert result.exit_code == 2 and "ingen budget för 2030" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["--threshold-percent", "tio"],
        ["--threshold-amount", "-5"],
        ["--through", "2022-13"],
    ],
)
def test_bad_options_exit_2(tmp_path, args):
    result = drift(tmp_path, ACTUALS, *args)
    assert result.exit_code == 2
    assert "Invalid value" in result.output or "Ogiltigt" in result.output


def test_missing_actuals_option_exit_2():
    assert run("drift", SCENARIO).exit_code == 2


def test_invalid_scenario_exit_2(tmp_path):
    scenario = write(tmp_path, replace("2021 = 600000", "2021 = 1.5"))
    result = run("drift", scenario, "--actuals", ACTUALS, "-o", tmp_path / "ut.xlsx")
    assert result.exit_code == 2 and not (tmp_path / "ut.xlsx").exists()


def test_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "ut.xlsx"
    target.write_bytes(b"tidigare")
    assert drift(tmp_path, ACTUALS).exit_code == 2 and target.read_bytes() == b"tidigare"
    assert drift(tmp_path, ACTUALS, "--force").exit_code == 0


# --- exit code 1 ------------------------------------------------------------------------


def test_rule_errors_of_other_years_do_not_count(tmp_path):
    # exempelbygd's plan overspends in 2023 (a `balance` error); the report is for 2022.
    assert drift(tmp_path, ACTUALS).exit_code == 0


def test_rule_error_in_the_reported_year_exit_1(tmp_path):
    scenario = write(tmp_path, replace("2022 = 1200000", "2022 = 3200000", BASE))
    actuals = tmp_path / "u.csv"
    actuals.write_text("line;amount\nincome.fk;1000000\n", encoding="utf-8")
    result = run("drift", scenario, "--actuals", actuals, "-o", tmp_path / "ut.xlsx")
    assert result.exit_code == 1, result.output
    assert "FEL      balance  2022  Utrymmet för ny verksamhet är negativt" in result.output
    assert "Scenariots kontroller för 2022: 2 fel" in result.output
    assert (tmp_path / "ut.xlsx").is_file()


def test_terminal_lists_errors_before_warnings(tmp_path):
    scenario = write(tmp_path, replace("2022 = 1200000", "2022 = 3200000", BASE))
    actuals = tmp_path / "u.csv"
    actuals.write_text("line;amount\nincome.fk;1000000\n", encoding="utf-8")
    lines = run("drift", scenario, "--actuals", actuals, "-o", tmp_path / "ut.xlsx").output.splitlines()
    kinds = [("fel" if line.startswith("FEL") else "varning") for line in lines
             if line.startswith(("FEL", "VARNING", "Varning:"))]
    assert "fel" in kinds and "varning" in kinds
    assert kinds == sorted(kinds, key=["fel", "varning"].index)


def test_strict_makes_a_missing_actual_exit_1(tmp_path):
    assert drift(tmp_path, ACTUALS, "--strict").exit_code == 1


def test_readme_shows_the_examples_output(tmp_path):
    result = run("drift", GOTLAND, "--actuals", EXAMPLE, "-o", tmp_path / "g.xlsx")
    printed = result.output.splitlines()[:-1]  # all but "Skrev …", whose path differs
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "\n".join(printed) + "\nSkrev workbooks/gotland-2022-drift-2022.xlsx\n" in readme


def test_the_same_sie_file_as_actuals_and_previous_gives_each_warning_once(tmp_path):
    scenario = tmp_path / "s.toml"
    text = Path("scenarios/exempel-bokslut-2022.toml").read_text(encoding="utf-8")
    scenario.write_text(text + '\n[projects.nya]\nname = "Nytt projekt"\namounts = { 2022 = 1000 }\n', encoding="utf-8")
    sie = "scenarios/exempel-bokslut-2022.se"
    target = tmp_path / "d.xlsx"
    result = run("drift", scenario, "--actuals", sie, "--previous", sie, "-o", target)
    assert result.exit_code in (0, 1), result.output
    assert result.output.count("scenariorader utan konton") == 1
    sheet = openpyxl.load_workbook(target)["Kontroller"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert sum("scenariorader utan konton" in c for c in cells) == 1
