"""Each rule firing and not firing."""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.plan.engine import compute_plan
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


def test_member_split_unavoidable_rounding_is_one_info_a_year(tmp_path):
    # 2 000 001 cannot be halved: each member is 0,50 kr from its exact share.
    text = replace("member = \"region\"\namounts = { 2021 = 1000000", "member = \"region\"\namounts = { 2021 = 1000001")
    [f] = findings(tmp_path, text, "member-split")
    assert (f.severity, f.year, f.key) == ("info", 2021, "members")
    assert f.amounts == {"total": D(2000001), "difference.fk": D("-0.50"), "difference.region": D("0.50")}
    assert "Försäkringskassan -0,50 kr, Region Test +0,50 kr" in f.message


def test_member_split_one_krona_off_is_a_warning(tmp_path):
    # 2 000 002 halves to 1 000 001 each: 1 000 000 and 1 000 002 are 1 kr off.
    text = replace("member = \"region\"\namounts = { 2021 = 1000000", "member = \"region\"\namounts = { 2021 = 1000002")
    found = findings(tmp_path, text, "member-split")
    assert {(f.severity, f.key) for f in found} == {("warning", "members.fk"), ("warning", "members.region")}
    assert {f.amounts["difference"] for f in found} == {D(1), D(-1)}
    assert "andelen 50 % av 2 000 002 kr" in found[0].message


def test_member_split_population_shares_round_without_warnings(tmp_path):
    # Shares by population, as a fraction of the inhabitants: 2 000 000 cannot be split exactly.
    text = BASE.replace('[members.region]\nname = "Region Test"\nshare = "1/2"',
                        '[members.region]\nname = "Region Test"\nshare = "59000/175600"\n\n'
                        '[members.kommun]\nname = "Kommun"\nshare = "28800/175600"')
    text = text.replace("member = \"region\"\namounts = { 2021 = 1000000", "member = \"region\"\namounts = { 2021 = 671982")
    text += '\n[income.kommun]\nname = "Kommun"\nmember = "kommun"\namounts = { 2021 = 328018 }\n'
    found = [f for f in findings(tmp_path, text, "member-split") if f.year == 2021]
    assert [f.severity for f in found] == ["info"]
    assert found[0].amounts["difference.region"] == D("0.22")


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
    assert next((f.year, f.key) for f in findings(tmp_path, text, "no-debt")) == (2021, "reserve")


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


def test_line_stated_right_is_silent_and_wrong_is_an_error(tmp_path):
    text = replace("amounts = { 2021 = 600000, 2022 = 600000, 2023 = 600000 }",
                   "quarters = { 2021 = [150000, 150000, 150000, 150000] }\namounts = { 2022 = 600000 }\n"
                   "stated = { 2021 = 600000, 2022 = 610000 }")
    [f] = findings(tmp_path, text, "line-stated")
    assert (f.severity, f.year, f.key) == ("error", 2022, "admin.kansli")
    assert f.amounts == {"stated": D(610000), "computed": D(600000), "difference": D(10000)}
    assert f.message == "Kansli: publicerad årssumma 610 000 kr, raden har 600 000 kr; differens 10 000 kr"


def test_line_stated_checks_a_budget_derived_from_a_grant(tmp_path):
    # Granted 3 067 000 for 2022, the budget reserves 95 %: 2 913 650, published as 2 914 000.
    text = BASE + ('\n[projects.ny]\nname = "Nytt"\ngranted = { 2022 = 3067000 }\nbudget_factor = "0.95"\n'
                   "stated = { 2022 = 2914000 }\n")
    [f] = findings(tmp_path, text, "line-stated")
    assert f.amounts["difference"] == D(350) and "beviljat belopp ger 2 913 650 kr" in f.message


PERIOD = BASE + """
[projects.steget]
name = "Steget vidare"
period = { start = 2021-09-01, end = 2022-12-31 }
"""


def test_project_period_warns_of_a_year_outside_the_period(tmp_path):
    [f] = findings(tmp_path, PERIOD + "amounts = { 2022 = 100000, 2023 = 300000 }\n", "project-period")
    assert (f.severity, f.year, f.key) == ("warning", 2023, "projects.steget")
    assert "2023 ligger utanför projektets period (2021-09-01 – 2022-12-31) men har 300 000 kr" in f.message
    assert exit_code([f]) == 0 and exit_code([f], strict=True) == 1


def test_project_period_warns_of_a_quarter_before_the_start(tmp_path):
    text = PERIOD + "quarters = { 2021 = [0, 10000, 5000, 20000] }\n"
    [f] = findings(tmp_path, text, "project-period")
    assert f.year == 2021 and "kvartal 2 2021 ligger utanför" in f.message and f.amounts == {"amount": D(10000)}


def test_project_period_warns_of_a_month_after_the_end(tmp_path):
    text = PERIOD.replace("2022-12-31", "2022-11-15") + "months = { 2022 = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }\n"
    [f] = findings(tmp_path, text, "project-period")
    assert "2022-12 ligger utanför" in f.message


def test_project_period_warns_of_a_grant_outside_the_period(tmp_path):
    text = PERIOD + "granted = { 2022 = 100000, 2023 = 50000 }\n"
    found = findings(tmp_path, text, "project-period")
    assert [(f.year, dict(f.amounts)) for f in found] == [(2023, {"amount": D(50000)}), (2023, {"granted": D(50000)})]


def test_project_period_silent_inside_the_period(tmp_path):
    text = PERIOD + "quarters = { 2021 = [0, 0, 5000, 20000] }\namounts = { 2022 = 100000 }\n"
    assert findings(tmp_path, text, "project-period") == []


def test_cash_rule_is_registered():
    from finsam_budget.rules import RULE_IDS

    assert {"cash", "line-stated", "project-period"} <= set(RULE_IDS)


def test_member_split_never_shows_a_zero_difference():
    from pathlib import Path

    plan = compute_plan(load_scenario(Path(__file__).parent / "data" / "halvt-ore.toml"))
    [f] = [f for f in run_rules(plan) if f.rule == "member-split"]
    assert " 0 kr" not in f.message and "-0 kr" not in f.message
    assert "Region +0,01 kr" in f.message


def test_carried_reserve_warns_when_a_reserve_is_missing(tmp_path):
    text = replace("reserve = { 2021 = 300000, 2022 = 300000, 2023 = 300000 }", "reserve = { 2022 = 300000 }")
    [f] = findings(tmp_path, text, "carried-reserve")
    assert (f.severity, f.year, f.key) == ("warning", 2022, "equity.reserve")
    assert f.amounts["closing_equity_previous"] == D(500000) and f.amounts["opening_equity"] == 0


def test_carried_reserve_silent_with_a_reserve_or_closing_carry(tmp_path):
    assert findings(tmp_path, rule="carried-reserve") == []
    text = replace("reserve = { 2021 = 300000, 2022 = 300000, 2023 = 300000 }", "reserve = { 2022 = 300000 }")
    assert findings(tmp_path, text.replace('carry = "reserve"', 'carry = "closing"'), "carried-reserve") == []
