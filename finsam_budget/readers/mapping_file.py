"""Reading a mapping file: statement lines by account ranges, replacing the default mapping.

```toml
format = 1
kind = "mapping"
accumulated_depreciation = ["1229", "1239"]   # optional (default: xx8–xx9 in 100–139)
realisation_gains = ["3670-3679"]             # optional

[lines.driftbidrag]                            # lines are shown in the file's order
name = "Erhållna driftbidrag"
group = "income"
accounts = ["3500-3599"]
contributions = true                           # optional, income lines only
```

Every problem is collected and located: file, line and key path, and reported
in the file's order (errors before warnings), however late a check finds it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from finsam_budget.mapping import (
    DEFAULT_MAPPING,
    GROUPS,
    AccountMapping,
    AccountRange,
    MappingLine,
    ambiguous_overlaps,
    parse_range,
)
from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.toml_source import load_toml

TOP_KEYS = ("format", "kind", "accumulated_depreciation", "realisation_gains", "lines")
LINE_KEYS = ("name", "group", "accounts", "contributions")
_ID = re.compile(r"^[a-z0-9_-]+$")


def _key(path: tuple[str, ...]) -> str:
    """``("lines", "driftbidrag", "accounts", "0")`` → ``[lines.driftbidrag].accounts.0``."""
    if len(path) >= 2 and path[0] == "lines":
        rest = ".".join(path[2:])
        return f"[lines.{path[1]}]" + (f".{rest}" if rest else "")
    return ".".join(path)


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Errors before warnings, each by file and line; problems without a line last.

    The sort is stable, so two problems on one line keep the order they were found in.
    """
    return sorted(
        problems,
        key=lambda p: (p.severity != "error", p.file, p.line is None, p.line or 0),
    )


def load_mapping(path: str | Path) -> AccountMapping:
    """The mapping of a file; raise ``InputError`` with every problem found."""
    shown = str(path)
    data, source, problems = load_toml(Path(path), shown)
    if data is None or source is None:
        raise InputError(problems)

    def error(key: tuple[str, ...], message: str) -> None:
        problems.append(Problem(shown, message, key=_key(key), line=source.line_of(key)))

    for key in data:
        if key not in TOP_KEYS:
            error((key,), f"okänd nyckel (tillåtna: {', '.join(TOP_KEYS)})")
    if data.get("format") != 1:
        error(("format",), "väntade format = 1")
    if data.get("kind") != "mapping":
        error(("kind",), 'väntade kind = "mapping"')

    def ranges(value: Any, key: tuple[str, ...]) -> tuple[AccountRange, ...]:
        if not isinstance(value, list) or not value:
            error(key, 'väntade en lista med konton eller intervall, t.ex. ["3500-3599", "3911"]')
            return ()
        found = []
        for index, text in enumerate(value):
            try:
                found.append(parse_range(text))
            except ValueError as exc:
                error(key + (str(index),), str(exc))
        return tuple(found)

    depreciation = DEFAULT_MAPPING.accumulated_depreciation
    if "accumulated_depreciation" in data:
        depreciation = ranges(data["accumulated_depreciation"], ("accumulated_depreciation",))
    gains = ranges(data["realisation_gains"], ("realisation_gains",)) if "realisation_gains" in data else ()

    table = data.get("lines")
    lines: list[MappingLine] = []
    if not isinstance(table, dict) or not table:
        error(("lines",), "saknas: minst en rad [lines.<id>] med name, group och accounts behövs")
    else:
        for line_id, entry in table.items():
            key = ("lines", line_id)
            if not _ID.match(line_id):
                error(key, f'ogiltigt id "{line_id}": använd a–z, 0–9, _ och -')
            if not isinstance(entry, dict):
                error(key, "väntade en tabell med name, group och accounts")
                continue
            for name in entry:
                if name not in LINE_KEYS:
                    error(key + (name,), f"okänd nyckel (tillåtna: {', '.join(LINE_KEYS)})")
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                error(key + ("name",), "saknas: radens namn (text)")
                name = line_id
            group = entry.get("group")
            if group not in GROUPS:
                shown_group = (
                    f'"{group}"'
                    if isinstance(group, str)
                    else "inget värde"
                    if group is None
                    else repr(group)
                )
                error(key + ("group",), f"väntade en av {', '.join(GROUPS)}, fick {shown_group}")
            contributions = entry.get("contributions", False)
            if not isinstance(contributions, bool):
                error(key + ("contributions",), "väntade true eller false")
                contributions = False
            elif contributions and group != "income":
                error(key + ("contributions",), 'bara en rad i group = "income" kan vara driftbidrag')
            found = ranges(entry.get("accounts"), key + ("accounts",))
            if group in GROUPS and found:
                lines.append(MappingLine(line_id, name.strip(), group, found, contributions))
    for first, a, second, b in ambiguous_overlaps(tuple(lines)):
        error(
            ("lines", second.id, "accounts"),
            f'"{b}" överlappar "{a}" på raden {first.id} och är lika snävt; '
            "ett konto måste höra till en rad (gör det ena intervallet snävare)",
        )
    if problems:
        raise InputError(in_file_order(problems))
    return AccountMapping(shown, tuple(lines), depreciation, gains)
