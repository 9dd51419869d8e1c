"""Reading follow-up files: TOML, CSV and xlsx give the same model; every mistake is located in Swedish."""

from __future__ import annotations

import pytest

from finsam_budget.problems import InputError
from finsam_budget.readers.uppfoljning import loads_followup, read_followup
from tests.uppfoljning_factory import followup_text

EXAMPLE = "scenarios/exempel-uppfoljning-2022.toml"


def problems_of(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        loads_followup(text, name="f.toml")
    return [str(p) for p in caught.value.problems]


def test_the_base_file_reads():
    followup = loads_followup(followup_text())
    [insats] = followup.insatser
    assert insats.line == "projects.steget"
    [period] = insats.periods
    assert period.year == 2023 and period.count("deltagare") == 70
    assert period.exits is not None and period.exits.count("arbete_studier") == 7
    assert [g.text for g in insats.goals] == ["minst 20 % arbete eller studier", "högst 25 % åter till remittent"]


def test_the_example_reads_with_a_span_and_distributions():
    followup = read_followup(EXAMPLE)
    jobb = followup.insats("jobbvagen")
    assert jobb is not None
    span = jobb.periods[1]
    assert (span.first_year, span.last_year, span.year) == (2019, 2022, None)
    assert [d.name for d in span.distributions] == ["alder", "tid_i_insats"]
    assert jobb.periods[0].exits is not None and set(jobb.periods[0].exits.by_sex) == {"kvinnor", "man"}


def test_a_float_count_is_refused_at_its_line():
    [problem] = problems_of(followup_text({"nya = 30": "nya = 30.0"}))
    assert problem.startswith('f.toml:12: [insats.steget.period."2023"].nya:')
    assert problem.endswith("väntade ett heltal (antal personer), fick decimaltalet 30.0")


def test_a_negative_or_huge_count_is_refused():
    found = problems_of(followup_text({"nya = 30": "nya = -3", "aktiva_slut = 42": "aktiva_slut = 99999999999"}))
    assert len(found) == 2 and all("väntade ett antal personer från 0 till 10 000 000" in p for p in found)


def test_an_unknown_exit_reason_and_a_bad_goal_are_named():
    found = problems_of(followup_text({"ovrigt = 2": "annat = 2", '">= 20 %"': '"minst 20"'}))
    assert any("avslut].annat: okänd avslutsorsak" in p for p in found)
    assert any('goals.arbete_studier: väntade ett mål som ">= 20 %"' in p for p in found)


def test_a_bad_period_and_a_text_count_are_named():
    found = problems_of(followup_text({'period."2023"]': 'period."23"]', "nya = 30": 'nya = "30"'}))
    assert any('"23"' in p and "väntade en period" in p for p in found)


def test_missing_federation_kind_and_insats():
    found = problems_of('format = 1\nkind = "actuals"\n')
    assert any("kind: väntade kind = \"uppfoljning\"" in p for p in found)
    assert any("federation: saknas" in p for p in found)
    assert any("insats: saknas" in p for p in found)


def test_a_distribution_needs_of_and_known_percent_categories():
    extra = '[insats.steget.period."2023".fordelning.alder]\nkategorier = { "18-29" = 3 }\nprocent = { "30-49" = 5 }\n'
    found = problems_of(followup_text(extra=extra))
    assert any("fordelning.alder].of: väntade" in p for p in found)
    assert any("procent.30-49: kategorin finns inte" in p for p in found)


def test_a_percent_over_100_is_refused():
    extra = '[insats.steget.period."2023".fordelning.alder]\nof = "nya"\nkategorier = { a = 3 }\nprocent = { a = 101 }\n'
    assert any("hela procent från 0 till 100" in p for p in problems_of(followup_text(extra=extra)))


def test_a_sex_split_needs_both_parts():
    text = followup_text().split('[insats.steget.period."2023".avslut]')[0]
    text += '[insats.steget.period."2023".avslut.kvinnor]\nsjukdom = 3\n'
    assert any("avslut.man]" in p or "avslut].man" in p for p in problems_of(text))


def test_an_unknown_suffix(tmp_path):
    path = tmp_path / "f.ods"
    path.write_bytes(b"x")
    with pytest.raises(InputError) as caught:
        read_followup(path)
    assert "okänd filtyp .ods för en uppföljningsfil" in str(caught.value)


CSV = """\
insats;period;uppgift;värde
;;federation;Samordningsförbundet Prov
steget;;name;Steget
steget;;line;projects.steget
steget;;goals.arbete_studier;>= 20 %
steget;;goals.ater_remittent;<= 25 %
steget;2023;aktiva_start;40
steget;2023;nya;30
steget;2023;deltagare;70
steget;2023;avslutade;28
steget;2023;aktiva_slut;42
steget;2023;avslut.arbete_studier;7
steget;2023;avslut.fortsatt_rehabilitering;9
steget;2023;avslut.sjukdom;6
steget;2023;avslut.ater_remittent;4
steget;2023;avslut.ovrigt;2
"""


def test_a_csv_table_gives_the_same_model_as_toml(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text(CSV, encoding="utf-8")
    from_csv = read_followup(path)
    from_toml = loads_followup(followup_text(), name=str(path))
    assert from_csv.insatser[0].periods == from_toml.insatser[0].periods
    assert from_csv.insatser[0].goals == from_toml.insatser[0].goals


def test_csv_problems_name_the_row(tmp_path):
    path = tmp_path / "f.csv"
    bad = CSV.replace("steget;2023;nya;30", "steget;2023;nya;٣٠").replace("avslut.ovrigt;2", "avslut.ovrigt;2,5")
    bad += "steget;2023;nya;31\n"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_followup(path)
    found = [str(p) for p in caught.value.problems]
    assert any(": rad 8: " in p and "väntade ett heltal" in p for p in found)  # Unicode digits are not a count
    assert any(": rad 16: " in p and "avslut].ovrigt" in p for p in found)
    assert any(": rad 17: " in p and "står redan på rad 8" in p for p in found)


def test_an_xlsx_table_reads(tmp_path):
    import xlsxwriter

    path = tmp_path / "f.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    ws = workbook.add_worksheet()
    for r, line in enumerate(CSV.splitlines()):
        for c, cell in enumerate(line.split(";")):
            if cell.isdigit():
                ws.write_number(r, c, int(cell))
            elif cell:
                ws.write_string(r, c, cell)
    workbook.close()
    followup = read_followup(path)
    assert followup.insatser[0].periods[0].count("avslutade") == 28
