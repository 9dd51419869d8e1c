"""The options every command shares: --rules on plan, drift, compare, overview and statements; one
definition of -o/--output, --force, --strict and --rules for every command that has them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import openpyxl
import pytest
from click.testing import CliRunner

from finsam_budget.cli import main
from finsam_budget.writers.print_layout import CONTINUED

GOTLAND = "scenarios/gotland-2022.toml"
UTAN_JOBBSAM = "scenarios/gotland-2022-utan-jobbsam.toml"
DRIFT = Path(__file__).parent / "data" / "drift"
BOKSLUT_SIE = "scenarios/exempel-bokslut-2022.se"
BOKSLUT_SCENARIO = "scenarios/exempel-bokslut-2022.toml"
SEVERITY_TEXT = {"error": "Fel", "warning": "Varning", "info": "Info"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def one_percent(tmp_path) -> Path:
    """A rules file whose cap is 1 % of the member contributions: every example is over it."""
    path = tmp_path / "regler.toml"
    path.write_text('format = 1\nkind = "rules"\n[[equity_cap]]\nshare = "1%"\n', encoding="utf-8")
    return path


def kontroller(path: Path) -> list[tuple[str, int | None, str, str]]:
    """The findings on a workbook's Kontroller sheet: (rule, year, severity, message).

    The sheet writes the spaces inside amounts as non-breaking ones (a number never
    wraps); they read as the terminal's spaces. The table's heading repeated where it
    goes on to another page ("Meddelande (forts.)") is not a finding.
    """
    ws = openpyxl.load_workbook(path)["Kontroller"]
    rows = ws.iter_rows(min_row=6, max_col=4, values_only=True)
    return [
        (source.removeprefix("regel "), year, severity, message.replace("\xa0", " "))
        for severity, source, year, message in rows
        if severity and not str(message).endswith(CONTINUED)  # a page's repeated heading row
    ]


# -- plan --rules ------------------------------------------------------------------------


def test_plan_accepts_rules_and_the_cap_follows_them(tmp_path, one_percent):
    without = run("plan", GOTLAND, "-o", tmp_path / "a.xlsx")
    with_rules = run("plan", GOTLAND, "-o", tmp_path / "b.xlsx", "--rules", one_percent)
    assert with_rules.exit_code == without.exit_code == 1, with_rules.output
    cap = "Tak för eget kapital                43 240           43 240        42 600        42 400"
    assert cap in with_rules.output and cap not in without.output


def test_plan_kontroller_sheet_has_the_findings_of_check_with_the_same_rules(tmp_path, one_percent):
    target = tmp_path / "plan.xlsx"
    assert run("plan", GOTLAND, "-o", target, "--rules", one_percent).exit_code == 1
    checked = json.loads(run("check", "--json", "--rules", one_percent, GOTLAND).output)["findings"]
    expected = [(f["rule"], f["year"], SEVERITY_TEXT[f["severity"]], f["message"]) for f in checked]
    assert any(f["rule"] == "equity-cap" and f["severity"] == "warning" for f in checked)
    assert sorted(kontroller(target), key=repr) == sorted(expected, key=repr)


def test_plan_with_an_unreadable_rules_file_exit_2_and_writes_nothing(tmp_path):
    rules = tmp_path / "regler.toml"
    rules.write_text('format = 1\nkind = "rules"\n', encoding="utf-8")
    result = run("plan", GOTLAND, "-o", tmp_path / "plan.xlsx", "--rules", rules)
    assert result.exit_code == 2 and "equity_cap" in result.output
    assert not (tmp_path / "plan.xlsx").exists()


# -- drift --rules -----------------------------------------------------------------------


def test_drift_accepts_rules_and_reports_the_years_cap_finding(tmp_path, one_percent):
    args = ("drift", DRIFT / "exempelbygd.toml", "--actuals", DRIFT / "utfall-2022.toml", "--force")
    without = run(*args, "-o", tmp_path / "a.xlsx")
    with_rules = run(*args, "-o", tmp_path / "b.xlsx", "--rules", one_percent)
    assert without.exit_code == with_rules.exit_code == 0, with_rules.output
    assert "equity-cap" not in without.output
    assert "VARNING  equity-cap  2022  Tak för eget kapital 74 400 kr (1 % av medlemsbidragen" in with_rules.output
    sheet = openpyxl.load_workbook(tmp_path / "b.xlsx")["Kontroller"]
    assert ("regel equity-cap", 2022) in [row[1:3] for row in sheet.iter_rows(min_row=6, values_only=True)]


def test_drift_strict_with_rules_makes_the_cap_warning_exit_1(tmp_path, one_percent):
    result = run(
        "drift", DRIFT / "exempelbygd.toml", "--actuals", DRIFT / "utfall-2022.toml",
        "-o", tmp_path / "d.xlsx", "--rules", one_percent, "--strict",
    )
    assert result.exit_code == 1


# -- compare and overview --rules ---------------------------------------------------------


def test_compare_checks_every_scenario_with_the_rules(one_percent):
    without = run("compare", GOTLAND, UTAN_JOBBSAM)
    with_rules = run("compare", GOTLAND, UTAN_JOBBSAM, "--rules", one_percent)
    cap = re.compile(r"Tak för eget kapital \(\+ = högre\) +43 240 +43 240 +0\n")
    assert cap.search(with_rules.output) and not cap.search(without.output)
    strict = run("compare", GOTLAND, UTAN_JOBBSAM, "--rules", one_percent, "--strict")
    assert strict.exit_code == 1


def test_overview_checks_every_scenario_with_the_rules(one_percent):
    without = run("overview", GOTLAND)
    with_rules = run("overview", "--rules", one_percent, GOTLAND)
    assert with_rules.exit_code in (0, 1) and with_rules.output != without.output
    assert "43 240" in with_rules.output and "43 240" not in without.output


# -- statements --rules ----------------------------------------------------------------


def _cap_line(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("Tak för eget kapital"))


def test_statements_cap_comes_from_the_rules_file(tmp_path, one_percent):
    without = run("statements", BOKSLUT_SIE, "-o", tmp_path / "a.xlsx")
    with_rules = run("statements", BOKSLUT_SIE, "-o", tmp_path / "b.xlsx", "--rules", one_percent)
    assert without.exit_code == with_rules.exit_code == 0, with_rules.output
    assert _cap_line(without.output).split() == ["Tak", "för", "eget", "kapital", "800", "000", "780", "000"]
    assert _cap_line(with_rules.output).split() == ["Tak", "för", "eget", "kapital", "40", "000", "39", "000"]


def test_statements_rules_replace_the_scenarios_cap_table(tmp_path, one_percent):
    result = run(
        "statements", BOKSLUT_SIE, "--scenario", BOKSLUT_SCENARIO, "-o", tmp_path / "s.xlsx", "--rules", one_percent
    )
    assert result.exit_code == 0, result.output
    assert _cap_line(result.output).split()[4:] == ["40", "000", "39", "000"]


def test_statements_strict_turns_a_warning_into_exit_1(tmp_path):
    from tests.test_statements import small_ledger

    sie = small_ledger().write(tmp_path, encoding="latin-1")  # a Latin-1 file is a warning, not an error
    plain = run("statements", sie, "-o", tmp_path / "a.xlsx")
    strict = run("statements", sie, "-o", tmp_path / "b.xlsx", "--strict")
    assert plain.exit_code == 0 and strict.exit_code == 1, strict.output


# -- one definition per shared option ------------------------------------------------------

SHARED = {"output": "-o/--output", "force": "--force", "strict": "--strict", "rules_path": "--rules"}
WRITING = ("plan", "drift", "compare", "overview", "statements")


def _options(command: str) -> dict[str, click.Option]:
    return {p.name: p for p in main.commands[command].params if isinstance(p, click.Option) and p.name}


@pytest.mark.parametrize("command", WRITING)
def test_every_writing_command_has_the_shared_options(command):
    assert set(SHARED) <= set(_options(command))


@pytest.mark.parametrize("name", list(SHARED))
def test_the_shared_options_are_defined_alike(name):
    defined = [_options(command)[name] for command in (*WRITING, "check") if name in _options(command)]
    shapes = {
        (tuple(o.opts), o.is_flag, o.metavar, type(o.type).__name__, getattr(o.type, "dir_okay", None))
        for o in defined
    }
    assert len(shapes) == 1, shapes


def test_check_takes_rules_and_strict_but_writes_nothing():
    assert {"strict", "rules_path"} <= set(_options("check")) and "output" not in _options("check")
