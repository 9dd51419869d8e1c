"""Split one SIE line into its fields, following the standard's quoting rules.

A field is a bare word, a quoted string (``\\"`` is a quote, ``\\\\`` a backslash
inside it) or an object list ``{dim obj ...}``. Fields are separated by spaces or
tabs. The reader calls this only for lines its fast path cannot take.
"""

from __future__ import annotations

import re

ObjectList = tuple[str, ...]
Field = str | ObjectList

# One field, after optional blanks. The quoted form is the "unrolled loop"
# ([^"\\]*(?:\\.[^"\\]*)*), which runs in linear time even on a 10 MB line.
_FIELD = re.compile(
    r'[ \t\r\n]*(?:"(?P<quoted>[^"\\]*(?:\\.[^"\\]*)*)"'
    r"|(?P<open>\{)|(?P<close>\})|(?P<bare>[^ \t\r\n\"{}]+)|(?P<stray>\")|$)"
)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
# A whole #TRANS line of the ordinary shape: account, object list of (dimension,
# object) pairs, plain amount, then simple fields (no braces, escapes or open quotes).
# Groups: account, the object list's inside, amount. Anything else goes through tokenize().
_WORD = r'(?:"[^"\\{}]*"|[^ \t\r\n"\\{}]+)'
ORDINARY_TRANS = re.compile(
    rf"[ \t]*#TRANS[ \t]+([0-9]+)[ \t]+\{{((?:[ \t]*{_WORD}[ \t]+{_WORD})*)[ \t]*\}}"
    rf"[ \t]+([-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+))(?:[ \t]+{_WORD})*[ \t\r]*"
)


# An amount the fast path may take as it is: ASCII digits, at most two decimals and
# twelve integer digits, so that it is a valid Decimal less than ±10^12 (MAX_AMOUNT).
# Any other amount (1e3, 1_000, NaN, Arabic-Indic digits, 10^12 or more, more than
# öre) goes through the checked path, which says why it is refused.
PLAIN_AMOUNT = re.compile(r"[-+]?(?:[0-9]{1,12}(?:\.[0-9]{0,2})?|\.[0-9]{1,2})")

# A whole #VER line of the ordinary shape: series, number, date, then optionally text,
# registration date and signature, each a bare word or a quoted string without braces
# or escapes. Groups (quoted, bare) for the series, number, date and registration date.
_VER_FIELD = r'(?:"([^"\\{}]*)"|([^ \t\r\n"\\{}]+))'
_VER_TEXT = r'(?:"[^"\\{}]*"|[^ \t\r\n"\\{}]+)'
ORDINARY_VER = re.compile(
    rf"[ \t]*#VER[ \t]+{_VER_FIELD}[ \t]+{_VER_FIELD}[ \t]+{_VER_FIELD}"
    rf"(?:[ \t]+{_VER_TEXT}(?:[ \t]+{_VER_FIELD}(?:[ \t]+{_VER_TEXT})*)?)?[ \t\r]*"
)

_OBJECT_WORD = re.compile(r'"([^"]*)"|([^ \t"]+)')


def object_words(inside: str) -> tuple[str, ...]:
    """The words of an object list's inside as ``ORDINARY_TRANS`` matched it (no escapes)."""
    return tuple(quoted or bare for quoted, bare in _OBJECT_WORD.findall(inside))


class SieSyntaxError(ValueError):
    """A line that cannot be split into fields; the message is Swedish."""


def tokenize(line: str) -> list[Field]:
    """The fields of ``line``: strings, and tuples for object lists."""
    if not ("{" in line or "}" in line or "\\" in line):
        # Without braces and escapes, the pieces between quotes alternate between
        # blank-separated words and quoted strings; an even count means an open quote.
        pieces = line.split('"')
        if len(pieces) & 1:
            fields: list[Field] = list(pieces[0].split())
            for i in range(1, len(pieces), 2):
                fields.append(pieces[i])
                fields += pieces[i + 1].split()
            return fields
    fields = []
    objects: list[str] | None = None  # inside an object list
    pos, end = 0, len(line)
    while True:
        match = _FIELD.match(line, pos)
        if match is None:  # pragma: no cover - the pattern ends in an alternative that always matches
            raise SieSyntaxError(f"tecknet på position {pos + 1} kan inte läsas")
        pos = match.end()
        kind = match.lastgroup
        if kind is None:  # only blanks were left
            break
        if kind == "stray":
            raise SieSyntaxError(f"citattecknet på position {match.start(kind) + 1} avslutas aldrig")
        if kind == "open":
            if objects is not None:
                raise SieSyntaxError("en objektlista ({…}) kan inte innehålla en annan objektlista")
            objects = []
        elif kind == "close":
            if objects is None:
                raise SieSyntaxError(f"}} på position {match.start(kind) + 1} stänger ingen objektlista")
            fields.append(tuple(objects))
            objects = None
        else:
            text = match.group(kind)
            if kind == "quoted" and "\\" in text:
                text = _ESCAPE.sub(r"\1", text)
            (fields if objects is None else objects).append(text)
        if pos >= end:
            break
    if objects is not None:
        raise SieSyntaxError("objektlistan ({…}) stängs aldrig med }")
    return fields
