"""Member contributions from the members' total: split by the shares, in whole kronor, in the engine."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from finsam_budget.cli import main
from finsam_budget.plan.contributions import split_by_shares
from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.scenario import load_scenario, read_scenario
from tests.scenario_factory import BASE, replace, write

TOTAL = replace(
    '[income.fk]\nname = "Försäkringskassan"\nmember = "fk"\namounts = { 2021 = 1000000, 2022 = 1000000, 2023 = 1000000 }\n\n'
    '[income.region]\nname = "Region Test"\nmember = "region"\namounts = { 2021 = 1000000, 2022 = 1000000, 2023 = 1000000 }\n',
    "[contributions]\ntotal = { 2021 = 2000001, 2022 = 2000000, 2023 = 2000000 }\n",
)


def test_the_split_adds_up_to_the_total_and_the_odd_krona_goes_to_the_member_listed_first(tmp_path):
    plan = compute_plan(load_scenario(write(tmp_path, TOTAL)))
    assert dict(plan.year(2021).contributions) == {"fk": Decimal(1000001), "region": Decimal(1000000)}
    assert plan.year(2021).member_contributions == Decimal(2000001)
    assert [line.key for line in plan.scenario.income] == ["income.fk", "income.region"]
    assert plan.scenario.income[1].name == "Region Test"


@given(st.integers(0, 10**10), st.lists(st.integers(1, 200_000), min_size=1, max_size=8))
def test_split_by_shares_always_adds_up_and_every_part_is_under_1_kr_from_its_share(total, people):
    shares = [Fraction(p, sum(people)) for p in people]
    parts = split_by_shares(total, shares)
    assert sum(parts) == total
    assert all(abs(part - total * share) < 1 for part, share in zip(parts, shares))


def test_ties_go_to_the_member_listed_first():
    assert split_by_shares(10, [Fraction(1, 4)] * 4) == [3, 3, 2, 2]


def test_check_shows_each_members_amount(tmp_path):
    result = CliRunner().invoke(main, ["check", "--json", str(write(tmp_path, TOTAL))])
    findings = [f for f in json.loads(result.stdout)["findings"] if f["key"] == "contributions.total"]
    assert [f["year"] for f in findings] == [2021, 2022, 2023]
    assert findings[0]["amounts"]["contribution.fk"] == "1000001"
    assert "Försäkringskassan 1 000 001, Region Test 1 000 000" in findings[0]["message"]
    assert result.exit_code == 0


def test_the_plan_workbook_has_each_members_line(tmp_path):
    import openpyxl

    out = tmp_path / "plan.xlsx"
    result = CliRunner().invoke(main, ["plan", str(write(tmp_path, TOTAL)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    values = [c for row in openpyxl.load_workbook(out, data_only=True)["Budgetplan"].iter_rows(values_only=True)
              for c in row if c is not None]
    assert "Region Test" in values and 1000001 in values


def test_a_total_with_ore_is_an_error_that_names_the_year(tmp_path):
    _, problems = read_scenario(write(tmp_path, TOTAL.replace("2021 = 2000001", '2021 = "2000001.50"')))
    assert any(p.key == "[contributions].total.2021" and "hela kronor" in p.message for p in problems), problems


def test_a_member_amount_in_a_year_of_the_total_is_an_error(tmp_path):
    text = TOTAL + '\n[income.fk]\nname = "FK"\nmember = "fk"\namounts = { 2022 = 5 }\n'
    _, problems = read_scenario(write(tmp_path, text))
    assert [p.key for p in problems] == ["[income.fk].amounts.2022"], problems
    assert "anges redan som medlemmarnas total" in problems[0].message
    assert problems[0].line is not None


def test_a_members_own_line_is_filled_from_the_total(tmp_path):
    text = TOTAL + '\n[income.fk]\nname = "Staten via FK"\nmember = "fk"\namounts = {}\n'
    plan = compute_plan(load_scenario(write(tmp_path, text)))
    assert [(ln.key, ln.name) for ln in plan.scenario.income] == [
        ("income.region", "Region Test"), ("income.fk", "Staten via FK")
    ]
    assert plan.year(2021).contributions["fk"] == Decimal(1000001)


def test_members_adjusted_from_a_total(tmp_path):
    text = TOTAL + '\n[[adjust]]\ntarget = "members"\npercent = "-5"\nfrom = 2023\n'
    plan = compute_plan(load_scenario(write(tmp_path, text)))
    assert plan.year(2023).member_contributions == Decimal(1900000)


def test_base_unchanged():
    assert "[contributions]" not in BASE
