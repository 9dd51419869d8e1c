"""Reading a mapping file: statement lines by account ranges, replacing the default mapping.

```toml
format = 1
kind = "mapping"
accumulated_depreciation = ["1229", "1239"]   # optional (default: xx8–xx9 in 100–139)
realisation_gains = ["3670-3679"]             # optional
member_contributions = ["3500-3589"]          # optional (default: 3500-3589), the equity cap's base

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
from finsam_budget.readers.toml_fields import Fields, file_fields
from finsam_budget.readers.toml_source import load_toml

TOP_KEYS = ("format", "kind", "accumulated_depreciation", "realisation_gains", "member_contributions", "lines")
LINE_KEYS = ("name", "group", "accounts", "contributions")
RANGES_EXPECTED = 'en lista med konton eller intervall som strängar, t.ex. ["3500-3599", "3911"]'


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Errors before warnings, each by file and line; problems without a line last.

    The sort is stable, so two problems on one line keep the order they were found in.
    """
    return sorted(
        problems,
        key=lambda p: (p.severity != "error", p.file, p.line is None, p.line or 0),
    )


def _ranges(fields: Fields, value: Any, key: tuple[str, ...]) -> tuple[AccountRange, ...]:
    found = []
    for index, text in enumerate(fields.strings(value, key, expected=RANGES_EXPECTED) or ()):
        try:
            found.append(parse_range(text))
        except ValueError as exc:
            fields.error(key + (str(index),), str(exc))
    return tuple(found)


def _line(fields: Fields, line_id: str, entry: Any) -> MappingLine | None:
    key = ("lines", line_id)
    fields.identifier(line_id, key)
    if not isinstance(entry, dict):
        fields.error(key, "väntade en tabell med name, group och accounts")
        return None
    fields.unknown_keys(entry, LINE_KEYS, key)
    name = fields.text(entry.get("name"), key + ("name",), required=True) or line_id
    group = fields.choice(entry.get("group"), key + ("group",), GROUPS)
    contributions = fields.boolean(entry.get("contributions"), key + ("contributions",))
    if contributions and group is not None and group != "income":
        fields.error(key + ("contributions",), 'bara en rad i group = "income" kan vara driftbidrag')
        contributions = False
    found = _ranges(fields, entry.get("accounts"), key + ("accounts",))
    if group is None or not found:
        return None
    return MappingLine(line_id, name.strip(), group, found, contributions)


def load_mapping(path: str | Path) -> AccountMapping:
    """The mapping of a file; raise ``InputError`` with every problem found."""
    shown = str(path)
    data, source, problems = load_toml(Path(path), shown, kind="mapping")
    if data is None or source is None:
        raise InputError(problems)
    fields = file_fields(source, problems)
    fields.unknown_keys(data, TOP_KEYS, ())
    fields.format_and_kind(data, "mapping")

    depreciation = DEFAULT_MAPPING.accumulated_depreciation
    if "accumulated_depreciation" in data:
        depreciation = _ranges(fields, data["accumulated_depreciation"], ("accumulated_depreciation",))
    gains: tuple[AccountRange, ...] = ()
    if "realisation_gains" in data:
        gains = _ranges(fields, data["realisation_gains"], ("realisation_gains",))
    members = DEFAULT_MAPPING.member_contributions
    if "member_contributions" in data:
        members = _ranges(fields, data["member_contributions"], ("member_contributions",))

    table = data.get("lines")
    lines: list[MappingLine] = []
    if not isinstance(table, dict) or not table:
        fields.error(("lines",), "saknas: minst en rad [lines.<id>] med name, group och accounts behövs")
    else:
        for line_id, entry in table.items():
            line = _line(fields, line_id, entry)
            if line is not None:
                lines.append(line)
    for first, a, second, b in ambiguous_overlaps(tuple(lines)):
        fields.error(
            ("lines", second.id, "accounts"),
            f'"{b}" överlappar "{a}" på raden {first.id} och är lika snävt; '
            "ett konto måste höra till en rad (gör det ena intervallet snävare)",
        )
    if problems:
        raise InputError(in_file_order(problems))
    return AccountMapping(shown, tuple(lines), depreciation, gains, members)
