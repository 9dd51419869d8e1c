"""`finsam-budget check` through click's CliRunner: output, JSON, exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from finsam_budget.cli import main
from tests.scenario_factory import BASE, replace, write

GOTLAND = "scenarios/gotland-2022.toml"


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_gotland_report_in_swedish_exit_1():
    result = run("check", GOTLAND)
    assert result.exit_code == 1
    assert "FEL      stated" in result.output
    assert "publicerat 6 248 312 kr, raderna ger 6 245 312 kr; differens 3 000 kr" in result.output
    assert result.output.rstrip().endswith("2 fel, 0 varningar, 10 info")


def test_json_findings():
    result = run("check", "--json", GOTLAND)
    assert result.exit_code == 1
    found = json.loads(result.output)["findings"]
    stated = [f for f in found if f["rule"] == "stated"]
    assert stated[0] == {
        "rule": "stated",
        "severity": "error",
        "year": 2021,
        "key": "income_and_equity",
        # published 6 248 312; the lines give 2 162 000 + 2 162 000 + 1 921 312 = 6 245 312
        "message": "Intäkter och eget kapital: publicerat 6 248 312 kr, raderna ger 6 245 312 kr; differens 3 000 kr",
        "amounts": {"stated": "6248312", "computed": "6245312", "difference": "3000"},
    }
    assert {f["severity"] for f in found} <= {"error", "warning", "info"}


def test_clean_scenario_exit_0(tmp_path):
    result = run("check", str(write(tmp_path)))
    assert result.exit_code == 0, result.output


def test_strict_turns_warnings_into_exit_1(tmp_path):
    path = write(tmp_path, replace("reserve = { 2021 = 300000", "reserve = { 2021 = 450000"))
    assert run("check", str(path)).exit_code == 0
    assert run("check", "--strict", str(path)).exit_code == 1


@pytest.mark.parametrize(
    "old,new,expected",
    [
        ("format = 1", "format = 1\nokand = 1", "okand: okänd nyckel"),
        ("[admin.kansli]", "[admins.kansli]", "admins: okänd nyckel (tillåtna: adjust, admin,"),
        ("[admin.kansli]", "[admins.kansli]", "; menade du admin?"),
        ('name = "JobbSam"', 'nam = "JobbSam"', "[projects.jobbsam].nam: okänd nyckel"),
        ('name = "JobbSam"', 'nam = "JobbSam"', "; menade du name?"),
        ("2021 = 600000", "2021 = 600000.5", "[admin.kansli].amounts.2021: decimaltal"),
        ('federation = "Samordningsförbundet Test"\n', "", "federation: saknas"),
        ("2023 = 600000", "2023 = 600000, 2030 = 1", "[admin.kansli].amounts.2030: året 2030"),
        ('share = "1/2"', 'share = "1/3"', "[members]: medlemmarnas andelar måste summera till exakt 1"),
        ("2022 = 1200000", '2022 = "abc"', '[projects.jobbsam].amounts.2022: väntade ett belopp i kronor, fick "abc"'),
        ('name = "JobbSam"', 'name = "JobbSam', "ogiltig TOML"),
    ],
)
def test_malformed_input_exit_2_names_the_key(tmp_path, old, new, expected):
    path = write(tmp_path, replace(old, new))
    result = run("check", str(path))
    assert result.exit_code == 2
    assert expected in result.output
    assert str(path) in result.output
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(result.exception, SystemExit)


def test_missing_file_exit_2(tmp_path):
    result = run("check", str(tmp_path / "saknas.toml"))
    assert result.exit_code == 2 and "saknas.toml: filen finns inte" in result.output


def test_extends_cycle_and_missing_base_exit_2(tmp_path):
    write(tmp_path, 'extends = "b.toml"\n' + BASE, "a.toml")
    write(tmp_path, 'extends = "a.toml"\ntitle = "B"\n', "b.toml")
    assert "cykel" in run("check", str(tmp_path / "a.toml")).output
    path = write(tmp_path, 'extends = "nej.toml"\ntitle = "C"\n', "c.toml")
    result = run("check", str(path))
    assert result.exit_code == 2 and "nej.toml finns inte" in result.output


def test_usage_error_exit_2():
    assert run("check").exit_code == 2
    assert run("check", "--okand", GOTLAND).exit_code == 2


def test_rules_file_replaces_the_cap_table(tmp_path):
    rules = tmp_path / "regler.toml"
    rules.write_text('format = 1\nkind = "rules"\n[[equity_cap]]\nshare = "10%"\n', encoding="utf-8")
    result = run("check", "--json", "--rules", str(rules), str(write(tmp_path)))
    caps = [f for f in json.loads(result.output)["findings"] if f["rule"] == "equity-cap"]
    assert caps[0]["amounts"]["cap"] == "200000" and caps[0]["severity"] == "warning"


def test_bad_rules_file_exit_2(tmp_path):
    rules = tmp_path / "regler.toml"
    rules.write_text('format = 1\nkind = "rules"\n[[equity_cap]]\nshare = 0.2\n', encoding="utf-8")
    result = run("check", "--rules", str(rules), str(write(tmp_path)))
    assert result.exit_code == 2 and "[equity_cap.0].share" not in result.output
    assert "regler.toml" in result.output and "share" in result.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("finsam-budget ")


def test_console_script_speaks_swedish():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "finsam_budget", "check"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Användning: finsam-budget check [FLAGGOR] SCENARIO" in result.stderr
    assert "Fel: Argument saknas 'SCENARIO'." in result.stderr
    assert "Traceback" not in result.stderr
    help_text = subprocess.run([sys.executable, "-m", "finsam_budget", "--help"], capture_output=True, text=True).stdout
    assert "Visa den här hjälpen och avsluta." in help_text and "Kommandon:" in help_text


EXAMPLE = "scenarios/exempel-projekt-likviditet.toml"


def test_example_with_periods_grants_and_cash_is_clean():
    result = run("check", EXAMPLE)
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("0 fel, 0 varningar, 6 info")


def test_year_figure_and_quarters_for_one_year_exit_2(tmp_path):
    text = replace("amounts = { 2021 = 600000, 2022 = 600000, 2023 = 600000 }",
                   "amounts = { 2021 = 600000, 2022 = 600000, 2023 = 600000 }\n"
                   "quarters = { 2022 = [150000, 150000, 150000, 150000] }")
    result = run("check", str(write(tmp_path, text)))
    assert result.exit_code == 2
    assert "[admin.kansli].quarters.2022: året 2022 anges redan i amounts" in result.output


def test_line_stated_in_json(tmp_path):
    text = replace('name = "Kansli"', 'name = "Kansli"\nstated = { 2021 = 599000 }')
    result = run("check", "--json", str(write(tmp_path, text)))
    assert result.exit_code == 1
    [found] = [f for f in json.loads(result.output)["findings"] if f["rule"] == "line-stated"]
    assert (found["key"], found["year"]) == ("admin.kansli", 2021)
    assert found["amounts"] == {"stated": "599000", "computed": "600000", "difference": "-1000"}


def test_negative_cash_exit_1_naming_the_month(tmp_path):
    text = BASE + '\n[cash]\nopening = 0\ncontributions = [2]\n'
    result = run("check", str(write(tmp_path, text)))
    assert result.exit_code == 1
    assert "FEL      cash" in result.output and "Kassan är negativ vid slutet av 2021-01:" in result.output


def test_problems_are_listed_in_the_files_line_order(tmp_path):
    # the top-level key is checked first but stands last: it is listed last
    text = replace('name = "JobbSam"', 'nam = "JobbSam"') + "\n[project.extra]\nname = \"Extra\"\n"
    result = run("check", str(write(tmp_path, text)))
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Fel: ")]
    lines = [int(line.split(":")[2]) for line in errors]
    assert len(errors) == 3 and lines == sorted(lines), errors  # name missing, nam unknown, project unknown
    assert "project: okänd nyckel" in errors[-1]
