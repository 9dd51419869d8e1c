"""The README documents what the code has: every rule id and every command."""

from __future__ import annotations

from pathlib import Path

from finsam_budget.cli import main
from finsam_budget.rules import RULE_IDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_rule_id_is_documented():
    assert [rule for rule in RULE_IDS if f"| `{rule}` |" not in README] == []


def test_every_command_is_in_the_command_table():
    assert [c for c in main.commands if f"| `finsam-budget {c} " not in README] == []


def test_quick_start_has_the_two_commands():
    assert "python -m pip install . && finsam-budget plan scenarios/gotland-2022.toml" in README
    assert "python -m pip install -e '.[test]' && python -m pytest" in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pip install -e '.[test]'" in ci and "python -m pytest" in ci


def statements_section() -> str:
    return README[README.index("## Bokslut ur SIE (`statements`)") : README.index("## Prestanda")]


def test_statements_section_names_every_sie_record_the_reader_reads_or_skips():
    from finsam_budget.readers.sie import reader as sie
    from finsam_budget.readers.sie.records import HANDLERS

    section = statements_section()
    labels = [*HANDLERS, *sie._VOUCHER_ROWS, "#VER", *sie._IGNORED, "#KSUMMA"]
    assert [label for label in labels if f"`{label}`" not in section] == []
    assert "**kontrolleras**" in section and "ändrats efter exporten" in section


def test_statements_section_describes_every_sheet_and_where_the_workbook_goes():
    from finsam_budget.readers.sie.reader import read_sie
    from finsam_budget.statements import compute_statements
    from finsam_budget.writers.kontroller_sheet import SHEET
    from tests.example_bokslut import EXAMPLE

    section = statements_section()
    sheets = [s.name for s in compute_statements(read_sie(EXAMPLE)).sheets] + [SHEET]
    assert [name for name in sheets if f"* **{name}**" not in section] == []
    assert f"Arbetsboken har {['fem', 'sex', 'sju'][len(sheets) - 5]} blad" in section
    assert "`workbooks/<SIE-filens namn>-bokslut.xlsx` i den\nkatalog du står i" in section
