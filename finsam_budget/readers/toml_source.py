"""Reading a TOML file of any kind with locations: the one TOML loader of the package.

``load_toml`` reads the file (``source_file``: one wording for missing, folder,
unreadable, not UTF-8), parses it and turns a syntax error into a located
Swedish message (``toml_errors``). The ``TomlSource`` it returns answers on
which line a key path is written (``toml_keys``, a linear scan), and
``key_path`` shows a key path the way it stands in the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from finsam_budget.problems import InputError, Problem, key_path
from finsam_budget.readers.source_file import read_limited
from finsam_budget.readers.toml_errors import PREFIX, syntax_problem
from finsam_budget.readers.toml_keys import KeyLines, KeyPath, scan_keys


class Source(Protocol):
    """Where a scenario file's values stand: a TOML file's lines or a workbook's cells."""

    name: str

    def problem(self, path: KeyPath, message: str, *, severity: str = "error") -> Problem: ...

    def entry_problem(self, table: str, index: int, key: str | None, shown: str, message: str) -> Problem: ...


@dataclass
class TomlSource:
    """A TOML file's name, text and (built when first asked) the lines of its keys."""

    name: str
    text: str
    _lines: KeyLines | None = field(default=None, repr=False)

    @property
    def lines(self) -> KeyLines:
        if self._lines is None:
            self._lines = scan_keys(self.text)
        return self._lines

    def line_of(self, path: KeyPath) -> int | None:
        """The line where ``path`` (or the nearest key or table above it) is written, if found."""
        first = self.lines.first
        for length in range(len(path), 0, -1):
            line = first.get(tuple(path[:length]))
            if line is not None:
                return line
        return None

    def line_of_entry(self, table: str, index: int, key: str | None = None) -> int | None:
        """The line of the ``index``-th ``[[table]]`` (counting from 0), or of ``key`` inside it."""
        headers = self.lines.entries.get((table,), [])
        if index >= len(headers):
            return None
        if key is not None:
            line = self.lines.first.get((table, str(index), key))
            if line is not None:
                return line
        return headers[index]

    def entry_problem(self, table: str, index: int, key: str | None, shown: str, message: str) -> Problem:
        """A problem in the ``index``-th ``[[table]]`` entry (at ``key`` in it), shown as ``shown``."""
        return Problem(self.name, message, key=shown, line=self.line_of_entry(table, index, key))

    def problem(self, path: KeyPath, message: str, *, severity: str = "error") -> Problem:
        """A problem at a key path of this file, with the line the key stands on."""
        return Problem(self.name, message, key=key_path(path), line=self.line_of(path), severity=severity)


def parse_toml(text: str, shown: str) -> tuple[dict[str, Any] | None, TomlSource, list[Problem]]:
    """Parse TOML text; a syntax error comes back as one located Swedish problem."""
    source = TomlSource(shown, text)
    try:
        return tomllib.loads(text), source, []
    except tomllib.TOMLDecodeError as exc:
        return None, source, [syntax_problem(shown, text, str(exc))]
    except ValueError:  # tomllib's int() refuses more than 4300 digits with a plain ValueError
        return None, source, [Problem(shown, f"{PREFIX}ett tal har orimligt många siffror")]
    except RecursionError:  # tomllib reads nested lists and tables recursively
        return None, source, [Problem(shown, f"{PREFIX}listor eller tabeller är för djupt nästlade")]


def load_toml(path: Path, shown: str, *, kind: str = "scenario") -> tuple[
    dict[str, Any] | None, TomlSource | None, list[Problem]
]:
    """Read and parse a TOML file of a kind of ``source_file.LIMITS``; problems (missing, not a
    regular file, too large, not UTF-8, syntax) come back located."""
    try:
        text = read_limited(path, shown, kind)
    except InputError as exc:
        return None, None, exc.problems
    data, source, problems = parse_toml(text, shown)
    return data, source, problems
