"""TOML syntax errors in Swedish: every message of ``tomllib`` mapped, with a hint for the common ones.

``tomllib`` words its errors in English (``Invalid value (at line 3, column 9)``).
The user sees ``budget.toml:3: ogiltig TOML: … (kolumn 9)`` instead, and for the
mistakes people make when they edit a budget by hand (an amount written with
spaces, a missing quote, text without quotes, a missing ``=``, a key given
twice) a sentence that says how to write it. No English word from the parser
reaches the user: a message this module does not know reads as a general one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from finsam_budget.problems import Problem
from finsam_budget.readers.toml_keys import key_on_line

PREFIX = "ogiltig TOML: "
#: For a message of a future tomllib that this module does not know yet.
GENERAL = "filen följer inte TOML:s regler"
# tomllib's own formats: "(at line 3, column 9)" and "(at end of document)".
_AT = re.compile(r" \(at line ([0-9]+), column ([0-9]+)\)\Z", re.ASCII)
_AT_END = " (at end of document)"
# An amount as people type it: 1 200 000, 1 200 000,50, 1200000,50 (checked against one value, not a line).
_WINDOW = 40
_SPACED_AMOUNT = re.compile(r"[+-]?[0-9]{1,3}(?: [0-9]{3})+(?:,[0-9]+)?|[+-]?[0-9]+,[0-9]+", re.ASCII)


def _short(text: str) -> str:
    """A piece of the file as a message shows it: at most 40 characters."""
    return text if len(text) <= 40 else text[:37] + "..."


class _Place:
    """The text around the error: its line, column (from 1) and what follows the ``=``."""

    def __init__(self, text: str, line: int, column: int) -> None:
        lines = text.split("\n")
        self.text = text
        self.line_text = lines[line - 1] if 0 < line <= len(lines) else ""
        self.line = line
        self.column = column
        self.key = key_on_line(text, line)
        _, eq, value = self.line_text.partition("=")
        self.value = _short(value.split("#", 1)[0].strip()) if eq else ""

    @property
    def key_shown(self) -> str:
        return ".".join(self.key) if self.key else ""


def _tuple_key(found: str) -> str:
    """``Cannot declare ('projects', 'x') twice`` → ``projects.x``."""
    return ".".join(a or b for a, b in re.findall(r"'([^']*)'|\"([^\"]*)\"", found))


def _amount_hint(place: _Place) -> str | None:
    """The hint for an amount written with spaces or a decimal comma where the parser stopped, if it is one."""
    # Only a window around the column is searched: an amount is short, and a long line
    # (a hostile file) must not make the search slow.
    start = max(place.column - 1 - _WINDOW, 0)
    at = place.column - 1 - start
    for found in _SPACED_AMOUNT.finditer(place.line_text[start : place.column - 1 + _WINDOW]):
        if found.start() < at <= found.end() + 1:
            value = _short(found.group())
            plain = value.replace(" ", "").replace(",", ".")
            written = f'"{plain}"' if "." in plain else f'"{plain}" eller {plain}'
            return f"beloppet {value} har mellanrum eller decimalkomma; skriv det utan mellanrum, t.ex. {written}"
    return None


def _unquoted(value: str) -> str:
    """A value as the hint writes it within quotes: without the stray quotes the user typed."""
    return value.strip("\"'").strip() or value


def _after_statement(place: _Place, _: str) -> str:
    value = place.value
    if value[:1] not in ('"', "'", "[", "{") and " " in value and "=" not in value:
        return (
            f"värdet {value} har mellanrum; text skrivs inom citattecken, "
            f't.ex. {place.key_shown or "name"} = "{_unquoted(value)}"'
        )
    return "väntade radslut efter värdet (bara en nyckel = värde per rad; en kommentar börjar med #)"


def _invalid_value(place: _Place, _: str) -> str:
    value = place.value
    if not value:
        key = place.key_shown or "nyckel"
        return f'värdet saknas efter {key} =; skriv t.ex. {key} = 1000 eller {key} = "en text"'
    if value[0].isalpha():
        return (
            f"text skrivs inom citattecken: skriv {place.key_shown or 'name'} = \"{_unquoted(value)}\""
            " (true, false och tal skrivs utan)"
        )
    return f"ogiltigt värde {value!r}; ett tal, \"en text\", true/false, ett datum, [en lista] eller {{ en tabell }}"


def _expected_equals(place: _Place, _: str) -> str:
    key = place.key_shown
    return f"väntade = efter nyckeln {key}, t.ex. {key} = \"text\"" if key else "väntade = efter nyckeln"


def _unterminated(place: _Place, _: str) -> str:
    return "en sträng saknar avslutande citattecken; en text skrivs \"så här\" på en rad"


def _illegal(place: _Place, message: str) -> str:
    found = re.search(r"'(.*)'", message)
    char = found.group(1) if found else ""
    if char == "\\n":
        return _unterminated(place, message)
    return f"otillåtet tecken {char} i en sträng (styrtecken skrivs med \\, t.ex. \\t)"


def _duplicate_value(place: _Place, _: str) -> str:
    key = place.key_shown
    header = place.line_text.lstrip()
    if header.startswith("[[") and key:
        return f"[[{key}]] kan inte användas: {key} finns redan som tabell eller värde"
    if header.startswith("[") and key:
        return f"tabellen [{key}] krockar med värdet {key} som redan finns"
    return f"nyckeln {key} anges två gånger" if key else "ett värde anges två gånger"


def _duplicate_table(place: _Place, message: str) -> str:
    table = _tuple_key(message) or place.key_shown
    return f"tabellen [{table}] anges två gånger; skriv alla dess nycklar under en rubrik [{table}]"


def _immutable(place: _Place, message: str) -> str:
    return (
        f"{_tuple_key(message)} är redan skriven som infogad tabell {{ … }} eller lista och kan inte "
        "utökas här; skriv alla dess värden på ett ställe"
    )


def _redefine(place: _Place, message: str) -> str:
    return f"{_tuple_key(message)} är redan en vanlig tabell och kan inte bli en lista av tabeller [[…]]"


def _duplicate_inline(place: _Place, message: str) -> str:
    found = re.search(r"'(.*)'", message)
    return f"nyckeln {found.group(1) if found else ''} anges två gånger i samma infogade tabell {{ … }}"


def _fixed(swedish: str) -> Callable[[_Place, str], str]:
    return lambda place, message: swedish


#: tomllib's message (its start) → the Swedish explanation.
_MESSAGES: tuple[tuple[str, Callable[[_Place, str], str]], ...] = (
    ("Expected newline or end of document after a statement", _after_statement),
    ("Invalid value", _invalid_value),
    ("Expected '=' after a key in a key/value pair", _expected_equals),
    ("Unterminated string", _unterminated),
    ("Illegal character", _illegal),
    ('Expected "\'"', _fixed("en sträng saknar avslutande citattecken (')")),
    ("Expected \"'''\"", _fixed("en flerradig sträng saknar avslutande '''")),
    ("Cannot overwrite a value", _duplicate_value),
    ("Cannot declare", _duplicate_table),
    ("Cannot mutate immutable namespace", _immutable),
    ("Cannot redefine namespace", _redefine),
    ("Duplicate inline table key", _duplicate_inline),
    ("Expected ']' at the end of a table declaration",
     _fixed("en tabellrubrik saknar avslutande ], t.ex. [admin.kansli]")),
    ("Expected ']]' at the end of an array declaration",
     _fixed("en rubrik [[…]] saknar avslutande ]], t.ex. [[adjust]]")),
    ("Unclosed array", _fixed("en lista saknar avslutande ], t.ex. [1, 2]")),
    ("Unclosed inline table",
     _fixed("en infogad tabell saknar avslutande } (den ska stå på en rad), t.ex. { 2021 = 100 }")),
    ("Invalid initial character for a key part", _fixed(
        "ogiltigt tecken i en nyckel; en nyckel skrivs med a–z, 0–9, _ och - eller inom citattecken "
        "(en infogad tabell { … } ska stå på en rad)"
    )),
    ("Invalid statement", _fixed("raden är varken nyckel = värde, en [tabell] eller en kommentar (#)")),
    ("Unescaped '\\' in a string", _fixed("ett \\ i en sträng måste skrivas \\\\ (eller använd 'enkla citattecken')")),
    ("Invalid hex value", _fixed("ogiltig \\u-kod i en sträng (väntade fyra hexadecimala siffror, t.ex. \\u00e5)")),
    ("Escaped character is not a Unicode scalar value", _fixed("\\u-koden i strängen är inte ett giltigt tecken")),
    ("Invalid date or datetime", _fixed("ogiltigt datum; skriv det som 2020-09-01 (år-månad-dag, utan citattecken)")),
    ("Found invalid character", _fixed("otillåtet styrtecken i filen (kanske från en kopiering); ta bort det")),
    ("Expected", _fixed("ett oväntat tecken; kontrollera citattecken och klamrar")),
)


def swedish_reason(text: str, message: str, line: int, column: int) -> str:
    """tomllib's ``message`` (without its position) in Swedish, with a hint where there is one."""
    place = _Place(text, line, column)
    hint = _amount_hint(place)
    if hint is not None:
        return hint
    for english, explain in _MESSAGES:
        if message.startswith(english):
            return explain(place, message)
    return GENERAL


def syntax_problem(file: str, text: str, message: str) -> Problem:
    """The located Swedish problem for a ``tomllib.TOMLDecodeError`` message."""
    at = _AT.search(message)
    if at:
        line, column = int(at.group(1)), int(at.group(2))
        message = message[: at.start()]
        where = f" (kolumn {column})"
    else:
        line = text.count("\n") + (0 if text.endswith("\n") else 1)
        column = 0
        message = message.removesuffix(_AT_END)
        where = " (vid filens slut)"
    reason = swedish_reason(text, message, line, column)
    return Problem(file, PREFIX + reason + where, line=max(line, 1))
