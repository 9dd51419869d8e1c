"""Read a follow-up file (uppföljning, format 1): TOML, or the same content as a CSV or xlsx table.

TOML is the format of ``docs/uppfoljning-format.md``. A table has the columns
``insats``, ``period``, ``uppgift`` and ``värde`` (also ``nyckel``/``antal``): each
row is one key of the TOML file, the period's keys written as in the file
(``nya``, ``avslut.sjukdom``, ``avslut.kvinnor.sjukdom``,
``fordelning.alder.kategorier.18-29``), an insats's own keys with an empty period
(``name``, ``line``, ``goals.arbete_studier``) and the file's keys with an empty
insats (``federation``, ``source``)::

    insats;period;uppgift;värde
    ;;federation;Samordningsförbundet Exempel
    steget;;name;Steget
    steget;2023;nya;30
    steget;2023;avslut.arbete_studier;7

Both become the same data and are checked by ``uppfoljning_data`` in the same
words; a problem names the key path, with the line (TOML) or row (table).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from finsam_budget.followup import Followup
from finsam_budget.problems import InputError, Problem, shown_value
from finsam_budget.readers.registry import FOLLOWUP_READERS, followup_format
from finsam_budget.readers.source_file import file_problem
from finsam_budget.readers.text_table import (
    HEADING_ROWS,
    has_content,
    is_comment,
    is_filled,
    read_text_rows,
)
from finsam_budget.readers.toml_fields import Fields
from finsam_budget.readers.toml_keys import KeyPath
from finsam_budget.readers.toml_source import load_toml
from finsam_budget.readers.uppfoljning_data import KIND, followup_from_data, shown_path
from finsam_budget.readers.xlsx_table import read_xlsx_rows

HEADINGS = {
    "insats": ("insats",),
    "period": ("period",),
    "key": ("uppgift", "nyckel"),
    "value": ("värde", "varde", "antal"),
}
_ROLE = {heading: role for role, names in HEADINGS.items() for heading in names}
# Whole numbers as a spreadsheet exports them: ASCII digits, spaces between thousands.
_WHOLE = re.compile(r"-?[0-9]{1,3}(?:[ \u00a0][0-9]{3})*|-?[0-9]+", re.ASCII)


def read_followup(path: str | os.PathLike[str]) -> Followup:
    """Read and check a follow-up file; ``InputError`` with every problem found."""
    path = Path(path)
    file = str(path)
    kind = followup_format(path)
    if kind is None:
        known = ", ".join(s for r in FOLLOWUP_READERS for s in r.extensions)
        raise InputError([Problem(file, f"okänd filtyp {path.suffix.lower() or '(ingen filändelse)'} "
                                        f"för en uppföljningsfil; använd {known}")])
    try:
        if kind == "toml":
            return _read_toml(path, file)
        rows = read_text_rows(path, file, is_heading) if kind == "csv" else read_xlsx_rows(path, file)
        return followup_from_table(file, rows)
    except OSError as exc:  # every reader opens through source_file; this is the last guard
        raise InputError([file_problem(file, exc)]) from None


def loads_followup(text: str, *, name: str = "uppfoljning.toml") -> Followup:
    """A follow-up file's TOML text, checked as a file would be (for tests and library use)."""
    from finsam_budget.readers.toml_source import parse_toml

    data, source, problems = parse_toml(text, name)
    return _from_toml(data, source, problems, name)


def _read_toml(path: Path, file: str) -> Followup:
    data, source, problems = load_toml(path, file, kind="uppfoljning")
    return _from_toml(data, source, problems, file)


def _from_toml(data: dict[str, Any] | None, source: Any, problems: list[Problem], file: str) -> Followup:
    if data is None or source is None:
        raise InputError(problems)
    if not data:
        raise InputError([Problem(file, f'filen är tom; en uppföljningsfil börjar med format = 1 och kind = "{KIND}"')])

    def report(path: KeyPath, message: str) -> None:
        problems.append(Problem(file, message, key=shown_path(path), line=source.line_of(path)))

    followup = followup_from_data(data, file, Fields(report))
    if problems:
        raise InputError(problems)
    return followup


# ---------------------------------------------------------------------------
# Tables (CSV, xlsx)


def heading_columns(cells: Sequence[object]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for position, cell in enumerate(cells):
        if isinstance(cell, str):
            role = _ROLE.get(cell.strip().casefold())
            if role and role not in columns:
                columns[role] = position
    return columns


def is_heading(cells: Sequence[object]) -> bool:
    return len(heading_columns(cells)) == len(HEADINGS)


def followup_from_table(file: str, rows: Sequence[tuple[int, Sequence[object]]]) -> Followup:
    """The rows of a CSV file or an xlsx sheet as the TOML tree, then checked like TOML."""
    content = [(n, cells) for n, cells in rows if has_content(cells) and not is_comment(cells)]
    found = next(((n, heading_columns(c)) for n, c in content[:HEADING_ROWS] if is_heading(c)), None)
    if found is None:
        raise InputError([Problem(file, "hittade ingen rubrikrad med kolumnerna insats, period, uppgift och värde "
                                        f"bland de första {HEADING_ROWS} raderna")])
    heading_at, columns = found
    problems: list[Problem] = []
    data: dict[str, Any] = {}
    where: dict[KeyPath, int] = {}
    for number, cells in content:
        if number <= heading_at:
            continue
        path = _row_path(file, number, cells, columns, problems)
        if path is None:
            continue
        if path in where:
            problems.append(Problem(file, f"står redan på rad {where[path]}", key=shown_path(path), row=number))
            continue
        if not _put(data, path, _value(_cell(cells, columns["value"]))):
            problems.append(Problem(file, "krockar med en annan rad (ett värde och en tabell på samma plats)",
                                    key=shown_path(path), row=number))
            continue
        where[path] = number

    def report(path: KeyPath, message: str) -> None:
        row = next((where[p] for p in sorted(where, key=len, reverse=True) if path[: len(p)] == p
                    or p[: len(path)] == path), None)
        problems.append(Problem(file, message, key=shown_path(path), row=row))

    followup = followup_from_data(data, file, Fields(report), declared=False)
    if problems:
        problems.sort(key=lambda p: p.row or 0)
        raise InputError(problems)
    return followup


def _cell(cells: Sequence[object], at: int) -> object:
    return cells[at] if at < len(cells) else None


def _text(cell: object) -> str:
    return cell.strip() if isinstance(cell, str) else "" if cell is None else str(cell).strip()


def _row_path(
    file: str, number: int, cells: Sequence[object], columns: dict[str, int], problems: list[Problem]
) -> KeyPath | None:
    insats, period = _text(_cell(cells, columns["insats"])), _text(_cell(cells, columns["period"]))
    key = _text(_cell(cells, columns["key"]))
    if not key:
        problems.append(Problem(file, "uppgift saknas (t.ex. nya eller avslut.arbete_studier)", row=number))
        return None
    if not is_filled(_cell(cells, columns["value"])):
        problems.append(Problem(file, f"värde saknas för {shown_value(key)}", row=number))
        return None
    if period and not insats:
        problems.append(Problem(file, "en period utan insats; skriv insatsens id i kolumnen insats", row=number))
        return None
    parts = tuple(key.split("."))
    if period:
        # Category names may contain dots: only the first three parts are keys.
        if len(parts) > 3 and parts[0] == "fordelning":
            parts = (*parts[:3], ".".join(parts[3:]))
        return ("insats", insats, "period", period, *parts)
    return ("insats", insats, *parts) if insats else parts


def _value(cell: object) -> object:
    """A cell as TOML would have it: whole numbers as int (ASCII digits only), other text as text."""
    if isinstance(cell, str):
        text = cell.strip()
        if _WHOLE.fullmatch(text):
            return int(text.replace(" ", "").replace("\u00a0", ""))
        return text
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)  # a spreadsheet keeps every number as a binary float
    return cell


def _put(data: dict[str, Any], path: KeyPath, value: object) -> bool:
    node = data
    for part in path[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            return False
        node = child
    if isinstance(node.get(path[-1]), dict):
        return False
    node[path[-1]] = value
    return True
