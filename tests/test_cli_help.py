"""Every command has Swedish help with an example, and --version works."""

from __future__ import annotations

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
