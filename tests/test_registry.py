"""The reader registry: one table of file kinds by suffix."""

from __future__ import annotations

import pytest

from finsam_budget.readers import registry
from finsam_budget.readers.actuals import ACTUALS_SUFFIXES
from finsam_budget.readers.registry import actuals_reader, actuals_suffixes, is_sie


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("utfall.toml", "toml"), ("UTFALL.TOML", "toml"), ("u.csv", "csv"), ("u.txt", "csv"),
        ("u.xlsx", "xlsx"), ("u.XLSM", "xlsx"), ("bok.se", "sie"), ("bok.SI", "sie"), ("bok.sie", "sie"),
    ],
)
def test_a_reader_by_suffix_in_any_case(name, kind):
    reader = actuals_reader(name)
    assert reader is not None and reader.format == kind
    assert is_sie(name) == (kind == "sie")


@pytest.mark.parametrize("name", ["u.xls", "u.ods", "u", "u.toml.bak"])
def test_an_unknown_suffix_has_no_reader(name):
    assert actuals_reader(name) is None


def test_each_suffix_belongs_to_one_reader_and_only_sie_needs_a_scenario():
    suffixes = [s for r in registry.ACTUALS_READERS for s in r.extensions]
    assert len(suffixes) == len(set(suffixes)) and tuple(suffixes) == ACTUALS_SUFFIXES
    assert [r.format for r in registry.ACTUALS_READERS if r.read is None] == ["sie"]
    assert ".se" not in actuals_suffixes(sie=False)
    assert registry.SCENARIO_SUFFIXES == (".toml",)
