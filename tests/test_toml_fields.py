"""The typed-field helpers: one wording for a wrong value in every kind of TOML file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.actuals import read_actuals
from finsam_budget.readers.mapping_file import load_mapping
from finsam_budget.readers.rules_file import load_rules
from finsam_budget.readers.scenario import read_scenario
from finsam_budget.readers.toml_fields import Fields
from tests.scenario_factory import BASE


def _raised(load: Callable[[Path], object]) -> Callable[[Path], list[Problem]]:
    def problems(path: Path) -> list[Problem]:
        try:
            load(path)
        except InputError as exc:
            return exc.problems
        return []

    return problems


ACTUALS = 'format = 1\nkind = "actuals"\nyear = 2020\n[amounts]\n"income.fk" = 1\n'
MAPPING = 'format = 1\nkind = "mapping"\n[lines.bank]\nname = "Bank"\ngroup = "cash"\naccounts = ["19"]\n'
RULES = 'format = 1\nkind = "rules"\n[[equity_cap]]\nshare = "20%"\n'
KINDS: dict[str, tuple[str, Callable[[Path], list[Problem]]]] = {
    "scenario": (BASE, lambda path: read_scenario(path)[1]),
    "actuals": (ACTUALS, _raised(read_actuals)),
    "mapping": (MAPPING, _raised(load_mapping)),
    "rules": (RULES, _raised(load_rules)),
}


def problems(tmp_path: Path, kind: str, text: str) -> list[Problem]:
    path = tmp_path / "fil.toml"
    path.write_text(text, encoding="utf-8")
    return KINDS[kind][1](path)


def test_every_kind_reads_without_problems(tmp_path):
    for kind, (text, _) in KINDS.items():
        assert problems(tmp_path, kind, text) == [], kind


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_an_unknown_top_level_key(tmp_path, kind):
    text = KINDS[kind][0].replace("format = 1\n", "format = 1\nokand = 1\n", 1)
    [problem] = problems(tmp_path, kind, text)
    assert (problem.key, problem.line) == ("okand", 2)
    assert problem.message.startswith("okänd nyckel (tillåtna: ") and "format" in problem.message


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_format_missing_or_unsupported(tmp_path, kind):
    text = KINDS[kind][0]
    [missing] = problems(tmp_path, kind, text.replace("format = 1\n", "", 1))
    assert (missing.key, missing.message) == ("format", "saknas (väntade format = 1)")
    [wrong] = problems(tmp_path, kind, text.replace("format = 1\n", "format = 2\n", 1))
    assert (wrong.key, wrong.line, wrong.message) == ("format", 1, "formatet 2 stöds inte (väntade format = 1)")
    [text_format] = problems(tmp_path, kind, text.replace("format = 1\n", 'format = "1"\n', 1))
    assert text_format.message == 'väntade ett heltal, fick "1"'


@pytest.mark.parametrize("kind", ["actuals", "mapping", "rules"])
def test_kind_missing_or_wrong(tmp_path, kind):
    text = KINDS[kind][0]
    [missing] = problems(tmp_path, kind, text.replace(f'kind = "{kind}"\n', ""))
    assert (missing.key, missing.message) == ("kind", f'saknas (väntade kind = "{kind}")')
    [wrong] = problems(tmp_path, kind, text.replace(f'kind = "{kind}"', 'kind = "x"'))
    assert (wrong.key, wrong.line, wrong.message) == ("kind", 2, f'väntade kind = "{kind}", fick "x"')


@pytest.mark.parametrize(
    ("kind", "old", "new", "key"),
    [
        ("scenario", 'name = "Kansli"', 'name = "Kansli"\nremove = "ja"', "[admin.kansli].remove"),
        ("mapping", 'name = "Bank"', 'name = "Bank"\ncontributions = "ja"', "[lines.bank].contributions"),
        ("scenario", 'carry = "reserve"', 'carry = "reserve"\n[[adjust]]\ntarget = "admin"\npercent = "1"\ncompound = "ja"',
         "[[adjust]] nr 1: compound"),
    ],
)
def test_true_or_false(tmp_path, kind, old, new, key):
    [problem] = problems(tmp_path, kind, KINDS[kind][0].replace(old, new, 1))
    assert (problem.key, problem.message) == (key, 'väntade true eller false, fick "ja"')


@pytest.mark.parametrize(
    ("kind", "old", "new", "key"),
    [
        ("scenario", "amounts = { 2021 = 600000", 'amounts = { 2021 = "abc"', "[admin.kansli].amounts.2021"),
        ("actuals", '"income.fk" = 1', '"income.fk" = "abc"', '[amounts]."income.fk"'),
        ("actuals", '"income.fk" = 1', '"income.fk" = 1\n[balances]\ncash = "abc"', "[balances].cash"),
        ("rules", 'share = "20%"', 'up_to = "abc"\nshare = "20%"', "[equity_cap].0.up_to"),
    ],
)
def test_an_amount_that_is_not_one(tmp_path, kind, old, new, key):
    text = KINDS[kind][0].replace(old, new, 1)
    [problem] = [p for p in problems(tmp_path, kind, text) if p.key == key]
    assert problem.message == 'väntade ett belopp i kronor, fick "abc"'
    assert '"abc"' in text.splitlines()[problem.line - 1]


@pytest.mark.parametrize(
    ("kind", "old", "new", "key"),
    [
        ("scenario", "[admin.kansli]", "[admin.Kansli]", "[admin.Kansli]"),
        ("mapping", "[lines.bank]", "[lines.Bank]", "[lines.Bank]"),
    ],
)
def test_an_id_with_capitals(tmp_path, kind, old, new, key):
    found = problems(tmp_path, kind, KINDS[kind][0].replace(old, new, 1))
    assert any(p.key == key and p.message.startswith("id får bara innehålla a–z, 0–9, _ och -") for p in found)


def collect() -> tuple[Fields, list[tuple[tuple[str, ...], str]]]:
    found: list[tuple[tuple[str, ...], str]] = []
    return Fields(lambda path, message: found.append((path, message))), found


@pytest.mark.parametrize("key", ["２０２２", "٢٠٢٢", "2022\n", "22"])
def test_a_year_key_is_four_ascii_digits(key):
    fields, found = collect()
    assert fields.year_key(key, ("amounts",)) is None
    assert found == [(("amounts", key), "väntade ett årtal (t.ex. 2022) som nyckel")]


@pytest.mark.parametrize("key", ["abc\n", "å", "ａｂｃ", "a b", ""])
def test_an_id_is_ascii_only(key):
    fields, found = collect()
    assert fields.identifier(key, ("lines", key)) is False and len(found) == 1


def test_a_year_outside_the_scenario_years():
    fields, found = collect()
    fields.years = (2021, 2022)
    assert fields.year_amounts({"2023": 1, "2021": "5"}, ("x",)) == {2021: 5}
    assert found == [(("x", "2023"), "året 2023 finns inte bland years (2021, 2022)")]


def test_a_list_of_strings():
    fields, found = collect()
    assert fields.strings(["a"], ("k",), expected="en lista") == ["a"]
    assert fields.strings([], ("k",), expected="en lista", empty=True) == []
    assert fields.strings([1], ("k",), expected="en lista") is None
    assert fields.strings(None, ("k",), expected="en lista") is None
    assert found == [(("k",), "väntade en lista, fick en lista"), (("k",), "väntade en lista, fick inget värde")]


def test_a_choice_and_unknown_keys():
    fields, found = collect()
    assert fields.choice("b", ("k",), ("a", "b", "c")) == "b"
    assert fields.choice(1, ("k",), ("a", "b", "c")) is None
    fields.unknown_keys({"a": 1, "z": 2}, ("b", "a"), ("t",))
    assert found == [
        (("k",), 'väntade "a", "b" eller "c", fick 1'),
        (("t", "z"), "okänd nyckel (tillåtna: a, b)"),
    ]
