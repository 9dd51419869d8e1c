"""Fuzzing the actuals readers (TOML, CSV, xlsx) through `drift`, and the SIE reader.

Invariant: exit 0, 1 or 2 with a Swedish message, never an uncaught exception;
no output file unless the run succeeded; input files are never modified.
"""

from __future__ import annotations

import io
import tempfile
import tomllib
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_budget.cli import main
from finsam_budget.problems import InputError
from finsam_budget.readers.sie.reader import read_sie

SCENARIO = str(Path("scenarios/gotland-2022.toml").resolve())
AMOUNTS = tomllib.loads(Path("scenarios/exempel-drift-2022.toml").read_text(encoding="utf-8"))["amounts"]
TOML_TEXT = Path("scenarios/exempel-drift-2022.toml").read_bytes()
CSV_TEXT = ("line;amount\n" + "".join(f"{k};{v}\n" for k, v in AMOUNTS.items())).encode("utf-8")


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["line", "amount"])
    for key, value in AMOUNTS.items():
        sheet.append([key, value])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX = xlsx_bytes()

byte_edit = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 40)),
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6)),
    st.tuples(st.just("replace"), st.sampled_from([b";", b"\n", b"=", b'"', b"0", b"."]),
              st.sampled_from([b",", b"\r\n", b"", b"'", b"1e400", b"nan", b"\xe5", b"\t=1+1"])),
)


def edit(data: bytes, edits) -> bytes:
    for e in edits:
        at = e[1] % (len(data) + 1) if e[0] != "replace" else 0
        if e[0] == "insert":
            data = data[:at] + e[2] + data[at:]
        elif e[0] == "delete":
            data = data[:at] + data[at + e[2]:]
        elif e[0] == "flip" and data:
            at = at % len(data)
            data = data[:at] + bytes([data[at] ^ e[2]]) + data[at + 1:]
        elif e[0] == "truncate":
            data = data[:at]
        elif e[0] == "replace":
            data = data.replace(e[1], e[2], 3)
    return data


def run_drift(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        actuals = Path(folder, "utfall" + suffix)
        actuals.write_bytes(data)
        target = Path(folder, "drift.xlsx")
        result = CliRunner().invoke(main, ["drift", SCENARIO, "--actuals", str(actuals), "--year", "2022", "-o", str(target)])
        assert isinstance(result.exception, SystemExit) or result.exception is None, repr(result.exception)
        assert result.exit_code in (0, 1, 2)
        if result.exit_code == 2:
            assert "Fel" in result.output
        assert target.exists() == (result.exit_code in (0, 1))
        assert [p.name for p in Path(folder).iterdir() if p.name.endswith(".tmp")] == []
        assert actuals.read_bytes() == data


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(byte_edit, min_size=1, max_size=4))
def test_csv_actuals_fuzz(edits):
    run_drift(edit(CSV_TEXT, edits), ".csv")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(byte_edit, min_size=1, max_size=4))
def test_toml_actuals_fuzz(edits):
    run_drift(edit(TOML_TEXT, edits), ".toml")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(byte_edit, min_size=1, max_size=3))
def test_xlsx_actuals_fuzz(edits):
    run_drift(edit(XLSX, edits), ".xlsx")


SIE = """#FLAGGA 0
#PROGRAM "Test" 1.0
#FORMAT PC8
#GEN 20230115
#SIETYP 4
#FNAMN "Samordningsförbundet Prov"
#RAR 0 20220101 20221231
#RAR -1 20210101 20211231
#KONTO 1930 "Företagskonto"
#KONTO 2990 "Upplupna kostnader"
#KONTO 3511 "Driftbidrag Försäkringskassan"
#KONTO 4610 "Köp av verksamhet"
#IB 0 1930 1000.00
#IB 0 2990 -1000.00
#UB 0 1930 1500.00
#UB 0 2990 -1000.00
#RES 0 3511 -2000.00
#RES 0 4610 1500.00
#VER A 1 20220115 "Bidrag"
{
#TRANS 1930 {} 2000.00
#TRANS 3511 {} -2000.00
}
#VER A 2 20220301 "Köp"
{
#TRANS 4610 {} 1500.00
#TRANS 1930 {} -1500.00
}
""".encode("cp437")

sie_edit = st.one_of(
    byte_edit,
    st.tuples(st.just("replace"), st.sampled_from([b"}", b"{", b"#RAR 0 20220101 20221231\n", b"20220115", b'"']),
              st.sampled_from([b"", b"{{", b"#RAR 0 20221399 00000000\n", b"99999999", b'\\"'])),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(sie_edit, min_size=1, max_size=4))
def test_sie_reader_fuzz(edits):
    data = edit(SIE, edits)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "bok.se")
        path.write_bytes(data)
        try:
            read_sie(path)
        except InputError as error:
            assert error.problems and all(str(p).startswith(str(path)) for p in error.problems)
        assert path.read_bytes() == data


def test_sie_ten_megabyte_line(tmp_path):
    path = tmp_path / "lang.se"
    path.write_bytes(SIE.replace(b'"Test"', b'"' + b"x" * 10_000_000 + b'"'))
    try:
        read_sie(path)
    except InputError as error:
        assert any(p.line == 2 for p in error.problems)


def scenario_xlsx_bytes() -> bytes:
    from finsam_budget.readers.scenario import read_scenario_file_data
    from finsam_budget.writers.scenario_xlsx import write_scenario_workbook

    data, years, _ = read_scenario_file_data(SCENARIO)
    with tempfile.TemporaryDirectory() as folder:
        return write_scenario_workbook(data, Path(folder, "s.xlsx"), years=years).read_bytes()


SCENARIO_XLSX = scenario_xlsx_bytes()


def run_check(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "scenario.xlsx")
        path.write_bytes(data)
        result = CliRunner().invoke(main, ["check", str(path)])
        assert isinstance(result.exception, SystemExit) or result.exception is None, repr(result.exception)
        assert result.exit_code in (0, 1, 2)
        if result.exit_code == 2:
            assert "Fel" in result.output
        assert path.read_bytes() == data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(byte_edit, min_size=1, max_size=3))
def test_xlsx_scenario_bytes_fuzz(edits):
    run_check(edit(SCENARIO_XLSX, edits))


cell_value = st.one_of(
    st.none(), st.integers(-10**13, 10**13), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.text(max_size=12), st.sampled_from(["Projekt", "Beviljat", "Kvartal", "1/3", "2021-02-30", "=1+1", "abc"]),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["Förbund", "Medlemmar", "Rader", "Eget kapital", "Publicerat",
                                            "Perioder", "Likviditet", "Taktabell", "Justeringar"]),
                          st.integers(1, 12), st.integers(1, 14), cell_value), min_size=1, max_size=4))
def test_xlsx_scenario_cell_fuzz(changes):
    workbook = openpyxl.load_workbook(io.BytesIO(SCENARIO_XLSX))
    for sheet, row, column, value in changes:
        if isinstance(value, str):
            value = "".join(c for c in value if c.isprintable())
        workbook[sheet].cell(row, column).value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    run_check(buffer.getvalue())
