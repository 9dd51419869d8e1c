"""The scenario reader: the format-1 contract and one test per malformed-input class."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from finsam_budget.problems import InputError
from finsam_budget.readers.scenario import load_scenario, read_scenario
from tests.scenario_factory import BASE, replace, write

GOTLAND = "scenarios/gotland-2022.toml"


def problems_of(tmp_path, text, name="scenario.toml"):
    scenario, problems = read_scenario(write(tmp_path, text, name))
    assert scenario is None
    return problems


def test_reads_the_base_scenario(tmp_path):
    s = load_scenario(write(tmp_path))
    assert s.years == (2021, 2022, 2023)
    assert [m.share for m in s.members] == [Fraction(1, 2), Fraction(1, 2)]
    assert s.projects[0].amount(2022) == Decimal(1200000)
    assert s.columns == {2021: "Budget 2021", 2022: "Budgetplan 2022", 2023: "Prognos 2023"}


def test_gotland_lines_keep_file_order():
    s = load_scenario(GOTLAND)
    assert [ln.id for ln in s.admin][:3] == ["kansli", "revision", "it"]
    assert s.line("projects.jobbsam").note == "2023–2024: om insatsen förlängs"


def test_decimal_string_amounts_keep_ore(tmp_path):
    s = load_scenario(write(tmp_path, replace("2021 = 600000", '2021 = "600000.50"')))
    assert s.admin[0].amount(2021) == Decimal("600000.50")


def test_percent_shares(tmp_path):
    text = BASE.replace('share = "1/2"', 'share = "50%"')
    assert [m.share for m in load_scenario(write(tmp_path, text)).members] == [Fraction(1, 2)] * 2


def test_unknown_key_is_named_with_its_line(tmp_path):
    [p] = problems_of(tmp_path, replace('name = "Kansli"', 'name = "Kansli"\nbelopp = 5'))
    assert p.key == "[admin.kansli].belopp"
    assert "okänd nyckel" in p.message
    assert p.line == BASE.splitlines().index('name = "Kansli"') + 2


def test_float_is_refused_with_a_hint(tmp_path):
    [p] = problems_of(tmp_path, replace("2021 = 600000", "2021 = 600000.5"))
    assert p.key == "[admin.kansli].amounts.2021"
    assert 'skriv beloppet som en sträng, t.ex. "600000.5"' in p.message


def test_missing_required_key(tmp_path):
    [p] = problems_of(tmp_path, replace('federation = "Samordningsförbundet Test"\n', ""))
    assert p.key == "federation" and "saknas" in p.message


def test_year_outside_years(tmp_path):
    [p] = problems_of(tmp_path, replace("2023 = 600000", "2023 = 600000, 2030 = 1"))
    assert p.key == "[admin.kansli].amounts.2030"
    assert "2030 finns inte bland years" in p.message


def test_shares_not_adding_to_one(tmp_path):
    [p] = problems_of(tmp_path, replace('share = "1/2"', 'share = "1/3"'))
    assert p.key == "[members]" and "summera till exakt 1 (100 %), men de summerar till 83,3333 % (fk 33,3333 %, region 50 %)" in p.message


def test_non_numeric_amount(tmp_path):
    [p] = problems_of(tmp_path, replace("2022 = 1200000", '2022 = "abc"'))
    assert str(p).endswith('[projects.jobbsam].amounts.2022: väntade ett belopp i kronor, fick "abc"')


def test_broken_toml_gives_the_parsers_line(tmp_path):
    [p] = problems_of(tmp_path, replace('name = "JobbSam"', 'name = "JobbSam'))
    assert p.line == BASE.splitlines().index('name = "JobbSam"') + 1
    assert "ogiltig TOML" in p.message


def test_missing_file(tmp_path):
    [p] = read_scenario(tmp_path / "nej.toml")[1]
    assert p.file.endswith("nej.toml") and p.message == "filen finns inte"


def test_extends_cycle(tmp_path):
    write(tmp_path, 'extends = "b.toml"\n' + BASE, "a.toml")
    write(tmp_path, 'extends = "a.toml"\ntitle = "B"\n', "b.toml")
    problems = read_scenario(tmp_path / "a.toml")[1]
    assert any("cykel" in p.message and p.key == "extends" for p in problems)


def test_extends_to_missing_file(tmp_path):
    problems = problems_of(tmp_path, 'extends = "saknas.toml"\ntitle = "X"\n')
    assert any(p.key == "extends" and "saknas.toml finns inte" in p.message for p in problems)


def test_all_problems_reported_in_one_pass(tmp_path):
    text = replace("2022 = 1200000", '2022 = "abc"', replace("2021 = 600000", "2021 = 1.5"))
    text = text.replace("budget_year = 2022", "budget_year = 2022\nfarg = 1")
    keys = {p.key for p in problems_of(tmp_path, text)}
    assert {"[projects.jobbsam].amounts.2022", "[admin.kansli].amounts.2021", "farg"} <= keys


def test_first_year_opening_equity_required(tmp_path):
    [p] = problems_of(tmp_path, replace("opening = { 2021 = 500000 }\n", ""))
    assert p.key == "[equity].opening" and "2021" in p.message


def test_years_must_be_consecutive(tmp_path):
    problems = problems_of(tmp_path, replace("years = [2021, 2022, 2023]", "years = [2021, 2023]"))
    assert any(p.key == "years" for p in problems)


def test_member_reference_must_exist(tmp_path):
    [p] = problems_of(tmp_path, replace('member = "region"', 'member = "kommun"'))
    assert p.key == "[income.region].member"


def test_bad_line_id(tmp_path):
    problems = problems_of(tmp_path, replace("[admin.kansli]", "[admin.Kansli]"))
    assert any(p.key == "[admin.Kansli]" and "id får bara" in p.message for p in problems)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(BASE.replace("Försäkringskassan", "F\xf6rs\xe4kringskassan").encode("latin-1"))
    [p] = read_scenario(path)[1]
    assert "UTF-8" in p.message and p.line is not None


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "windows.toml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode())
    assert load_scenario(path).title == "Budgetplan 2022"


def test_load_raises_with_every_problem(tmp_path):
    with pytest.raises(InputError) as info:
        load_scenario(write(tmp_path, replace("format = 1", "format = 2")))
    assert "formatet 2 stöds inte" in str(info.value)


# -- extends -------------------------------------------------------------------

DERIVED = """\
extends = "base.toml"
title = "JobbSam förlängs inte"

[projects.jobbsam]
amounts = { 2023 = 0 }

[projects.nytt]
name = "Nytt projekt"
amounts = { 2023 = 100000 }

[development.utbildning]
remove = true
"""


def test_extends_merges_year_by_year_adds_and_removes(tmp_path):
    write(tmp_path, BASE.replace("[stated]", "") + '\n[stated]\nadmin = { 2021 = 1 }\n', "base.toml")
    s = load_scenario(write(tmp_path, DERIVED, "derived.toml"))
    assert s.title == "JobbSam förlängs inte"
    jobbsam = s.line("projects.jobbsam")
    assert (jobbsam.amount(2022), jobbsam.amount(2023)) == (Decimal(1200000), Decimal(0))
    assert jobbsam.name == "JobbSam"
    assert [ln.id for ln in s.projects] == ["jobbsam", "nytt"]
    assert s.development == ()
    assert s.stated == {}  # figures as published belong to the base's document


def test_derived_problem_names_the_file_it_is_in(tmp_path):
    write(tmp_path, BASE, "base.toml")
    derived = DERIVED.replace("amounts = { 2023 = 0 }", 'amounts = { 2023 = "x" }')
    [p] = read_scenario(write(tmp_path, derived, "derived.toml"))[1]
    assert p.file.endswith("derived.toml") and p.key == "[projects.jobbsam].amounts.2023"
    assert p.line == derived.splitlines().index('amounts = { 2023 = "x" }') + 1


def test_base_problem_names_the_base(tmp_path):
    write(tmp_path, replace("2021 = 600000", '2021 = "x"'), "base.toml")
    [p] = read_scenario(write(tmp_path, DERIVED, "derived.toml"))[1]
    assert p.file.endswith("base.toml") and p.key == "[admin.kansli].amounts.2021"


def test_removing_a_line_the_base_lacks(tmp_path):
    write(tmp_path, BASE, "base.toml")
    derived = DERIVED + "\n[projects.okand]\nremove = true\n"
    [p] = read_scenario(write(tmp_path, derived, "derived.toml"))[1]
    assert p.key == "[projects.okand].remove"


def test_derived_needs_its_own_title(tmp_path):
    write(tmp_path, BASE, "base.toml")
    problems = read_scenario(write(tmp_path, 'extends = "base.toml"\n', "derived.toml"))[1]
    assert [p.key for p in problems] == ["title"]


def test_cap_table_in_scenario(tmp_path):
    text = BASE + '\n[[equity_cap]]\nup_to = 3000000\nshare = "25%"\n\n[[equity_cap]]\nshare = "20%"\n'
    s = load_scenario(write(tmp_path, text))
    assert [b.share for b in s.cap_bands] == [Fraction(1, 4), Fraction(1, 5)]


def test_cap_table_last_band_open(tmp_path):
    text = BASE + '\n[[equity_cap]]\nup_to = 3000000\nshare = "25%"\n'
    problems = problems_of(tmp_path, text)
    assert any(p.key == "equity_cap" and "sista bandet" in p.message for p in problems)


# -- quarters, months, stated per line, project periods and grants, [cash] -------------------

PROJECT = BASE + """
[projects.steget]
name = "Steget vidare"
"""


def test_quarters_and_months_give_the_year_figure(tmp_path):
    months = ", ".join(["10000"] * 12)
    text = PROJECT + f"quarters = {{ 2021 = [0, 0, 0, 240750] }}\nmonths = {{ 2022 = [{months}] }}\nstated = {{ 2021 = 240750 }}\n"
    line = load_scenario(write(tmp_path, text)).line("projects.steget")
    assert dict(line.amounts) == {2021: Decimal(240750), 2022: Decimal(120000)}
    assert line.quarters[2021] == (0, 0, 0, Decimal(240750))
    assert line.months[2022] == (Decimal(10000),) * 12
    assert line.stated == {2021: Decimal(240750)}


def test_year_figure_and_quarters_for_the_same_year(tmp_path):
    text = PROJECT + "amounts = { 2022 = 1951500 }\nquarters = { 2022 = [481500, 490000, 490000, 490000] }\n"
    [p] = problems_of(tmp_path, text)
    assert p.key == "[projects.steget].quarters.2022"
    assert "året 2022 anges redan i amounts" in p.message
    assert p.line == text.splitlines().index("quarters = { 2022 = [481500, 490000, 490000, 490000] }") + 1


def test_quarters_and_months_for_the_same_year(tmp_path):
    months = ", ".join(["1"] * 12)
    text = PROJECT + f"quarters = {{ 2022 = [1, 1, 1, 1] }}\nmonths = {{ 2022 = [{months}] }}\n"
    [p] = problems_of(tmp_path, text)
    assert p.key == "[projects.steget].months.2022" and "anges redan i quarters" in p.message


def test_wrong_number_of_quarters(tmp_path):
    [p] = problems_of(tmp_path, PROJECT + "quarters = { 2022 = [1, 2, 3] }\n")
    assert p.key == "[projects.steget].quarters.2022"
    assert p.message == "väntade 4 belopp (ett per kvartal), fick 3"


def test_wrong_number_of_months(tmp_path):
    [p] = problems_of(tmp_path, PROJECT + "months = { 2022 = [1, 2] }\n")
    assert p.message == "väntade 12 belopp (ett per månad), fick 2"


def test_quarters_need_a_list(tmp_path):
    [p] = problems_of(tmp_path, PROJECT + "quarters = { 2022 = 5 }\n")
    assert "väntade en lista med 4 belopp" in p.message


def test_float_in_quarters_names_the_quarter(tmp_path):
    [p] = problems_of(tmp_path, PROJECT + "quarters = { 2022 = [1, 2, 3.5, 4] }\n")
    assert p.key == "[projects.steget].quarters.2022"
    assert p.message.startswith("kvartal 3: decimaltal (3.5) tas inte emot")


def test_quarters_year_outside_years(tmp_path):
    [p] = problems_of(tmp_path, PROJECT + "quarters = { 2030 = [1, 2, 3, 4] }\n")
    assert p.key == "[projects.steget].quarters.2030" and "finns inte bland years" in p.message


def test_project_period_grant_and_factor(tmp_path):
    text = PROJECT + 'period = { start = 2020-09-01, end = 2023-08-31 }\ngranted = 3067000\nbudget_factor = "0.95"\n'
    line = load_scenario(write(tmp_path, text)).line("projects.steget")
    assert (line.period.start.isoformat(), line.period.end.isoformat()) == ("2020-09-01", "2023-08-31")
    assert line.granted_total == Decimal(3067000) and line.granted == {}
    assert line.budget_factor == Fraction(19, 20)


def test_granted_per_year(tmp_path):
    line = load_scenario(write(tmp_path, PROJECT + "granted = { 2022 = 1000000 }\n")).line("projects.steget")
    assert line.granted == {2022: Decimal(1000000)} and line.granted_total is None
    assert line.budget_factor == 1


def test_a_grant_for_the_whole_period_needs_a_period(tmp_path):
    [p] = problems_of(tmp_path, PROJECT + "granted = 3067000\n")
    assert p.key == "[projects.steget].granted" and "kräver period" in p.message


def test_negative_grant(tmp_path):
    [p] = problems_of(tmp_path, PROJECT + "granted = { 2022 = -1 }\n")
    assert p.key == "[projects.steget].granted.2022" and "negativt" in p.message


def test_period_date_written_as_string(tmp_path):
    [p] = problems_of(tmp_path, PROJECT + 'period = { start = "2020-09-01", end = 2023-08-31 }\n')
    assert p.key == "[projects.steget].period.start"
    assert p.message == 'väntade ett datum utan citattecken, t.ex. 2020-09-01, fick "2020-09-01"'


def test_period_ending_before_it_starts(tmp_path):
    [p] = problems_of(tmp_path, PROJECT + "period = { start = 2023-09-01, end = 2023-08-31 }\n")
    assert p.key == "[projects.steget].period" and "slutar 2023-08-31, före sin början 2023-09-01" in p.message


def test_period_with_time_and_missing_end(tmp_path):
    problems = problems_of(tmp_path, PROJECT + "period = { start = 2020-09-01T08:00:00, slut = 2023-08-31 }\n")
    assert {p.key for p in problems} == {
        "[projects.steget].period.start", "[projects.steget].period.end", "[projects.steget].period.slut",
    }


@pytest.mark.parametrize("value", ["0.95", '"1.5"', '"0"', '"nittiofem"'])
def test_bad_budget_factor(tmp_path, value):
    problems = problems_of(tmp_path, PROJECT + f"granted = {{ 2022 = 1 }}\nbudget_factor = {value}\n")
    [p] = problems
    assert p.key == "[projects.steget].budget_factor"
    assert ("skriv faktorn som en sträng" if value == "0.95" else "väntade en faktor större än 0") in p.message


def test_budget_factor_without_grant(tmp_path):
    [p] = problems_of(tmp_path, PROJECT + 'budget_factor = "0.95"\n')
    assert p.key == "[projects.steget].budget_factor" and "ange också granted" in p.message


def test_period_belongs_to_project_lines_only(tmp_path):
    [p] = problems_of(tmp_path, replace('name = "Kansli"', 'name = "Kansli"\nperiod = { start = 2021-01-01, end = 2021-12-31 }'))
    assert p.key == "[admin.kansli].period" and "okänd nyckel" in p.message


def test_cash_table(tmp_path):
    s = load_scenario(write(tmp_path, BASE + '\n[cash]\nopening = 750000\ncontributions = "quarterly-in-advance"\n'))
    assert s.cash.opening == Decimal(750000)
    assert s.cash.contribution_months == (1, 4, 7, 10) and s.cash.contributions_schedule == "quarterly-in-advance"
    assert s.cash.other_income_months == tuple(range(1, 13)) and s.cash.other_income_schedule == "monthly"


def test_cash_explicit_months(tmp_path):
    s = load_scenario(write(tmp_path, BASE + "\n[cash]\nopening = 0\ncontributions = [7, 1]\nother_income = [12]\n"))
    assert s.cash.contribution_months == (1, 7) and s.cash.contributions_schedule is None
    assert s.cash.other_income_months == (12,)


def test_cash_needs_opening_and_contributions(tmp_path):
    problems = problems_of(tmp_path, BASE + "\n[cash]\nkassa = 1\n")
    assert {p.key for p in problems} == {"[cash].opening", "[cash].contributions", "[cash].kassa"}
    assert any("kassan (likvida medel) vid början av 2021" in p.message for p in problems)


@pytest.mark.parametrize(
    "schedule, expected",
    [
        ('"quarterly"', 'väntade "quarterly-in-advance", "monthly", "yearly-january" eller en lista'),
        ("[0, 13]", "månaderna skrivs som heltal 1–12"),
        ("[1, 1]", "en månad står två gånger"),
        ("[]", "väntade"),
    ],
)
def test_bad_payment_schedule(tmp_path, schedule, expected):
    [p] = problems_of(tmp_path, BASE + f"\n[cash]\nopening = 0\ncontributions = {schedule}\n")
    assert p.key == "[cash].contributions" and expected in p.message


def test_derived_scenario_may_replace_a_year_figure_by_quarters(tmp_path):
    write(tmp_path, BASE.replace(
        "amounts = { 2021 = 1200000, 2022 = 1200000, 2023 = 1200000 }",
        "amounts = { 2021 = 1200000, 2022 = 1200000, 2023 = 1200000 }\nstated = { 2021 = 1 }",
    ), "base.toml")
    derived = 'extends = "base.toml"\ntitle = "Kvartal"\n\n[projects.jobbsam]\nquarters = { 2022 = [1, 2, 3, 4] }\n'
    line = load_scenario(write(tmp_path, derived, "derived.toml")).line("projects.jobbsam")
    assert line.amount(2022) == Decimal(10) and line.amount(2021) == Decimal(1200000)
    assert line.stated == {}  # a line's published totals belong to the base's document
