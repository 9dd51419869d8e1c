"""The shared workbook helpers: safe output, determinism, text as text, numbers, formulas, layout."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam_budget.writers.xlsx_common import (
    AUTHOR,
    Formats,
    OutputError,
    cell,
    cell_range,
    check_target,
    col_letter,
    excel_number,
    fit_column,
    print_setup,
    sheet_ref,
    sum_formula,
    write_formula,
    write_text,
    write_value,
    write_workbook,
)

REPO = Path(__file__).resolve().parents[1]
FORMULA_LOOKING_TEXT = ['=HYPERLINK("x")', "+1", "-x", "@x", "123", "1e5", "http://example.com", "=1+1"]


def _small_plan(workbook, formats: Formats) -> None:
    ws = workbook.add_worksheet("Budgetplan")
    write_text(ws, 0, 0, "Intäkter", formats.heading)
    write_text(ws, 1, 0, "Region")
    write_value(ws, 1, 1, Decimal(1200000), formats.amount)
    write_text(ws, 2, 0, "Kommun")
    write_value(ws, 2, 1, Decimal(800000), formats.amount)
    write_formula(ws, 3, 1, sum_formula(["B2", "B3"]), Decimal(2000000), formats.amount_total)


def _sheet_xml(path: Path, number: int = 1) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{number}.xml").decode("utf-8")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- Start-up --------------------------------------------------------------------


def test_import_does_not_load_xlsxwriter_or_openpyxl():
    code = (
        "import sys, finsam_budget.writers.xlsx_common\n"
        "heavy = sorted(m for m in ('xlsxwriter', 'openpyxl', 'babel') if m in sys.modules)\n"
        "print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


# --- check_target ----------------------------------------------------------------


def test_existing_target_without_force_is_refused_and_untouched(tmp_path):
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"earlier workbook")
    with pytest.raises(OutputError) as caught:
        write_workbook(target, _small_plan)
    assert str(caught.value) == f"{target}: finns redan; använd --force för att skriva över"
    assert target.read_bytes() == b"earlier workbook"
    assert _leftovers(tmp_path) == []


def test_force_replaces_existing_target(tmp_path):
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"earlier workbook")
    write_workbook(target, _small_plan, force=True)
    assert zipfile.is_zipfile(target)


def test_missing_folder_is_refused(tmp_path):
    target = tmp_path / "saknas" / "plan.xlsx"
    with pytest.raises(OutputError, match=r"mappen .*saknas finns inte"):
        check_target(target, force=False)
    with pytest.raises(OutputError):
        write_workbook(target, _small_plan, force=True)
    assert not target.parent.exists()


def test_folder_that_is_a_file_is_refused(tmp_path):
    blocker = tmp_path / "fil.txt"
    blocker.write_text("inte en mapp")
    with pytest.raises(OutputError, match="är inte en mapp"):
        check_target(blocker / "plan.xlsx", force=True)
    assert blocker.read_text() == "inte en mapp"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root kan skriva i skrivskyddade mappar")
def test_unwritable_folder_is_refused(tmp_path):
    folder = tmp_path / "låst"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="är inte skrivbar"):
            write_workbook(folder / "plan.xlsx", _small_plan)
    finally:
        folder.chmod(0o700)


def test_unwritable_folder_message(tmp_path, monkeypatch):
    """The same refusal, reached also when running as root (os.access is what decides)."""
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(OutputError, match=r"plan\.xlsx: mappen .* är inte skrivbar"):
        check_target(tmp_path / "plan.xlsx", force=False)


def test_target_that_is_a_folder_is_refused_even_with_force(tmp_path):
    (tmp_path / "plan.xlsx").mkdir()
    with pytest.raises(OutputError, match="är en mapp"):
        write_workbook(tmp_path / "plan.xlsx", _small_plan, force=True)


# --- write_workbook: atomic ------------------------------------------------------


@pytest.mark.parametrize("interruption", [RuntimeError("fel i bygget"), KeyboardInterrupt()])
def test_interrupted_build_keeps_earlier_file_and_leaves_no_temp_file(tmp_path, interruption):
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"earlier workbook")

    def build(workbook, formats):
        _small_plan(workbook, formats)
        raise interruption

    with pytest.raises(type(interruption)):
        write_workbook(target, build, force=True)
    assert target.read_bytes() == b"earlier workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]


def test_interrupted_first_build_leaves_nothing(tmp_path):
    def build(workbook, formats):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_workbook(tmp_path / "plan.xlsx", build)
    assert list(tmp_path.iterdir()) == []


def test_workbook_is_built_in_a_hidden_temp_file_beside_the_target(tmp_path):
    seen: list[str] = []

    def build(workbook, formats):
        seen.extend(p.name for p in tmp_path.iterdir())
        _small_plan(workbook, formats)

    write_workbook(tmp_path / "plan.xlsx", build)
    assert len(seen) == 1 and seen[0].startswith(".plan.xlsx.") and seen[0].endswith(".tmp")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]


def test_target_appearing_during_build_is_not_overwritten(tmp_path):
    target = tmp_path / "plan.xlsx"

    def build(workbook, formats):
        target.write_bytes(b"written by someone else meanwhile")
        _small_plan(workbook, formats)

    with pytest.raises(OutputError, match="finns redan"):
        write_workbook(target, build)
    assert target.read_bytes() == b"written by someone else meanwhile"
    assert _leftovers(tmp_path) == []


def test_written_file_gets_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_workbook(tmp_path / "plan.xlsx", _small_plan)
    finally:
        os.umask(old)
    assert (tmp_path / "plan.xlsx").stat().st_mode & 0o777 == 0o644


# --- write_workbook: deterministic -----------------------------------------------


def test_same_build_gives_identical_bytes(tmp_path):
    first = write_workbook(tmp_path / "a.xlsx", _small_plan, title="Budgetplan 2024–2026")
    second = write_workbook(tmp_path / "b.xlsx", _small_plan, title="Budgetplan 2024–2026")
    assert first.read_bytes() == second.read_bytes()


def test_zip_members_have_a_fixed_timestamp(tmp_path):
    target = write_workbook(tmp_path / "plan.xlsx", _small_plan)
    with zipfile.ZipFile(target) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_document_properties_are_fixed(tmp_path):
    target = write_workbook(tmp_path / "plan.xlsx", _small_plan, title="Budgetplan & nyckeltal")
    properties = openpyxl.load_workbook(target).properties
    assert properties.creator == AUTHOR
    assert properties.title == "Budgetplan & nyckeltal"
    assert properties.created == datetime(2000, 1, 1)
    assert properties.modified == datetime(2000, 1, 1)


# --- Cells -----------------------------------------------------------------------


def test_formula_looking_text_stays_text(tmp_path):
    def build(workbook, formats):
        ws = workbook.add_worksheet()
        for row, text in enumerate(FORMULA_LOOKING_TEXT):
            write_text(ws, row, 0, text)
            ws.write(row, 1, text)  # even the generic write keeps text: the workbook options

    target = write_workbook(tmp_path / "text.xlsx", build)
    ws = openpyxl.load_workbook(target).active
    for row, text in enumerate(FORMULA_LOOKING_TEXT, start=1):
        for col in (1, 2):
            written = ws.cell(row, col)
            assert (written.value, written.data_type) == (text, "s")
    assert not ws._hyperlinks
    assert "<f>" not in _sheet_xml(target)


def test_write_text_refuses_non_text(tmp_path):
    def build(workbook, formats):
        write_text(workbook.add_worksheet(), 0, 0, 12)

    with pytest.raises(TypeError):
        write_workbook(tmp_path / "x.xlsx", build)


def test_amounts_are_ints_when_whole_and_quantized_to_ore(tmp_path):
    amounts = [Decimal(6152177), Decimal(-1133557), Decimal("1175652.50"), Decimal("0.125"), Decimal("2.00")]

    def build(workbook, formats):
        ws = workbook.add_worksheet()
        for row, amount in enumerate(amounts):
            write_value(ws, row, 0, amount, formats.amount)

    target = write_workbook(tmp_path / "amounts.xlsx", build)
    values = [c.value for c in openpyxl.load_workbook(target).active["A"]]
    assert values == [6152177, -1133557, 1175652.5, 0.13, 2]
    assert [type(v) for v in values] == [int, int, float, float, int]
    assert "<v>6152177</v>" in _sheet_xml(target)


def test_write_value_refuses_floats():
    with pytest.raises(TypeError):
        excel_number(0.1)  # type: ignore[arg-type]


@given(st.decimals(min_value=Decimal("-999999999999.99"), max_value=Decimal("999999999999.99"), places=2))
def test_written_number_reads_back_as_the_same_amount(amount):
    written = excel_number(amount)
    # What xlsxwriter puts in the file (16 significant digits) and openpyxl reads back.
    read_back = float(f"{written:.16G}")
    assert Decimal(str(read_back)) == amount


def test_formula_carries_the_engine_value_as_cached_result(tmp_path):
    def build(workbook, formats):
        ws = workbook.add_worksheet()
        write_value(ws, 0, 0, Decimal("1.10"), formats.amount_ore)
        write_value(ws, 1, 0, Decimal("2.20"), formats.amount_ore)
        write_formula(ws, 2, 0, "=A1+A2", Decimal("3.30"), formats.amount_ore_total)
        write_formula(ws, 3, 0, "=A1/A2", Decimal("0.5"), formats.percent, quantum=Decimal("0.0001"))
        write_formula(ws, 4, 0, "=A1-A1", Decimal(0), formats.amount)

    target = write_workbook(tmp_path / "f.xlsx", build)
    formulas = openpyxl.load_workbook(target).active
    cached = openpyxl.load_workbook(target, data_only=True).active
    assert [formulas.cell(r, 1).value for r in (3, 4, 5)] == ["=A1+A2", "=A1/A2", "=A1-A1"]
    assert [cached.cell(r, 1).value for r in (3, 4, 5)] == [3.3, 0.5, 0]


def test_formula_must_start_with_equals():
    with pytest.raises(ValueError):
        write_formula(None, 0, 0, "SUM(A1:A2)", Decimal(0))


# --- Formats ---------------------------------------------------------------------


def test_formats_are_created_once_per_workbook(tmp_path):
    def build(workbook, formats):
        assert formats.amount is formats["amount"]
        assert formats.amount is not formats.amount_ore
        with pytest.raises(AttributeError, match="okänt cellformat"):
            formats.amount2  # noqa: B018
        ws = workbook.add_worksheet()
        for col, name in enumerate(Formats.NAMES):
            write_value(ws, 0, col, Decimal("-1234.5"), formats[name])

    target = write_workbook(tmp_path / "formats.xlsx", build)
    ws = openpyxl.load_workbook(target).active
    shown = {name: ws.cell(1, col + 1) for col, name in enumerate(Formats.NAMES)}
    assert shown["amount"].number_format == "[$-41D]#,##0"
    assert shown["amount_ore"].number_format == "[$-41D]#,##0.00"
    assert shown["amount_total"].font.b and shown["amount_total"].border.top.style == "thin"
    assert shown["percent"].number_format == "[$-41D]0 %"
    assert shown["percent_1"].number_format == "[$-41D]0.0 %"
    assert shown["note"].font.i
    assert shown["header_row"].alignment.wrap_text and shown["header_row"].alignment.horizontal == "center"
    assert shown["header_row"].border.bottom.style == "thin"


# --- References and formulas -----------------------------------------------------


def test_cell_references():
    assert cell(2, 1) == "B3"
    assert cell(2, 1, absolute=True) == "$B$3"
    assert col_letter(0) == "A" and col_letter(27) == "AB"
    assert cell_range(2, 1, 6, 1) == "B3:B7"
    assert sheet_ref("Budgetplan", "B3") == "Budgetplan!B3"
    assert sheet_ref("Budget plan", "B3") == "'Budget plan'!B3"


@pytest.mark.parametrize(
    ("plus", "minus", "formula"),
    [
        (["B3", "B4", "B5", "B6", "B7"], [], "=SUM(B3:B7)"),
        (["B3", "B9"], ["B12"], "=B3+B9-B12"),
        (["B3"], [], "=B3"),
        ([], [], "=0"),
        ([], ["B3", "B4"], "=-SUM(B3:B4)"),
        (["B3", "C3", "D3"], [], "=SUM(B3:D3)"),
        (["B3", "B4", "C4"], [], "=SUM(B3:B4)+C4"),
        (["B3", "B4", "B6", "B7"], ["B9"], "=SUM(B3:B4)+SUM(B6:B7)-B9"),
        (["$B$3", "$B$4", "B5"], [], "=SUM($B$3:$B$4)+B5"),
        (["Budgetplan!B3", "B4"], [], "=Budgetplan!B3+B4"),
        (["B4", "B3"], [], "=B4+B3"),
    ],
)
def test_sum_formula(plus, minus, formula):
    assert sum_formula(plus, minus) == formula


# --- Layout ----------------------------------------------------------------------


def test_print_setup(tmp_path):
    def build(workbook, formats):
        ws = workbook.add_worksheet("Budgetplan")
        write_text(ws, 0, 0, "x")
        print_setup(ws, "Samordningsförbundet Gotland & Region: budgetplan", repeat_rows=(0, 2))

    target = write_workbook(tmp_path / "print.xlsx", build)
    xml = _sheet_xml(target)
    assert '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>' in xml
    assert '<pageSetUpPr fitToPage="1"/>' in xml
    assert "<oddHeader>&amp;C&amp;\"-,Bold\"Samordningsförbundet Gotland &amp;&amp; Region: budgetplan</oddHeader>" in xml
    assert "<oddFooter>&amp;CSida &amp;P av &amp;N</oddFooter>" in xml
    ws = openpyxl.load_workbook(target)["Budgetplan"]
    assert ws.print_title_rows == "$1:$3"


def test_long_title_is_shortened_to_fit_the_header(tmp_path):
    def build(workbook, formats):
        print_setup(workbook.add_worksheet(), "Plan & " * 60)

    # xlsxwriter warns and drops a header longer than Excel allows; that must not happen.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        target = write_workbook(tmp_path / "long.xlsx", build)
    header = _sheet_xml(target).split("<oddHeader>")[1].split("</oddHeader>")[0]
    header = header.replace("&amp;", "&")
    assert len(header) <= 255 and header.endswith("…")
    assert header.startswith('&C&"-,Bold"Plan && Plan')
    assert "&" not in header.removeprefix('&C&"-,Bold"').replace("&&", "")  # no half-cut "&&"


def test_fit_column_uses_the_widest_value(tmp_path):
    widths = {}

    def build(workbook, formats):
        ws = workbook.add_worksheet()
        widths["names"] = fit_column(ws, 0, ["Administration", "Kansli och styrelse\nsamt revision"])
        widths["amounts"] = fit_column(ws, 1, [Decimal(-1133557), Decimal("1175652.50")])
        widths["narrow"] = fit_column(ws, 2, ["x"])
        widths["wide"] = fit_column(ws, 3, ["x" * 200])

    write_workbook(tmp_path / "w.xlsx", build)
    assert widths == {"names": 21.0, "amounts": 14.0, "narrow": 8.0, "wide": 60.0}


def test_a_sum_runs_on_over_a_repeated_heading_row_only():
    # B4 (zero-based row 3) holds a section's heading repeated on a new page
    assert sum_formula(["B3", "B5", "B6"], bridged={3}) == "=SUM(B3:B6)"
    assert sum_formula(["B3", "B5", "B6"]) == "=B3+SUM(B5:B6)"
    assert sum_formula(["B3", "B6"], bridged={3}) == "=B3+B6"  # B5 is a figure row not named: no range
