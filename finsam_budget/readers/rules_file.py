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
from finsam_budget.problems import InputError
from finsam_budget.readers.scenario import parse_cap_bands
from finsam_budget.readers.toml_fields import file_fields
from finsam_budget.readers.toml_source import load_toml

TOP_KEYS = ("format", "kind", "equity_cap")


def load_rules(path: str | Path) -> tuple[CapBand, ...]:
    """The cap bands of a rules file; raise ``InputError`` with every problem."""
    data, source, problems = load_toml(Path(path), str(path), kind="rules")
    if data is None or source is None:
        raise InputError(problems)
    fields = file_fields(source, problems)
    fields.unknown_keys(data, TOP_KEYS, ())
    fields.format_and_kind(data, "rules")
    if "equity_cap" not in data:
        fields.error(("equity_cap",), "saknas: minst ett [[equity_cap]]-band behövs")
        raise InputError(problems)
    bands = parse_cap_bands(data["equity_cap"], ("equity_cap",), fields)
    if problems:
        raise InputError(problems)
    return bands
