"""The LibreOffice check itself: it passes a correct workbook and, above all, can fail."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from finsam_budget.writers.xlsx_common import (
    Formats,
    sum_formula,
    write_formula,
    write_text,
    write_value,
    write_workbook,
)
from tests import libreoffice
from tests.libreoffice import (
    RecalculationError,
    assert_formulas_match,
    ensure_soffice,
    recalculate,
)

SHARE = Decimal("0.0001")


def _plan_sheets(workbook, formats: Formats, *, wrong: bool = False) -> None:
    """Two sheets with values, sums, a difference, percentages and a cross-sheet reference.

    With ``wrong`` two cached results (one per sheet) are not what the formulas give.
    """
    plan = workbook.add_worksheet("Budgetplan")
    write_text(plan, 0, 0, "Budgetplan", formats.title)
    write_text(plan, 1, 1, "2024", formats.header_row)
    write_text(plan, 1, 2, "2025", formats.header_row)
    rows = [("Region Gotland", "3076088", "3137610"), ("Försäkringskassan", "3076089", "3137611.50")]
    rows += [("Gotlands kommun", "1538044", "1568805"), ("=HYPERLINK(\"x\")", "0", "-12.25")]
    for row, (name, *amounts) in enumerate(rows, start=2):
        write_text(plan, row, 0, name)
        for col, amount in enumerate(amounts, start=1):
            write_value(plan, row, col, Decimal(amount), formats.amount_ore)
    totals = [Decimal("7690221"), Decimal("7844014.25")]
    costs = [Decimal("6152177"), Decimal("8977571")]
    write_text(plan, 6, 0, "Summa intäkter", formats.bold)
    write_text(plan, 7, 0, "Kostnader")
    write_text(plan, 8, 0, "Utrymme för ny verksamhet", formats.bold)
    for col, letter in ((1, "B"), (2, "C")):
        total = totals[col - 1] + (1 if wrong and col == 2 else 0)
        write_formula(plan, 6, col, sum_formula([f"{letter}{r}" for r in range(3, 7)]), total, formats.amount_total)
        write_value(plan, 7, col, costs[col - 1], formats.amount)
        room = totals[col - 1] - costs[col - 1]
        write_formula(plan, 8, col, sum_formula([f"{letter}7"], minus=[f"{letter}8"]), room, formats.amount_total)

    ratios = workbook.add_worksheet("Nyckeltal")
    write_text(ratios, 0, 0, "Regionens andel")
    write_text(ratios, 1, 0, "Kostnader mot intäkter")
    for col, letter in ((1, "B"), (2, "C")):
        share = Decimal(rows[0][col]) / totals[col - 1]
        write_formula(ratios, 0, col, f"=Budgetplan!{letter}3/Budgetplan!{letter}7", share, formats.percent_1, quantum=SHARE)
        cost_share = costs[col - 1] / totals[col - 1] + (Decimal("0.25") if wrong and col == 1 else 0)
        write_formula(ratios, 1, col, f"=Budgetplan!{letter}8/Budgetplan!{letter}7", cost_share, formats.percent, quantum=SHARE)


def _without_cached_value(workbook, formats: Formats) -> None:
    ws = workbook.add_worksheet("Blad")
    write_value(ws, 0, 0, Decimal(1))
    ws.write_formula(1, 0, "=A1+1", None, "")  # bypasses write_formula: no cached result


@pytest.fixture(scope="module")
def recalculated(soffice, tmp_path_factory):
    """Build the test workbooks and recalculate them all in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("workbooks")
    builds = {
        "correct": _plan_sheets,
        "wrong": lambda wb, f: _plan_sheets(wb, f, wrong=True),
        "uncached": _without_cached_value,
    }
    originals = {name: write_workbook(folder / f"{name}.xlsx", build) for name, build in builds.items()}
    outputs = recalculate(originals.values(), folder / "libreoffice", soffice=soffice)
    return {name: (originals[name], output) for name, output in zip(originals, outputs)}


def test_correct_workbook_matches_libreoffice(recalculated):
    assert assert_formulas_match(*recalculated["correct"]) == 8


def test_wrong_cached_values_fail_and_are_all_listed(recalculated):
    with pytest.raises(AssertionError) as caught:
        assert_formulas_match(*recalculated["wrong"])
    message = str(caught.value)
    assert "2 av 8 formler" in message
    assert re.search(r"Budgetplan!C7\s*\| =SUM\(C3:C6\)\s*\| 7844015.25\s*\| 7844014.25", message)
    assert re.search(r"Nyckeltal!B2\s*\| =Budgetplan!B8/Budgetplan!B7\s*\| 1.05\d*\s*\| 0.8\d*", message)


def test_libreoffice_recalculates_instead_of_keeping_our_cache(recalculated):
    original, output = recalculated["wrong"]
    assert openpyxl.load_workbook(original, data_only=True)["Budgetplan"]["C7"].value == 7844015.25
    assert openpyxl.load_workbook(output, data_only=True)["Budgetplan"]["C7"].value == 7844014.25


def test_formula_without_cached_value_fails(recalculated):
    with pytest.raises(AssertionError, match=r"Blad!A2\s*\| =A1\+1\s*\| \(inget cachat värde\)\s*\| 2"):
        assert_formulas_match(*recalculated["uncached"])


def test_formula_looking_text_stays_text_in_libreoffice(recalculated):
    _, output = recalculated["correct"]
    name = openpyxl.load_workbook(output)["Budgetplan"]["A6"]
    assert (name.value, name.data_type) == ('=HYPERLINK("x")', "s")


def test_unreadable_file_is_reported_with_libreoffice_output(soffice, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(RecalculationError, match=r"(?s)skrev inte broken\.xlsx.*stderr: .*could not be loaded"):
        recalculate([broken], tmp_path / "out", soffice=soffice)


def test_recalculate_refuses_two_inputs_with_the_same_name(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "plan.xlsx").write_bytes(b"")
    with pytest.raises(ValueError, match="olika"):
        recalculate([tmp_path / "a" / "plan.xlsx", tmp_path / "b" / "plan.xlsx"], tmp_path / "out")


def test_recalculate_refuses_to_overwrite_its_input(tmp_path):
    (tmp_path / "plan.xlsx").write_bytes(b"")
    with pytest.raises(ValueError, match="outdir"):
        recalculate([tmp_path / "plan.xlsx"], tmp_path)


# --- Finding LibreOffice ---------------------------------------------------------


@pytest.fixture
def no_soffice(monkeypatch):
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    monkeypatch.setattr(libreoffice, "_is_root", lambda: False)


def test_missing_libreoffice_fails_on_ci(no_soffice, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="libreoffice-calc-nogui"):
        ensure_soffice()


def test_missing_libreoffice_skips_elsewhere(no_soffice, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="soffice"):
        ensure_soffice()


def test_missing_libreoffice_is_installed_when_root(monkeypatch):
    installed: list[bool] = []
    monkeypatch.setattr(libreoffice, "_is_root", lambda: True)
    monkeypatch.setattr(libreoffice.shutil, "which", lambda name: "/usr/bin/apt-get" if name == "apt-get" else None)
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: "/usr/bin/soffice" if installed else None)
    monkeypatch.setattr(libreoffice, "install_with_apt", lambda: installed.append(True))
    assert ensure_soffice() == "/usr/bin/soffice"
    assert installed == [True]


def test_failed_installation_is_explained(monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(libreoffice, "_is_root", lambda: True)
    monkeypatch.setattr(libreoffice.shutil, "which", lambda name: "/usr/bin/apt-get" if name == "apt-get" else None)
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    monkeypatch.setattr(libreoffice, "install_with_apt", lambda: "apt-get update gav 100: ingen nätverksanslutning")
    with pytest.raises(pytest.fail.Exception, match="misslyckades: apt-get update gav 100"):
        ensure_soffice()


def test_numbers_are_compared_to_the_ore():
    assert libreoffice._same(3.3, 1.1 + 2.2, libreoffice.ONE_ORE)
    assert libreoffice._same(7690221, 7690221.0, libreoffice.ONE_ORE)
    assert not libreoffice._same(7690221, 7690221.01, libreoffice.ONE_ORE)
    assert not libreoffice._same(1, "1", libreoffice.ONE_ORE)
    assert not libreoffice._same(None, 0, libreoffice.ONE_ORE)


def test_soffice_fixture_gives_a_program(soffice):
    assert Path(soffice).is_file() and os.access(soffice, os.X_OK)
