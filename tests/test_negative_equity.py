"""A negative equity reads as bad news: the cap margin does not grow, the cell is marked, compare says B is worse."""

from __future__ import annotations

from pathlib import Path

import openpyxl

import finsam_budget as fb
from finsam_budget.board.compare import compare_plans
from finsam_budget.writers.compare_workbook import write_comparison_workbook
from finsam_budget.writers.markings import MARKER

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
# B carries its closing equity and opens 2022 with −124 717 kr: its equity stays below zero.
NEGATIVE = """
extends = "gotland-2022.toml"
title = "B: lånar"
[equity]
opening = { 2021 = 1921312, 2022 = -124717 }
carry = "closing"
"""


def negative_plan() -> fb.Plan:
    return fb.compute_plan(fb.loads_scenario(NEGATIVE, name="lanar.toml", folder=str(SCENARIOS)))


def test_the_cap_margin_never_grows_past_the_cap_when_equity_is_negative():
    plan = negative_plan()
    figures = plan.year(2022)
    assert figures.closing_equity < 0
    assert figures.cap_margin("closing") == figures.equity_cap  # negative equity counts as 0


def test_negative_equity_is_an_error_of_no_debt():
    findings = fb.run_rules(negative_plan())
    [error] = [f for f in findings if f.rule == "no-debt" and f.year == 2022]
    assert error.severity == "error" and "negativt" in error.message


def test_compare_reads_b_as_worse_and_marks_the_negative_equity(tmp_path):
    base = fb.compute_plan(fb.load_scenario(SCENARIOS / "gotland-2022.toml"))
    comparison = compare_plans([base, negative_plan()])
    assert comparison.difference(1, "carried_equity", 2022) < 0  # less equity: worse
    assert comparison.value(1, "headroom", 2022) <= comparison.value(1, "equity_cap", 2022)
    target = write_comparison_workbook(comparison, tmp_path / "c.xlsx")
    ws = openpyxl.load_workbook(target)["Jämförelse"]
    rows = [row for row in ws.iter_rows() if str(row[0].value).startswith("Eget kapital som förs vidare")]
    # B's carried equity in 2022 is marked where it stands, with the finding as its comment
    marked = [row[2] for row in rows if row[2].comment is not None]
    assert marked and marked[0].comment.text.startswith("Fel: ") and "negativ" in marked[0].comment.text
    assert any(MARKER in str(cf.rules[0].dxf.numFmt.formatCode) for cf in ws.conditional_formatting
               if cf.rules and cf.rules[0].dxf is not None and cf.rules[0].dxf.numFmt is not None)
