"""Derived scenarios: the two Gotland examples and the merge semantics of `extends` they rely on."""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.scenario import load_scenario, read_scenario
from tests.scenario_factory import BASE, write

D = Decimal
UTAN = compute_plan(load_scenario("scenarios/gotland-2022-utan-jobbsam.toml"))
MINSKADE = compute_plan(load_scenario("scenarios/gotland-2022-minskade-bidrag.toml"))


def test_jobbsam_not_extended_after_2023():
    jobbsam = UTAN.scenario.line("projects.jobbsam")
    assert [jobbsam.amount(y) for y in (2021, 2022, 2023, 2024)] == [D(2203500), D(2185000), D(2250550), D(0)]
    assert jobbsam.name == "JobbSam 3.0"  # inherited
    assert UTAN.scenario.title == "JobbSam förlängs inte efter 2023"


def test_jobbsam_scenario_differs_only_in_2024_projects():
    # The published plan (shared/reference) year by year; only 2024's projects lose
    # JobbSam 3.0: 2 320 000 − 2 320 000 = 0.
    published = {
        # year: (member contributions, admin, development, projects)
        2021: (4324000, 1534632, 745000, 2763500),
        2022: (4324000, 1279980, 900000, 2235000),
        2023: (4260000, 1299980, 496000, 2275550),
        2024: (4240000, 1319980, 471000, 2320000 - 2320000),
    }
    assert {y.year: (y.member_contributions, y.admin, y.development, y.projects) for y in UTAN.years} == {
        year: tuple(map(D, figures)) for year, figures in published.items()
    }
    assert UTAN.scenario.stated == {}  # the published totals belong to the base's document


def test_members_cut_5_percent_from_2024():
    # Published 2023: 2 130 000 each, untouched; 2024: 2 120 000 × 0,95 = 2 014 000 each.
    assert MINSKADE.year(2023).contributions == {"fk": D(2130000), "region": D(2130000)}
    assert MINSKADE.year(2024).contributions == {"fk": D(2014000), "region": D(2014000)}
    assert MINSKADE.year(2024).member_contributions == D(4240000) * D("0.95")


# -- merge semantics ------------------------------------------------------------------


def test_chain_of_three_replaces_year_by_year(tmp_path):
    write(tmp_path, BASE, "a.toml")
    write(tmp_path, 'extends = "a.toml"\ntitle = "B"\n[projects.jobbsam]\namounts = { 2022 = 1 }\n', "b.toml")
    write(tmp_path, 'extends = "b.toml"\ntitle = "C"\n[projects.jobbsam]\namounts = { 2023 = 2 }\n', "c.toml")
    jobbsam = load_scenario(tmp_path / "c.toml").line("projects.jobbsam")
    assert [jobbsam.amount(y) for y in (2021, 2022, 2023)] == [D(1200000), D(1), D(2)]


def test_added_line_goes_last_in_its_section_and_removed_line_is_gone(tmp_path):
    write(tmp_path, BASE.replace("[projects.jobbsam]", '[projects.aaa]\nname = "A"\n\n[projects.jobbsam]'), "a.toml")
    derived = (
        'extends = "a.toml"\ntitle = "B"\n\n[projects.nytt]\nname = "Nytt"\namounts = { 2023 = 5 }\n\n'
        "[projects.aaa]\nremove = true\n"
    )
    s = load_scenario(write(tmp_path, derived, "b.toml"))
    assert [ln.id for ln in s.projects] == ["jobbsam", "nytt"]


def test_removed_member_leaves_shares_that_do_not_add_up(tmp_path):
    write(tmp_path, BASE, "a.toml")
    derived = 'extends = "a.toml"\ntitle = "B"\n\n[members.region]\nremove = true\n'
    problems = read_scenario(write(tmp_path, derived, "b.toml"))[1]
    assert any(p.key == "[members]" and "summera till exakt 1" in p.message for p in problems)


def test_a_derived_scenario_without_its_own_title_is_an_error_naming_the_derived_file(tmp_path):
    from finsam_budget.readers.scenario import read_scenario
    from tests.scenario_factory import BASE, write

    write(tmp_path, BASE, "bas.toml")
    derived = write(tmp_path, 'extends = "bas.toml"\n', "utkast.toml")
    scenario, problems = read_scenario(derived)
    assert scenario is None
    [problem] = problems
    assert problem.file == str(derived) and problem.key == "title"
    assert "härlett scenario" in problem.message and "bas.toml" not in str(problem)
