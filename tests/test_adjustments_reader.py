"""Reading [[adjust]]: the accepted forms, one test per malformed entry, and extends."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finsam_budget.model import Adjustment
from finsam_budget.readers.scenario import load_scenario, read_scenario
from tests.scenario_factory import BASE, replace, write

D = Decimal


def adjustments_of(tmp_path, adjust: str, text: str = BASE):
    return load_scenario(write(tmp_path, text + "\n" + adjust)).adjustments


def problems_of(tmp_path, adjust: str, text: str = BASE, name: str = "scenario.toml"):
    scenario, problems = read_scenario(write(tmp_path, text + "\n" + adjust, name))
    assert scenario is None
    return problems


def test_full_form(tmp_path):
    [a] = adjustments_of(
        tmp_path, '[[adjust]]\ntarget = "admin"\npercent = "3"\nfrom = 2022\ncompound = true\nnote = "Löner"\n'
    )
    assert a == Adjustment("admin", D(3), 2022, True, "Löner")


@pytest.mark.parametrize(
    "written,expected",
    [('"-5"', D(-5)), ('"-5%"', D(-5)), ('"+3 %"', D(3)), ('"2,5"', D("2.5")), ("-5", D(-5)), ('"\u22125"', D(-5))],
)
def test_percent_forms(tmp_path, written, expected):
    [a] = adjustments_of(tmp_path, f'[[adjust]]\ntarget = "members"\npercent = {written}\n')
    assert a.percent == expected


def test_from_defaults_to_the_first_year_and_compound_to_false(tmp_path):
    [a] = adjustments_of(tmp_path, '[[adjust]]\ntarget = "projects.jobbsam"\npercent = "-100"\n')
    assert (a.start, a.compound, a.note) == (2021, False, None)


@pytest.mark.parametrize(
    "adjust,key,message",
    [
        ('target = "projects.okand"\npercent = "5"', "[[adjust]] nr 1: target", 'raden "projects.okand" finns inte'),
        ('target = "adm"\npercent = "5"', "[[adjust]] nr 1: target", 'okänt mål "adm"'),
        ('target = "income.fk"\npercent = "5"', "[[adjust]] nr 1: target", 'target = "members"'),
        ('target = "income"\npercent = "5"', "[[adjust]] nr 1: target", 'target = "members"'),
        ('percent = "5"', "[[adjust]] nr 1: target", "saknas"),
        ('target = "admin"', "[[adjust]] nr 1: percent", "saknas"),
        ('target = "admin"\npercent = 5.5', "[[adjust]] nr 1: percent", 'skriv procentsatsen som en sträng, t.ex. "5.5"'),
        ('target = "admin"\npercent = "fem"', "[[adjust]] nr 1: percent", 'fick "fem"'),
        ('target = "admin"\npercent = "-101"', "[[adjust]] nr 1: percent", "mellan -100 och 1000"),
        ('target = "admin"\npercent = "5"\nfrom = 2030', "[[adjust]] nr 1: from", "2030 finns inte bland years"),
        ('target = "admin"\npercent = "5"\nfrom = "2022"', "[[adjust]] nr 1: from", "väntade ett årtal"),
        ('target = "admin"\npercent = "5"\ncompound = "ja"', "[[adjust]] nr 1: compound", "true eller false"),
        ('target = "admin"\npercent = "5"\nprocent = 5', "[[adjust]] nr 1: procent", "okänd nyckel"),
    ],
)
def test_malformed_entry_names_its_key(tmp_path, adjust, key, message):
    [p] = problems_of(tmp_path, "[[adjust]]\n" + adjust + "\n")
    assert p.key == key
    assert message in p.message


def test_section_without_lines_is_a_missing_target(tmp_path):
    text = replace('[development.utbildning]\nname = "Metodutbildningar"\n'
                   "amounts = { 2021 = 200000, 2022 = 200000, 2023 = 200000 }\n", "")
    [p] = problems_of(tmp_path, '[[adjust]]\ntarget = "development"\npercent = "5"\n', text)
    assert 'avsnittet "development" finns inte' in p.message


def test_members_without_a_contribution_line(tmp_path):
    text = replace('member = "region"\n', "")
    [p] = problems_of(tmp_path, '[[adjust]]\ntarget = "members"\npercent = "5"\n', text)
    assert "Region Test saknar en inkomstrad med member" in p.message


def test_problem_line_is_that_of_the_entrys_key(tmp_path):
    adjust = '[[adjust]]\ntarget = "admin"\npercent = "5"\n\n[[adjust]]\ntarget = "projects.okand"\npercent = "5"\n'
    [p] = problems_of(tmp_path, adjust)
    text = BASE + "\n" + adjust
    assert p.key == "[[adjust]] nr 2: target"
    assert p.line == text.splitlines().index('target = "projects.okand"') + 1


def test_adjust_must_be_an_array_of_tables(tmp_path):
    [p] = problems_of(tmp_path, "", replace("format = 1", 'format = 1\nadjust = "members -5"'))
    assert p.key == "adjust" and "[[adjust]]" in p.message


# -- extends ------------------------------------------------------------------------

CUT = '[[adjust]]\ntarget = "members"\npercent = "-5"\nfrom = 2023\n'


def test_derived_adjustments_follow_the_bases(tmp_path):
    write(tmp_path, BASE + "\n" + CUT, "base.toml")
    derived = 'extends = "base.toml"\ntitle = "Båda"\n\n[[adjust]]\ntarget = "admin"\npercent = "3"\n'
    s = load_scenario(write(tmp_path, derived, "derived.toml"))
    assert [a.target for a in s.adjustments] == ["members", "admin"]


def test_derived_without_adjustments_inherits_the_bases(tmp_path):
    write(tmp_path, BASE + "\n" + CUT, "base.toml")
    s = load_scenario(write(tmp_path, 'extends = "base.toml"\ntitle = "Ärvd"\n', "derived.toml"))
    assert [a.target for a in s.adjustments] == ["members"]


def test_adjustment_applies_to_the_merged_lines(tmp_path):
    from finsam_budget.plan.engine import compute_plan

    write(tmp_path, BASE, "base.toml")
    derived = (
        'extends = "base.toml"\ntitle = "Nytt projekt, projekten +10 %"\n\n'
        '[projects.nytt]\nname = "Nytt"\namounts = { 2023 = 100000 }\n\n'
        '[[adjust]]\ntarget = "projects"\npercent = "10"\nfrom = 2023\n'
    )
    plan = compute_plan(load_scenario(write(tmp_path, derived, "derived.toml")))
    assert plan.year(2023).projects == D(1320000 + 110000)


def test_base_adjustment_targeting_a_line_the_derived_removes(tmp_path):
    write(tmp_path, BASE + '\n[[adjust]]\ntarget = "development.utbildning"\npercent = "5"\n', "base.toml")
    derived = 'extends = "base.toml"\ntitle = "Utan utbildning"\n\n[development.utbildning]\nremove = true\n'
    [p] = read_scenario(write(tmp_path, derived, "derived.toml"))[1]
    assert p.file.endswith("base.toml") and p.key == "[[adjust]] nr 1: target"
    assert 'raden "development.utbildning" finns inte' in p.message


def test_problem_in_a_derived_adjustment_names_the_derived_file_and_its_entry(tmp_path):
    write(tmp_path, BASE + "\n" + CUT, "base.toml")
    derived = 'extends = "base.toml"\ntitle = "X"\n\n[[adjust]]\ntarget = "projects.okand"\npercent = "5"\n'
    [p] = read_scenario(write(tmp_path, derived, "derived.toml"))[1]
    assert p.file.endswith("derived.toml") and p.key == "[[adjust]] nr 1: target"
    assert p.line == derived.splitlines().index('target = "projects.okand"') + 1
