"""Reading a TOML file with locations: parse errors with their line, keys to lines.

``tomllib`` gives a line number only for syntax errors. To name the line of a
key that has a wrong value we scan the text for table headers and ``key =``
lines: enough for the hand-written files people edit, and never wrong about the
key path (the path itself always comes from the parsed data).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from finsam_budget.problems import Problem

_HEADER = re.compile(r"^\s*\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.\- "']+?)\s*=""")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_END = re.compile(r"\(at end of document\)")

#: Tables whose sub-tables are named by an id: their key path shows two levels in brackets.
ID_TABLES = ("members", "income", "admin", "development", "projects")


def _split_dotted(text: str) -> tuple[str, ...]:
    parts = re.findall(r'"[^"]*"|\'[^\']*\'|[^.]+', text)
    return tuple(p.strip().strip("\"'") for p in parts if p.strip())


@dataclass
class TomlSource:
    """A TOML file's name, text and key index."""

    name: str
    text: str
    _index: list[tuple[int, tuple[str, ...] | None, tuple[str, ...] | None]] = field(
        default_factory=list, repr=False
    )

    def __post_init__(self) -> None:
        table: tuple[str, ...] = ()
        for number, raw in enumerate(self.text.splitlines(), start=1):
            header = _HEADER.match(raw)
            if header:
                table = _split_dotted(header.group(1))
                self._index.append((number, table, None))
                continue
            key = _KEY.match(raw)
            if key:
                self._index.append((number, table, table + _split_dotted(key.group(1))))

    def line_of(self, path: tuple[str, ...]) -> int | None:
        """The line where ``path`` (or the nearest key above it) is written, if found."""
        for length in range(len(path), 0, -1):
            wanted = tuple(path[:length])
            for number, table, key in self._index:
                if key is None and table == wanted:
                    return number
                if key is not None and key == wanted:
                    return number
        return None

    def line_of_entry(self, table: str, index: int, key: str | None = None) -> int | None:
        """The line of the ``index``-th ``[[table]]`` (counting from 0), or of ``key`` inside it."""
        headers = [n for n, t, k in self._index if k is None and t == (table,)]
        if index >= len(headers):
            return None
        start = headers[index]
        if key is not None:
            for number, tbl, k in self._index:
                if number > start and k is None:
                    break
                if number > start and k == (table, key):
                    return number
        return start


def key_path(path: tuple[str, ...]) -> str:
    """Show a key path the way it stands in the file: ``[projects.jobbsam].amounts.2023``."""
    if not path:
        return ""
    depth = 2 if path[0] in ID_TABLES and len(path) >= 2 else 1
    if len(path) == 1 and path[0] not in ID_TABLES:
        return path[0]
    head = "[" + ".".join(path[:depth]) + "]"
    rest = ".".join(path[depth:])
    return f"{head}.{rest}" if rest else head


def load_toml(path: Path, shown: str) -> tuple[dict | None, TomlSource | None, list[Problem]]:
    """Read and parse a TOML file; problems (missing, not UTF-8, syntax) come back located."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, None, [Problem(shown, "filen finns inte")]
    except IsADirectoryError:
        return None, None, [Problem(shown, "är en mapp, inte en fil")]
    except OSError as exc:
        return None, None, [Problem(shown, f"kan inte läsas: {exc.strerror or exc}")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # an editor's byte-order mark is harmless
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, None, [Problem(shown, "filen är inte UTF-8-kodad; spara den som UTF-8", line=line)]
    source = TomlSource(shown, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        line = int(position.group(1)) if position else None
        if line is None and _TOML_END.search(message):
            line = text.count("\n") + 1
        reason = _TOML_POSITION.sub("", _TOML_END.sub("", message)).strip()
        return None, source, [Problem(shown, f"ogiltig TOML: {_translate(reason)}", line=line)]
    return data, source, []


_TRANSLATIONS = {
    "Cannot overwrite a value": "ett värde anges två gånger",
    "Cannot declare": "en tabell anges två gånger",
    "Invalid value": "ogiltigt värde",
    "Invalid statement": "ogiltig rad",
    "Expected '=' after a key in a key/value pair": "väntade '=' efter nyckeln",
    "Unclosed array": "en lista saknar avslutande ]",
    "Unterminated string": "en sträng saknar avslutande citattecken",
    "Invalid initial character for a key part": "ogiltigt tecken i en nyckel",
    "Expected newline or end of document after a statement": "väntade radslut efter värdet",
}


def _translate(reason: str) -> str:
    for english, swedish in _TRANSLATIONS.items():
        if reason.startswith(english):
            return f"{swedish} ({reason})"
    return reason
