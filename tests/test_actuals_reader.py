"""Reading actuals (utfall) from TOML, CSV and xlsx: good files, bad files, hostile files."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import signal
import sys
import tempfile
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam_budget.actuals import Actuals
from finsam_budget.problems import InputError, Problem
from finsam_budget.readers import text_table, xlsx_table
from finsam_budget.readers.actuals import ACTUALS_SUFFIXES, read_actuals

GOOD_TOML = """\
format = 1
kind = "actuals"
year = 2020
[amounts]
"income.fk" = 3340000
"admin.kansli" = "1399148.50"
"projects.enter" = 2705179
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(path: Path, **kwargs) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        read_actuals(path, **kwargs)
    problems = caught.value.problems
    assert problems, "an InputError must carry at least one problem"
    for problem in problems:
        assert problem.file == str(path)
        assert str(problem).startswith(str(path))
    return problems


def only_problem(path: Path, **kwargs) -> Problem:
    problems = problems_of(path, **kwargs)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def toml_with(body: str, header: str = 'format = 1\nkind = "actuals"\nyear = 2020\n') -> str:
    return header + body


def xlsx(tmp_path: Path, rows: list[list[object]], name: str = "utfall.xlsx") -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def rewrite_zip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, replace.get(info.filename, old.read(info.filename)))
    return target


@pytest.fixture
def deadline():
    """Fail instead of hanging when a hostile file makes a reader spin."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def timeout(signum, frame):
        raise TimeoutError("the reader took more than 20 s")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- the model ---------------------------------------------------------------


def test_actuals_cannot_be_changed(tmp_path):
    actuals = read_actuals(write(tmp_path, "utfall.toml", GOOD_TOML))
    with pytest.raises(dataclasses.FrozenInstanceError):
        actuals.year = 2021  # type: ignore[misc]
    with pytest.raises(TypeError):
        actuals.amounts["income.fk"] = Decimal(0)  # type: ignore[index]


def test_actuals_copies_the_mappings_it_is_given():
    amounts = {"income.fk": Decimal(1)}
    actuals = Actuals(source="x", year=2020, through=None, amounts=amounts)
    amounts["admin.kansli"] = Decimal(2)
    assert list(actuals.amounts) == ["income.fk"]


def test_actuals_suffixes_cover_every_format():
    assert {".toml", ".csv", ".txt", ".xlsx", ".xlsm", ".se", ".si"} <= set(ACTUALS_SUFFIXES)


# --- TOML: good files --------------------------------------------------------


def test_toml_amounts_keep_file_order_and_are_decimals(tmp_path):
    actuals = read_actuals(write(tmp_path, "utfall.toml", GOOD_TOML))
    assert list(actuals.amounts.items()) == [
        ("income.fk", Decimal("3340000")),
        ("admin.kansli", Decimal("1399148.50")),
        ("projects.enter", Decimal("2705179")),
    ]
    assert actuals.year == 2020
    assert actuals.through is None
    assert actuals.source == str(tmp_path / "utfall.toml")
    assert actuals.rows == {"income.fk": None, "admin.kansli": None, "projects.enter": None}


def test_toml_through_forecast_and_balances(tmp_path):
    text = toml_with(
        'through = "2020-08"\n'
        '[amounts]\n"income.fk" = 2226667\n'
        '[forecast]\n"income.fk" = 3340000\n'
        '[balances]\nclosing_equity = "1828177.25"\ncash = 2100000\n'
    )
    actuals = read_actuals(write(tmp_path, "delar.toml", text))
    assert actuals.through == (2020, 8)
    assert actuals.forecast == {"income.fk": Decimal("3340000")}
    assert actuals.closing_equity == Decimal("1828177.25")
    assert actuals.cash == Decimal("2100000")


def test_toml_unquoted_line_ids_mean_the_same_line(tmp_path):
    text = toml_with("[amounts]\nincome.fk = 3340000\nadmin.kansli = 1399148\n")
    actuals = read_actuals(write(tmp_path, "utfall.toml", text))
    assert dict(actuals.amounts) == {
        "income.fk": Decimal(3340000),
        "admin.kansli": Decimal(1399148),
    }


def test_toml_year_argument_that_agrees_is_accepted(tmp_path):
    assert read_actuals(write(tmp_path, "utfall.toml", GOOD_TOML), year=2020).year == 2020


def test_toml_with_bom_is_read(tmp_path):
    assert read_actuals(write(tmp_path, "utfall.toml", "\ufeff" + GOOD_TOML)).year == 2020


# --- TOML: bad files ---------------------------------------------------------


def test_toml_unknown_top_level_key_is_named(tmp_path):
    problem = only_problem(
        write(tmp_path, "utfall.toml", GOOD_TOML.replace("year = 2020", "year = 2020\nyaer = 2021"))
    )
    assert problem.key == "yaer"
    assert "okänd nyckel" in problem.message


def test_toml_unknown_balances_key_is_named(tmp_path):
    problem = only_problem(write(tmp_path, "utfall.toml", GOOD_TOML + "[balances]\nbank = 5\n"))
    assert problem.key == "[balances].bank"


def test_toml_amounts_that_are_not_a_table_are_refused(tmp_path):
    problem = only_problem(write(tmp_path, "utfall.toml", toml_with("amounts = 3340000\n")))
    assert problem.key == "amounts"
    assert "tabell" in problem.message


def test_toml_float_amount_is_refused_with_a_hint_to_write_a_string(tmp_path):
    problem = only_problem(
        write(tmp_path, "utfall.toml", toml_with('[amounts]\n"admin.kansli" = 1399148.5\n'))
    )
    assert problem.key == '[amounts]."admin.kansli"'
    assert 'skriv beloppet som en sträng, t.ex. "1399148.5"' in problem.message


def test_toml_float_year_is_refused(tmp_path):
    problem = only_problem(
        write(tmp_path, "utfall.toml", GOOD_TOML.replace("year = 2020", "year = 2020.0"))
    )
    assert problem.key == "year"
    assert "decimaltalet 2020.0" in problem.message


def test_toml_non_numeric_amount_names_key_and_value(tmp_path):
    problem = only_problem(
        write(tmp_path, "utfall.toml", toml_with('[amounts]\n"income.fk" = "tre miljoner"\n'))
    )
    assert problem.key == '[amounts]."income.fk"'
    assert '"tre miljoner"' in problem.message


def test_toml_amount_with_more_than_two_decimals_is_refused(tmp_path):
    problem = only_problem(
        write(tmp_path, "utfall.toml", toml_with('[amounts]\n"income.fk" = "10.005"\n'))
    )
    assert "fler än två decimaler" in problem.message


def test_toml_huge_amount_is_refused(tmp_path):
    problem = only_problem(
        write(tmp_path, "utfall.toml", toml_with('[amounts]\n"income.fk" = 1000000000000\n'))
    )
    assert "orimligt stort" in problem.message


@pytest.mark.parametrize(
    "line_id", ["fk", "costs.kansli", "income.", "income.Fk x", "admin.kansli.extra"]
)
def test_toml_malformed_line_id_is_named(tmp_path, line_id):
    problem = only_problem(
        write(tmp_path, "utfall.toml", toml_with(f'[amounts]\n"{line_id}" = 1\n'))
    )
    assert line_id in problem.key
    assert "är inget rad-id" in problem.message


def test_toml_line_id_in_capitals_gets_a_lowercase_hint(tmp_path):
    problem = only_problem(
        write(tmp_path, "utfall.toml", toml_with('[amounts]\n"Admin.Kansli" = 1\n'))
    )
    assert '"admin.kansli"' in problem.message


def test_toml_same_line_quoted_and_unquoted_names_both_keys(tmp_path):
    text = toml_with('[amounts]\n"income.fk" = 1\nincome.fk = 2\n')
    problem = only_problem(write(tmp_path, "utfall.toml", text))
    assert problem.key == "[amounts].income.fk"
    assert '[amounts]."income.fk"' in problem.message


def test_toml_broken_syntax_gives_the_line(tmp_path):
    problem = only_problem(
        write(tmp_path, "utfall.toml", 'format = 1\nkind = "actuals"\nyear = \n')
    )
    assert problem.line == 3
    assert "ogiltig TOML" in problem.message


def test_toml_duplicate_key_is_a_syntax_error_with_line(tmp_path):
    problem = only_problem(
        write(tmp_path, "utfall.toml", toml_with('[amounts]\n"income.fk" = 1\n"income.fk" = 2\n'))
    )
    assert problem.line == 6


def test_toml_missing_keys_are_all_reported(tmp_path):
    problems = problems_of(
        write(tmp_path, "utfall.toml", '# bara en kommentar\nthrough = "2020-13"\n')
    )
    assert [p.key for p in problems] == ["format", "kind", "year", "through", "amounts"]


def test_toml_wrong_kind_is_refused(tmp_path):
    problem = only_problem(
        write(tmp_path, "utfall.toml", GOOD_TOML.replace('"actuals"', '"scenario"'))
    )
    assert problem.key == "kind"


def test_toml_through_must_be_a_month_string(tmp_path):
    text = GOOD_TOML.replace("year = 2020", "year = 2020\nthrough = 2020-08-31")
    problem = only_problem(write(tmp_path, "utfall.toml", text))
    assert problem.key == "through"
    assert '"2020-08"' in problem.message


def test_toml_through_in_another_year_is_refused(tmp_path):
    problem = only_problem(
        write(
            tmp_path,
            "utfall.toml",
            GOOD_TOML.replace("year = 2020", 'year = 2020\nthrough = "2019-08"'),
        )
    )
    assert problem.key == "through"


def test_toml_year_argument_that_disagrees_is_refused(tmp_path):
    problem = only_problem(write(tmp_path, "utfall.toml", GOOD_TOML), year=2021)
    assert problem.key == "year"
    assert "2021" in problem.message


def test_toml_empty_file_is_refused(tmp_path):
    assert "tom" in only_problem(write(tmp_path, "utfall.toml", "")).message


def test_toml_scenario_given_as_actuals_is_recognised(tmp_path):
    problem = only_problem(
        write(tmp_path, "plan.toml", "format = 1\nyears = [2021, 2022]\nbudget_year = 2022\n")
    )
    assert "scenario" in problem.message


def test_toml_that_is_not_utf8_gives_the_line(tmp_path):
    problem = only_problem(
        write(tmp_path, "utfall.toml", GOOD_TOML + "# Försäkringskassan\n", encoding="cp1252")
    )
    assert problem.line == 8
    assert "UTF-8" in problem.message


# --- CSV: good files ---------------------------------------------------------


def test_csv_utf8_comma_separated(tmp_path):
    actuals = read_actuals(
        write(tmp_path, "utfall.csv", "line,amount\nincome.fk,3340000\nadmin.kansli,1399148.50\n")
    )
    assert dict(actuals.amounts) == {
        "income.fk": Decimal(3340000),
        "admin.kansli": Decimal("1399148.50"),
    }
    assert actuals.rows == {"income.fk": 2, "admin.kansli": 3}


def test_csv_utf8_with_bom_semicolon_separated(tmp_path):
    actuals = read_actuals(
        write(tmp_path, "utfall.csv", "\ufeffline;amount\r\nincome.fk;3340000\r\n")
    )
    assert dict(actuals.amounts) == {"income.fk": Decimal(3340000)}


def test_csv_excel_cp1252_with_swedish_letters(tmp_path):
    text = (
        "# Utfall för Samordningsförbundet Älvsborg\n"
        "Rad;Belopp;Förklaring\n"
        "income.fk;3\xa0340\xa0000;Försäkringskassans bidrag\n"
        "admin.kansli;1 399 148,50;Kansli, lön och övrigt\n"
    )
    actuals = read_actuals(write(tmp_path, "utfall.csv", text, encoding="cp1252"))
    assert dict(actuals.amounts) == {
        "income.fk": Decimal(3340000),
        "admin.kansli": Decimal("1399148.50"),
    }


def test_csv_decimal_comma_quoted_in_comma_separated_file(tmp_path):
    actuals = read_actuals(
        write(tmp_path, "utfall.csv", 'post,utfall\nadmin.kansli,"1 399 148,50"\n')
    )
    assert actuals.amounts["admin.kansli"] == Decimal("1399148.50")


def test_csv_headings_are_case_insensitive(tmp_path):
    actuals = read_actuals(write(tmp_path, "utfall.csv", " LINE ; Amount \nincome.fk;5\n"))
    assert actuals.amounts["income.fk"] == Decimal(5)


def test_csv_heading_below_a_title_and_blank_lines_are_skipped(tmp_path):
    text = "Utfall 2020;;\n\nline;amount;note\n\nincome.fk;1;\n;;\nadmin.kansli;2;x\n"
    actuals = read_actuals(write(tmp_path, "utfall.csv", text))
    assert actuals.rows == {"income.fk": 5, "admin.kansli": 7}


def test_csv_forecast_column(tmp_path):
    text = "rad;utfall;prognos\nincome.fk;2226667;3340000\nadmin.kansli;900000;\n"
    actuals = read_actuals(write(tmp_path, "utfall.csv", text))
    assert dict(actuals.forecast) == {"income.fk": Decimal(3340000)}


def test_csv_tab_separated_txt(tmp_path):
    actuals = read_actuals(write(tmp_path, "utfall.txt", "line\tamount\nincome.fk\t-14 247\n"))
    assert actuals.amounts["income.fk"] == Decimal(-14247)


def test_csv_year_comes_from_the_argument(tmp_path):
    path = write(tmp_path, "utfall.csv", "line,amount\nincome.fk,1\n")
    assert read_actuals(path, year=2020).year == 2020
    assert read_actuals(path).year is None


# --- CSV: bad files ----------------------------------------------------------


def test_csv_non_numeric_amount_names_row_and_value(tmp_path):
    problem = only_problem(
        write(tmp_path, "utfall.csv", "line;amount\nincome.fk;1\nadmin.kansli;ca 1,4 milj\n")
    )
    assert problem.row == 3
    assert '"ca 1,4 milj"' in problem.message


def test_csv_duplicate_line_names_both_rows(tmp_path):
    problem = only_problem(
        write(tmp_path, "utfall.csv", "line;amount\nincome.fk;1\nadmin.kansli;2\nincome.fk;3\n")
    )
    assert problem.row == 4
    assert "rad 2" in problem.message


def test_csv_bad_line_id_names_the_row(tmp_path):
    problem = only_problem(write(tmp_path, "utfall.csv", "line;amount\nKansli;1\n"))
    assert problem.row == 2
    assert "är inget rad-id" in problem.message


def test_csv_missing_amount_column(tmp_path):
    problem = only_problem(write(tmp_path, "utfall.csv", "line;budget\nincome.fk;1\n"))
    assert problem.row == 1
    assert "amount" in problem.message


def test_csv_without_any_heading(tmp_path):
    problem = only_problem(write(tmp_path, "utfall.csv", "income.fk;1\nadmin.kansli;2\n"))
    assert "rubrikrad" in problem.message


def test_csv_empty_file(tmp_path):
    assert "tom" in only_problem(write(tmp_path, "utfall.csv", "")).message


def test_csv_missing_amount_cell(tmp_path):
    problem = only_problem(write(tmp_path, "utfall.csv", "line;amount\nincome.fk;\n"))
    assert problem.row == 2
    assert "saknas" in problem.message


def test_csv_unquoted_decimal_comma_in_comma_separated_file_is_refused(tmp_path):
    problem = only_problem(write(tmp_path, "utfall.csv", "line,amount\nadmin.kansli,1399148,50\n"))
    assert problem.row == 2
    assert "citattecken" in problem.message


def test_csv_every_bad_row_is_reported(tmp_path):
    problems = problems_of(
        write(tmp_path, "utfall.csv", "line;amount\nx;1\nincome.fk;abc\nincome.fk;2\n")
    )
    assert [p.row for p in problems] == [2, 3, 4]


def test_csv_neither_utf8_nor_cp1252_is_refused(tmp_path):
    path = tmp_path / "utfall.csv"
    path.write_bytes(b"line;amount\nincome.fk;1\x81\n")
    problem = only_problem(path)
    assert problem.line == 2


def test_csv_more_rows_than_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(text_table, "MAX_ROWS", 5)
    text = "line;amount\n" + "".join(f"income.l{i};1\n" for i in range(10))
    problem = only_problem(write(tmp_path, "utfall.csv", text))
    assert problem.row == 6


def test_csv_accounting_zero_dash_is_zero(tmp_path):
    path = write(tmp_path, "utfall.csv", "line;amount;prognos\nincome.fk;-;\nadmin.kansli; –   ;-\n")
    actuals = read_actuals(path)
    assert dict(actuals.amounts) == {"income.fk": Decimal(0), "admin.kansli": Decimal(0)}
    assert dict(actuals.forecast) == {"admin.kansli": Decimal(0)}


@pytest.mark.parametrize("label", ["Summa", "Totalt", "Summa kostnader", "SUMMA", "totalt 2022", "Summa:"])
def test_csv_total_row_is_skipped_with_a_warning_naming_the_row(tmp_path, label):
    path = write(tmp_path, "utfall.csv", f"line;amount\nincome.fk;1\nadmin.kansli;2\n{label};3\n")
    actuals = read_actuals(path)
    assert dict(actuals.amounts) == {"income.fk": Decimal(1), "admin.kansli": Decimal(2)}
    [warning] = actuals.warnings
    assert warning.severity == "warning" and warning.row == 4 and warning.file == str(path)
    assert f'"{label}"' in warning.message and "summarad" in warning.message


def test_csv_total_row_with_any_amount_is_skipped(tmp_path):
    path = write(tmp_path, "utfall.csv", "line;amount\nincome.fk;1\nSumma;\nTotalt;ca 3 kr\n")
    actuals = read_actuals(path)
    assert dict(actuals.amounts) == {"income.fk": Decimal(1)}
    assert [w.row for w in actuals.warnings] == [3, 4]


@pytest.mark.parametrize("label", ["Kaffe", "Delsumma", "S:a", "Sum", "Admin.Summa"])
def test_csv_other_bad_line_ids_stay_errors(tmp_path, label):
    problem = only_problem(write(tmp_path, "utfall.csv", f"line;amount\nincome.fk;1\n{label};3\n"))
    assert problem.row == 3 and "är inget rad-id" in problem.message


def test_csv_a_valid_line_id_is_never_taken_for_a_total(tmp_path):
    actuals = read_actuals(write(tmp_path, "utfall.csv", "line;amount\nincome.summa;1\n"))
    assert dict(actuals.amounts) == {"income.summa": Decimal(1)} and actuals.warnings == ()


def test_a_table_file_with_problems_carries_what_could_be_read(tmp_path):
    path = write(tmp_path, "utfall.csv", "line;amount\nadmin.kaffe;1\nadmin.kansli;tolv\nx;2\n")
    with pytest.raises(InputError) as caught:
        read_actuals(path)
    assert [p.row for p in caught.value.problems] == [3, 4]
    partial = caught.value.partial
    assert dict(partial.amounts) == {"admin.kaffe": Decimal(1)}
    assert partial.rows["admin.kaffe"] == 2 and partial.rows["admin.kansli"] == 3


# --- xlsx: good files --------------------------------------------------------


def test_xlsx_numbers_and_text_amounts(tmp_path):
    path = xlsx(
        tmp_path,
        [
            ["Utfall 2020"],
            [],
            ["Post", "Utfall", "Prognos"],
            ["income.fk", 3340000, 3340000],
            ["admin.kansli", 1399148.5, "1 400 000"],
            ["projects.enter", "2 705 179,25", None],
        ],
    )
    actuals = read_actuals(path, year=2020)
    assert dict(actuals.amounts) == {
        "income.fk": Decimal(3340000),
        "admin.kansli": Decimal("1399148.5"),
        "projects.enter": Decimal("2705179.25"),
    }
    assert dict(actuals.forecast) == {
        "income.fk": Decimal(3340000),
        "admin.kansli": Decimal(1400000),
    }
    assert actuals.rows == {"income.fk": 4, "admin.kansli": 5, "projects.enter": 6}
    assert actuals.year == 2020


def test_xlsx_formula_is_read_as_its_cached_value(tmp_path):
    import xlsxwriter

    path = tmp_path / "utfall.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["line", "amount"])
    sheet.write_row(1, 0, ["admin.kansli", 900000])
    sheet.write(2, 0, "projects.enter")
    sheet.write_formula(2, 1, "=B2*3", None, 2700000)
    workbook.close()
    assert read_actuals(path).amounts["projects.enter"] == Decimal(2700000)


def test_xlsx_only_the_first_sheet_is_read(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["line", "amount"])
    workbook.active.append(["income.fk", 1])
    other = workbook.create_sheet("Anteckningar")
    other.append(["line", "amount"])
    other.append(["inte ett id", "abc"])
    path = tmp_path / "utfall.xlsx"
    workbook.save(path)
    assert dict(read_actuals(path).amounts) == {"income.fk": Decimal(1)}


def test_xlsx_workbook_is_closed_after_reading(tmp_path):
    path = xlsx(tmp_path, [["line", "amount"], ["income.fk", 1]])
    read_actuals(path)
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.exists():
        pytest.skip("needs /proc")
    open_files = {os.path.realpath(fd_dir / fd) for fd in os.listdir(fd_dir)}
    assert os.path.realpath(path) not in open_files


# --- xlsx: bad files ---------------------------------------------------------


def test_xlsx_non_numeric_amount_names_row_and_value(tmp_path):
    problem = only_problem(
        xlsx(tmp_path, [["line", "amount"], ["income.fk", 1], ["admin.kansli", "#N/A"]])
    )
    assert problem.row == 3
    assert '"#N/A"' in problem.message


def test_xlsx_number_with_more_than_two_decimals_is_refused(tmp_path):
    problem = only_problem(xlsx(tmp_path, [["line", "amount"], ["income.fk", 0.125]]))
    assert problem.row == 2
    assert "decimaler" in problem.message


def test_xlsx_date_as_amount_is_refused(tmp_path):
    import datetime as dt

    problem = only_problem(
        xlsx(tmp_path, [["line", "amount"], ["income.fk", dt.datetime(2020, 8, 31)]])
    )
    assert "datum" in problem.message


def test_xlsx_duplicate_line_names_both_rows(tmp_path):
    problem = only_problem(xlsx(tmp_path, [["rad", "belopp"], ["income.fk", 1], ["income.fk", 2]]))
    assert problem.row == 3
    assert "rad 2" in problem.message


def test_xlsx_missing_columns(tmp_path):
    problem = only_problem(xlsx(tmp_path, [["Konto", "Belopp"], ["4010", 1]]))
    assert "line" in problem.message


def test_xlsx_two_amount_columns_are_ambiguous(tmp_path):
    problem = only_problem(xlsx(tmp_path, [["line", "belopp", "utfall"], ["income.fk", 1, 2]]))
    assert problem.row == 1
    assert "samma betydelse" in problem.message


def test_xlsx_empty_sheet(tmp_path):
    assert "tom" in only_problem(xlsx(tmp_path, [])).message


def test_xlsx_that_is_not_a_zip_is_refused(tmp_path):
    problem = only_problem(write(tmp_path, "utfall.xlsx", "line,amount\nincome.fk,1\n"))
    assert "inte ett zip-arkiv" in problem.message


def test_xlsx_damaged_zip_is_refused(tmp_path):
    path = xlsx(tmp_path, [["line", "amount"], ["income.fk", 1]])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert only_problem(path).message


def test_xlsx_zip_without_workbook_parts_is_refused(tmp_path):
    path = tmp_path / "utfall.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hej.txt", "inte en arbetsbok")
    assert "kunde inte läsas" in only_problem(path).message


def _zip_of_zeros(path: Path, megabytes: int) -> Path:
    chunk = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w") as member,
    ):
        for _ in range(megabytes):
            member.write(chunk)
    return path


def test_xlsx_zip_bomb_is_refused_by_total_size(tmp_path):
    path = _zip_of_zeros(tmp_path / "bomb.xlsx", 60)
    assert path.stat().st_size < 1024 * 1024
    problem = only_problem(path)
    assert "zip-bomb" in problem.message
    assert "MB" in problem.message


def test_xlsx_zip_bomb_is_refused_by_compression_ratio(tmp_path):
    problem = only_problem(_zip_of_zeros(tmp_path / "bomb.xlsx", 5))
    assert "zip-bomb" in problem.message
    assert ":1" in problem.message


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def test_xlsx_entity_expansion_in_sheet_is_refused_quickly(tmp_path, deadline):
    good = xlsx(tmp_path, [["line", "amount"], ["income.fk", 1]], name="good.xlsx")
    hostile = rewrite_zip(
        good, tmp_path / "lol.xlsx", {"xl/worksheets/sheet1.xml": BILLION_LAUGHS.encode()}
    )
    started = time.monotonic()
    problem = only_problem(hostile)
    assert time.monotonic() - started < 5
    assert "XML-entiteter" in problem.message


def test_xlsx_is_refused_without_defusedxml(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "defusedxml", None)  # import now raises ImportError
    problem = only_problem(xlsx(tmp_path, [["line", "amount"], ["income.fk", 1]]))
    assert "defusedxml" in problem.message


def test_xlsx_is_refused_when_openpyxl_does_not_use_defusedxml(tmp_path, monkeypatch):
    import openpyxl.xml

    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    problem = only_problem(xlsx(tmp_path, [["line", "amount"], ["income.fk", 1]]))
    assert "defusedxml" in problem.message


def test_xlsx_more_rows_than_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_table, "MAX_ROWS", 5)
    rows = [["line", "amount"]] + [[f"income.l{i}", i] for i in range(10)]
    problem = only_problem(xlsx(tmp_path, rows))
    assert problem.row == 6


def test_xlsx_sheet_claiming_a_huge_range_is_read_quickly(tmp_path, deadline):
    good = xlsx(tmp_path, [["line", "amount"], ["income.fk", 1]], name="good.xlsx")
    with zipfile.ZipFile(good) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert '<dimension ref="A1:B2"' in sheet
    wide = sheet.replace('<dimension ref="A1:B2"', '<dimension ref="A1:XFD1048576"')
    path = rewrite_zip(good, tmp_path / "wide.xlsx", {"xl/worksheets/sheet1.xml": wide.encode()})
    started = time.monotonic()
    assert dict(read_actuals(path).amounts) == {"income.fk": Decimal(1)}
    assert time.monotonic() - started < 10


def test_xlsx_accounting_zero_and_total_row(tmp_path):
    path = xlsx(tmp_path, [["line", "amount"], ["income.fk", " -   "], ["admin.kansli", 5], ["Summa kostnader", 5]])
    actuals = read_actuals(path)
    assert dict(actuals.amounts) == {"income.fk": Decimal(0), "admin.kansli": Decimal(5)}
    [warning] = actuals.warnings
    assert warning.row == 4 and '"Summa kostnader"' in warning.message


# --- other files -------------------------------------------------------------


def test_sie_needs_a_scenario_with_accounts(tmp_path):
    problem = only_problem(write(tmp_path, "bokslut.se", "#FLAGGA 0\n"))
    assert "accounts" in problem.message and "read_actuals_for" in problem.message


def test_unknown_suffix_is_refused(tmp_path):
    problem = only_problem(write(tmp_path, "utfall.xls", "x"))
    assert ".xlsx" in problem.message


def test_missing_file_is_an_input_error(tmp_path):
    assert "finns inte" in only_problem(tmp_path / "saknas.csv").message


# --- property: CSV as people write it reads back exactly -----------------------

LINE_IDS = st.from_regex(r"(income|admin|development|projects)\.[a-z0-9_-]{1,12}", fullmatch=True)
AMOUNTS = st.one_of(
    st.integers(min_value=-(10**12) + 1, max_value=10**12 - 1).map(Decimal),
    st.decimals(
        min_value=-(10**12) + 1,
        max_value=10**12 - 1,
        places=2,
        allow_nan=False,
        allow_infinity=False,
    ),
)


def _written(amount: Decimal, decimal_sign: str, group: str) -> str:
    whole, _, fraction = format(abs(amount), "f").partition(".")
    if group:
        whole = f"{int(whole):,}".replace(",", group)
    return ("-" if amount < 0 else "") + whole + (decimal_sign + fraction if fraction else "")


@settings(max_examples=50, deadline=None)
@given(
    table=st.lists(st.tuples(LINE_IDS, AMOUNTS), unique_by=lambda row: row[0], max_size=25),
    delimiter=st.sampled_from([",", ";"]),
    decimal_sign=st.sampled_from([".", ","]),
    group=st.sampled_from(["", " ", "\xa0"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_csv_round_trip_in_any_separator_and_decimal_style(
    table, delimiter, decimal_sign, group, encoding
):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["line", "amount"])
    for line_id, amount in table:
        writer.writerow([line_id, _written(amount, decimal_sign, group)])
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "utfall.csv"
        path.write_bytes(buffer.getvalue().encode(encoding))
        actuals = read_actuals(path)
    assert list(actuals.amounts.items()) == [(line_id, amount) for line_id, amount in table]


def test_xlsx_formula_results_with_float_noise_are_read_as_excel_shows_them(tmp_path):
    """Excel saves =SUM() over öre amounts as 873412.62999999989: it shows and means 873 412,63."""
    from finsam_budget.money import AmountError
    from finsam_budget.readers.actuals_table import cell_amount

    assert cell_amount(873412.62999999989) == Decimal("873412.63")
    assert cell_amount(0.1 + 0.2) == Decimal("0.3")
    with pytest.raises(AmountError):
        cell_amount(1.005)  # three decimals that are really there are still refused
