"""The comparison model: key rows, differences against the base, check status."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finsam_budget.board.compare import KEY_ROW_IDS, compare_plans
from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.writers.compare_text import (
    comparison_text,
    describe_adjustment,
    scenario_letter,
)
from tests.scenario_factory import BASE, replace, write

D = Decimal
GOTLAND = "scenarios/gotland-2022.toml"
UTAN_JOBBSAM = "scenarios/gotland-2022-utan-jobbsam.toml"
MINSKADE = "scenarios/gotland-2022-minskade-bidrag.toml"


def plan(path):
    return compute_plan(load_scenario(path))


@pytest.fixture(scope="module")
def gotland():
    return compare_plans([plan(GOTLAND), plan(UTAN_JOBBSAM), plan(MINSKADE)])


def test_key_rows_in_order():
    assert KEY_ROW_IDS == (
        "member_contributions", "admin", "development", "projects", "costs", "result", "room",
        "closing_equity", "carried_equity", "equity_cap", "headroom",
    )


def test_values_are_the_engines_figures(gotland):
    figures = gotland.base.plan.year(2024)
    assert gotland.value(0, "room", 2024) == figures.room == D(129020)
    assert gotland.value(0, "headroom", 2024) == figures.equity_cap - figures.reserve == D(248000)


def test_differences_against_the_base(gotland):
    # + is better for the federation: for costs, lower (B drops JobbSam: 2 320 000 kr less)
    assert gotland.difference(1, "projects", 2024) == D(2320000)
    assert gotland.difference(1, "room", 2024) == D(2320000)
    assert gotland.difference(1, "projects", 2023) == 0
    assert gotland.difference(2, "member_contributions", 2024) == D(-212000)
    assert gotland.difference(2, "equity_cap", 2024) == D(-42400)
    assert gotland.difference(0, "room", 2024) == 0


# Every key row's difference against A that is not 0, worked out from the published plan:
# B drops JobbSam 3.0 in 2024 (2 320 000 kr); C cuts the members 5 % from 2024, when they
# pay 2 120 000 + 2 120 000 = 4 240 000: 5 % of it is 212 000, and the cap, 20 % of the
# contributions, falls by 0,20 × 212 000 = 42 400. The reserve (600 000 in 2024) and so
# the carried equity and the opening of every year stay as in A.
NON_ZERO_DIFFERENCES = {
    (1, "projects", 2024): D(2320000),  # lower costs: + is better
    (1, "costs", 2024): D(2320000),
    (1, "result", 2024): D(2320000),
    (1, "room", 2024): D(2320000),
    (1, "closing_equity", 2024): D(2320000),
    (2, "member_contributions", 2024): D(-212000),
    (2, "result", 2024): D(-212000),
    (2, "room", 2024): D(-212000),
    (2, "closing_equity", 2024): D(-212000),
    (2, "equity_cap", 2024): D(-42400),
    (2, "headroom", 2024): D(-42400),  # equity cap − carried equity: only the cap moves
}


def test_every_difference_is_the_change_against_the_base(gotland):
    differences = {
        (index, row, year): gotland.difference(index, row, year)
        for index in range(len(gotland.scenarios))
        for row in KEY_ROW_IDS
        for year in gotland.years
    }
    assert len(differences) == 3 * 11 * 4
    assert {key: d for key, d in differences.items() if d != 0} == NON_ZERO_DIFFERENCES


def test_check_status_and_counts(gotland):
    base, utan, minskade = gotland.scenarios
    assert (base.status, base.status_label, base.counts["error"]) == ("errors", "fel", 2)
    assert (utan.status, utan.status_label, utan.problem_count) == ("ok", "ok", 0)
    assert minskade.status == "errors"  # 2024: the room is negative
    assert [f.rule for f in minskade.findings if f.severity == "error"] == ["balance"]
    assert gotland.worst_status == "errors"


def test_warnings_status(tmp_path):
    warned = compare_plans([plan(write(tmp_path, replace("reserve = { 2021 = 300000", "reserve = { 2021 = 450000")))])
    assert warned.base.status == "warnings" and warned.base.status_label == "varningar"


def test_years_are_the_union_and_a_missing_year_has_no_figure(tmp_path):
    later = BASE.replace("[2021, 2022, 2023]", "[2022, 2023, 2024]").replace("2021 = ", "2024 = ")
    later = later.replace("opening = { 2024", "opening = { 2022")
    comparison = compare_plans([plan(write(tmp_path, BASE, "a.toml")), plan(write(tmp_path, later, "b.toml"))])
    assert comparison.years == (2021, 2022, 2023, 2024)
    assert comparison.value(1, "room", 2021) is None and comparison.value(0, "room", 2024) is None
    assert comparison.difference(1, "room", 2021) is None
    assert comparison.year_heading(2024) == "Prognos 2024"


def test_no_plans_is_refused():
    with pytest.raises(ValueError):
        compare_plans([])


# -- the terminal renderer ------------------------------------------------------------


def test_text_letters_legend_and_differences(gotland):
    lines = comparison_text(gotland, [GOTLAND, UTAN_JOBBSAM, MINSKADE])
    text = "\n".join(lines)
    assert lines[0] == "Jämförelse av 3 scenarier: Samordningsförbundet FinsamGotland"
    assert "A  Budgetplan 2022" in text and "kontroll: fel (2 fel, 0 varningar, 10 info)" in text
    assert "justering: medlemsbidragen -5 % från 2024" in text
    assert "Differenserna (B−A, C−A) är mot A, grundscenariot; + är bättre för förbundet" in text
    block = lines[lines.index(next(line for line in lines if line.startswith("Prognos 2024"))) :]
    projects = next(line for line in block if line.startswith("Kostnader projekt"))
    assert projects.startswith("Kostnader projekt (+ = lägre)")
    assert projects.endswith("2 320 000            0    2 320 000   +2 320 000            0")
    room = next(line for line in block if line.startswith("Utrymme för ny verksamhet"))
    assert room.endswith("+2 320 000     -212 000")


def test_scenario_letters():
    assert [scenario_letter(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


def test_describe_compound_adjustment(tmp_path):
    s = load_scenario(write(tmp_path, BASE + '\n[[adjust]]\ntarget = "admin"\npercent = "2.5"\nfrom = 2022\ncompound = true\n'))
    assert describe_adjustment(s.adjustments[0], s) == "administration +2,5 % per år (ränta på ränta) från 2022"
