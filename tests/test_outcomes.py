"""The outcome rules: each finds its kind of error in a small file and stays silent when the figures add up."""

from __future__ import annotations

from pathlib import Path

from finsam_budget.outcomes import OUTCOME_RULE_IDS, flow, goals, percent, run_outcome_rules, sex_split, sums
from finsam_budget.readers.uppfoljning import loads_followup
from tests.uppfoljning_factory import followup_text

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def found(rule, replace=None, extra=""):
    return rule.check(loads_followup(followup_text(replace, extra)))


def test_the_base_file_has_only_met_goals():
    findings = run_outcome_rules(loads_followup(followup_text()))
    assert [(f.rule, f.severity) for f in findings] == [("outcome-goal", "info"), ("outcome-goal", "info")]


def test_every_outcome_rule_id_is_in_the_readme_rule_table():
    assert [rule for rule in OUTCOME_RULE_IDS if f"| `{rule}` |" not in README] == []


def test_flow_start_plus_new_must_be_participants():
    [finding] = found(flow, {"nya = 30": "nya = 31"})
    assert finding.severity == "error" and finding.year == 2023
    assert "aktiva vid början 40 + nya 31 = 71, men deltagare är publicerat 70" in finding.message


def test_flow_participants_less_exits_must_be_active_at_the_end():
    [finding] = found(flow, {"aktiva_slut = 42": "aktiva_slut = 40"})
    assert "deltagare 70 − avslutade 28 = 42, men aktiva vid slutet är publicerat 40" in finding.message
    assert finding.key == '[insats.steget.period."2023"].aktiva_slut'


def test_flow_holds():
    assert found(flow) == []


def test_sum_exits_against_the_exits_count():
    [finding] = found(sums, {"ovrigt = 2": "ovrigt = 3"})
    assert "avslut efter orsak: kategorierna ger 29, men avslutade är 28" in finding.message


def test_sum_against_the_published_summa():
    [finding] = found(sums, extra="summa = 27\n")
    assert "kategorierna ger 28, men summan är publicerad som 27" in finding.message


def test_sum_of_a_distribution_against_its_count_unless_saknas_accounts():
    extra = '[insats.steget.period."2023".fordelning.alder]\nof = "nya"\nkategorier = { a = 20, b = 7 }\n'
    [finding] = found(sums, extra=extra)
    assert "kategorierna ger 27, men nya deltagare är 30" in finding.message and "saknas" in finding.message
    assert found(sums, extra=extra + "saknas = 3\n") == []
    [wrong] = found(sums, extra=extra + "saknas = 2\n")
    assert "och 2 saknar uppgiften, tillsammans 29" in wrong.message


def test_percent_matching_its_base_is_fine():
    assert found(percent, extra="procent = { arbete_studier = 25 }\n") == []  # 7 / 28 = 25 %


def test_percent_matching_another_base_is_a_warning_that_names_it():
    [finding] = found(percent, extra="procent = { arbete_studier = 10 }\n")  # 7 / 70 deltagare
    assert finding.severity == "warning"
    assert "publicerat 10 %, men 7 av avslutade 28 är 25 %; 10 % stämmer med deltagare under perioden (70)" in (
        finding.message
    )


def test_percent_that_no_base_gives_is_an_error():
    [finding] = found(percent, extra="procent = { sjukdom = 30 }\n")
    assert finding.severity == "error" and "ingen bas ger 30 %" in finding.message


def split(women: int) -> str:
    text = followup_text().split('[insats.steget.period."2023".avslut]')[0]
    return text + (
        f'[insats.steget.period."2023".avslut.kvinnor]\narbete_studier = {women}\nsjukdom = 4\n'
        '[insats.steget.period."2023".avslut.man]\narbete_studier = 3\nsjukdom = 2\n'
        '[insats.steget.period."2023".avslut.totalt]\narbete_studier = 7\nsjukdom = 6\n'
    )


def test_sex_split_per_reason_and_in_all():
    findings = sex_split.check(loads_followup(split(5)))
    assert [f.key for f in findings] == [
        '[insats.steget.period."2023".avslut.totalt].arbete_studier',
        '[insats.steget.period."2023".avslut.totalt]',
    ]
    assert "kvinnor 5 + män 3 = 8, men totalt är publicerat 7" in findings[0].message
    assert sex_split.check(loads_followup(split(4))) == []


def test_goal_not_met_is_a_warning_and_met_is_info():
    findings = found(goals, {"arbete_studier = 7": "arbete_studier = 5", "ovrigt = 2": "ovrigt = 4"})
    assert [(f.severity, f.key) for f in findings] == [
        ("warning", "[insats.steget].goals.arbete_studier"),
        ("info", "[insats.steget].goals.ater_remittent"),
    ]
    assert "är inte uppfyllt: 5 av 28 avslut = 17,9 %" in findings[0].message


def test_the_example_has_every_kind_of_finding():
    from finsam_budget.readers.uppfoljning import read_followup

    findings = run_outcome_rules(read_followup("scenarios/exempel-uppfoljning-2022.toml"))
    kinds = {(f.rule, f.severity) for f in findings}
    assert {("outcome-flow", "error"), ("outcome-sum", "error"), ("outcome-percent", "warning"),
            ("outcome-percent", "error"), ("outcome-sex-split", "error"), ("outcome-goal", "info"),
            ("outcome-goal", "warning")} <= kinds
