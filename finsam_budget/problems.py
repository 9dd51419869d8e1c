"""Located problems in input files, collected by readers instead of raised one at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from finsam_budget.labels import SEVERITY_LABEL


@dataclass(frozen=True)
class Problem:
    """One problem in an input file, with where it is and a Swedish message.

    ``key`` is a key path such as ``[projects.jobbsam].amounts.2023``; ``line`` is a
    line number in a text file, ``row`` a row in a table file (CSV, xlsx).
    """

    file: str
    message: str
    key: str | None = None
    line: int | None = None
    row: int | None = None
    severity: str = "error"  # "error" or "warning"

    @property
    def where(self) -> str:
        """``fil.se:12``, ``fil.csv: rad 4``, ``fil.toml:3: [projects.x].amounts``."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.row is not None:
            where += f": rad {self.row}"
        if self.key:
            where += f": {self.key}"
        return where

    def __str__(self) -> str:
        # an error needs no word; a warning or an info says so, in the shared labels' words
        prefix = "" if self.severity == "error" else f"{SEVERITY_LABEL[self.severity].lower()}: "
        return f"{self.where}: {prefix}{self.message}"

    @property
    def labelled(self) -> str:
        """How the terminal shows it: ``Fel: fil.toml:3: …`` or ``Varning: fil.csv: rad 4: …``."""
        return f"{SEVERITY_LABEL.get(self.severity, 'Fel')}: {self.where}: {self.message}"


#: Tables whose sub-tables are named by an id: their key path shows two levels in brackets.
ID_TABLES = ("members", "income", "admin", "development", "projects", "lines")

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def _part(key: str) -> str:
    """A key as TOML writes it: bare when it can be, else quoted."""
    if key and all(c in _BARE for c in key):
        return key
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def displayable(text: str) -> str:
    """``text`` as valid Unicode: a file name that is not UTF-8 (lone surrogates from the
    file system) gets U+FFFD for each undecodable byte, so it can be printed and stored."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text


def key_path(path: tuple[str | int, ...]) -> str:
    """Show a key path the way it stands in a scenario file: ``[projects.jobbsam].amounts.2023``."""
    if not path:
        return ""
    if len(path) >= 2 and path[0] == "adjust" and str(path[1]).isascii() and str(path[1]).isdigit():
        rest = ".".join(_part(str(p)) for p in path[2:])
        return f"[[adjust]] nr {int(path[1]) + 1}" + (f": {rest}" if rest else "")
    parts = [_part(str(p)) for p in path]
    if len(path) == 1 and path[0] not in ID_TABLES:
        return parts[0]
    depth = 2 if path[0] in ID_TABLES and len(path) >= 2 else 1
    head = "[" + ".".join(parts[:depth]) + "]"
    rest = ".".join(parts[depth:])
    return f"{head}.{rest}" if rest else head


class InputError(Exception):
    """Raised by a reader when a file cannot be used; carries every problem found.

    ``partial`` is what the reader could still make of the file (or ``None``), so
    that a caller can check it further and report every problem in one pass.
    """

    def __init__(self, problems: list[Problem], *, partial: object = None):
        self.problems = list(problems)
        self.partial = partial
        super().__init__("\n".join(str(p) for p in self.problems))


def shown_value(value: object) -> str:
    """A value from an input file as a Swedish message shows it: ``"abc"``, ``en tabell``, ``decimaltalet 1.5``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 60 else f'"{value[:57]}..."'
    if isinstance(value, float):
        return f"decimaltalet {value!r}"
    if isinstance(value, dict):
        return "en tabell"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, datetime):
        return f"tidpunkten {value.isoformat()}"
    if isinstance(value, (date, time)):
        return f"datumet {value.isoformat()}" if isinstance(value, date) else f"klockslaget {value.isoformat()}"
    return repr(value)


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """The problems file by file (in the order the files first appear), each file's by line;
    a problem with no line keeps its place before the file's numbered ones."""
    first: dict[str, int] = {}
    for problem in problems:
        first.setdefault(problem.file, len(first))
    return sorted(problems, key=lambda p: (first[p.file], -1 if p.line is None else p.line))
