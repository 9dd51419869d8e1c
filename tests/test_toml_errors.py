"""TOML syntax errors read in Swedish, located, in every kind of TOML file (one reproducer per error)."""

from __future__ import annotations

import inspect
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.actuals import read_actuals
from finsam_budget.readers.mapping_file import load_mapping
from finsam_budget.readers.rules_file import load_rules
from finsam_budget.readers.scenario import read_scenario
from finsam_budget.readers.toml_errors import GENERAL, swedish_reason
from tests.scenario_factory import BASE


def _raised(load: Callable[[Path], object]) -> Callable[[Path], list[Problem]]:
    def problems(path: Path) -> list[Problem]:
        try:
            load(path)
        except InputError as exc:
            return exc.problems
        return []

    return problems


#: kind → (text before the broken part, how the file is read)
KINDS: dict[str, tuple[str, Callable[[Path], list[Problem]]]] = {
    "scenario": (BASE, lambda path: read_scenario(path)[1]),
    "adjustments": (BASE + '\n[[adjust]]\ntarget = "members"\n', lambda path: read_scenario(path)[1]),
    "actuals": ('format = 1\nkind = "actuals"\nyear = 2020\n[amounts]\n', _raised(read_actuals)),
    "mapping": ('format = 1\nkind = "mapping"\n', _raised(load_mapping)),
    "rules": ('format = 1\nkind = "rules"\n', _raised(load_rules)),
}

#: (name, broken text, the line of the error within it, what the message must say)
CASES = [
    ("amount with spaces", "zz = 1 200 000", 1, 'skriv det utan mellanrum, t.ex. "1200000"'),
    ("amount with decimal comma", "zz = 1200000,50", 1, 't.ex. "1200000.50"'),
    ("missing closing quote", 'zz = "abc', 1, "en sträng saknar avslutande citattecken"),
    ("missing closing quote, multi-line", 'zz = """abc', 1, "en sträng saknar avslutande citattecken"),
    ("missing closing apostrophe", "zz = 'abc", 1, "en sträng saknar avslutande citattecken (')"),
    ("missing closing apostrophes, multi-line", "zz = '''abc", 1, "en flerradig sträng saknar avslutande '''"),
    ("unquoted text", "zz = JobbSam", 1, 'text skrivs inom citattecken: skriv zz = "JobbSam"'),
    ("unquoted text with a space", "zz = Jobb Sam", 1, 'skriv zz = "Jobb Sam"'),
    ("text with only a closing quote", 'zz = Revision"', 1, 'skriv zz = "Revision" (true'),
    ("text with only an opening apostrophe", "zz = Revision'", 1, 'skriv zz = "Revision" (true'),
    ("missing =", 'zz "x"', 1, "väntade = efter nyckeln zz"),
    ("missing value", "zz =", 1, "värdet saknas efter zz ="),
    ("key twice", "zz = 1\nzz = 2", 2, "nyckeln zz anges två gånger"),
    ("table twice", "[zz]\n[zz]", 2, "tabellen [zz] anges två gånger"),
    ("key twice in an inline table", "zz = {x = 1, x = 2}", 1, "nyckeln x anges två gånger i samma infogade tabell"),
    ("inline table extended", "zz = {x = 1}\nzz.y = 2", 2, "zz är redan skriven som infogad tabell"),
    ("table redefined by a dotted key", "[zz.b]\nx = 1\n[zz]\nb.y = 2", 4, "zz.b är redan en vanlig tabell"),
    ("table made a list of tables", "[zz]\n[[zz]]", 2, "[[zz]] kan inte användas: zz finns redan"),
    ("value made a table", "[zz]\nb = 1\n[zz.b]", 3, "tabellen [zz.b] krockar med värdet zz.b"),
    ("table header not closed", "[zz", 1, "en tabellrubrik saknar avslutande ]"),
    ("list-of-tables header not closed", "[[zz]", 1, "en rubrik [[…]] saknar avslutande ]]"),
    ("list not closed", "zz = [1, 2", 1, "en lista saknar avslutande ]"),
    ("inline table not closed", "zz = {x = 1", 1, "en infogad tabell saknar avslutande }"),
    ("inline table over two lines", "zz = {x = 1,\n y = 2}", 1, "ogiltigt tecken i en nyckel"),
    ("backslash in a string", 'zz = "x\\q"', 1, "ett \\ i en sträng måste skrivas \\\\"),
    ("bad \\u code", 'zz = "\\uZZZZ"', 1, "ogiltig \\u-kod"),
    ("\\u code that is no character", 'zz = "\\uD800"', 1, "\\u-koden i strängen är inte ett giltigt tecken"),
    ("control character in a string", 'zz = "x\x01"', 1, "otillåtet tecken"),
    ("control character in a comment", "# x\x01", 1, "otillåtet styrtecken"),
    ("invalid date", "zz = 2020-02-30", 1, "ogiltigt datum"),
    ("a line that is no statement", "= 1", 1, "raden är varken nyckel = värde"),
    ("two values on a line", "zz = 1 yy = 2", 1, "väntade radslut efter värdet"),
]

_ENGLISH = re.compile(
    r"\b(Invalid|Expected|Cannot|Unterminated|Unclosed|Illegal|Found|Duplicate|Escaped|Unescaped|"
    r"at line|column|end of document|statement|value|declare|namespace)\b"
)


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize(("name", "broken", "line", "expected"), CASES, ids=[c[0] for c in CASES])
def test_syntax_error_is_located_and_swedish(tmp_path, kind, name, broken, line, expected):
    prelude, read = KINDS[kind]
    path = tmp_path / "fil.toml"
    path.write_text(prelude + broken + "\n", encoding="utf-8")
    [problem] = read(path)
    assert problem.message.startswith("ogiltig TOML: "), problem
    assert expected in problem.message, problem
    assert problem.line == prelude.count("\n") + line, problem
    assert not _ENGLISH.search(problem.message), problem


@pytest.mark.parametrize(
    ("broken", "hint"),
    [
        ('name = Revision"', 'skriv name = "Revision" (true'),
        ('name = Intern revision"', 'skriv name = "Intern revision" (true'),
    ],
)
def test_the_hint_for_unquoted_text_drops_a_stray_quote(tmp_path, broken, hint):
    path = tmp_path / "fil.toml"
    path.write_text(BASE + "[admin.revision]\n" + broken + "\n", encoding="utf-8")
    [problem] = read_scenario(path)[1]
    assert hint in problem.message, problem
    assert '""' not in problem.message, problem


def _parser_messages() -> list[str]:
    """Every message tomllib's parser can raise (the text before any placeholder)."""
    source = inspect.getsource(tomllib._parser)
    found = re.findall(r"suffixed_err\(\s*src,\s*[^,]+,\s*f?(\"[^\"]*\"|'[^']*')", source)
    return sorted({text[1:-1].split("{")[0].replace("\\'", "'") for text in found})


@pytest.mark.parametrize("message", _parser_messages())
def test_every_parser_message_has_its_own_swedish_explanation(message):
    assert swedish_reason("a = 1\n", message, 1, 1) != GENERAL


def test_the_scenario_message_names_the_line_with_the_key(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(BASE.replace("amounts = { 2021 = 600000,", "amounts = { 2021 = 600 000,"), encoding="utf-8")
    [problem] = read_scenario(path)[1]
    assert str(problem).startswith(f"{path}:") and "utan mellanrum" in problem.message
    assert BASE.splitlines()[problem.line - 1].startswith("amounts = { 2021 = 600000,")


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("amounts = { 2021 = 1 200 000 }", '"1200000" eller 1200000'),
        ("amounts = [1 200 000]", '"1200000" eller 1200000'),
        ("amounts = { 2021 = 1200,50 }", '"1200.50"'),
    ],
)
def test_an_amount_with_spaces_inside_a_table_or_list_gets_the_hint(line, shown):
    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads(line)
    message = re.sub(r" \(at .*\)$", "", str(raised.value))
    column = int(re.search(r"column ([0-9]+)", str(raised.value)).group(1))
    assert f"skriv det utan mellanrum, t.ex. {shown}" in swedish_reason(line, message, 1, column)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = " + "1" * 100_000 + "\n", "ett tal har orimligt många siffror"),
        ("a = " + "[" * 100_000 + "\n", "listor eller tabeller är för djupt nästlade"),
    ],
    ids=["an integer of 100 000 digits", "lists nested 100 000 deep"],
)
def test_what_tomllib_raises_besides_its_decode_error_is_a_problem_too(tmp_path, text, expected):
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    [problem] = read_scenario(path)[1]
    assert problem.message == f"ogiltig TOML: {expected}"


def test_a_long_broken_line_is_shown_short_and_read_quickly():
    import time

    line = "a = " + "1 " * 50_000 + "x"
    start = time.perf_counter()
    reason = swedish_reason(line + "\n", "Expected newline or end of document after a statement", 1, 7)
    assert time.perf_counter() - start < 2 and len(reason) < 300


_EDITS = st.lists(
    st.tuples(st.integers(0, 10**5), st.sampled_from(["", " ", "=", '"', "'", "[", "]", "{", "}", ",", "\n", "#",
                                                      "1 000", "x", "\\", "[[", "]]", "é", "\t"])),
    min_size=1, max_size=4,
)


@settings(max_examples=150, deadline=None)
@given(_EDITS)
def test_no_english_from_the_parser_reaches_the_user_whatever_the_edit(edits):
    """Random edits of a valid scenario: a syntax error always reads in Swedish (no tomllib words)."""
    text = BASE
    for at, piece in edits:
        at %= len(text) + 1
        text = text[:at] + piece + text[at + (1 if piece == "" else 0):]
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = re.sub(r" \(at .*\)$", "", str(exc))
        at = re.search(r"line ([0-9]+), column ([0-9]+)", str(exc))
        line, column = (int(at.group(1)), int(at.group(2))) if at else (1, 0)
        reason = swedish_reason(text, message, line, column)
        assert reason != GENERAL and not _ENGLISH.search(reason), (text, str(exc), reason)
