"""``extends``: load a scenario's chain of base files and deep-merge it.

Every value of the merged data remembers the file it came from, so that a
problem found later names the right file and line. A derived file's tables
merge key by key over its base's; ``remove = true`` drops a line or member;
``title``, ``extends`` and the published ``[stated]`` figures are not inherited.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from finsam_budget.model import SECTIONS
from finsam_budget.problems import Problem
from finsam_budget.readers.adjustments import join_adjustments
from finsam_budget.readers.registry import scenario_reader
from finsam_budget.readers.toml_source import Source

#: The ways a line gives a year's figure: one amount, 4 quarters or 12 months.
YEAR_FIGURE_KEYS = ("amounts", "quarters", "months")
#: Keys a derived scenario does not inherit from its base.
NOT_INHERITED = ("title", "extends", "stated")
#: The longest chain of ``extends`` files read (a longer one is a located error, never a RecursionError).
MAX_EXTENDS_DEPTH = 50

Path_ = tuple[str, ...]


@dataclass
class Origins:
    """For every key path of merged data, the file it came from (nearest recorded prefix)."""

    files: dict[Path_, Source]

    def source(self, path: Path_) -> Source:
        for length in range(len(path), -1, -1):
            found = self.files.get(tuple(path[:length]))
            if found is not None:
                return found
        raise KeyError(path)  # pragma: no cover - the root is always recorded


def problem_at(source: Source, path: Path_, message: str) -> Problem:
    """A problem at a key path of one file, with the line the key stands on."""
    return source.problem(path, message)


def load_chain(
    path: Path, shown: str, chain: list[Path], problems: list[Problem]
) -> tuple[dict[str, Any], Origins] | None:
    """Read ``path`` and, recursively, the base it extends; merge them (``None`` on a problem)."""
    data, source, found = scenario_reader(path).load(path, shown)
    problems.extend(found)
    if data is None or source is None:
        return None
    return extend_chain(data, source, path, chain, problems)


def extend_chain(
    data: dict[str, Any], source: Source, path: Path, chain: list[Path], problems: list[Problem]
) -> tuple[dict[str, Any], Origins] | None:
    """Parsed scenario data (from ``path``, a file or a name for text) merged over its ``extends`` chain."""
    origins = Origins({(): source})
    base_name = data.get("extends")
    if base_name is None:
        return data, origins
    if not isinstance(base_name, str) or not base_name.strip():
        problems.append(problem_at(source, ("extends",), "väntade ett filnamn som sträng"))
        return None
    base_path = (path.parent / base_name).resolve()
    resolved_chain = chain + [path.resolve()]
    if base_path in resolved_chain:
        cycle = " → ".join(p.name for p in resolved_chain + [base_path])
        problems.append(problem_at(source, ("extends",), f"extends bildar en cykel: {cycle}"))
        return None
    if len(resolved_chain) >= MAX_EXTENDS_DEPTH:
        problems.append(
            problem_at(
                source,
                ("extends",),
                f"extends-kedjan är längre än {MAX_EXTENDS_DEPTH} filer; låt scenariot bygga på "
                "ett grundscenario närmare början av kedjan",
            )
        )
        return None
    shown_base = str(path.parent / base_name)
    base = load_chain(base_path, shown_base, resolved_chain, problems)
    if base is None:
        if not base_path.exists():
            problems.append(
                problem_at(source, ("extends",), f"grundscenariot {shown_base} finns inte")
            )
        return None
    base_data, base_origins = base
    for key in NOT_INHERITED:
        base_data.pop(key, None)
    prepare_base_lines(base_data, data)
    merged_files = dict(base_origins.files)
    replaced: set[Path_] = set()
    merged = merge(base_data, data, (), source, merged_files, replaced)
    forget_replaced(merged_files, replaced)
    join_adjustments(merged, base_data, data, base_origins, source, merged_files)
    apply_removals(merged, merged_files, source, problems)
    return merged, Origins(merged_files)


def merge(
    base: dict[str, Any],
    override: dict[str, Any],
    path: Path_,
    source: Source,
    files: dict[Path_, Source],
    replaced: set[Path_] | None = None,
) -> dict[str, Any]:
    """Deep-merge ``override`` over ``base``: tables merge key by key, everything else replaces.

    Every key the override sets is recorded in ``files`` as coming from ``source``; a base table
    replaced by something else is added to ``replaced``, whose recorded keys inside
    ``forget_replaced`` then drops in one pass (so the merge stays linear in the number of keys).
    """
    result = dict(base)
    for key, value in override.items():
        sub = path + (str(key),)
        old = result.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            result[key] = merge(old, value, sub, source, files, replaced)
        else:
            result[key] = value
            if isinstance(old, dict) and replaced is not None:
                replaced.add(sub)
            files[sub] = source
    return result


def forget_replaced(files: dict[Path_, Source], replaced: set[Path_]) -> None:
    """Drop the recorded origins strictly inside the replaced tables (one pass over ``files``)."""
    if not replaced:
        return
    for known in list(files):
        if any(known[:length] in replaced for length in range(1, len(known))):
            del files[known]


def prepare_base_lines(base: dict[str, Any], override: dict[str, Any]) -> None:
    """Before merging: a line's published ``stated`` totals stay with the base's document,
    and a year the derived file gives in one of amounts/quarters/months is dropped from
    the base's other two (so a year figure may be replaced by quarters and back)."""
    for section in SECTIONS:
        base_lines = base.get(section)
        if not isinstance(base_lines, dict):
            continue
        override_lines = override.get(section)
        for line_id, base_line in base_lines.items():
            if not isinstance(base_line, dict):
                continue
            base_line.pop("stated", None)
            over_line = override_lines.get(line_id) if isinstance(override_lines, dict) else None
            if not isinstance(over_line, dict):
                continue
            for key in YEAR_FIGURE_KEYS:
                given = over_line.get(key)
                if not isinstance(given, dict):
                    continue
                for other in YEAR_FIGURE_KEYS:
                    table = base_line.get(other)
                    if other != key and isinstance(table, dict):
                        for year in given:
                            table.pop(year, None)


def apply_removals(
    data: dict[str, Any], files: dict[tuple[str, ...], Source], source: Source, problems: list[Problem]
) -> None:
    """Drop lines and members marked ``remove = true`` by a derived file."""
    for table in ("members",) + SECTIONS:
        entries = data.get(table)
        if not isinstance(entries, dict):
            continue
        for entry_id, entry in list(entries.items()):
            if isinstance(entry, dict) and entry.get("remove") is True:
                if set(entry) <= {"remove"}:
                    problems.append(
                        problem_at(
                            source,
                            (table, entry_id, "remove"),
                            "raden finns inte i grundscenariot och kan inte tas bort",
                        )
                    )
                del entries[entry_id]
