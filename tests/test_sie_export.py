"""export-sie: the budget year as #PBUDGET, read back by the tool's own reader (round trip)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from finsam_budget.cli import main
from finsam_budget.plan.engine import compute_plan
from finsam_budget.plan.periods import monthly_amounts
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.readers.sie.reader import read_sie

EXAMPLE = "scenarios/exempel-bokslut-2022.toml"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_export_sie_round_trips_every_line_month_by_month(tmp_path):
    target = tmp_path / "budget.se"
    result = run("export-sie", EXAMPLE, "--year", 2022, "-o", target)
    assert result.exit_code == 0, result.output
    data = read_sie(target)
    assert data.encoding == "cp437" and data.rar[0][0].year == 2022
    assert any(w.severity == "info" and "#KSUMMA stämmer" in w.message for w in data.warnings)
    scenario = compute_plan(load_scenario(EXAMPLE)).scenario
    expected: dict[tuple[str, str], Decimal] = {}
    for line in scenario.lines():
        if line.accounts and line.amount(2022):
            sign = -1 if line.section == "income" else 1
            for month, amount in enumerate(monthly_amounts(line, 2022), start=1):
                key = (f"2022{month:02d}", line.accounts[0].split("-")[0])
                expected[key] = expected.get(key, Decimal(0)) + sign * amount
    assert {(p, a): v for (_, p, a), v in data.pbudget.items()} == expected


def test_lines_without_accounts_are_listed_in_a_warning(tmp_path):
    scenario = tmp_path / "s.toml"
    text = Path(EXAMPLE).read_text(encoding="utf-8")
    scenario.write_text(text + '\n[projects.nya]\nname = "Tillgängligt nya projekt"\namounts = { 2022 = 400000 }\n',
                        encoding="utf-8")
    result = run("export-sie", scenario, "-o", tmp_path / "b.se")
    assert result.exit_code == 0
    assert "scenariorader utan konton" in result.output and "projects.nya (400 000 kr)" in result.output


def test_export_sie_never_overwrites_without_force(tmp_path):
    target = tmp_path / "b.se"
    target.write_text("x")
    assert run("export-sie", EXAMPLE, "-o", target).exit_code == 2
    assert target.read_text() == "x"


def test_a_scenario_without_accounts_exports_nothing_and_says_why(tmp_path):
    from click.testing import CliRunner

    from finsam_budget.cli import main

    target = tmp_path / "b.se"
    result = CliRunner().invoke(main, ["export-sie", "scenarios/gotland-2022.toml", "-o", str(target)])
    assert result.exit_code == 2 and not target.exists()
    assert "ingen budget att exportera" in result.output
