"""Each rule firing and not firing."""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.engine import compute_plan
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.rules import exit_code, run_rules
from tests.scenario_factory import BASE, replace, write

D = Decimal


def findings(tmp_path, text=BASE, rule=None):
    found = run_rules(compute_plan(load_scenario(write(tmp_path, text))))
    return [f for f in found if rule is None or f.rule == rule]


def test_clean_scenario_has_no_errors_or_warnings(tmp_path):
    found = findings(tmp_path)
    assert {f.severity for f in found} == {"info"}
    assert exit_code(found) == 0


def test_member_split_error(tmp_path):
    text = replace("member = \"region\"\namounts = { 2021 = 1000000", "member = \"region\"\namounts = { 2021 = 900000")
    [f] = findings(tmp_path, text, "member-split")[:1]
    assert f.severity == "error" and f.year == 2021
    assert f.amounts["difference"] == D(50000)


def test_member_split_rounding_is_a_warning(tmp_path):
    text = replace("member = \"region\"\namounts = { 2021 = 1000000", "member = \"region\"\namounts = { 2021 = 1000001")
    found = findings(tmp_path, text, "member-split")
    assert {f.severity for f in found} == {"warning"}
    assert {f.amounts["difference"] for f in found} == {D("0.50"), D("-0.50")}


def test_member_split_silent_when_exact(tmp_path):
    assert findings(tmp_path, rule="member-split") == []


def test_balance_fires_when_room_negative(tmp_path):
    text = replace("2022 = 1200000", "2022 = 2000000")
    [f] = findings(tmp_path, text, "balance")
    assert f.year == 2022 and f.amounts["room"] == D(-800000)
    assert f.severity == "error"


def test_balance_silent_when_room_zero(tmp_path):
    text = replace("2021 = 1200000", "2021 = 1400000")
    assert findings(tmp_path, text, "balance") == []


def test_no_debt_fires_on_negative_closing_equity(tmp_path):
    text = replace("2021 = 1200000", "2021 = 1800000")
    [f] = findings(tmp_path, text, "no-debt")
    assert f.year == 2021 and f.amounts["closing_equity"] == D(-100000)


def test_no_debt_fires_on_negative_reserve(tmp_path):
    text = replace("reserve = { 2021 = 300000", "reserve = { 2021 = -1")
    assert [(f.year, f.key) for f in findings(tmp_path, text, "no-debt")][0] == (2021, "reserve")


def test_deficit_covered_is_info_naming_the_equity_used(tmp_path):
    text = replace("2021 = 1200000", "2021 = 1300000")
    [f] = findings(tmp_path, text, "deficit-covered")
    assert f.severity == "info" and f.amounts["equity_used"] == D(100000)
    assert "100 000 kr av det egna kapitalet används" in f.message


def test_deficit_not_covered_is_not_info(tmp_path):
    text = replace("2021 = 1200000", "2021 = 1800000")
    assert findings(tmp_path, text, "deficit-covered") == []


def test_equity_cap_headroom_is_info(tmp_path):
    f = findings(tmp_path, rule="equity-cap")[0]
    assert f.severity == "info"
    assert f.amounts["cap"] == D(400000) and f.amounts["headroom"] == D(100000)


def test_equity_cap_excess_is_a_warning(tmp_path):
    text = replace("reserve = { 2021 = 300000", "reserve = { 2021 = 450000")
    f = findings(tmp_path, text, "equity-cap")[0]
    assert f.severity == "warning" and f.amounts["headroom"] == D(-50000)
    assert "statens tilldelning kan minskas" in f.message
    assert exit_code([f]) == 0 and exit_code([f], strict=True) == 1


def test_equity_cap_says_what_unused_room_would_mean(tmp_path):
    f = findings(tmp_path, rule="equity-cap")[0]
    assert f.amounts["equity_if_room_unused"] == D(500000)
    assert f.amounts["headroom_if_room_unused"] == D(-100000)


def test_stated_difference_is_an_error(tmp_path):
    text = BASE + "\n[stated]\ncosts = { 2021 = 2000000, 2022 = 1999000 }\n"
    [f] = findings(tmp_path, text, "stated")
    assert (f.year, f.key) == (2022, "costs")
    assert f.amounts == {"stated": D(1999000), "computed": D(2000000), "difference": D(-1000)}


def test_admin_share_info(tmp_path):
    f = findings(tmp_path, rule="admin-share")[0]
    assert f.message.startswith("Administrationens andel av kostnaderna: 30 %")
