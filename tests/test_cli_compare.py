"""`finsam-budget compare` and `overview` through click's CliRunner: output and exit codes."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from finsam_budget.cli import main
from tests.scenario_factory import BASE, replace, write

GOTLAND = "scenarios/gotland-2022.toml"
UTAN_JOBBSAM = "scenarios/gotland-2022-utan-jobbsam.toml"
MINSKADE = "scenarios/gotland-2022-minskade-bidrag.toml"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


# -- compare --------------------------------------------------------------------------


def test_compare_gotland_scenarios_side_by_side():
    result = run("compare", GOTLAND, UTAN_JOBBSAM, MINSKADE)
    assert result.exit_code == 1  # the published plan has two stated errors; −5 % leaves 2024 short
    out = result.output
    assert out.startswith("Jämförelse av 3 scenarier: Samordningsförbundet FinsamGotland")
    assert "B  JobbSam förlängs inte efter 2023" in out and "kontroll: ok" in out
    assert "Prognos 2024" in out and "Utrymme för ny verksamhet" in out and "+2 320 000" in out


def test_compare_clean_scenarios_exit_0(tmp_path):
    base = write(tmp_path, BASE, "a.toml")
    other = write(tmp_path, 'extends = "a.toml"\ntitle = "Lägre kansli"\n\n[admin.kansli]\namounts = { 2023 = 500000 }\n', "b.toml")
    result = run("compare", base, other)
    assert result.exit_code == 0, result.output
    assert "+100 000" in result.output  # room 2023


def test_compare_strict_counts_warnings(tmp_path):
    base = write(tmp_path, BASE, "a.toml")
    warned = write(tmp_path, replace("reserve = { 2021 = 300000", "reserve = { 2021 = 450000"), "b.toml")
    assert run("compare", base, warned).exit_code == 0
    assert run("compare", "--strict", base, warned).exit_code == 1


def test_compare_needs_two_scenarios():
    result = run("compare", GOTLAND)
    assert result.exit_code == 2 and "minst två" in result.output


def test_compare_unreadable_scenario_exit_2_names_every_problem(tmp_path):
    bad = write(tmp_path, replace("2022 = 1200000", '2022 = "abc"'), "trasig.toml")
    result = run("compare", GOTLAND, bad, tmp_path / "saknas.toml")
    assert result.exit_code == 2
    assert "[projects.jobbsam].amounts.2022" in result.output and "saknas.toml: filen finns inte" in result.output


def test_compare_missing_adjustment_target_exit_2(tmp_path):
    shutil.copy(GOTLAND, tmp_path / "gotland-2022.toml")
    bad = write(
        tmp_path,
        'extends = "gotland-2022.toml"\ntitle = "X"\n\n[[adjust]]\ntarget = "projects.jobbsam4"\npercent = "-10"\n',
        "x.toml",
    )
    result = run("compare", tmp_path / "gotland-2022.toml", bad)
    assert result.exit_code == 2
    assert 'x.toml:5: [[adjust]] nr 1: target: raden "projects.jobbsam4" finns inte' in result.output


def test_check_applies_adjustments():
    result = run("check", MINSKADE)
    assert result.exit_code == 1
    assert "balance          2024  Utrymmet för ny verksamhet är negativt: -82 980 kr" in result.output


def test_compare_extends_cycle_and_missing_base_exit_2(tmp_path):
    write(tmp_path, 'extends = "b.toml"\n' + BASE, "a.toml")
    write(tmp_path, 'extends = "a.toml"\ntitle = "B"\n', "b.toml")
    write(tmp_path, 'extends = "nej.toml"\ntitle = "C"\n', "c.toml")
    result = run("compare", tmp_path / "a.toml", tmp_path / "c.toml")
    assert result.exit_code == 2
    assert "cykel" in result.output and "nej.toml finns inte" in result.output


def test_compare_help_is_swedish_with_an_example():
    result = run("compare", "--help")
    assert result.exit_code == 0
    assert "Jämför prognosscenarier" in result.output and "finsam-budget compare scenarios/gotland-2022.toml" in result.output


# -- overview -------------------------------------------------------------------------


def test_overview_of_the_gotland_scenarios(tmp_path):
    for name in (GOTLAND, UTAN_JOBBSAM, MINSKADE):
        shutil.copy(name, tmp_path)
    result = run("overview", tmp_path)
    assert result.exit_code == 1  # two of the three Gotland scenarios have errors
    lines = result.stdout.splitlines()
    assert lines[0] == "Översikt: 3 scenarier från 1 förbund (budgetårets siffror)"
    titles = [line for line in lines if line.startswith("Samordningsförbundet FinsamGotland")]
    assert [t.split("  ")[1].strip() for t in titles] == [
        "Budgetplan 2022", "JobbSam förlängs inte efter 2023", "Medlemsbidragen minskar 5 % från 2024",
    ]
    assert any(line.startswith("Totalt") and "12 972 000" in line for line in lines)


def test_overview_of_the_shipped_scenarios_folder_reads_every_scenario():
    result = run("overview", "scenarios")
    assert result.exit_code in (0, 1) and "Kunde inte läsas" not in result.stdout
    assert 'Obs: scenarios/exempel-drift-2022.toml: hoppas över: kind = "actuals"' in result.stderr


def test_overview_lists_broken_files_and_keeps_the_others_exit_2(tmp_path):
    write(tmp_path, BASE, "bra.toml")
    write(tmp_path, replace('name = "JobbSam"', 'name = "JobbSam'), "trasig.toml")
    result = run("overview", tmp_path, tmp_path / "saknas.toml")
    assert result.exit_code == 2
    assert "Översikt: 1 scenarier från 1 förbund" in result.output
    assert "Kunde inte läsas (2):" in result.output
    assert "trasig.toml" in result.output and "ogiltig TOML" in result.output
    assert "saknas.toml: filen eller mappen finns inte" in result.output


def test_overview_all_readable_and_clean_exit_0(tmp_path):
    write(tmp_path, BASE, "a.toml")
    result = run("overview", tmp_path)
    assert result.exit_code == 0, result.output


def test_overview_nothing_readable_exit_2(tmp_path):
    result = run("overview", tmp_path)
    assert result.exit_code == 2 and "inga scenariofiler" in result.output


def test_overview_rules_file_changes_the_cap(tmp_path):
    write(tmp_path, BASE, "a.toml")
    rules = tmp_path / "regler.rules"
    rules.write_text('format = 1\nkind = "rules"\n[[equity_cap]]\nshare = "10%"\n', encoding="utf-8")
    result = run("overview", "--rules", rules, tmp_path / "a.toml")
    assert result.exit_code == 0
    total = next(line for line in result.output.splitlines() if line.startswith("Totalt"))
    assert "200 000" in total and "100 000" in total  # cap 10 % of 2 000 000; excess 300 000 − 200 000


def test_readme_example_output_is_what_compare_prints():
    from pathlib import Path

    readme = Path("README.md").read_text(encoding="utf-8")
    example = next(block for block in readme.split("```text\n")[1:] if block.startswith("Jämförelse")).split("```")[0]
    output = run("compare", GOTLAND, UTAN_JOBBSAM, MINSKADE).output.splitlines()
    shown = [line for line in example.splitlines() if line.strip() and line != "…"]
    assert shown and all(line in output for line in shown), [line for line in shown if line not in output]
