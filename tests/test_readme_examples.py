"""The README's examples run top to bottom in a fresh folder: none fails to read, none collides with an earlier one."""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

from click.testing import CliRunner

from finsam_budget.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[list[str]]:
    """Every ``finsam-budget`` command in the README's ``sh`` blocks, in order, as arguments."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        text = block.replace("\\\n", " ")
        for line in text.splitlines():
            line = line.split(" #", 1)[0].strip()
            if line.startswith("#"):
                continue
            for part in line.split("&&"):
                words = shlex.split(part)
                if words and words[0].endswith("finsam-budget"):
                    commands.append(words[1:])
    return commands


def test_the_readme_has_the_examples_a_newcomer_runs():
    names = [c[0] for c in readme_commands()]
    assert {"init", "convert", "check", "plan", "drift", "compare", "overview", "statements"} <= set(names)


def test_the_readmes_examples_run_top_to_bottom_without_a_collision(tmp_path):
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        for args in readme_commands():
            result = runner.invoke(main, args)
            shown = f"finsam-budget {' '.join(args)}:\n{result.output}"
            assert result.exit_code in (0, 1), shown
            assert "finns redan" not in result.output, shown
    finally:
        os.chdir(cwd)
