"""Reading what-if adjustments (``[[adjust]]``) of a scenario file, with located problems.

An adjustment names its target after ``extends`` is merged: all member
contributions (``"members"``), a cost section (``"admin"``, ``"development"``,
``"projects"``) or one line (``"projects.jobbsam"``, ``"income.forsaljning"``).
A target that is not there is an error naming it. Adjustments along an
``extends`` chain add up: the base's first, then the derived file's. The
arithmetic is in ``finsam_budget.plan.adjust``; this module only reads and checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from finsam_budget.model import COST_SECTIONS, SECTIONS, Adjustment, Line, Member
from finsam_budget.money import float_refused
from finsam_budget.problems import Problem, shown_value
from finsam_budget.readers.toml_fields import Fields
from finsam_budget.readers.toml_keys import KeyPath

ADJUST_KEYS = {"target", "percent", "from", "compound", "note"}
MEMBERS = "members"
MIN_PERCENT, MAX_PERCENT = Decimal(-100), Decimal(1000)
_PERCENT = re.compile(r"[+-]?[0-9]{1,15}(\.[0-9]{1,15})?", re.ASCII)
#: Reports a problem at a key of the entry (``None``: the entry itself).
ErrorAt = Callable[[str | None, str], None]
_EXAMPLE = '[[adjust]]\ntarget = "members"\npercent = "-5"\nfrom = 2024'


def join_adjustments(
    merged: dict[str, Any],
    base: dict[str, Any],
    derived: dict[str, Any],
    base_origins: Any,
    source: Any,
    files: dict[tuple[str, ...], Any],
) -> None:
    """``extends`` hook: the derived file's ``[[adjust]]`` entries follow the base's instead of replacing them.

    Records the file each entry came from, so that a problem names the right file.
    """
    own, inherited = derived.get("adjust"), base.get("adjust")
    if not isinstance(own, list) or not isinstance(inherited, list):
        return
    merged["adjust"] = list(inherited) + list(own)
    for index in range(len(inherited)):
        files[("adjust", str(index))] = base_origins.source(("adjust", str(index)))
    for index in range(len(own)):
        files[("adjust", str(len(inherited) + index))] = source


def read_adjustments(
    value: Any,
    origins: Any,
    problems: list[Problem],
    years: tuple[int, ...],
    sections: dict[str, tuple[Line, ...]],
    members: dict[str, Member],
    *,
    member_total: bool = False,
) -> tuple[Adjustment, ...]:
    """Every valid ``[[adjust]]`` entry of the merged data; a problem for each invalid one.

    ``member_total``: the scenario gives the members' total, so every member gets an income line.
    """
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        source = origins.source(("adjust",))
        problems.append(source.problem(("adjust",), f"väntade en lista med [[adjust]]-tabeller, t.ex.\n{_EXAMPLE}"))
        return ()
    reader = _EntryReader(origins, problems, years, sections, members, member_total)
    found = [reader.read(index, entry) for index, entry in enumerate(value)]
    return tuple(a for a in found if a is not None)


class _EntryReader:
    def __init__(
        self,
        origins: Any,
        problems: list[Problem],
        years: tuple[int, ...],
        sections: dict[str, tuple[Line, ...]],
        members: dict[str, Member],
        member_total: bool = False,
    ) -> None:
        self.member_total = member_total
        self.origins = origins
        self.problems = problems
        self.years = years
        self.sections = sections
        self.members = members
        self.sources: list[Any] = []

    def read(self, index: int, entry: dict[str, Any]) -> Adjustment | None:
        source = self.origins.source(("adjust", str(index)))
        # The entry's number within its own file: entries of one file are contiguous.
        local = sum(1 for s in self.sources if s is source)
        self.sources.append(source)
        ok = True

        def report(path: KeyPath, message: str) -> None:
            nonlocal ok
            ok = False
            key = ".".join(path) or None
            shown = f"[[adjust]] nr {local + 1}" + (f": {key}" if key else "")
            self.problems.append(source.entry_problem("adjust", local, path[0] if path else None, shown, message))

        fields = Fields(report, self.years)

        def error(key: str | None, message: str) -> None:
            fields.error((key,) if key else (), message)

        fields.unknown_keys(entry, ADJUST_KEYS, ())
        target = self.target(entry.get("target"), error)
        percent = self.percent(entry.get("percent"), error)
        start = self.years[0] if self.years else None
        if "from" in entry:
            start = fields.year(entry["from"], ("from",), example=2024)
        compound = fields.boolean(entry.get("compound"), ("compound",))
        note = fields.text(entry.get("note"), ("note",))
        if not ok or target is None or percent is None or start is None:
            return None
        return Adjustment(target, percent, start, compound, note)

    def target(self, value: Any, error: ErrorAt) -> str | None:
        if value is None:
            error("target", 'saknas (väntade "members", ett avsnitt som "admin" eller en rad som "projects.jobbsam")')
            return None
        if not isinstance(value, str):
            error("target", f"väntade en text, fick {shown_value(value)}")
            return None
        target = value.strip()
        if target == MEMBERS:
            missing = [m.name for m_id, m in self.members.items()
                       if not self.member_total
                       and not any(ln.member == m_id for ln in self.sections.get("income", ()))]
            if not self.members:
                error("target", "medlemsbidragen kan inte justeras: scenariot har inga medlemmar")
            elif missing:
                error("target", "medlemsbidragen kan inte justeras: " + ", ".join(missing)
                      + " saknar en inkomstrad med member")
            return target
        if target in COST_SECTIONS:
            if not self.sections.get(target):
                error("target", f'avsnittet "{target}" finns inte i scenariot (det har inga rader)')
            return target
        if target == "income":
            error("target", 'justera medlemsbidragen med target = "members" eller en övrig intäkt med '
                            'target = "income.ID"')
            return None
        section, dot, line_id = target.partition(".")
        if not dot or section not in SECTIONS:
            error("target", f'okänt mål "{target}": väntade "members", ett avsnitt ('
                            + ", ".join(f'"{s}"' for s in COST_SECTIONS) + ') eller en rad som "projects.jobbsam"')
            return None
        line = next((ln for ln in self.sections.get(section, ()) if ln.id == line_id), None)
        if line is None:
            known = ", ".join(f"{section}.{ln.id}" for ln in self.sections.get(section, ())) or "inga"
            error("target", f'raden "{target}" finns inte i scenariot (raderna i {section}: {known})')
            return None
        if line.member is not None:
            error("target", f'raden "{target}" är medlemmens driftbidrag; justera alla medlemsbidrag med '
                            'target = "members", så att de förblir fördelade efter andelarna')
            return None
        return target

    def percent(self, value: Any, error: ErrorAt) -> Decimal | None:
        if value is None:
            error("percent", 'saknas (väntade en procentsats som sträng, t.ex. "-5" eller "3%")')
            return None
        if isinstance(value, bool):
            error("percent", f'väntade en procentsats, t.ex. "-5", fick {shown_value(value)}')
            return None
        if isinstance(value, float):
            error("percent", float_refused(value, "procentsatsen"))
            return None
        if isinstance(value, int):
            percent = Decimal(value)
        elif isinstance(value, str):
            text = value.strip().replace("\u2212", "-").replace(",", ".").removesuffix("%").strip()
            if not _PERCENT.fullmatch(text):
                error("percent", f'väntade en procentsats som "-5", "3%" eller "2.5", fick {shown_value(value)}')
                return None
            percent = Decimal(text)
        else:
            error("percent", f'väntade en procentsats som "-5", "3%" eller "2.5", fick {shown_value(value)}')
            return None
        if not MIN_PERCENT <= percent <= MAX_PERCENT:
            error("percent", f"procentsatsen måste ligga mellan -100 och 1000, fick {shown_value(value)}")
            return None
        return percent + 0
