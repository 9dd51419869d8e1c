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


INSTALL = "python3 -m venv .venv && .venv/bin/python -m pip install -e '.[test]'"
TESTS = ".venv/bin/python -m pytest"


def test_quick_start_has_the_two_commands_in_their_own_virtual_environment():
    assert (
        "python3 -m venv .venv && .venv/bin/python -m pip install . && "
        ".venv/bin/finsam-budget plan scenarios/gotland-2022.toml"
    ) in README
    assert f"{INSTALL} && {TESTS}\n" in README


def test_ci_runs_the_readmes_test_command_with_ruff_and_mypy_in_the_venv_before_the_tests():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    lines = ci.splitlines()
    install = lines.index(INSTALL)
    ruff = lines.index(".venv/bin/ruff check finsam_budget tests bench")
    mypy = lines.index(".venv/bin/mypy")
    tests = next(i for i, line in enumerate(lines) if line.startswith(f'{TESTS} "$@"'))
    assert install < ruff < tests and install < mypy < tests
    assert lines.index("fi") < install  # LibreOffice is installed first
    assert "-eq 5" in ci  # pytest's "no tests ran"


def test_the_readme_says_how_long_the_tests_take():
    assert "som tar omkring\ntre till fyra minuter" in README


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
