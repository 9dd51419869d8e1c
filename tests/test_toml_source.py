"""Where keys stand in a TOML file: a linear scan that multi-line strings and lists do not confuse."""

from __future__ import annotations

import time

import pytest

from finsam_budget.readers.scenario import read_scenario
from finsam_budget.readers.toml_keys import scan_keys
from finsam_budget.readers.toml_source import TomlSource, key_path
from tests.scenario_factory import BASE

SPACES = " " * 4000


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


@pytest.mark.parametrize(
    "text",
    [
        BASE + "\n[admin.kansli2]\nname = \"K\"\nnote = \"\"\"\n" + SPACES + "\n\"\"\"\n",
        BASE + "\n[admin.kansli2]\nname = \"K\"\nnote = \"" + SPACES + "\"\n",
        BASE + "\n" + SPACES + "\n",
    ],
    ids=["multi-line string of spaces", "line of spaces in a string", "line of spaces"],
)
def test_a_valid_scenario_with_4000_spaces_is_checked_quickly(tmp_path, text):
    path = tmp_path / "s.toml"
    path.write_text(text.replace("amounts = { 2021 = 600000", 'amounts = { 2021 = "x"'), encoding="utf-8")
    elapsed = _timed(lambda: read_scenario(path))
    problems = read_scenario(path)[1]
    assert [p.key for p in problems] == ["[admin.kansli].amounts.2021"]
    assert elapsed < 2, elapsed  # the regular expressions this replaced took over a minute


@pytest.mark.parametrize(
    "text",
    [
        "[" + SPACES + "\n",
        "[[" + SPACES + "\n",
        SPACES + "=\n",
        "a = '" + SPACES + "\n",
        'a = "' + SPACES + "\n",
        "a = [" + SPACES + "\n" * 4000,
        '"' + SPACES + "\n",
        ("x" + " " * 10 + ".") * 4000 + "\n",
        ('"a" . ' * 4000) + "= 1\n",
        'a = """' + '\\"""' * 4000 + "\n",
    ],
)
def test_key_lines_of_hostile_text_take_linear_time(text):
    elapsed = _timed(lambda: TomlSource("f.toml", text * 5).line_of(("a", "b")))
    assert elapsed < 2, elapsed


def test_keys_inside_multi_line_strings_and_lists_are_not_keys():
    text = (
        'note = """\n'
        "amounts = 1\n"
        '"""\n'
        "list = [\n"
        '  "x", # amounts = 2\n'
        "  { a = 1 },\n"
        "]\n"
        "amounts = 3\n"
        "lit = '''\n"
        "[admin]\n"
        "'''\n"
        "[admin.x]  # a comment\n"
        '"quoted key" . inner = 1\n'
    )
    source = TomlSource("f.toml", text)
    assert source.line_of(("amounts",)) == 8
    assert source.line_of(("admin",)) == 12
    assert source.line_of(("admin", "x", "quoted key", "inner")) == 13
    assert source.line_of(("admin", "x", "quoted key")) == 13
    assert source.line_of(("admin", "x", "missing")) == 12


def test_entries_of_a_list_of_tables_have_their_own_lines():
    text = '[[adjust]]\ntarget = "a"\n\n[[adjust]]\npercent = "5"\ntarget = "b"\n'
    source = TomlSource("f.toml", text)
    assert source.line_of_entry("adjust", 1) == 4
    assert source.line_of_entry("adjust", 1, "target") == 6
    assert source.line_of_entry("adjust", 0, "percent") == 1
    assert source.line_of(("adjust", "1", "percent")) == 5
    assert scan_keys(text).entries == {("adjust",): [1, 4]}


def test_a_key_path_is_shown_as_it_is_written():
    assert key_path(("projects", "jobbsam", "amounts", "2023")) == "[projects.jobbsam].amounts.2023"
    assert key_path(("amounts", "income.fk")) == '[amounts]."income.fk"'
    assert key_path(("lines", "bank", "group")) == "[lines.bank].group"
    assert key_path(("format",)) == "format"
