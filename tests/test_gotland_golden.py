"""Golden: the FinsamGotland budget plan 2022 as published (shared/reference)."""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.rules import run_rules

D = Decimal
PLAN = compute_plan(load_scenario("scenarios/gotland-2022.toml"))

# Every total of the reference, as computed from its lines (the published 2021
# income total and room are 3 000 kr off their own lines; see the stated test).
EXPECTED = {
    "available": {2021: 6245312, 2022: 6152177, 2023: 4910000, 2024: 4840000},
    "admin": {2021: 1534632, 2022: 1279980, 2023: 1299980, 2024: 1319980},
    "development": {2021: 745000, 2022: 900000, 2023: 496000, 2024: 471000},
    "projects": {2021: 2763500, 2022: 2235000, 2023: 2275550, 2024: 2320000},
    "activities": {2021: 3508500, 2022: 3135000, 2023: 2771550, 2024: 2791000},
    "costs": {2021: 5043132, 2022: 4414980, 2023: 4071530, 2024: 4110980},
    "room": {2021: 1202180, 2022: 1087197, 2023: 238470, 2024: 129020},
    "reserve": {2021: 0, 2022: 650000, 2023: 600000, 2024: 600000},
    "opening_equity": {2021: 1921312, 2022: 1828177, 2023: 650000, 2024: 600000},
}


def test_every_total_reproduced():
    for name, per_year in EXPECTED.items():
        for year, value in per_year.items():
            assert getattr(PLAN.year(year), name) == D(value), (name, year)


def test_room_2022_and_reserve():
    y = PLAN.year(2022)
    assert (y.room, y.reserve) == (D(1087197), D(650000))
    assert y.available - y.costs == D(1737197)


def test_check_finds_exactly_the_published_figures_that_do_not_add_up():
    stated = [(f.key, f.year, f.amounts["difference"]) for f in run_rules(PLAN) if f.rule == "stated"]
    assert stated == [("income_and_equity", 2021, D(3000)), ("room", 2021, D(3000))]


def test_no_other_errors_or_warnings():
    others = [f for f in run_rules(PLAN) if f.rule != "stated" and f.severity != "info"]
    assert others == []


def test_admin_share_2022_is_29_percent():
    [f] = [f for f in run_rules(PLAN) if f.rule == "admin-share" and f.year == 2022]
    assert "29 %" in f.message
