"""Reading the årsredovisning's side file: what only the federation can write.

Every key is optional; what is missing stays a highlighted prompt in the document::

    format = 1
    kind = "arsredovisning"
    adopted = 2023-03-16            # the board's adoption date (a TOML date)
    place = "Jönköping"             # where the board signs
    organisation = "Förbundets styrelse består av …"
    mission = "…"                   # uppdrag, when the federation words it itself
    events = "Under året …"         # årets viktiga händelser
    personnel = "Kansliet har två anställda …"
    outlook = "Inför 2023 …"        # förväntad utveckling
    deficit_plan = "…"              # how a negative balanskravsresultat is restored

    [[board]]
    name = "Anna Andersson"
    role = "ordförande"
    represents = "Region Jönköpings län"   # optional

    [[goals]]
    goal = "Minst 30 % av deltagarna går till arbete eller studier"
    outcome = "34 % gick till arbete eller studier"
    status = "uppfyllt"             # optional: uppfyllt, delvis uppfyllt, ej uppfyllt

Texts may have several paragraphs, separated by an empty line.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from finsam_budget.problems import InputError
from finsam_budget.readers.toml_fields import Fields, file_fields
from finsam_budget.readers.toml_keys import KeyPath
from finsam_budget.readers.toml_source import load_toml
from finsam_budget.report_details import GOAL_STATUSES, BoardMember, Goal, ReportDetails

KIND = "arsredovisning"
TEXTS = ("place", "organisation", "mission", "events", "personnel", "outlook", "deficit_plan")
TOP_KEYS = ("format", "kind", "adopted", "board", "goals", *TEXTS)
BOARD_KEYS = ("name", "role", "represents")
GOAL_KEYS = ("goal", "outcome", "status")


def read_report_details(path: str | os.PathLike[str]) -> ReportDetails:
    """The side file's details; ``InputError`` with every problem found."""
    shown = str(path)
    data, source, problems = load_toml(Path(path), shown, kind=KIND)
    if data is None or source is None:
        raise InputError(problems)
    fields = file_fields(source, problems)
    fields.unknown_keys(data, TOP_KEYS, ())
    fields.format_and_kind(data, KIND)
    texts = {key: _text(fields, data.get(key), (key,)) for key in TEXTS}
    adopted = fields.date(data["adopted"], ("adopted",)) if "adopted" in data else None
    board = tuple(
        BoardMember(name, role, _text(fields, entry.get("represents"), at + ("represents",)))
        for entry, at in _entries(fields, data.get("board"), "board", BOARD_KEYS)
        if (name := fields.text(entry.get("name"), at + ("name",), required=True)) is not None
        and (role := fields.text(entry.get("role"), at + ("role",), required=True)) is not None
    )
    goals = []
    for entry, at in _entries(fields, data.get("goals"), "goals", GOAL_KEYS):
        goal = fields.text(entry.get("goal"), at + ("goal",), required=True)
        outcome = fields.text(entry.get("outcome"), at + ("outcome",), required=True)
        status = None
        if "status" in entry:
            status = fields.choice(entry["status"], at + ("status",), GOAL_STATUSES)
        if goal is not None and outcome is not None:
            goals.append(Goal(goal.strip(), outcome.strip(), status))
    if problems:
        raise InputError(problems)
    return ReportDetails(source=shown, adopted=adopted, board=board, goals=tuple(goals), **texts)


def _text(fields: Fields, value: Any, path: KeyPath) -> str | None:
    """A text, stripped; an empty one counts as not given."""
    text = fields.text(value, path)
    return text.strip() or None if text is not None else None


def _entries(
    fields: Fields, value: Any, name: str, allowed: tuple[str, ...]
) -> list[tuple[dict[str, Any], KeyPath]]:
    """The tables of an array of tables (``[[board]]``), each with its key path."""
    if value is None:
        return []
    if not isinstance(value, list):
        fields.error((name,), f"väntade [[{name}]]-tabeller, fick en enskild nyckel")
        return []
    found = []
    for index, entry in enumerate(value):
        path: KeyPath = (name, str(index))
        table = fields.table(entry, path)
        if table is not None:
            fields.unknown_keys(table, allowed, path)
            found.append((table, path))
    return found
