"""Account ranges, the default Kommun-Bas mapping, and mapping files (good and bad)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from finsam_budget.mapping import DEFAULT_MAPPING, parse_range
from finsam_budget.problems import InputError
from finsam_budget.readers.mapping_file import load_mapping

SHIPPED = "scenarios/mappning-kommunbas.toml"


def group_of(account: str) -> str | None:
    line = DEFAULT_MAPPING.line_for(account)
    return None if line is None else line.group


# -- ranges -----------------------------------------------------------------------


def test_a_single_account_covers_its_sub_accounts():
    r = parse_range("3511")
    assert r.covers("3511") and r.covers("35110") and r.covers("351199")
    assert not r.covers("3512") and not r.covers("35120") and not r.covers("351")


def test_a_range_covers_both_ends_and_longer_numbers():
    r = parse_range(" 4610 - 4619 ")
    assert str(r) == "4610-4619"
    assert r.covers("4610") and r.covers("4619") and r.covers("46195")
    assert not r.covers("4620") and not r.covers("4609")


def test_non_digit_accounts_are_never_covered():
    assert not parse_range("1000-9999").covers("19A0")


@pytest.mark.parametrize("text", ["", "abc", "4619-4610", "1234567", "12-"])
def test_bad_ranges_are_refused(text):
    with pytest.raises(ValueError):
        parse_range(text)


# -- the default mapping ----------------------------------------------------------


@pytest.mark.parametrize(
    "account, group",
    [
        ("1019", "fixed_assets"),
        ("1229", "fixed_assets"),
        ("1310", "fixed_assets"),
        ("1410", "inventory"),
        ("1510", "receivables"),
        ("1641", "receivables"),
        ("1790", "receivables"),
        ("1810", "short_term_investments"),
        ("1930", "cash"),
        ("2010", "equity"),
        ("2099", "equity"),
        ("2250", "provisions"),
        ("2350", "long_term_liabilities"),
        ("2440", "short_term_liabilities"),
        ("2990", "short_term_liabilities"),
        ("3450", "income"),
        ("3511", "income"),
        ("4611", "costs"),
        ("5111", "costs"),
        ("7320", "costs"),
        ("8420", "financial_income"),
        ("8520", "financial_costs"),
        ("8999", "closing"),
        ("2150", None),  # 21 is not used in Kommun-Bas: the check names such accounts
        ("8010", None),  # skatteintäkter: not a federation's
        ("9110", None),
    ],
)
def test_default_mapping_follows_kommun_bas(account, group):
    assert group_of(account) == group


def test_driftbidrag_are_the_35_accounts():
    line = DEFAULT_MAPPING.line_for("3511")
    assert line.contributions and line.name == "Erhållna driftbidrag"
    assert not DEFAULT_MAPPING.line_for("3450").contributions


def test_accumulated_depreciation_accounts_end_in_8_or_9():
    assert DEFAULT_MAPPING.is_accumulated_depreciation("1229")
    assert DEFAULT_MAPPING.is_accumulated_depreciation("1018")
    assert not DEFAULT_MAPPING.is_accumulated_depreciation("1220")
    assert not DEFAULT_MAPPING.is_accumulated_depreciation("1519")


def test_narrowest_range_wins():
    lines = DEFAULT_MAPPING.lines + (
        dataclasses.replace(
            DEFAULT_MAPPING.line("ovriga_kostnader"),
            id="revision",
            name="Revision",
            ranges=(parse_range("7320"),),
        ),
    )
    mapping = dataclasses.replace(DEFAULT_MAPPING, lines=lines)
    assert mapping.line_for("7320").id == "revision"
    assert mapping.line_for("7310").id == "ovriga_kostnader"


# -- mapping files ----------------------------------------------------------------


def write(tmp_path, text, name="mappning.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path):
    with pytest.raises(InputError) as caught:
        load_mapping(path)
    return [str(p) for p in caught.value.problems]


def test_shipped_mapping_file_is_the_default():
    mapping = load_mapping(SHIPPED)
    assert mapping.lines == DEFAULT_MAPPING.lines
    assert mapping.accumulated_depreciation == DEFAULT_MAPPING.accumulated_depreciation
    assert mapping.realisation_gains == ()


GOOD = """\
format = 1
kind = "mapping"
realisation_gains = ["3670-3679"]
accumulated_depreciation = ["1229"]

[lines.medlemmar]
name = "Bidrag från medlemmarna"
group = "income"
accounts = ["3511-3514"]
contributions = true

[lines.ovrigt]
name = "Övriga intäkter"
group = "income"
accounts = ["3"]

[lines.projekt]
name = "Projekt och insatser"
group = "costs"
accounts = ["4", "6-7"]

[lines.personal]
name = "Personal"
group = "costs"
accounts = ["5"]

[lines.bank]
name = "Bank"
group = "cash"
accounts = ["19"]

[lines.tillgangar]
name = "Övriga tillgångar"
group = "receivables"
accounts = ["10-18"]

[lines.ek]
name = "Eget kapital"
group = "equity"
accounts = ["20"]

[lines.skulder]
name = "Skulder"
group = "short_term_liabilities"
accounts = ["21-29"]
"""


def test_a_mapping_file_renames_regroups_and_reorders(tmp_path):
    mapping = load_mapping(write(tmp_path, GOOD))
    assert [line.id for line in mapping.lines_in("costs")] == ["projekt", "personal"]
    assert mapping.line_for("3512").id == "medlemmar"  # narrower than "3"
    assert mapping.line_for("3450").id == "ovrigt"
    assert mapping.line_for("7310").name == "Projekt och insatser"
    assert mapping.line_for("2150").group == "short_term_liabilities"
    assert mapping.is_realisation_gain("3675") and mapping.is_accumulated_depreciation("1229")
    assert not mapping.is_accumulated_depreciation("1239")


def test_a_mapping_file_without_depreciation_keeps_the_default_rule(tmp_path):
    mapping = load_mapping(write(tmp_path, GOOD.replace('accumulated_depreciation = ["1229"]\n', "")))
    assert mapping.is_accumulated_depreciation("1239")


def test_errors_are_located(tmp_path):
    text = GOOD.replace('group = "cash"', 'group = "kassa"').replace('accounts = ["5"]', 'accounts = ["5x"]')
    text = text.replace("format = 1", "format = 2").replace(
        'name = "Skulder"', 'name = "Skulder"\nfarg = "röd"'
    )
    found = problems(write(tmp_path, text))
    assert any(p.startswith(f"{tmp_path}/mappning.toml:1: format: formatet 2 stöds inte (väntade format = 1)") for p in found), found
    assert any(":25: [lines.personal].accounts.0:" in p and '"5x"' in p for p in found), found
    assert any(':29: [lines.bank].group: väntade "income", "costs"' in p and 'fick "kassa"' in p for p in found), (
        found
    )
    assert any("[lines.skulder].farg: okänd nyckel" in p for p in found), found


def test_contributions_only_on_income(tmp_path):
    text = GOOD.replace(
        'group = "costs"\naccounts = ["5"]', 'group = "costs"\naccounts = ["5"]\ncontributions = true'
    )
    found = problems(write(tmp_path, text))
    assert any("[lines.personal].contributions" in p and "income" in p for p in found), found


def test_a_narrower_range_inside_a_wider_one_is_no_error(tmp_path):
    mapping = load_mapping(write(tmp_path, GOOD.replace('accounts = ["19"]', 'accounts = ["18"]')))
    assert mapping.line_for("1810").id == "bank" and mapping.line_for("1710").id == "tillgangar"


def test_overlap_message_names_both_lines(tmp_path):
    text = GOOD + '\n[lines.extra]\nname = "Extra"\ngroup = "cash"\naccounts = ["19"]\n'
    [message] = problems(write(tmp_path, text))
    assert '[lines.extra].accounts: "19" överlappar "19" på raden bank' in message


def test_problems_are_reported_in_line_order(tmp_path):
    # The overlap (line 19) is found after every line has been read, the unknown
    # group (line 44) while reading; the report still follows the file.
    text = GOOD.replace('accounts = ["3511-3514"]', 'accounts = ["3"]')
    text = text.replace('group = "short_term_liabilities"', 'group = "nej"')
    found = problems(write(tmp_path, text))
    assert [p.split(": ", 2)[1] for p in found] == ["[lines.ovrigt].accounts", "[lines.skulder].group"], found
    lines = [int(p.split(":")[1]) for p in found]
    assert lines == sorted(lines), found


def test_not_toml_and_missing_file(tmp_path):
    assert "ogiltig TOML" in problems(write(tmp_path, "format = \n"))[0]
    assert problems(tmp_path / "finns-inte.toml") == [f"{tmp_path}/finns-inte.toml: filen finns inte"]


def test_no_lines_is_an_error(tmp_path):
    found = problems(write(tmp_path, 'format = 1\nkind = "mapping"\n'))
    assert any("[lines]: saknas" in p for p in found), found


def test_readme_documents_the_default_mapping():
    readme = Path("README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Standardmappningen") : readme.index("### Mappningsfilen")]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "–" in line.split("|")[1]]
    documented = {line.split("|")[1].strip(): line.split("|")[2] for line in rows}
    for line in DEFAULT_MAPPING.lines:
        ranges = ", ".join(str(r).replace("-", "–") for r in line.ranges)
        assert ranges in documented, (line.id, ranges)
        assert documented[ranges].strip().startswith(line.name), (line.id, documented[ranges])
