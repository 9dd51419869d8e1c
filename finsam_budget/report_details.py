"""What only the federation can write in its årsredovisning, as data (the side file's content).

Every field is optional: a field that is not given becomes a highlighted
"[Skriv: …]" prompt in the document, never an empty place. The side file
(``kind = "arsredovisning"``, see ``readers/arsredovisning_file.py``) gives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: How a goal was met, in the words a förvaltningsberättelse uses.
GOAL_STATUSES = ("uppfyllt", "delvis uppfyllt", "ej uppfyllt")


@dataclass(frozen=True)
class BoardMember:
    """A member of the board who signs: name, role (ordförande, ledamot …) and whom they represent."""

    name: str
    role: str
    represents: str | None = None


@dataclass(frozen=True)
class Goal:
    """A goal of the year and how it went: the outcome in words and, when given, its status."""

    goal: str
    outcome: str
    status: str | None = None


@dataclass(frozen=True)
class ReportDetails:
    """The federation's own parts of the årsredovisning; ``None`` or empty = not given (a prompt)."""

    source: str | None = None
    adopted: date | None = None
    place: str | None = None
    organisation: str | None = None
    mission: str | None = None
    events: str | None = None
    personnel: str | None = None
    outlook: str | None = None
    deficit_plan: str | None = None
    board: tuple[BoardMember, ...] = ()
    goals: tuple[Goal, ...] = ()
