"""Text that reaches a workbook is never a formula, on every sheet kind.

Names starting with =, +, -, @, a tab or a carriage return are written as text
cells: a board member opening the file never runs anything from an input file.
"""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from finsam_budget.cli import main
from tests.scenario_factory import replace, write

HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
HOSTILE_VALUES = HOSTILE + ["=1+1", "@titel", "-annan"]


def hostile_scenario() -> str:
    text = replace('federation = "Samordningsförbundet Test"', 'federation = "=1+1"')
    text = text.replace('title = "Budgetplan 2022"', 'title = "@titel"')
    text = replace('name = "Kansli"', f'name = "{_toml(HOSTILE[0])}"', text)
    text = replace('name = "Metodutbildningar"', f'name = "{_toml(HOSTILE[1])}"', text)
    text = replace('name = "JobbSam"', f'name = "{_toml(HOSTILE[2])}"\nnote = "{_toml(HOSTILE[3])}"', text)
    text = replace('name = "Region Test"\nshare', f'name = "{_toml(HOSTILE[4])}"\nshare', text)
    text = replace('name = "Försäkringskassan"\nshare', f'name = "{_toml(HOSTILE[5])}"\nshare', text)
    return text


def _toml(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")


def assert_no_injected_formula(path) -> int:
    """Every cell whose text starts like a formula is a string cell; returns how many were seen."""
    seen = 0
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") and cell.data_type == "f":
                    # A formula cell of our own: it must not contain any hostile text.
                    assert not any(h.strip() in value for h in HOSTILE), (sheet.title, cell.coordinate, value)
                elif isinstance(value, str) and any(value.startswith(h) for h in HOSTILE_VALUES):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, value)
                    seen += 1
    return seen


def test_plan_compare_overview_and_drift_keep_hostile_text_as_text(tmp_path):
    scenario = write(tmp_path, hostile_scenario(), "fientlig.toml")
    other = write(tmp_path, hostile_scenario().replace('title = "@titel"', 'title = "-annan"'), "annan.toml")
    actuals = tmp_path / "utfall.csv"
    actuals.write_text("line;amount\nincome.fk;1000000\nadmin.kansli;600000\n", encoding="utf-8")
    runs = {
        "plan.xlsx": ["plan", str(scenario)],
        "compare.xlsx": ["compare", str(scenario), str(other)],
        "overview.xlsx": ["overview", str(scenario), str(other)],
        "drift.xlsx": ["drift", str(scenario), "--actuals", str(actuals), "--year", "2022"],
    }
    for name, args in runs.items():
        target = tmp_path / name
        result = CliRunner().invoke(main, args + ["-o", str(target)])
        assert result.exit_code in (0, 1), (name, result.output)
        assert assert_no_injected_formula(target) >= 2, name
