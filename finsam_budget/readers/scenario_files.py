"""Finding and reading many scenario files: the files and folders named on the command line.

A folder stands for every ``*.toml`` file under it (subfolders included, hidden
ones skipped), in path order. A file that cannot be read does not stop the
others: it comes back with its problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from finsam_budget.model import Scenario
from finsam_budget.problems import Problem
from finsam_budget.readers.scenario import read_scenario


def scenario_paths(names: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The scenario files named or contained in folders; a problem for each name that gives none."""
    found: list[Path] = []
    problems: list[Problem] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*.toml")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                problems.append(Problem(str(path), "mappen innehåller inga scenariofiler (*.toml)"))
            found.extend(files)
        elif path.exists():
            found.append(path)
        else:
            problems.append(Problem(str(path), "filen eller mappen finns inte"))
    unique = list(dict.fromkeys(found))
    return unique, problems


def read_scenarios(paths: Iterable[Path]) -> list[tuple[Path, Scenario | None, list[Problem]]]:
    """Each file read on its own: (path, scenario or None, its problems)."""
    return [(path, *read_scenario(path)) for path in paths]
