"""The driftsredovisning engine: golden figures, sign convention, delårsrapport, bokslut, checks."""

from __future__ import annotations

import dataclasses
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_budget.actuals import SIE, Actuals, UnlistedAccount
from finsam_budget.drift import (
    COST,
    INCOME,
    RESULT,
    Thresholds,
    compute_drift,
    favourable,
)
from finsam_budget.plan.engine import compute_plan
from finsam_budget.problems import InputError
from finsam_budget.readers.actuals import read_actuals
from finsam_budget.readers.scenario import load_scenario
from tests.scenario_factory import replace, write
from tests.strategies import AMOUNT, scenario_texts

DATA = Path(__file__).parent / "data" / "drift"
SCENARIO = DATA / "exempelbygd.toml"
ACTUALS = DATA / "utfall-2022.toml"
PLAN = compute_plan(load_scenario(SCENARIO))
D = Decimal


def golden():
    return compute_drift(PLAN, read_actuals(ACTUALS))


def actuals(amounts, *, year=2022, through=None, forecast=None, source="utfall.toml", rows=None, **balances):
    amounts = {key: D(value) for key, value in amounts.items()}
    return Actuals(
        source=source,
        year=year,
        through=through,
        amounts=amounts,
        forecast={key: D(value) for key, value in (forecast or {}).items()},
        rows=rows if rows is not None else {key: None for key in amounts},
        **{name: D(value) for name, value in balances.items()},
    )


def figures(row):
    return (row.actual, row.budget, row.deviation)


# --- the golden year -----------------------------------------------------------

# Every row of the detail: (actual, budget, deviation), deviation positive when favourable.
GOLDEN_DETAIL = {
    "income.fk": (3720000, 3720000, 0),
    "income.region": (1860000, 1860000, 0),
    "income.kommunerna": (1860000, 1860000, 0),
    "total:members": (7440000, 7440000, 0),
    "income.forsaljning": (11423, 25670, -14247),
    "total:income": (7451423, 7465670, -14247),
    "admin.kansli": (1399148, 1450000, 50852),
    "admin.revision": (58750, 60000, 1250),
    "admin.ekonomi": (112300, 110000, -2300),
    "admin.lokaler": (93214, 95000, 1786),
    "admin.styrelsen": (0, 45000, 45000),
    "total:admin": (1663412, 1760000, 96588),
    "development.metod": (251830, 300000, 48170),
    "development.utvardering": (172500, 150000, -22500),
    "development.frukost": (41220, 68800, 27580),
    "total:development": (465550, 518800, 53250),
    "projects.enter": (2705179, 2705000, -179),
    "projects.jobbsam": (1298400, 1600000, 301600),
    "projects.ips": (385328, 745000, 359672),
    "projects.nystart": (86500, 0, -86500),
    "total:projects": (4475407, 5050000, 574593),
    "total:costs": (6604369, 7328800, 724431),
    "total:result": (847054, 136870, 710184),
}


def test_golden_year_every_row():
    report = golden()
    rows = {row.key: row for row in report.flow_rows()}
    assert list(rows) == list(GOLDEN_DETAIL)
    for key, expected in GOLDEN_DETAIL.items():
        assert figures(rows[key]) == tuple(map(D, expected)), key


# Every row's deviation / |budget|, worked out by long division and rounded half up
# to 12 decimals (the digits after the cut are shown); None where the budget is 0.
GOLDEN_SHARES = {
    "income.fk": D(0),  # 0 / 3 720 000
    "income.region": D(0),
    "income.kommunerna": D(0),
    "total:members": D(0),
    "income.forsaljning": D("-0.555005843397"),  # −14 247 / 25 670 = −0,555005843396|96…
    "total:income": D("-0.001908335086"),  # −14 247 / 7 465 670 = −0,001908335085|80…
    "admin.kansli": D("0.035070344828"),  # 50 852 / 1 450 000 = 0,035070344827|59…
    "admin.revision": D("0.020833333333"),  # 1 250 / 60 000 = 1/48 = 0,020833333333|33…
    "admin.ekonomi": D("-0.020909090909"),  # −2 300 / 110 000 = −0,020909090909|09…
    "admin.lokaler": D("0.0188"),  # 1 786 / 95 000 = 0,0188 exactly
    "admin.styrelsen": D(1),  # 45 000 / 45 000: nothing spent
    "total:admin": D("0.054879545455"),  # 96 588 / 1 760 000 = 0,054879545454|54…
    "development.metod": D("0.160566666667"),  # 48 170 / 300 000 = 0,160566666666|66…
    "development.utvardering": D("-0.15"),  # −22 500 / 150 000
    "development.frukost": D("0.400872093023"),  # 27 580 / 68 800 = 0,400872093023|25…
    "total:development": D("0.102640709329"),  # 53 250 / 518 800 = 0,102640709329|22…
    "projects.enter": D("-0.000066173752"),  # −179 / 2 705 000 = −0,000066173752|31…
    "projects.jobbsam": D("0.1885"),  # 301 600 / 1 600 000 = 0,1885 exactly
    "projects.ips": D("0.482781208054"),  # 359 672 / 745 000 = 0,482781208053|69…
    "projects.nystart": None,  # budget 0
    "total:projects": D("0.113780792079"),  # 574 593 / 5 050 000 = 0,113780792079|20…
    "total:costs": D("0.098847150966"),  # 724 431 / 7 328 800 = 0,098847150966|05…
    "total:result": D("5.188748447432"),  # 710 184 / 136 870 = 5,188748447431|86…
}


def test_golden_year_deviation_shares():
    shares = {row.key: row.deviation_share for row in golden().flow_rows()}
    assert shares == GOLDEN_SHARES
    assert shares["income.forsaljning"].quantize(D("0.0001")) == D("-0.5550")
    assert shares["total:costs"].quantize(D("0.0001")) == D("0.0988")


def test_golden_summary_block_is_the_issue_example():
    costs, income, result, closing_equity, cash = golden().summary().rows()
    assert [row.label for row in golden().summary().rows()] == [
        "Nettokostnad", "Bidrag/Intäkt", "Resultat", "Utgående eget kapital", "Likvida medel",
    ]
    assert figures(costs) == (D(6604369), D(7328800), D(724431))
    assert figures(income) == (D(7451423), D(7465670), D(-14247))
    assert figures(result) == (D(847054), D(136870), D(710184))
    assert (closing_equity.actual, closing_equity.budget, closing_equity.deviation) == (
        D(2097054), D(1386870), D(710184),
    )
    assert (cash.actual, cash.budget, cash.deviation, cash.previous) == (D(2310500), None, None, None)


def test_golden_headings_and_period():
    report = golden()
    assert report.year == 2022 and report.through == 12 and not report.interim
    assert report.actual_heading == "Utfall jan–dec 2022"
    assert report.budget_heading == "Aktuell budget jan–dec 2022"
    assert report.heading == "Driftsredovisning 2022"


def test_golden_marks_only_the_unbudgeted_project():
    report = golden()
    assert [row.key for row in report.flow_rows() if report.is_marked(row)] == ["projects.nystart"]


def test_budget_line_without_actual_counts_as_zero_with_a_warning():
    report = golden()
    [warning] = report.warnings
    assert warning.severity == "warning" and warning.file == str(ACTUALS)
    assert "admin.styrelsen (Styrelsen) har budget 45 000 kr men inget utfall; den räknas som 0" in warning.message
    styrelsen = next(row for row in report.detail_lines() if row.key == "admin.styrelsen")
    assert styrelsen.actual_missing and styrelsen.actual == 0


# --- the sign convention ----------------------------------------------------------


def test_a_deviation_is_positive_when_favourable():
    assert favourable(COST, D(6604369), D(7328800)) == D(724431)  # spent less
    assert favourable(COST, D(110), D(100)) == D(-10)  # spent more
    assert favourable(INCOME, D(7451423), D(7465670)) == D(-14247)  # received less
    assert favourable(INCOME, D(120), D(100)) == D(20)
    assert favourable(RESULT, D(847054), D(136870)) == D(710184)


def test_result_deviation_is_the_sum_of_income_and_cost_deviations():
    report = golden()
    assert report.result.deviation == report.income.deviation + report.costs.deviation


def test_share_of_a_negative_budget_keeps_the_sign_of_the_deviation():
    plan = compute_plan(load_scenario(Path("scenarios/gotland-2022.toml")))
    report = compute_drift(plan, read_actuals("scenarios/exempel-drift-2022.toml"))
    assert report.result.budget == D(-90980)  # a planned deficit
    assert report.result.deviation == D(97861) and report.result.deviation_share > 0


# --- which lines are shown ------------------------------------------------------


def test_lines_without_budget_or_actual_are_left_out():
    plan = compute_plan(load_scenario(Path("scenarios/gotland-2022.toml")))
    report = compute_drift(plan, read_actuals("scenarios/exempel-drift-2022.toml"))
    keys = [row.key for row in report.detail_lines()]
    assert "income.extra" not in keys  # no budget, no actual in 2022
    assert "projects.halsobalans" in keys  # no budget, but an actual
    assert keys.count("admin.lon") == 1  # a budget, no actual


def test_members_come_in_member_order_then_other_income():
    report = golden()
    assert [row.key for row in report.members] == ["income.fk", "income.region", "income.kommunerna"]
    assert [row.key for row in report.other_income] == ["income.forsaljning"]


# --- checks against the scenario --------------------------------------------------


def test_unknown_line_in_toml_is_an_error_naming_the_key_with_a_suggestion():
    with pytest.raises(InputError) as caught:
        compute_drift(PLAN, actuals({"income.fk": 1, "projects.jobsam": 5, "admin.kaffe": 3}))
    first, second = caught.value.problems
    assert first.file == "utfall.toml" and first.key == '[amounts]."projects.jobsam"'
    assert "raden projects.jobsam finns inte i scenariot exempelbygd.toml" in first.message
    assert first.message.endswith("menade du projects.jobbsam?")
    assert second.key == '[amounts]."admin.kaffe"' and "menade du" not in second.message


def test_unknown_line_in_a_table_file_names_the_row():
    with pytest.raises(InputError) as caught:
        compute_drift(PLAN, actuals({"income.fk": 1, "admin.kaffe": 3}, through=(2022, 8), forecast={"admin.kaffe": 4},
                                    source="u.csv", rows={"income.fk": 2, "admin.kaffe": 3}))
    [problem] = caught.value.problems  # the row's forecast is not reported again
    assert str(problem).startswith("u.csv: rad 3: raden admin.kaffe finns inte i scenariot")


def test_unknown_line_in_the_forecast_is_an_error():
    with pytest.raises(InputError) as caught:
        compute_drift(PLAN, actuals({"income.fk": 1}, through=(2022, 8), forecast={"projects.okand": 5}))
    assert caught.value.problems[0].key == '[forecast]."projects.okand"'


def test_a_year_the_scenario_lacks_is_an_error_on_the_scenario():
    with pytest.raises(InputError) as caught:
        compute_drift(PLAN, actuals({"income.fk": 1}, year=2025))
    [problem] = caught.value.problems
    assert problem.file == str(SCENARIO) and problem.key == "years"
    assert "ingen budget för 2025 (åren är 2021, 2022, 2023)" in problem.message


def test_year_argument_that_contradicts_the_file_is_an_error():
    with pytest.raises(InputError) as caught:
        compute_drift(PLAN, actuals({"income.fk": 1}), year=2023)
    assert "filen gäller år 2022, men år 2023 redovisas" in caught.value.problems[0].message


def test_year_defaults_to_the_budget_year_for_files_without_one():
    report = compute_drift(PLAN, actuals({"income.fk": 1}, year=None, source="u.csv", rows={"income.fk": 2}))
    assert report.year == 2022


def test_forecast_in_a_full_year_file_is_ignored_with_a_warning():
    report = compute_drift(PLAN, actuals({"income.fk": 3720000}, forecast={"income.fk": 1}))
    assert report.members[0].forecast is None
    assert any("prognosen används inte" in w.message and w.key == "[forecast]" for w in report.warnings)


# --- delårsrapport ----------------------------------------------------------------

INTERIM = {
    "income.fk": 2480000,
    "income.region": 1240000,
    "income.kommunerna": 1240000,
    "admin.kansli": 934000,
    "admin.ekonomi": 70000,
    "projects.enter": 1850000,
}


def test_interim_with_forecast_and_estimates():
    report = compute_drift(
        PLAN, actuals(INTERIM, through=(2022, 8), forecast={"projects.enter": 2750000, "income.fk": 3720000})
    )
    assert report.interim and report.months_left == 4
    assert report.actual_heading == "Utfall jan–aug 2022"
    assert report.heading == "Driftsredovisning jan–aug 2022 (delårsrapport)"
    rows = {row.key: row for row in report.flow_rows()}
    # Given in [forecast]:
    assert (rows["projects.enter"].forecast, rows["projects.enter"].forecast_estimated) == (D(2750000), False)
    assert rows["projects.enter"].forecast_deviation == D(-45000)
    # Estimated: actual + 4/12 of the budget, rounded to the krona.
    assert rows["admin.kansli"].forecast == D(934000 + 483333) and rows["admin.kansli"].forecast_estimated
    assert rows["admin.ekonomi"].forecast == D(70000 + 36667)
    assert rows["income.region"].forecast == D(1240000 + 620000)
    assert rows["admin.revision"].forecast == D(20000)  # no actual yet: 0 + 4/12 of 60 000
    assert rows["income.forsaljning"].forecast == D(8557)  # 25 670 × 4/12 = 8 556,67
    # Totals add the lines' forecasts; the result is income − costs.
    assert rows["total:admin"].forecast == D(1417333 + 20000 + 106667 + 31667 + 15000)
    assert rows["total:result"].forecast == rows["total:income"].forecast - rows["total:costs"].forecast
    assert rows["total:costs"].forecast_deviation == rows["total:costs"].budget - rows["total:costs"].forecast
    assert {row.key for row in report.estimated_lines()} == {
        key for key in GOLDEN_DETAIL if not key.startswith("total:") and key not in ("projects.enter", "income.fk", "projects.nystart")
    }


def test_interim_without_forecast_estimates_every_line():
    report = compute_drift(PLAN, actuals(INTERIM, through=(2022, 8)))
    assert all(row.forecast_estimated for row in report.detail_lines())
    # Each cost line: actual jan–aug + 4/12 of its 2022 budget, rounded half up to the krona.
    # Administration: kansli 934 000 + 483 333 (483 333,33) = 1 417 333; revision 0 + 20 000;
    # ekonomi 70 000 + 36 667 (36 666,67) = 106 667; lokaler 0 + 31 667 (31 666,67);
    # styrelsen 0 + 15 000: 1 417 333 + 20 000 + 106 667 + 31 667 + 15 000 = 1 590 667.
    # Utveckling: metod 100 000 + utvärdering 50 000 + frukost 22 933 (22 933,33) = 172 933.
    # Projekt: enter 1 850 000 + 901 667 (901 666,67) = 2 751 667; jobbsam 533 333 (533 333,33);
    # ips 248 333 (248 333,33): 2 751 667 + 533 333 + 248 333 = 3 533 333.
    # (nystart has neither a 2022 budget nor an actual, so it has no row.)
    totals = {section.total.key: section.total.forecast for section in report.sections}
    assert totals == {"total:admin": D(1590667), "total:development": D(172933), "total:projects": D(3533333)}
    assert report.costs.forecast == D(1590667 + 172933 + 3533333) == D(5296933)
    assert "4/12 av helårsbudgeten, avrundat till hela kronor" in report.forecast_method()


def test_interim_balances_forecast_equity_and_leave_out_the_deviation():
    report = compute_drift(PLAN, actuals(INTERIM, through=(2022, 8), closing_equity=3000000))
    equity = report.closing_equity
    assert equity.actual == D(3000000) and equity.deviation is None
    assert equity.forecast == D(3000000) + report.result.forecast - report.result.actual
    assert equity.forecast_deviation == equity.forecast - equity.budget


def test_interim_marks_the_forecast_deviation_not_the_part_year_one():
    report = compute_drift(PLAN, actuals(INTERIM, through=(2022, 8)))
    income = report.income
    assert income.deviation < -50000  # the year is not over: part of the income is still to come
    assert not report.is_marked(income)


def test_through_option_for_table_files_and_its_checks():
    table = actuals(INTERIM, year=None, source="u.csv", rows={k: n for n, k in enumerate(INTERIM, 2)})
    assert compute_drift(PLAN, table, through=(2022, 8)).through == 8
    with pytest.raises(InputError) as caught:
        compute_drift(PLAN, table, through=(2021, 8))
    assert "ligger inte i år 2022" in caught.value.problems[0].message
    with pytest.raises(InputError) as caught:
        compute_drift(PLAN, actuals(INTERIM, through=(2022, 8)), through=(2022, 9))
    assert caught.value.problems[0].key == "through"


def test_december_is_a_full_year():
    report = compute_drift(PLAN, actuals(INTERIM, through=(2022, 12)))
    assert not report.interim and report.income.forecast is None


def test_one_month_heading():
    assert compute_drift(PLAN, actuals(INTERIM, through=(2022, 1))).actual_heading == "Utfall jan 2022"


# The remaining budget follows the line's own months, quarters or project period.

PROFILED = replace(
    "[admin.kansli]\nname = \"Kansli\"\namounts = { 2021 = 600000, 2022 = 600000, 2023 = 600000 }",
    "[admin.kansli]\nname = \"Kansli\"\namounts = { 2021 = 600000, 2023 = 600000 }\n"
    "quarters = { 2022 = [210000, 230000, 180000, 230000] }\n\n"
    "[admin.konferens]\nname = \"Konferens\"\n"
    "months = { 2022 = [0, 0, 0, 45000, 0, 0, 0, 0, 0, 0, 0, 15000] }\n\n"
    "[projects.kort]\nname = \"Kort projekt\"\nperiod = { start = 2022-03-01, end = 2022-06-30 }\n"
    "amounts = { 2022 = 400000 }\n\n"
    "[projects.host]\nname = \"Höstprojekt\"\nperiod = { start = 2022-07-01, end = 2023-06-30 }\n"
    "amounts = { 2022 = 300000, 2023 = 300000 }",
)


def profiled_report(tmp_path, amounts, through=8, **kwargs):
    plan = compute_plan(load_scenario(write(tmp_path, PROFILED)))
    return compute_drift(plan, actuals(amounts, through=(2022, through), **kwargs))


def test_interim_forecast_follows_the_lines_quarters(tmp_path):
    report = profiled_report(tmp_path, {"admin.kansli": 500000})
    kansli = next(row for row in report.detail_lines() if row.key == "admin.kansli")
    # 1/3 of Q3 (60 000) + Q4 (230 000), not 4/12 of 850 000 (283 333)
    assert kansli.forecast == D(500000 + 290000) and kansli.forecast_estimated
    assert kansli.forecast_profile == "quarters"


def test_interim_forecast_follows_the_lines_months_and_project_periods(tmp_path):
    report = profiled_report(tmp_path, {"admin.konferens": 45000, "projects.kort": 380000, "projects.host": 90000})
    rows = {row.key: row for row in report.detail_lines()}
    assert rows["admin.konferens"].forecast == D(45000 + 15000)  # only December is left
    assert rows["admin.konferens"].forecast_profile == "months"
    assert rows["projects.kort"].forecast == D(380000)  # the period ended in June: nothing left
    assert rows["projects.kort"].forecast_profile == "period"
    assert rows["projects.host"].forecast == D(90000 + 200000)  # July–December: 4 of its 6 months left
    assert rows["projects.host"].forecast_profile == "period"
    # A line without a profile keeps the pro rata rule: 4/12 of 1 000 000.
    assert rows["income.fk"].forecast == D(333333) and rows["income.fk"].forecast_profile is None


def test_remaining_budget_is_the_liquidity_plans_months(tmp_path):
    plan = compute_plan(load_scenario(write(tmp_path, PROFILED)))
    report = compute_drift(plan, actuals({}, through=(2022, 5)))
    forecasts = {row.key: (row.forecast, row.forecast_profile) for row in report.detail_lines()}
    # Nothing booked by May, so each forecast is the budget of June–December, month by
    # month as the liquidity plan spreads it:
    assert forecasts == {
        # no profile: 7/12 of the year, half up
        "income.fk": (D(583333), None),  # 1 000 000 × 7/12 = 583 333,33
        "income.region": (D(583333), None),
        # Q2 230 000 over apr–jun is 76 667 + 76 667 + 76 666 (the two odd kronor to the
        # earliest months), so June gets 76 666; + Q3 180 000 + Q4 230 000 = 486 666
        "admin.kansli": (D(486666), "quarters"),
        "admin.konferens": (D(15000), "months"),  # only December's 15 000 is left
        "development.utbildning": (D(116667), None),  # 200 000 × 7/12 = 116 666,67
        "projects.kort": (D(100000), "period"),  # 400 000 over mar–jun: June's 100 000
        "projects.host": (D(300000), "period"),  # 300 000 over jul–dec: all of it left
        "projects.jobbsam": (D(700000), None),  # 1 200 000 × 7/12
    }


def test_forecast_method_names_the_profiles(tmp_path):
    report = profiled_report(tmp_path, {"admin.kansli": 500000})
    method = report.forecast_method()
    assert "4/12 av helårsbudgeten, avrundat till hela kronor" in method
    assert "kvartal" in method and "sep–dec" in method


# --- accounts of an SIE file that no line lists -----------------------------------------

UNLISTED = (
    UnlistedAccount("3990", "Övriga intäkter", "income", D("500")),
    UnlistedAccount("8420", "Ränteintäkter", "income", D("1250.75")),
    UnlistedAccount("8520", "Räntekostnader", "cost", D("312")),
    UnlistedAccount("4699", "Avslutat projekt", "cost", D("20000")),
)


def sie_actuals(amounts, unlisted=UNLISTED, **kwargs):
    return dataclasses.replace(actuals(amounts, source="bok.se", **kwargs), kind=SIE, unlisted=unlisted)


def test_unlisted_accounts_get_rows_of_their_own_with_budget_0():
    report = compute_drift(PLAN, sie_actuals(dict(read_actuals(ACTUALS).amounts)))
    income = report.other_income[-1]
    assert (income.key, income.kind) == ("unlisted:income", INCOME)
    assert income.label == "Övriga intäkter utan rad i scenariot"
    assert (income.actual, income.budget) == (D("1750.75"), D(0))
    [costs] = report.other_costs
    assert (costs.key, costs.label, costs.kind) == ("unlisted:costs", "Övriga kostnader utan rad i scenariot", COST)
    assert (costs.actual, costs.budget) == (D(20312), D(0))
    # The result is the bookkeeping's: the golden result + 1 750,75 − 20 312.
    assert report.result.actual == D(847054) + D("1750.75") - D(20312)
    assert report.income.actual == D(7451423) + D("1750.75")
    assert report.costs.actual == D(6604369) + D(20312)
    assert report.costs.budget == D(7328800)  # the budget is the plan's
    assert "3990, 8420" in income.remark and "8520, 4699" in costs.remark
    [income_note, costs_note] = report.unlisted_notes
    assert income_note.startswith("Övriga intäkter utan rad i scenariot: ")
    assert "3990 Övriga intäkter 500 kr" in income_note and "8420 Ränteintäkter 1 250,75 kr" in income_note
    assert "8520 Räntekostnader 312 kr" in costs_note and "4699 Avslutat projekt 20 000 kr" in costs_note


def test_unlisted_accounts_only_last_year_give_the_row_its_bokslut():
    previous = dataclasses.replace(
        previous_2021(), kind=SIE, unlisted=(UnlistedAccount("4699", "Avslutat projekt", "cost", D(3378130)),)
    )
    report = compute_drift(PLAN, read_actuals(ACTUALS), previous=previous)
    [costs] = report.other_costs
    assert (costs.actual, costs.budget, costs.previous) == (D(0), D(0), D(3378130))
    assert report.result.previous == D(3211000) - D(3378130)
    assert report.costs.previous == D(3989000) + D(3378130)
    assert report.other_income[-1].key == "income.forsaljning"  # no unlisted income either year
    [note] = report.unlisted_notes
    assert "bokslut 2021: 4699 Avslutat projekt 3 378 130 kr" in note


def test_without_unlisted_accounts_there_are_no_such_rows():
    report = golden()
    assert report.other_costs == () and report.unlisted_notes == ()
    assert all(not row.key.startswith("unlisted:") for row in report.flow_rows())


def test_unlisted_rows_in_an_interim_report_forecast_the_actual():
    report = compute_drift(PLAN, sie_actuals(INTERIM, through=(2022, 8)))
    [costs] = report.other_costs
    assert costs.forecast == costs.actual == D(20312) and costs.forecast_estimated


def test_read_warnings_of_both_files_come_first_among_the_reports_warnings():
    from finsam_budget.problems import Problem

    warning = Problem("bok.se", "något om filen", severity="warning")
    earlier = Problem("bok.se", "något om förra året", severity="warning")
    previous = dataclasses.replace(previous_2021(), warnings=(earlier,))
    report = compute_drift(PLAN, dataclasses.replace(read_actuals(ACTUALS), warnings=(warning,)), previous=previous)
    assert report.warnings[:2] == (warning, earlier)
    assert any("admin.styrelsen" in w.message for w in report.warnings[2:])


def test_an_sie_files_equity_is_not_named_by_a_toml_key():
    given = sie_actuals(dict(read_actuals(ACTUALS).amounts), closing_equity=1)
    report = compute_drift(PLAN, given, previous=previous_2021(closing_equity=5))
    [mismatch] = [w for w in report.warnings if "utgående eget kapital" in w.message]
    assert mismatch.key is None and "[balances]" not in mismatch.message
    assert "enligt SIE-filens balansräkning" in mismatch.message


# --- likvida medel ------------------------------------------------------------------


def test_cash_row_only_when_a_file_gives_cash():
    amounts = dict(read_actuals(ACTUALS).amounts)
    without = compute_drift(PLAN, actuals(amounts))
    assert without.cash is None
    assert [row.label for row in without.summary().rows()] == [
        "Nettokostnad", "Bidrag/Intäkt", "Resultat", "Utgående eget kapital",
    ]
    last_year = compute_drift(PLAN, actuals(amounts), previous=previous_2021(cash=1400000))
    assert (last_year.cash.actual, last_year.cash.previous) == (None, D(1400000))
    assert last_year.summary().rows()[-1].label == "Likvida medel"


# --- bokslut föregående år ----------------------------------------------------------


def previous_2021(**balances):
    return actuals(
        {"income.fk": 3600000, "income.region": 1800000, "income.kommunerna": 1800000, "admin.kansli": 1388000,
         "projects.enter": 2601000},
        year=2021,
        source="bokslut-2021.toml",
        **balances,
    )


def test_previous_year_column():
    report = compute_drift(PLAN, read_actuals(ACTUALS), previous=previous_2021(closing_equity=1250000, cash=1400000))
    assert report.has_previous and report.previous_heading == "Bokslut helår 2021"
    rows = {row.key: row for row in report.flow_rows()}
    assert rows["admin.kansli"].previous == D(1388000)
    assert rows["admin.revision"].previous == D(0)
    assert rows["total:income"].previous == D(7200000)
    assert rows["total:costs"].previous == D(3989000)
    assert rows["total:result"].previous == D(3211000)
    assert (report.closing_equity.previous, report.cash.previous) == (D(1250000), D(1400000))
    assert report.opening_from_previous and report.opening_equity == D(1250000)


def test_opening_equity_from_previous_is_checked_against_a_given_closing_equity():
    report = compute_drift(PLAN, read_actuals(ACTUALS), previous=previous_2021(closing_equity=1200000))
    [mismatch] = [w for w in report.warnings if w.key == "[balances].closing_equity"]
    assert "differens 50 000 kr" in mismatch.message


def test_closing_equity_is_opening_plus_result_when_not_given():
    amounts = dict(read_actuals(ACTUALS).amounts)
    report = compute_drift(PLAN, actuals(amounts), previous=previous_2021(closing_equity=1300000))
    assert not report.closing_equity_given
    assert report.closing_equity.actual == D(1300000) + D(847054)
    plain = compute_drift(PLAN, actuals(amounts))
    assert plain.closing_equity.actual == D(1250000) + D(847054)  # the plan's opening equity


def test_previous_must_be_last_year_and_a_full_year():
    wrong_year = actuals({"income.fk": 1}, year=2020, source="b.toml")
    part_year = actuals({"income.fk": 1}, year=2021, through=(2021, 6), source="b.toml")
    unknown = actuals({"admin.kaffe": 1}, year=2021, source="b.toml")
    for previous, text in ((wrong_year, "föregående år är 2021"), (part_year, "ska gälla helår"),
                           (unknown, "bokslut kan bara anges")):
        with pytest.raises(InputError) as caught:
            compute_drift(PLAN, read_actuals(ACTUALS), previous=previous)
        assert any(text in p.message and p.file == "b.toml" for p in caught.value.problems), text


# --- thresholds -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deviation", "budget", "marked"),
    [
        (-60000, 500000, True),  # 12 % and 60 000 kr: beyond both
        (-60000, 1000000, False),  # 6 %: beyond the amount only
        (-40000, 100000, False),  # 40 %: beyond the share only
        (-50000, 100000, False),  # exactly 50 000 kr is not beyond it
        (-60000, 600000, False),  # exactly 10 % is not beyond it
        (-50001, 0, True),  # no budget: the amount decides
        (90000, 100000, False),  # favourable
    ],
)
def test_thresholds_need_both_limits(deviation, budget, marked):
    assert Thresholds().marks(D(deviation), D(budget)) is marked


def test_changed_thresholds_change_what_is_marked():
    report = compute_drift(PLAN, read_actuals(ACTUALS), thresholds=Thresholds(D("0.05"), D(10000)))
    marked = [row.key for row in report.flow_rows() if report.is_marked(row)]
    assert marked == ["income.forsaljning", "development.utvardering", "projects.nystart"]


# --- the identities, for any scenario and actuals --------------------------------------


@st.composite
def scenario_and_actuals(draw):
    text = draw(scenario_texts(max_lines=4))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "scenario.toml")
        path.write_text(text, encoding="utf-8")
        plan = compute_plan(load_scenario(path))
    scenario = plan.scenario
    year = draw(st.sampled_from(scenario.years))
    lines = [line.key for line in scenario.lines()]
    named = draw(st.lists(st.sampled_from(lines), unique=True)) if lines else []
    amounts = {key: draw(AMOUNT) for key in named}
    through = draw(st.one_of(st.none(), st.integers(1, 12)))
    forecast = {}
    if through is not None and lines:
        forecast = {key: draw(AMOUNT) for key in draw(st.lists(st.sampled_from(lines), unique=True))}
    balances = {}
    if draw(st.booleans()):
        balances["closing_equity"] = draw(AMOUNT)
    previous = None
    if draw(st.booleans()):
        booked = draw(st.lists(st.sampled_from(lines), unique=True)) if lines else []
        previous = Actuals(source="bokslut.toml", year=year - 1, through=None,
                           amounts={key: draw(AMOUNT) for key in booked}, rows={key: None for key in booked})
    return plan, previous, Actuals(
        source="utfall.toml",
        year=year,
        through=None if through is None else (year, through),
        amounts=amounts,
        forecast=forecast,
        rows={key: None for key in amounts},
        **balances,
    )


def _sum(values):
    return sum(values, D(0))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_and_actuals())
def test_summary_rows_are_the_sums_of_the_detail(case):
    plan, previous, utfall = case
    report = compute_drift(plan, utfall, previous=previous)
    summary = report.summary()
    costs, income, result, closing_equity = summary.costs, summary.income, summary.result, summary.closing_equity
    figures = plan.year(report.year)
    cost_lines = [row for section in report.sections for row in section.lines]
    income_lines = list(report.members) + list(report.other_income)
    columns = ["actual", "budget"] + (["forecast"] if report.interim else []) + (["previous"] if previous else [])
    for column in columns:
        assert getattr(costs, column) == _sum(getattr(row, column) for row in cost_lines)
        assert getattr(income, column) == _sum(getattr(row, column) for row in income_lines)
        assert getattr(result, column) == getattr(income, column) - getattr(costs, column)
        for section in report.sections:
            assert getattr(section.total, column) == _sum(getattr(row, column) for row in section.lines)
    assert costs.actual == _sum(utfall.amounts[k] for k in utfall.amounts if not k.startswith("income."))
    assert income.actual == _sum(utfall.amounts[k] for k in utfall.amounts if k.startswith("income."))
    assert (costs.budget, income.budget, result.budget) == (figures.costs, figures.income, figures.result)
    assert result.deviation == income.deviation + costs.deviation
    assert closing_equity.budget == figures.closing_equity
    if previous is not None:
        assert costs.previous == _sum(previous.amounts[k] for k in previous.amounts if not k.startswith("income."))
    if utfall.closing_equity is None:
        assert closing_equity.actual == figures.opening_equity + result.actual
    missing = {row.key for row in report.detail_lines() if row.actual_missing}
    assert missing == {
        line.key for line in plan.scenario.lines() if line.amount(report.year) != 0 and line.key not in utfall.amounts
    }
    assert len(report.warnings) == len(missing) + (1 if utfall.forecast and not report.interim else 0)
