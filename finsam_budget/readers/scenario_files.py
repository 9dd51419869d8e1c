"""Finding and reading many scenario files: the files and folders named on the command line.

A folder stands for every ``*.toml`` scenario file under it (subfolders
included, hidden ones skipped), in path order. Other input files that live
beside scenarios declare what they are at the top (``kind = "actuals"``,
``kind = "rules"``); a folder's such files are skipped with a note (a warning),
a file named on its own is always read as a scenario. A file that cannot be
read does not stop the others: it comes back with its problems.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from finsam_budget.model import Scenario
from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.registry import SCENARIO_SUFFIXES
from finsam_budget.readers.scenario import read_scenario
from finsam_budget.readers.source_file import open_binary

_KIND = re.compile(r"""^\s*kind\s*=\s*["']([^"']*)["']""")
_TABLE = re.compile(r"^\s*\[")
_HEAD_BYTES = 64 * 1024


def declared_kind(path: Path) -> str | None:
    """The top-level ``kind = "…"`` of a TOML file (before its first table), if any.

    Only the first 64 kB are looked at, line by line, and only a regular file is opened.
    """
    try:
        with open_binary(path, str(path)) as handle:
            head = handle.read(_HEAD_BYTES).decode("utf-8", errors="replace")
    except InputError:
        return None  # reading it properly will report the problem
    for line in head.splitlines():
        if _TABLE.match(line):
            return None
        match = _KIND.match(line)
        if match:
            return match.group(1)
    return None


def scenario_paths(names: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The scenario files named or contained in folders; a problem for each name that gives none
    (an error) and for each file of another kind skipped in a folder (a warning)."""
    found: list[Path] = []
    problems: list[Problem] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.suffix in SCENARIO_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            scenarios = []
            for file in files:
                kind = declared_kind(file)
                if kind is None or kind == "scenario":
                    scenarios.append(file)
                else:
                    problems.append(Problem(str(file), f'hoppas över: kind = "{kind}", inte ett scenario',
                                            severity="warning"))
            if not scenarios:
                problems.append(Problem(str(path), "mappen innehåller inga scenariofiler (*.toml)"))
            found.extend(scenarios)
        elif path.exists():
            found.append(path)
        else:
            problems.append(Problem(str(path), "filen eller mappen finns inte"))
    unique = list(dict.fromkeys(found))
    return unique, problems


def read_scenarios(paths: Iterable[Path]) -> list[tuple[Path, Scenario | None, list[Problem]]]:
    """Each file read on its own: (path, scenario or None, its problems)."""
    return [(path, *read_scenario(path)) for path in paths]
