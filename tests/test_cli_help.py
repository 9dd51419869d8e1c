"""Every command has Swedish help with an example, and --version works."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from finsam_budget import __version__
from finsam_budget.cli import main


@pytest.mark.parametrize("command", sorted(main.commands))
def test_help_has_a_swedish_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Exempel:" in result.output
    assert f"finsam-budget {command} " in result.output


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.output.strip() == f"finsam-budget {__version__}"


def test_no_english_placeholder_or_note_in_any_commands_help():
    """click's own words (FILE, TEXT, [required] …) are Swedish or replaced in every --help."""
    from click.testing import CliRunner

    from finsam_budget.cli import main
    from finsam_budget.cli import swedish as cli_swedish

    cli_swedish.install()
    english = ("FILE", "DIRECTORY", "PATH", "TEXT", "INTEGER", "[required]", "Options:", "Usage:")
    found = []
    for name in main.commands:
        output = CliRunner().invoke(main, [name, "--help"]).output
        found += [f"{name}: {word}" for word in english if re.search(rf"(?<![\w_]){re.escape(word)}(?![\w_])", output)]
    assert found == []
