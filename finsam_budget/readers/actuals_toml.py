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
import tomllib
from decimal import Decimal
from pathlib import Path

from finsam_budget.actuals import Actuals, explain_line_id, is_line_id
from finsam_budget.money import AmountError, parse_amount
from finsam_budget.problems import InputError, Problem, shown_value
from finsam_budget.readers.text_table import read_limited

TOP_KEYS = ("format", "kind", "year", "through", "amounts", "forecast", "balances")
BALANCE_KEYS = ("closing_equity", "cash")
FIRST_YEAR, LAST_YEAR = 1990, 2200

_THROUGH = re.compile(r"^(\d{4})-(\d{2})$")
_PARSER_LOCATION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def read_actuals_toml(path: Path, file: str, year: int | None = None) -> Actuals:
    """Read and check a TOML actuals file; raises InputError with every problem found."""
    doc = _load(path, file)
    problems: list[Problem] = []

    def problem(key: str | None, message: str) -> None:
        problems.append(Problem(file, message, key=key))

    if not doc:
        raise InputError(
            [
                Problem(
                    file,
                    'filen är tom; en utfallsfil börjar med format = 1, kind = "actuals" och year',
                )
            ]
        )
    if "kind" not in doc and ("years" in doc or "budget_year" in doc):
        raise InputError(
            [
                Problem(
                    file,
                    'filen ser ut som ett scenario, inte en utfallsfil (kind = "actuals" saknas)',
                )
            ]
        )

    for key in doc:
        if key not in TOP_KEYS:
            problem(
                key,
                "okänd nyckel; en utfallsfil har format, kind, year, through, [amounts], [forecast] och [balances]",
            )
    _check_format(doc, problem)
    _check_kind(doc, problem)
    file_year = _year(doc, problem)
    if year is not None and file_year is not None and year != file_year:
        problem("year", f"filen gäller år {file_year}, men år {year} angavs")
    through = _through(doc, file_year, problem)

    if "amounts" not in doc:
        problem(
            "amounts", 'tabellen [amounts] saknas; skriv t.ex. [amounts] och "income.fk" = 3340000'
        )
    amounts = _line_amounts(doc.get("amounts", {}), "amounts", problem)
    forecast = _line_amounts(doc.get("forecast", {}), "forecast", problem)
    balances = _balances(doc.get("balances", {}), problem)

    actuals = Actuals(
        source=file,
        year=file_year,
        through=through,
        amounts=amounts,
        forecast=forecast,
        closing_equity=balances.get("closing_equity"),
        cash=balances.get("cash"),
        rows={line_id: None for line_id in amounts},
    )
    if problems:
        # What could be read goes along, so that its line ids can be checked against
        # the scenario too: every problem of the file is then reported in one pass.
        raise InputError(problems, partial=actuals)
    return actuals


def _load(path: Path, file: str) -> dict:
    data = read_limited(path, file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            [Problem(file, "filen är inte UTF-8; spara den som UTF-8", line=line)]
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _PARSER_LOCATION.search(message)
        line = int(found.group(1)) if found else None
        if found:
            message = f"{message[: found.start()]}, kolumn {found.group(2)}"
        raise InputError(
            [Problem(file, f"filen är inte giltig TOML: {message}", line=line)]
        ) from None


def _check_format(doc: dict, problem) -> None:
    if "format" not in doc:
        problem("format", "nyckeln saknas; skriv format = 1")
    elif type(doc["format"]) is not int or doc["format"] != 1:
        problem("format", f"väntade formatversion 1 (ett heltal), fick {shown_value(doc['format'])}")


def _check_kind(doc: dict, problem) -> None:
    if "kind" not in doc:
        problem("kind", 'nyckeln saknas; skriv kind = "actuals"')
    elif doc["kind"] != "actuals":
        problem("kind", f'väntade "actuals", fick {shown_value(doc["kind"])}')


def _year(doc: dict, problem) -> int | None:
    if "year" not in doc:
        problem("year", "nyckeln saknas; skriv året som utfallet gäller, t.ex. year = 2020")
        return None
    value = doc["year"]
    if type(value) is not int or not FIRST_YEAR <= value <= LAST_YEAR:
        problem("year", f"väntade ett årtal som heltal, t.ex. 2020, fick {shown_value(value)}")
        return None
    return value


def _through(doc: dict, file_year: int | None, problem) -> tuple[int, int] | None:
    if "through" not in doc:
        return None
    value = doc["through"]
    expected = 'väntade år och månad som sträng, t.ex. through = "2020-08"'
    found = _THROUGH.match(value) if isinstance(value, str) else None
    if not found:
        problem("through", f"{expected}, fick {shown_value(value)}")
        return None
    year, month = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12:
        problem("through", f"månaden måste vara 01–12, fick {shown_value(value)}")
        return None
    if file_year is not None and year != file_year:
        problem("through", f"{shown_value(value)} ligger inte i år {file_year} (year)")
        return None
    return (year, month)


def _line_amounts(table: object, name: str, problem) -> dict[str, Decimal]:
    """``[amounts]`` or ``[forecast]``: amount per line id, in file order."""
    if not isinstance(table, dict):
        problem(
            name,
            f'väntade en tabell [{name}] med ett belopp per rad, t.ex. "income.fk" = 3340000, fick {shown_value(table)}',
        )
        return {}
    amounts: dict[str, Decimal] = {}
    written_as: dict[str, str] = {}
    for line_id, key_path, value in _entries(table, name):
        if not is_line_id(line_id):
            problem(key_path, explain_line_id(line_id))
            continue
        if line_id in written_as:
            problem(key_path, f"raden {line_id} står redan som {written_as[line_id]}")
            continue
        written_as[line_id] = key_path
        try:
            amounts[line_id] = parse_amount(value)
        except AmountError as exc:
            problem(key_path, str(exc))
    return amounts


def _entries(table: dict, name: str):
    """(line id, key path, value) for ``"income.fk" = …`` and for ``income.fk = …``."""
    for key, value in table.items():
        if isinstance(value, dict) and value and "." not in key:
            for sub, sub_value in value.items():
                yield f"{key}.{sub}", f"[{name}].{_key(key)}.{_key(sub)}", sub_value
        else:
            yield key, f"[{name}].{_key(key)}", value


def _balances(table: object, problem) -> dict[str, Decimal]:
    if not isinstance(table, dict):
        problem(
            "balances",
            f"väntade en tabell [balances] med closing_equity och cash, fick {shown_value(table)}",
        )
        return {}
    balances: dict[str, Decimal] = {}
    for key, value in table.items():
        key_path = f"[balances].{_key(key)}"
        if key not in BALANCE_KEYS:
            problem(
                key_path,
                "okänd nyckel; [balances] har closing_equity (utgående eget kapital) och cash (likvida medel)",
            )
            continue
        try:
            balances[key] = parse_amount(value)
        except AmountError as exc:
            problem(key_path, str(exc))
    return balances


def _key(key: str) -> str:
    """A key as TOML would write it: bare when it can be, else quoted."""
    if _BARE_KEY.match(key):
        return key
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'
