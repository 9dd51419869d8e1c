"""The Python API: ``import finsam_budget as fb`` and the same checks for a scenario built in code."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import finsam_budget as fb
from finsam_budget.model import Adjustment, CapBand, CashPlan, Line, Member, Period, Scenario, frozen_map

ROOT = Path(__file__).resolve().parents[1]


def scenario_in_code(**changes) -> Scenario:
    """A small valid scenario built without any file."""
    fields = dict(
        source="i kod",
        federation="Samordningsförbundet Test",
        title="Budget 2022",
        years=(2022, 2023),
        budget_year=2022,
        columns=frozen_map({2022: "Budget 2022", 2023: "Plan 2023"}),
        members=(Member("fk", "Försäkringskassan", Fraction(1, 2)), Member("region", "Regionen", Fraction(1, 2))),
        income=(
            Line("income", "fk", "Försäkringskassan", frozen_map({2022: Decimal(1000000), 2023: Decimal(1000000)}), member="fk"),
            Line("income", "region", "Regionen", frozen_map({2022: Decimal(1000000), 2023: Decimal(1000000)}), member="region"),
        ),
        admin=(Line("admin", "kansli", "Kansli", frozen_map({2022: Decimal(500000), 2023: Decimal(500000)})),),
        development=(),
        projects=(),
        opening_equity=frozen_map({2022: Decimal(300000)}),
        reserve=frozen_map({}),
    )
    fields.update(changes)
    return Scenario(**fields)


def test_a_valid_scenario_built_in_code_has_no_problems_and_computes():
    scenario = scenario_in_code()
    assert fb.validate(scenario) == []
    plan = fb.compute_plan(scenario)
    # 2 000 000 in, 500 000 admin: result 1 500 000, closing equity 300 000 + 1 500 000
    assert plan.year(2022).closing_equity == Decimal(1800000)


def test_semantic_errors_of_a_scenario_built_in_code_are_found_before_computing():
    broken = scenario_in_code(
        years=(2022, 2024),
        budget_year=2030,
        columns=frozen_map({2022: "Budget 2022", 2024: "Plan 2024"}),
        members=(Member("fk", "Försäkringskassan", Fraction(3, 4)),),
    )
    problems = fb.validate(broken)
    keys = [p.key for p in problems]
    # Keys read as they stand in a scenario file.
    assert "years" in keys and "budget_year" in keys and "[members]" in keys
    assert "[income.region].member" in keys  # names a member that is not there
    assert "[income.fk].amounts.2023" in keys  # 2023 is not a year of (2022, 2024)
    messages = {p.key: p.message for p in problems}
    assert messages["budget_year"] == "budgetåret 2030 finns inte bland years"
    assert messages["years"] == "åren måste följa på varandra i stigande ordning, t.ex. [2021, 2022, 2023]"
    assert "summerar till 75 %" in messages["[members]"]
    with pytest.raises(fb.InputError) as caught:
        fb.compute_plan(broken)
    assert [p.key for p in caught.value.problems] == keys  # refused with every problem, not a KeyError


def test_a_scenario_is_checked_once_and_a_changed_copy_again(monkeypatch):
    from dataclasses import replace

    from finsam_budget import scenario_checks

    runs = []
    original = scenario_checks._Checker.run

    def counted(self):
        runs.append(self.scenario)
        return original(self)

    monkeypatch.setattr(scenario_checks._Checker, "run", counted)
    scenario = scenario_in_code()
    assert fb.validate(scenario) == []
    fb.compute_plan(scenario)
    fb.compute_plan(scenario)
    assert len(runs) == 1  # the reader's (here validate's) checks stand: a Scenario is immutable
    wrong = replace(scenario, budget_year=2030)  # a new scenario: checked anew, and refused
    with pytest.raises(fb.InputError):
        fb.compute_plan(wrong)
    assert len(runs) == 2 and wrong == replace(scenario, budget_year=2030)


def test_the_reader_and_validate_use_the_same_words(tmp_path):
    """A file with the same semantic error gets the same message as the scenario built in code."""
    text = (ROOT / "scenarios" / "gotland-2022.toml").read_text(encoding="utf-8")
    path = tmp_path / "s.toml"
    path.write_text(text.replace("budget_year = 2022", "budget_year = 2030"), encoding="utf-8")
    with pytest.raises(fb.InputError) as caught:
        fb.load_scenario(path)
    from_file = {(p.message) for p in caught.value.problems}
    in_code = {p.message for p in fb.validate(scenario_in_code(budget_year=2030))}
    assert "budgetåret 2030 finns inte bland years" in from_file & in_code


def test_loads_scenario_reads_text_like_a_file(tmp_path):
    text = (ROOT / "scenarios" / "gotland-2022.toml").read_text(encoding="utf-8")
    from_text = fb.loads_scenario(text, name="gotland-2022.toml")
    from_file = fb.load_scenario(ROOT / "scenarios" / "gotland-2022.toml")
    assert fb.compute_plan(from_text).year(2022).room == fb.compute_plan(from_file).year(2022).room == Decimal(1087197)


def test_loads_scenario_reports_problems_with_the_given_name_and_line():
    with pytest.raises(fb.InputError) as caught:
        fb.loads_scenario('format = 1\nfederation = "X"\ntitle = 3\n', name="utkast.toml")
    wheres = [p.where for p in caught.value.problems]
    assert "utkast.toml:3: title" in wheres


def test_loads_scenario_resolves_extends_from_the_folder():
    derived = 'extends = "gotland-2022.toml"\ntitle = "Utan extra"\n'
    scenario = fb.loads_scenario(derived, name="derived.toml", folder=ROOT / "scenarios")
    assert scenario.title == "Utan extra" and scenario.budget_year == 2022


def test_importing_the_package_loads_no_engine_and_no_spreadsheet_library():
    code = "import sys, finsam_budget; print(sorted(m for m in sys.modules if m.startswith(('finsam_budget.', 'xlsxwriter', 'openpyxl'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_every_exported_name_resolves():
    assert [name for name in fb.__all__ if getattr(fb, name, None) is None] == []
    with pytest.raises(AttributeError):
        fb.no_such_name  # noqa: B018


def test_the_package_is_typed():
    assert (ROOT / "finsam_budget" / "py.typed").exists()


def python_examples(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.S)


def test_the_documented_python_example_runs(tmp_path, monkeypatch):
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    examples = python_examples(doc)
    assert examples, "docs/architecture.md har inget Python-exempel"
    shutil.copytree(ROOT / "scenarios", tmp_path / "scenarios")
    monkeypatch.chdir(tmp_path)
    for example in examples:
        exec(compile(example, "docs/architecture.md", "exec"), {})
    assert (tmp_path / "budget.xlsx").exists()


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"members": (Member("fk", "F", Decimal("0.5")), Member("region", "R", Fraction(1, 2)))}, "[members.fk].share"),
        ({"members": (Member("fk", "F", 0.5), Member("region", "R", Fraction(1, 2)))}, "[members.fk].share"),
        ({"years": ("2022", "2023")}, "years"),
        ({"columns": frozen_map({2022: "Budget 2022"})}, "[columns].2023"),
        ({"cap_bands": ()}, "equity_cap"),
        ({"cap_bands": (CapBand(None, Fraction(-1, 5)),)}, "[equity_cap].0.share"),
        ({"cap_bands": (CapBand(Decimal(5000000), Fraction(1, 5)), CapBand(Decimal(1000000), Fraction(1, 4)), CapBand(None, Fraction(1, 10)))}, "equity_cap"),
        ({"cash": CashPlan(Decimal(0), ())}, "[cash].contributions"),
        ({"cash": CashPlan(Decimal(0), (0, 13))}, "[cash].contributions"),
        ({"adjustments": (Adjustment("projects.finns-inte", Decimal(-10), 2022),)}, "[[adjust]] nr 1: target"),
        ({"adjustments": (Adjustment("admin", Decimal(-10), 2030),)}, "[[adjust]] nr 1: start"),
    ],
)
def test_a_scenario_built_wrong_in_code_gets_a_swedish_problem_not_a_traceback(changes, key):
    broken = scenario_in_code(**changes)
    problems = fb.validate(broken)
    assert key in [p.key for p in problems], problems
    with pytest.raises(fb.InputError):
        fb.compute_plan(broken)


def test_a_line_built_wrong_in_code_gets_a_swedish_problem():
    line = Line("projects", "p", "Projekt", frozen_map({2022: Decimal(1)}), accounts="5010")  # type: ignore[arg-type]
    assert [p.key for p in fb.validate(scenario_in_code(projects=(line,)))] == ["[projects.p].accounts"]
    line = Line("projects", "p", "Projekt", frozen_map({2022: Decimal(1)}), period=Period(date(2023, 1, 1), date(2022, 1, 1)))
    assert [p.key for p in fb.validate(scenario_in_code(projects=(line,)))] == ["[projects.p].period"]


def test_shares_that_do_not_add_up_read_the_same_from_a_file_and_from_code(tmp_path):
    text = (ROOT / "scenarios" / "gotland-2022.toml").read_text(encoding="utf-8")
    path = tmp_path / "s.toml"
    path.write_text(text.replace('share = "1/2"', 'share = "1/7"', 1), encoding="utf-8")
    with pytest.raises(fb.InputError) as caught:
        fb.load_scenario(path)
    from_file = [p.message for p in caught.value.problems if p.key == "[members]"]
    members = (Member("fk", "Försäkringskassan", Fraction(1, 7)), Member("region", "Region Gotland", Fraction(1, 2)))
    in_code = [p.message for p in fb.validate(scenario_in_code(members=members)) if p.key == "[members]"]
    assert from_file == in_code and "64,2857 %" in in_code[0]
