"""Reading a rules file: the equity-cap table, replacing the scenario's own.

```toml
format = 1
kind = "rules"
[[equity_cap]]
up_to = 5000000
share = "25%"
[[equity_cap]]
share = "20%"
```
"""

from __future__ import annotations

from pathlib import Path

from finsam_budget.model import CapBand
from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.scenario import parse_cap_bands
from finsam_budget.readers.toml_source import key_path, load_toml


def load_rules(path: str | Path) -> tuple[CapBand, ...]:
    """The cap bands of a rules file; raise ``InputError`` with every problem."""
    shown = str(path)
    data, source, problems = load_toml(Path(path), shown)
    if data is None or source is None:
        raise InputError(problems)

    def error(key: tuple[str, ...], message: str) -> None:
        problems.append(Problem(shown, message, key=key_path(key), line=source.line_of(key)))

    for key in data:
        if key not in ("format", "kind", "equity_cap"):
            error((key,), "okänd nyckel (tillåtna: equity_cap, format, kind)")
    if data.get("format") != 1:
        error(("format",), "väntade format = 1")
    if data.get("kind") != "rules":
        error(("kind",), 'väntade kind = "rules"')
    if "equity_cap" not in data:
        error(("equity_cap",), "saknas: minst ett [[equity_cap]]-band behövs")
        raise InputError(problems)
    bands = parse_cap_bands(data["equity_cap"], ("equity_cap",), error)
    if problems:
        raise InputError(problems)
    return bands
