"""What-if adjustments: factors, compounding, the rounding rule and the member split."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from finsam_budget.model import Adjustment
from finsam_budget.plan.adjust import (
    apply_adjustments,
    factor,
    round_krona,
    split_by_shares,
)
from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.scenario import load_scenario
from finsam_budget.rules import run_rules
from tests.scenario_factory import BASE, replace, write
from tests.strategies import scenario_texts

D = Decimal

THREE_MEMBERS = replace(
    '[members.region]\nname = "Region Test"\nshare = "1/2"',
    '[members.region]\nname = "Region Test"\nshare = "1/4"\n\n'
    '[members.kommun]\nname = "Kommunerna"\nshare = "1/4"',
).replace(
    '[income.region]\nname = "Region Test"\nmember = "region"\n'
    "amounts = { 2021 = 1000000, 2022 = 1000000, 2023 = 1000000 }",
    '[income.region]\nname = "Region Test"\nmember = "region"\n'
    "amounts = { 2021 = 500000, 2022 = 500000, 2023 = 500000 }\n\n"
    '[income.kommun]\nname = "Kommunerna"\nmember = "kommun"\n'
    "amounts = { 2021 = 500000, 2022 = 500000, 2023 = 500000 }",
)


def adjusted(tmp_path, adjust: str, text: str = BASE):
    return compute_plan(load_scenario(write(tmp_path, text + "\n" + adjust)))


def split_errors(plan):
    return [f for f in run_rules(plan) if f.rule == "member-split" and f.severity == "error"]


# -- the arithmetic ---------------------------------------------------------------


def test_factor_is_one_before_the_start_year():
    cut = Adjustment("members", D(-5), 2024)
    assert (factor(cut, 2023), factor(cut, 2024), factor(cut, 2025)) == (1, Fraction(19, 20), Fraction(19, 20))


def test_compound_factor_grows_each_year_from_the_start():
    rise = Adjustment("admin", D(3), 2023, compound=True)
    assert factor(rise, 2022) == 1
    assert factor(rise, 2023) == Fraction(103, 100)
    assert factor(rise, 2025) == Fraction(103, 100) ** 3


def test_round_krona_half_up_away_from_zero():
    assert round_krona(Fraction(5, 2)) == 3
    assert round_krona(Fraction(-5, 2)) == -3
    assert round_krona(Fraction(249, 100)) == 2
    assert round_krona(Fraction(-249, 100)) == -2


def test_split_by_shares_largest_remainder_ties_to_the_first():
    assert split_by_shares(1000001, [Fraction(1, 2)] * 2) == [500001, 500000]
    assert split_by_shares(1933334, [Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)]) == [966667, 483334, 483333]
    assert split_by_shares(10, [Fraction(1, 3)] * 3) == [4, 3, 3]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=-10**9, max_value=10**11),
    st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=15),
)
def test_split_sums_to_the_total_and_each_part_is_within_a_krona(total, weights):
    shares = [Fraction(w, sum(weights)) for w in weights]
    parts = split_by_shares(total, shares)
    assert sum(parts) == total
    assert all(abs(part - total * share) < 1 for part, share in zip(parts, shares))


# -- applied to scenarios ---------------------------------------------------------


def test_line_adjustment_from_a_year_on(tmp_path):
    plan = adjusted(tmp_path, '[[adjust]]\ntarget = "projects.jobbsam"\npercent = "-50"\nfrom = 2022\n')
    jobbsam = plan.scenario.line("projects.jobbsam")
    assert [jobbsam.amount(y) for y in (2021, 2022, 2023)] == [D(1200000), D(600000), D(600000)]
    assert plan.year(2022).projects == D(600000)


def test_section_adjustment_compounded(tmp_path):
    plan = adjusted(tmp_path, '[[adjust]]\ntarget = "admin"\npercent = "3%"\nfrom = 2022\ncompound = true\n')
    assert [plan.year(y).admin for y in (2021, 2022, 2023)] == [D(600000), D(618000), D(636540)]


def test_each_amount_rounded_half_up_from_the_unrounded_product(tmp_path):
    text = replace("2021 = 600000, 2022 = 600000, 2023 = 600000", '2021 = "100001", 2022 = "1.50", 2023 = "600000.50"')
    plan = adjusted(tmp_path, '[[adjust]]\ntarget = "admin"\npercent = "-5"\n', text)
    kansli = plan.scenario.line("admin.kansli")
    # 100001 × 0.95 = 95000.95 → 95001; 1.50 × 0.95 = 1.425 → 1; 600000.50 × 0.95 = 570000.475 → 570000
    assert [kansli.amount(y) for y in (2021, 2022, 2023)] == [D(95001), D(1), D(570000)]


def test_amounts_before_from_keep_their_ore(tmp_path):
    text = replace("2021 = 600000", '2021 = "600000.50"')
    plan = adjusted(tmp_path, '[[adjust]]\ntarget = "admin"\npercent = "10"\nfrom = 2022\n', text)
    assert plan.scenario.line("admin.kansli").amount(2021) == D("600000.50")


def test_adjustments_on_the_same_line_multiply_before_one_rounding(tmp_path):
    text = replace("2021 = 600000", "2021 = 1005")
    adjust = (
        '[[adjust]]\ntarget = "admin"\npercent = "-10"\n\n'
        '[[adjust]]\ntarget = "admin.kansli"\npercent = "10"\n'
    )
    # 1005 × 0.9 × 1.1 = 994.95 → 995 (rounding twice would give 996)
    assert adjusted(tmp_path, adjust, text).scenario.line("admin.kansli").amount(2021) == D(995)


def test_absent_years_stay_absent(tmp_path):
    text = replace("2021 = 1200000, ", "")
    plan = adjusted(tmp_path, '[[adjust]]\ntarget = "projects"\npercent = "5"\n', text)
    assert 2021 not in plan.scenario.line("projects.jobbsam").amounts


def test_members_cut_keeps_the_50_50_split(tmp_path):
    plan = adjusted(tmp_path, '[[adjust]]\ntarget = "members"\npercent = "-5"\nfrom = 2023\n')
    assert plan.year(2022).contributions == {"fk": D(1000000), "region": D(1000000)}
    assert plan.year(2023).contributions == {"fk": D(950000), "region": D(950000)}
    assert split_errors(plan) == []


def test_members_odd_krona_goes_to_the_first_member(tmp_path):
    # 2 000 000 × 1.0000005 = 2 000 001: the odd krona to Försäkringskassan, listed first.
    plan = adjusted(tmp_path, '[[adjust]]\ntarget = "members"\npercent = "0.00005"\n')
    assert plan.year(2021).contributions == {"fk": D(1000001), "region": D(1000000)}
    split = [f for f in run_rules(plan) if f.rule == "member-split"]
    assert split and {f.severity for f in split} == {"info"}


def test_members_50_25_25_split_passes_the_rule(tmp_path):
    # 2 000 000 × 0.966667 = 1 933 334: a quarter is 483 333.50, so one krona is left over;
    # it goes to the region (largest remainder, tie to the member listed first).
    plan = adjusted(tmp_path, '[[adjust]]\ntarget = "members"\npercent = "-3.3333"\n', THREE_MEMBERS)
    figures = plan.year(2021)
    assert figures.member_contributions == D(1933334)
    assert figures.contributions == {"fk": D(966667), "region": D(483334), "kommun": D(483333)}
    assert split_errors(plan) == []
    assert {f.severity for f in run_rules(plan) if f.rule == "member-split"} == {"info"}


def test_members_split_over_a_members_several_lines(tmp_path):
    text = BASE + '\n[income.fk2]\nname = "Försäkringskassan, extra"\nmember = "fk"\namounts = { 2021 = 250000 }\n'
    text = text.replace(
        'member = "region"\namounts = { 2021 = 1000000', 'member = "region"\namounts = { 2021 = 1250000'
    )
    plan = adjusted(tmp_path, '[[adjust]]\ntarget = "members"\npercent = "-10"\n', text)
    s = plan.scenario
    assert plan.year(2021).contributions == {"fk": D(1125000), "region": D(1125000)}
    assert (s.line("income.fk").amount(2021), s.line("income.fk2").amount(2021)) == (D(900000), D(225000))
    assert split_errors(plan) == []


def test_other_income_line_adjusted_members_untouched(tmp_path):
    text = BASE + '\n[income.salj]\nname = "Försäljning"\namounts = { 2021 = 10000 }\n'
    plan = adjusted(tmp_path, '[[adjust]]\ntarget = "income.salj"\npercent = "+20"\n', text)
    assert plan.year(2021).other_income == D(12000)
    assert plan.year(2021).member_contributions == D(2000000)


def test_apply_is_idempotent_and_marks_the_scenario(tmp_path):
    s = load_scenario(write(tmp_path, BASE + '\n[[adjust]]\ntarget = "admin"\npercent = "10"\n'))
    assert not s.adjusted and s.line("admin.kansli").amount(2021) == D(600000)
    once = apply_adjustments(s)
    assert once.adjusted and once.line("admin.kansli").amount(2021) == D(660000)
    assert apply_adjustments(once) is once
    assert compute_plan(once).year(2021).admin == D(660000)


def test_scenario_without_adjustments_is_unchanged(tmp_path):
    s = load_scenario(write(tmp_path))
    assert apply_adjustments(s) is s


@settings(max_examples=60, deadline=None)
@given(scenario_texts(), st.decimals(min_value=-99, max_value=50, places=2).filter(lambda p: p != 0))
def test_adjusted_member_contributions_never_break_the_split_rule(text, percent):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.toml"
        path.write_text(text + f'\n[[adjust]]\ntarget = "members"\npercent = "{percent}"\n', encoding="utf-8")
        plan = compute_plan(load_scenario(path))
    assert split_errors(plan) == []
    for y in plan.years:
        assert y.member_contributions == y.member_contributions.to_integral_value()


def test_quarters_and_months_follow_the_adjusted_year(tmp_path):
    text = replace(
        "amounts = { 2021 = 600000, 2022 = 600000, 2023 = 600000 }",
        "amounts = { 2021 = 600000, 2023 = 600000 }\nquarters = { 2022 = [100001, 200000, 0, 300000] }",
    )
    text = replace(
        "amounts = { 2021 = 200000, 2022 = 200000, 2023 = 200000 }",
        "months = { 2022 = [0, 0, 0, 45000, 0, 0, 0, 0, 0, 0, 0, 15001] }",
        text,
    )
    adjust = '[[adjust]]\ntarget = "admin"\npercent = "-10"\n\n[[adjust]]\ntarget = "development"\npercent = "50"\n'
    s = adjusted(tmp_path, adjust, text).scenario
    kansli, utbildning = s.line("admin.kansli"), s.line("development.utbildning")
    assert kansli.amount(2022) == D(540001)  # 600 001 × 0.9 = 540 000.9
    assert kansli.quarters[2022] == (D(90001), D(180000), D(0), D(270000))
    assert sum(kansli.quarters[2022]) == kansli.amount(2022)
    assert utbildning.amount(2022) == D(90002)  # 60 001 × 1.5 = 90 001.5
    assert sum(utbildning.months[2022]) == D(90002) and utbildning.months[2022][3] == D(67500)
