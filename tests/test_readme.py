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
