"""`finsam-budget init` and `init --from`: a new scenario that passes `check` at once, and next year's."""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from finsam_budget.cli import main
from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.scenario import load_scenario
from tests.libreoffice import recalculate

ROOT = Path(__file__).resolve().parents[1]
SVB = [
    "init", "--forbund", "Samordningsförbundet Södra Vätterbygden", "--medlemmar", "50/25/25",
    "--region", "Region Jönköpings län", "--kommun", "Jönköping=141000", "--kommun", "Habo=11900",
    "--kommun", "Mullsjö=7200", "--kommun", "Vaggeryd=14000", "--budgetar", "2025", "--total", "6 680 000",
]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_init_writes_a_scenario_that_passes_check_at_once(tmp_path):
    target = tmp_path / "svb.toml"
    code, output = run(*SVB, "-o", str(target))
    assert code == 0, output
    code, output = run("check", "--strict", str(target))
    assert code == 0 and "0 fel, 0 varningar" in output, output
    scenario = load_scenario(target)
    assert scenario.years == (2024, 2025, 2026, 2027) and scenario.budget_year == 2025
    assert [m.id for m in scenario.members] == ["fk", "region", "jonkoping", "habo", "mullsjo", "vaggeryd"]
    assert sum(m.share for m in scenario.members) == 1
    plan = compute_plan(scenario)
    assert plan.year(2025).member_contributions == Decimal(6680000)
    assert plan.year(2025).contributions["fk"] == Decimal(3340000)


def test_every_section_of_the_new_file_has_a_swedish_comment(tmp_path):
    target = tmp_path / "svb.toml"
    run(*SVB, "-o", str(target))
    text = target.read_text(encoding="utf-8")
    for header in ("[contributions]", "[members.fk]", "[income]", "[equity]", "[admin.kansli]",
                   "[development.insatser]", "[projects.projekt1]", "[stated]"):
        before = text[: text.index(header)].rstrip("\n").splitlines()[-1]
        assert before.startswith("# "), header
    assert "141 000 av kommunernas 174 100 invånare" in text


def test_init_never_overwrites_without_force(tmp_path):
    target = tmp_path / "svb.toml"
    target.write_text("# min budget\n", encoding="utf-8")
    code, output = run(*SVB, "-o", str(target))
    assert code == 2 and "finns redan; använd --force" in output
    assert target.read_text(encoding="utf-8") == "# min budget\n"
    code, _ = run(*SVB, "-o", str(target), "--force")
    assert code == 0 and "[contributions]" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--medlemmar", "50/25/25"], "behöver minst en --kommun"),
        (["--kommun", "Habo=1/2"], "passar inte med --medlemmar 50/50"),
        (["--medlemmar", "50/25/25", "--kommun", "Habo=1/2", "--kommun", "Mullsjö=1/4"], "summerar till 75 %"),
        (["--medlemmar", "50/25/25", "--kommun", "Habo=1/2", "--kommun", "Mullsjö=7200"], "alla som invånarantal"),
        (["--medlemmar", "50/25/25", "--kommun", "Habo"], "väntade NAMN=ANDEL"),
        (["--xlsx", "-o", "a.toml"], "ska -o sluta på .xlsx"),
        (["--uplift", "2"], "--uplift gäller bara med --from"),
    ],
)
def test_wrong_options_are_usage_errors_in_swedish(tmp_path, args, message):
    code, output = run("init", "--forbund", "F", *args)
    assert code == 2 and message in output, output


def test_init_without_a_name_says_how(tmp_path):
    code, output = run("init", "-o", str(tmp_path / "x.toml"))
    assert code == 2 and "--forbund" in output


def test_shares_as_fractions_of_the_municipal_quarter(tmp_path):
    target = tmp_path / "x.toml"
    code, output = run("init", "--forbund", "F", "--medlemmar", "50/25/25", "--kommun", "A=3/4", "--kommun", "B=25%",
                       "--budgetar", "2025", "-o", str(target))
    assert code == 0, output
    shares = {m["name"]: m["share"] for m in tomllib.loads(target.read_text(encoding="utf-8"))["members"].values()}
    assert shares == {"Försäkringskassan": "1/2", "Regionen": "1/4", "A": "3/16", "B": "1/16"}


def test_roll_forward_moves_the_years_copies_the_last_with_uplift_and_empties_stated(tmp_path):
    target = tmp_path / "gotland-2023.toml"
    code, output = run("init", "--from", str(ROOT / "scenarios" / "gotland-2022.toml"), "--uplift", "2",
                       "-o", str(target))
    assert code == 0, output
    old = compute_plan(load_scenario(ROOT / "scenarios" / "gotland-2022.toml"))
    new = load_scenario(target)
    assert new.years == (2022, 2023, 2024, 2025) and new.budget_year == 2023 and new.title == "Budgetplan 2023"
    assert not new.stated
    fk = new.line("income.fk")
    assert fk.amounts[2022] == Decimal(2162000) and fk.amounts[2025] == Decimal(2162400)  # 2 120 000 × 1,02
    assert new.line("admin.kansli").amounts[2025] == (old.scenario.line("admin.kansli").amounts[2024] * Decimal("1.02")
                                                      ).quantize(Decimal(1))
    assert new.reserve[2025] == old.scenario.reserve[2024]
    assert new.opening_equity[2022] == old.year(2022).opening_equity
    assert new.opening_equity[2023] == old.year(2023).opening_equity
    text = target.read_text(encoding="utf-8")
    assert "# 2022–2024 från gotland-2022.toml; 2025 = 2024 (2 120 000 kr) + 2 %" in text
    code, output = run("check", str(target))
    assert code == 0, output


def test_roll_forward_from_a_workbook(tmp_path):
    template = tmp_path / "svb.xlsx"
    assert run(*SVB, "--xlsx", "-o", str(template))[0] == 0
    code, output = run("init", "--from", str(template), "-o", str(tmp_path / "svb-2026.xlsx"), "--xlsx")
    assert code == 0, output
    assert load_scenario(tmp_path / "svb-2026.xlsx").years == (2025, 2026, 2027, 2028)


def test_the_xlsx_template_has_input_cells_validation_and_passes_check(tmp_path):
    template = tmp_path / "svb.xlsx"
    code, output = run(*SVB, "--xlsx", "-o", str(template))
    assert code == 0, output
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames[:5] == ["Förbund", "Medlemmar", "Rader", "Eget kapital", "Publicerat"]
    rader = wb["Rader"]
    assert rader.freeze_panes == "A2"
    assert {v.type for v in rader.data_validations.dataValidation} >= {"list", "decimal"}
    assert rader["B20"].fill.fgColor.rgb.endswith("FFF2CC")
    code, output = run("check", "--json", str(template))
    assert code == 0 and json.loads(output)["findings"]


def test_libreoffice_opens_the_template_without_error(tmp_path, soffice):
    template = tmp_path / "mall.xlsx"
    assert run(*SVB, "--xlsx", "-o", str(template))[0] == 0
    [converted] = recalculate([template], tmp_path / "lo", soffice=soffice)
    assert load_scenario(converted).federation == "Samordningsförbundet Södra Vätterbygden"
