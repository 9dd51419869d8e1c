"""A scenario's data written as a TOML file: one canonical layout, Swedish comments.

The data is what ``tomllib`` gives for a scenario file (or what the xlsx scenario
reader gives for a workbook), so TOML → data → TOML keeps every value. The
layout is fixed: the top-level keys, then ``[columns]``, ``[contributions]``,
the members, the income lines, ``[equity]``, the three cost sections,
``[stated]``, ``[cash]``, ``[[equity_cap]]`` and ``[[adjust]]``, each section
with a comment that explains it. ``comments`` adds a comment line above any key
(roll-forward says there where each moved figure came from). The same data
gives the same bytes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from finsam_budget.writers.xlsx_common import write_text_file

KeyPath = tuple[str, ...]

TOP_KEYS = ("format", "federation", "title", "years", "budget_year", "extends")
KEY_ORDER = {
    "members": ("name", "share", "remove"),
    "line": ("name", "member", "amounts", "quarters", "months", "stated", "period", "granted",
             "budget_factor", "note", "accounts", "objects", "remove"),
    "equity": ("opening", "reserve", "carry"),
    "cash": ("opening", "contributions", "other_income"),
    "equity_cap": ("up_to", "share"),
    "adjust": ("target", "percent", "from", "compound", "note"),
    "contributions": ("total",),
}
LINE_SECTIONS = ("income", "admin", "development", "projects")

#: The comment above each part of the file: what it is and how to write it.
SECTION_COMMENTS: dict[str, tuple[str, ...]] = {
    "top": (
        "format: filformatet (1). federation: förbundets namn. title: visas på varje blad.",
        "years: planens år i följd; det första är jämförelsekolumnen (förra årets budget).",
        "budget_year: året som beslutas. Belopp i kronor: heltal (2162000) eller sträng med öre (\"1200.50\"),",
        "utan mellanrum. Kontrollera filen med:  finsam-budget check FIL",
    ),
    "columns": ("Kolumnrubriker per år (valfritt; standard \"Budget ÅÅÅÅ\", \"Budgetplan ÅÅÅÅ\", \"Prognos ÅÅÅÅ\").",),
    "contributions": (
        "Medlemmarnas bidrag totalt per år. Verktyget delar totalen efter andelarna i hela kronor",
        "(största rest; vid lika rest får medlemmen som står först kronan), så delarna summerar till totalen.",
        "Vill ni i stället ange varje medlems belopp: ta bort total och ge varje medlem en inkomstrad med member.",
    ),
    "members": (
        "Medlemmarna och deras andel av medlemsbidragen: bråk (\"1/4\"), procent (\"25%\") eller",
        "invånare / alla invånare (\"59000/675600\"). Andelarna ska summera till exakt 1.",
    ),
    "income": (
        "Intäkter, en rad per [income.ID]. En rad med member är den medlemmens driftbidrag;",
        "en rad utan member är övrig intäkt (försäljning, lönebidrag, öresutjämning). Ett år som saknas är 0 kr.",
    ),
    "equity": (
        "Eget kapital: opening = ingående eget kapital (första året krävs), reserve = det som behålls till",
        "nästa år. carry = \"reserve\": ett år utan opening börjar med föregående års reserv (utrymmet antas",
        "använt); carry = \"closing\": med föregående års utgående eget kapital.",
    ),
    "admin": ("Administration (kansli): löner, revision, IT, lokaler, köpta tjänster, styrelse.",),
    "development": ("Utvecklingsinsatser (strukturinriktade): föreläsningar, metodutbildning, utvärdering.",),
    "projects": (
        "Projekt (individinriktade insatser), ett per [projects.ID]; valfritt period, granted och",
        "budget_factor (se README).",
    ),
    "stated": (
        "Summor så som de publicerades (valfritt); varje jämförs med vad raderna summerar till.",
        "Nycklar: member_contributions, other_income, income, income_and_equity, admin, development,",
        "projects, activities, costs, result, closing_equity, room (se README).",
    ),
    "cash": ("Likviditetsplan (valfritt): kassan vid första årets början och när intäkterna betalas.",),
    "equity_cap": ("Egen tabell för tak för eget kapital (valfritt; standard 20 % av medlemsbidragen).",),
    "adjust": ("Justeringar: vad händer om? (procent från ett år, se README).",),
}

_BARE = re.compile(r"[A-Za-z0-9_-]+", re.ASCII)
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_key(key: str) -> str:
    return key if _BARE.fullmatch(key) else toml_string(key)


def toml_value(value: Any) -> str:
    """One value as TOML writes it (tables inline)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else toml_string(format(value, "f"))
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{toml_key(str(k))} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"kan inte skriva {type(value).__name__} som TOML")


def _ordered(table: Mapping[str, Any], order: tuple[str, ...]) -> list[str]:
    return [k for k in order if k in table] + [k for k in table if k not in order]


class _Text:
    def __init__(self, comments: Mapping[KeyPath, str]) -> None:
        self.out: list[str] = []
        self.comments = comments

    def comment(self, lines: tuple[str, ...] | list[str]) -> None:
        self.out.extend(f"# {line}" if line else "#" for line in lines)

    def key(self, path: KeyPath, key: str, value: Any) -> None:
        note = self.comments.get(path + (key,))
        if note:
            self.comment(note.split("\n"))
        self.out.append(f"{toml_key(key)} = {toml_value(value)}")

    def table(self, header: str, path: KeyPath, table: Mapping[str, Any], order: tuple[str, ...]) -> None:
        note = self.comments.get(path)
        if note:
            self.comment(note.split("\n"))
        self.out.append(header)
        for key in _ordered(table, order):
            self.key(path, key, table[key])
        self.out.append("")

    def section_comment(self, name: str) -> None:
        self.comment(SECTION_COMMENTS[name])


def scenario_toml(data: Mapping[str, Any], *, comments: Mapping[KeyPath, str] | None = None,
                  heading: tuple[str, ...] = ()) -> str:
    """The scenario data as TOML text in the canonical layout (``heading``: comment lines at the top)."""
    text = _Text(comments or {})
    if heading:
        text.comment(heading)
        text.out.append("")
    text.section_comment("top")
    for key in _ordered({k: v for k, v in data.items() if k in TOP_KEYS}, TOP_KEYS):
        text.key((), key, data[key])
    text.out.append("")
    written = set(TOP_KEYS)
    for name in ("columns", "contributions"):
        if name in data:
            text.section_comment(name)
            text.table(f"[{name}]", (name,), data[name], KEY_ORDER.get(name, ()))
            written.add(name)
    _id_tables(text, data, "members", KEY_ORDER["members"])
    written.add("members")
    _id_tables(text, data, "income", KEY_ORDER["line"])
    written.add("income")
    if "equity" in data:
        text.section_comment("equity")
        text.table("[equity]", ("equity",), data["equity"], KEY_ORDER["equity"])
        written.add("equity")
    for section in ("admin", "development", "projects"):
        _id_tables(text, data, section, KEY_ORDER["line"])
        written.add(section)
    for name in ("stated", "cash"):
        if name in data:
            text.section_comment(name)
            text.table(f"[{name}]", (name,), data[name], KEY_ORDER.get(name, ()))
            written.add(name)
    for name in ("equity_cap", "adjust"):
        if name in data:
            text.section_comment(name)
            for index, entry in enumerate(data[name]):
                text.table(f"[[{name}]]", (name, str(index)), entry, KEY_ORDER[name])
            written.add(name)
    rest = [key for key in data if key not in written]
    if rest:  # pragma: no cover - a checked scenario has no other keys
        raise ValueError(f"okända nycklar: {', '.join(rest)}")
    while text.out and text.out[-1] == "":
        text.out.pop()
    return "\n".join(text.out) + "\n"


def _id_tables(text: _Text, data: Mapping[str, Any], name: str, order: tuple[str, ...]) -> None:
    table = data.get(name)
    if not isinstance(table, Mapping):
        return
    text.section_comment(name)
    if not table:
        text.out.extend([f"[{name}]", ""])
    for entry_id, entry in table.items():
        text.table(f"[{name}.{toml_key(str(entry_id))}]", (name, str(entry_id)), entry, order)


def write_scenario_toml(
    data: Mapping[str, Any], path: str | os.PathLike[str], *, force: bool = False,
    comments: Mapping[KeyPath, str] | None = None, heading: tuple[str, ...] = (),
) -> Path:
    """Write the scenario as a TOML file, atomically; an existing file only with ``force``."""
    content = scenario_toml(data, comments=comments, heading=heading)
    return write_text_file(path, content, force=force)


__all__ = ["scenario_toml", "toml_string", "toml_value", "write_scenario_toml"]
