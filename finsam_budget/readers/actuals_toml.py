"""Actuals from a TOML file (format 1, ``kind = "actuals"``).

    format = 1
    kind = "actuals"
    year = 2020
    through = "2020-08"            # optional: actuals to the end of August
    [amounts]
    "income.fk" = 3340000
    "admin.kansli" = "1399148.50"
    [forecast]                     # optional: prognos helår, same keys
    [balances]                     # optional
    closing_equity = 1828177
    cash = 2100000

A line id may also be written unquoted (``income.fk = 3340000``); TOML then makes
it a nested table, which means the same line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from finsam_budget.actuals import Actuals, explain_line_id, is_line_id
from finsam_budget.problems import InputError, Problem, key_path, shown_value
from finsam_budget.readers.toml_fields import Fields, file_fields
from finsam_budget.readers.toml_source import load_toml

TOP_KEYS = ("format", "kind", "year", "through", "amounts", "forecast", "balances")
BALANCE_KEYS = ("closing_equity", "cash")
FIRST_YEAR, LAST_YEAR = 1990, 2200

_THROUGH = re.compile(r"([0-9]{4})-([0-9]{2})", re.ASCII)

KeyPath = tuple[str, ...]


def read_actuals_toml(path: Path, file: str, year: int | None = None) -> Actuals:
    """Read and check a TOML actuals file; raises InputError with every problem found."""
    doc, source, problems = load_toml(path, file, kind="actuals")
    if doc is None or source is None:
        raise InputError(problems)
    if not doc:
        raise InputError(
            [Problem(file, 'filen är tom; en utfallsfil börjar med format = 1, kind = "actuals" och year')]
        )
    if "kind" not in doc and ("years" in doc or "budget_year" in doc):
        raise InputError(
            [Problem(file, 'filen ser ut som ett scenario, inte en utfallsfil (kind = "actuals" saknas)')]
        )
    fields = file_fields(source, problems)
    fields.unknown_keys(doc, TOP_KEYS, ())
    fields.format_and_kind(doc, "actuals")
    file_year = None
    if "year" not in doc:
        fields.error(("year",), "saknas (väntade året som utfallet gäller, t.ex. year = 2020)")
    else:
        file_year = fields.year(doc["year"], ("year",), example=2020, earliest=FIRST_YEAR, latest=LAST_YEAR)
    if year is not None and file_year is not None and year != file_year:
        fields.error(("year",), f"filen gäller år {file_year}, men år {year} angavs")
    through = _through(doc, file_year, fields)

    if "amounts" not in doc:
        fields.error(("amounts",), 'saknas (väntade en tabell [amounts], t.ex. [amounts] och "income.fk" = 3340000)')
    keys: dict[tuple[str, str], KeyPath] = {}
    amounts = _line_amounts(doc.get("amounts", {}), "amounts", fields, keys)
    forecast = _line_amounts(doc.get("forecast", {}), "forecast", fields, keys)
    balances = _balances(doc.get("balances", {}), fields)

    actuals = Actuals(
        source=file,
        year=file_year,
        through=through,
        amounts=amounts,
        forecast=forecast,
        closing_equity=balances.get("closing_equity"),
        cash=balances.get("cash"),
        rows={line_id: None for line_id in amounts},
        lines={place: line for place, key in keys.items() if (line := source.line_of(key)) is not None},
    )
    if problems:
        # What could be read goes along, so that its line ids can be checked against
        # the scenario too: every problem of the file is then reported in one pass.
        raise InputError(problems, partial=actuals)
    return actuals


def _through(doc: dict[str, Any], file_year: int | None, fields: Fields) -> tuple[int, int] | None:
    if "through" not in doc:
        return None
    value = doc["through"]
    expected = 'väntade år och månad som sträng, t.ex. through = "2020-08"'
    found = _THROUGH.fullmatch(value) if isinstance(value, str) else None
    if not found:
        fields.error(("through",), f"{expected}, fick {shown_value(value)}")
        return None
    year, month = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12:
        fields.error(("through",), f"månaden måste vara 01–12, fick {shown_value(value)}")
        return None
    if file_year is not None and year != file_year:
        fields.error(("through",), f"{shown_value(value)} ligger inte i år {file_year} (year)")
        return None
    return (year, month)


def _line_amounts(
    table: object, name: str, fields: Fields, keys: dict[tuple[str, str], KeyPath]
) -> dict[str, Decimal]:
    """``[amounts]`` or ``[forecast]``: amount per line id, in file order; ``keys`` gets each
    line id's key path under (``name``, line id)."""
    if not isinstance(table, dict):
        fields.error(
            (name,),
            f'väntade en tabell [{name}] med ett belopp per rad, t.ex. "income.fk" = 3340000, '
            f"fick {shown_value(table)}",
        )
        return {}
    amounts: dict[str, Decimal] = {}
    written_as: dict[str, KeyPath] = {}
    for line_id, key, value in _entries(table, name):
        if not is_line_id(line_id):
            fields.error(key, explain_line_id(line_id))
            continue
        if line_id in written_as:
            fields.error(key, f"raden {line_id} står redan som {key_path(written_as[line_id])}")
            continue
        written_as[line_id] = key
        keys[(name, line_id)] = key
        amount = fields.amount(value, key, required=True)
        if amount is not None:
            amounts[line_id] = amount
    return amounts


def _entries(table: dict[str, Any], name: str) -> Iterator[tuple[str, KeyPath, object]]:
    """(line id, key path, value) for ``"income.fk" = …`` and for ``income.fk = …``."""
    for key, value in table.items():
        if isinstance(value, dict) and value and "." not in key:
            for sub, sub_value in value.items():
                yield f"{key}.{sub}", (name, key, sub), sub_value
        else:
            yield key, (name, key), value


def _balances(table: object, fields: Fields) -> dict[str, Decimal]:
    if not isinstance(table, dict):
        fields.error(
            ("balances",),
            f"väntade en tabell [balances] med closing_equity och cash, fick {shown_value(table)}",
        )
        return {}
    fields.unknown_keys(table, BALANCE_KEYS, ("balances",))
    balances: dict[str, Decimal] = {}
    for key in BALANCE_KEYS:
        amount = fields.amount(table.get(key), ("balances", key))
        if amount is not None:
            balances[key] = amount
    return balances
