"""A scenario written as an xlsx workbook: read into the same data a TOML file gives.

The workbook (``finsam-budget init --xlsx`` writes a template, ``convert`` a
scenario) has one sheet per part of the scenario. This module turns its cells
into the very dictionary ``tomllib`` would give for the same scenario, and
remembers the cell of every value (``XlsxSource``). The scenario reader then
checks it with the same typed fields and semantic checks as a TOML file, so a
mistake reads the same in both, located as ``fil.xlsx: Rader!F7: …``.

Layout (row 1 of each table sheet is its header row; empty rows are skipped,
other sheets are not read):

* **Förbund**: column A the item, column B its value (format, förbund, titel,
  första och sista året, budgetår, grundscenario, kolumnrubriker per år);
* **Medlemmar**: Id, Namn, Andel, Ta bort;
* **Rader**: Avsnitt, Id, Namn, Medlem, Uppgift, one column per year, Not,
  Konton, Objekt (``6: JOBB; 1: KANSLI``), Periodstart, Periodslut, Beviljat totalt,
  Budgetfaktor, Ta bort. The
  section ``Medlemsbidrag totalt`` is the members' total per year. ``Uppgift``
  says what the year columns hold: ``Belopp`` (or empty), ``Beviljat`` (granted
  per year) or ``Publicerat`` (the line's published totals);
* **Eget kapital**: Ingående eget kapital and Reserv per year, Överföring (carry);
* **Publicerat**: one row per ``[stated]`` key, one column per year;
* **Perioder**: Avsnitt, Id, År, Indelning (Kvartal/Månad), 1 … 12;
* **Likviditet**, **Taktabell**, **Justeringar**: ``[cash]``, ``[[equity_cap]]``, ``[[adjust]]``.
"""

from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from finsam_budget.model import SECTION_LABELS
from finsam_budget.problems import InputError, Problem, shown_value
from finsam_budget.readers.source_file import LIMITS, open_binary
from finsam_budget.readers.text_table import MAX_ROWS
from finsam_budget.readers.toml_keys import KeyPath
from finsam_budget.readers.xlsx_table import check_archive, formula_problems, require_defused_xml

FEDERATION, MEMBERS, LINES, EQUITY, STATED = "Förbund", "Medlemmar", "Rader", "Eget kapital", "Publicerat"
PERIODS, CASH, CAP, ADJUST = "Perioder", "Likviditet", "Taktabell", "Justeringar"
SHEETS = (FEDERATION, MEMBERS, LINES, EQUITY, STATED, PERIODS, CASH, CAP, ADJUST)

#: Förbund: label in column A → top-level key (years are built from the first and last year).
FIRST_YEAR, LAST_YEAR = "Första år", "Sista år"
FEDERATION_ROWS = (
    ("Format", "format"),
    ("Förbund", "federation"),
    ("Titel", "title"),
    (FIRST_YEAR, "years"),
    (LAST_YEAR, "years"),
    ("Budgetår", "budget_year"),
    ("Grundscenario (extends)", "extends"),
)
COLUMN_HEADING = "Kolumnrubrik "

MEMBER_COLUMNS = ("Id", "Namn", "Andel", "Ta bort")
MEMBER_KEYS = {"Namn": "name", "Andel": "share", "Ta bort": "remove"}

TOTAL_SECTION = "Medlemsbidrag totalt"
SECTION_NAMES = {label: section for section, label in SECTION_LABELS.items()} | {TOTAL_SECTION: "contributions"}
AMOUNTS, GRANTED, LINE_STATED = "Belopp", "Beviljat", "Publicerat"
WHAT = {AMOUNTS: "amounts", GRANTED: "granted", LINE_STATED: "stated"}
LINE_LEAD = ("Avsnitt", "Id", "Namn", "Medlem", "Uppgift")
LINE_TAIL = ("Not", "Konton", "Objekt", "Periodstart", "Periodslut", "Beviljat totalt", "Budgetfaktor", "Ta bort")
LINE_KEYS = {
    "Namn": "name", "Medlem": "member", "Not": "note", "Konton": "accounts", "Objekt": "objects",
    "Beviljat totalt": "granted", "Budgetfaktor": "budget_factor", "Ta bort": "remove",
}
#: Columns that only a line of one section may fill: heading → that section.
ONLY_IN = {"Medlem": "income", "Periodstart": "projects", "Periodslut": "projects",
           "Beviljat totalt": "projects", "Budgetfaktor": "projects"}
ONLY_IN_WHY = {"income": "en intäktsrad som är en medlems driftbidrag", "projects": "ett projekt"}

EQUITY_ROWS = (("Ingående eget kapital", "opening"), ("Reserv", "reserve"))
CARRY_ROW = "Överföring (carry)"
STATED_LEAD = ("Nyckel", "Summa")
PERIOD_LEAD = ("Avsnitt", "Id", "År", "Indelning")
DIVISIONS = {"Kvartal": ("quarters", 4), "Månad": ("months", 12)}
CASH_ROWS = (("Ingående kassa", "opening"), ("Medlemsbidrag betalas", "contributions"),
             ("Övriga intäkter betalas", "other_income"))
CAP_COLUMNS = ("Upp till", "Andel")
CAP_KEYS = {"Upp till": "up_to", "Andel": "share"}
ADJUST_COLUMNS = ("Mål", "Procent", "Från år", "Ränta på ränta", "Not")
ADJUST_KEYS = {"Mål": "target", "Procent": "percent", "Från år": "from", "Ränta på ränta": "compound", "Not": "note"}

MAX_COLUMNS = 60
_MONTHS = re.compile(r"[0-9]{1,2}(?:\s*,\s*[0-9]{1,2})*", re.ASCII)

Row = tuple[int, tuple[Any, ...]]


def cell_name(sheet: str, row: int, column: int) -> str:
    """``Rader!F7`` for row 7 (from 1) and column 5 (from 0)."""
    letters = ""
    number = column + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{sheet}!{letters}{row}"


class XlsxSource:
    """A scenario workbook's name and the cell of every value: problems are located ``Rader!F7``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cells: dict[KeyPath, str] = {}

    def place(self, path: KeyPath, sheet: str, row: int, column: int) -> None:
        self.cells.setdefault(tuple(path), cell_name(sheet, row, column))

    def cell_of(self, path: KeyPath) -> str | None:
        for length in range(len(path), -1, -1):
            found = self.cells.get(tuple(path[:length]))
            if found is not None:
                return found
        return None

    def problem(self, path: KeyPath, message: str, *, severity: str = "error") -> Problem:
        return Problem(self.name, message, key=self.cell_of(path), severity=severity)

    def entry_problem(self, table: str, index: int, key: str | None, shown: str, message: str) -> Problem:
        path: KeyPath = (table, str(index)) + ((key,) if key else ())
        return Problem(self.name, message, key=self.cell_of(path))


def load_scenario_xlsx(path: Path, shown: str) -> tuple[dict[str, Any] | None, XlsxSource | None, list[Problem]]:
    """Read a scenario workbook into TOML-shaped data; problems come back located by sheet and cell."""
    try:
        sheets = _read_sheets(path, shown)
    except InputError as exc:
        return None, None, exc.problems
    reader = _Reader(shown, sheets)
    data = reader.read()
    return data, reader.source, reader.problems


def _read_sheets(path: Path, shown: str) -> dict[str, list[Row]]:
    require_defused_xml(shown)
    with open_binary(path, shown, limit=LIMITS["xlsx"], what="en scenarioarbetsbok") as stream:
        check_archive(stream, shown)
        stream.seek(0)
        import openpyxl

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
                try:
                    raw = {ws.title: _rows(ws, shown) for ws in workbook.worksheets if ws.title in SHEETS}
                finally:
                    workbook.close()
                stream.seek(0)
                formulas = openpyxl.load_workbook(stream, read_only=True, data_only=False)
                try:
                    problems = [
                        problem
                        for title, rows in raw.items()
                        for problem in formula_problems(
                            formulas[title], rows, _formula_problem(shown, title), max_columns=MAX_COLUMNS
                        )
                    ]
                finally:
                    formulas.close()
                if problems:
                    raise InputError(problems)
                return {
                    title: [(number, tuple(_value(v) for v in values)) for number, values in rows]
                    for title, rows in raw.items()
                }
        except InputError:
            raise
        except Exception as exc:  # a damaged workbook: many kinds of exceptions, one meaning
            detail = (str(exc).splitlines() or [""])[0][:200]
            message = f"filen kunde inte läsas som xlsx-arbetsbok ({type(exc).__name__}: {detail})"
            raise InputError([Problem(shown, message)]) from exc


def _formula_problem(shown: str, sheet: str) -> Callable[[int, int, str], Problem]:
    def problem(row: int, column: int, message: str) -> Problem:
        return Problem(shown, f"cellen {message}", key=cell_name(sheet, row, column - 1))

    return problem


def _rows(sheet: Any, shown: str) -> list[Row]:
    """The sheet's rows with content, their cells as openpyxl gives them (``_value`` cleans them)."""
    rows: list[Row] = []
    cells = sheet.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
    for number, values in enumerate(cells, 1):
        if all(_value(v) is None for v in values):
            continue
        if number > MAX_ROWS:
            raise InputError([Problem(shown, f"bladet {sheet.title!r} har fler än {MAX_ROWS} rader")])
        rows.append((number, tuple(values)))
    return rows


def _value(value: Any) -> Any:
    """A cell's value as TOML would have it: a number with decimals becomes an exact decimal string."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        return format(Decimal(str(value)), "f")
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    return value


def _objects(text: str) -> dict[str, list[str]] | str:
    """``6: ENTER, JOBB; 1: KANSLI`` → ``{"6": ["ENTER", "JOBB"], "1": ["KANSLI"]}`` (else the text as written)."""
    found: dict[str, list[str]] = {}
    for part in text.split(";"):
        dim, colon, codes = part.partition(":")
        if not colon or not dim.strip():
            return text
        found[dim.strip()] = [code.strip() for code in codes.split(",") if code.strip()]
    return found


def _label(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) else (None if value is None else str(value))


class _Reader:
    def __init__(self, name: str, sheets: dict[str, list[Row]]) -> None:
        self.source = XlsxSource(name)
        self.sheets = sheets
        self.problems: list[Problem] = []
        self.data: dict[str, Any] = {}

    def error(self, sheet: str, row: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.source.name, message, key=cell_name(sheet, row, column)))

    def read(self) -> dict[str, Any]:
        self.source.cells[()] = f"{FEDERATION}!A1"
        self.federation()
        self.members()
        self.lines()
        self.periods()
        self.equity()
        self.stated()
        self.cash()
        self.listed(CAP, CAP_COLUMNS, CAP_KEYS, "equity_cap")
        self.listed(ADJUST, ADJUST_COLUMNS, ADJUST_KEYS, "adjust")
        return self.data

    # -- the sheets ---------------------------------------------------------------
    def header(self, sheet: str, expected: tuple[str, ...]) -> tuple[dict[str, int], dict[int, int], list[Row]]:
        """The columns of a table sheet by their heading (and the year columns), and its other rows."""
        rows = self.sheets.get(sheet, [])
        if not rows:
            return {}, {}, []
        number, values = rows[0]
        columns: dict[str, int] = {}
        years: dict[int, int] = {}
        for index, value in enumerate(values):
            text = _label(value)
            if text is None:
                continue
            if re.fullmatch(r"[0-9]{4}", text):
                years[index] = int(text)
            else:
                columns.setdefault(text, index)
        missing = [name for name in expected if name not in columns]
        if missing:
            self.error(sheet, number, 0, f"rubrikraden saknar kolumnen {', '.join(missing)} "
                                         f"(väntade {', '.join(expected)})")
        return columns, years, rows[1:]

    def labelled(self, sheet: str) -> dict[str, tuple[int, Any]]:
        """A sheet of label (column A) and value (column B) rows."""
        found: dict[str, tuple[int, Any]] = {}
        for number, values in self.sheets.get(sheet, [])[1:]:
            label = _label(values[0]) if values else None
            if label is not None:
                found[label] = (number, values[1] if len(values) > 1 else None)
        return found

    def federation(self) -> None:
        rows = self.labelled(FEDERATION)
        known = {label for label, _ in FEDERATION_ROWS}
        for label, key in FEDERATION_ROWS:
            if label in rows:
                self.source.place((key,), FEDERATION, rows[label][0], 1)
        first, last = rows.get(FIRST_YEAR, (0, None)), rows.get(LAST_YEAR, (0, None))
        for label, key in FEDERATION_ROWS:
            if key != "years" and label in rows and rows[label][1] is not None:
                self.data[key] = rows[label][1]
        if first[1] is not None or last[1] is not None:
            if first[1] is None or last[1] is None:
                number, label = (first[0], FIRST_YEAR) if first[1] is None else (last[0], LAST_YEAR)
                self.error(FEDERATION, number, 1, f"saknas: {label.lower()} behövs när det andra året anges")
            elif isinstance(first[1], int) and isinstance(last[1], int) and 0 <= last[1] - first[1] < 200:
                self.data["years"] = list(range(first[1], last[1] + 1))
            else:
                self.data["years"] = [first[1], last[1]]
        for label, (number, value) in rows.items():
            if label.startswith(COLUMN_HEADING):
                year = label.removeprefix(COLUMN_HEADING).strip()
                self.source.place(("columns", year), FEDERATION, number, 1)
                if value is not None:
                    self.data.setdefault("columns", {})[year] = value
            elif label not in known:
                self.error(FEDERATION, number, 0, f"okänd uppgift {shown_value(label)} (väntade "
                                                  + ", ".join(known) + " eller Kolumnrubrik ÅÅÅÅ)")

    def members(self) -> None:
        columns, _, rows = self.header(MEMBERS, MEMBER_COLUMNS[:3])
        share = columns.get("Andel")
        if rows and share is not None:
            # A problem of the members as a whole (their shares' sum) points at the share column.
            start, end = cell_name(MEMBERS, rows[0][0], share), cell_name(MEMBERS, rows[-1][0], share)
            self.source.cells.setdefault(("members",), start if start == end else f"{start}:{end.split('!')[1]}")
        if MEMBERS in self.sheets:
            self.source.place(("members",), MEMBERS, 1, 0)
        if "Id" not in columns:
            return
        table = self.data.setdefault("members", {})
        for number, values in rows:
            member_id = self.row_id(MEMBERS, number, values, columns["Id"], "medlemmens id")
            if member_id is None:
                continue
            if member_id in table:
                self.error(MEMBERS, number, columns["Id"], f"medlemmen {member_id} anges två gånger")
                continue
            entry: dict[str, Any] = {}
            table[member_id] = entry
            self.source.place(("members", member_id), MEMBERS, number, columns["Id"])
            self.fill(entry, ("members", member_id), MEMBERS, number, values, columns, MEMBER_KEYS)

    def row_id(self, sheet: str, number: int, values: tuple[Any, ...], column: int, what: str) -> str | None:
        value = _label(values[column]) if column < len(values) else None
        if value is None:
            self.error(sheet, number, column, f"saknas: {what} (a–z, 0–9, _ och -)")
        return value

    def fill(self, entry: dict[str, Any], path: KeyPath, sheet: str, number: int, values: tuple[Any, ...],
             columns: dict[str, int], keys: dict[str, str]) -> None:
        for heading, key in keys.items():
            column = columns.get(heading)
            if column is None:
                continue
            self.source.place(path + (key,), sheet, number, column)
            value = values[column] if column < len(values) else None
            if value is not None:
                entry[key] = value

    def year_values(self, path: KeyPath, sheet: str, number: int, values: tuple[Any, ...],
                    years: dict[int, int]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for column, year in years.items():
            self.source.place(path + (str(year),), sheet, number, column)
            if column < len(values) and values[column] is not None:
                found[str(year)] = values[column]
        return found

    def lines(self) -> None:
        columns, years, rows = self.header(LINES, LINE_LEAD[:2])
        if "Avsnitt" not in columns or "Id" not in columns:
            return
        seen: dict[tuple[str, str, str], int] = {}
        for number, values in rows:
            label = _label(values[columns["Avsnitt"]]) if columns["Avsnitt"] < len(values) else None
            section = SECTION_NAMES.get(label or "") or (label if label in SECTION_LABELS else None)
            if section is None:
                listed = ", ".join(f'"{name}"' for name in SECTION_NAMES)
                found = "inget" if label is None else shown_value(label)
                self.error(LINES, number, columns["Avsnitt"], f"väntade avsnittet {listed}, fick {found}")
                continue
            if section == "contributions":
                self.source.place(("contributions",), LINES, number, columns["Avsnitt"])
                total = self.year_values(("contributions", "total"), LINES, number, values, years)
                self.data.setdefault("contributions", {})["total"] = total
                continue
            line_id = self.row_id(LINES, number, values, columns["Id"], "radens id")
            if line_id is None:
                continue
            what_column = columns.get("Uppgift")
            what_label = _label(values[what_column]) if what_column is not None and what_column < len(values) else None
            what = WHAT.get(what_label or AMOUNTS)
            if what is None:
                self.error(LINES, number, what_column or 0,
                           f'väntade "{AMOUNTS}", "{GRANTED}" eller "{LINE_STATED}", fick {shown_value(what_label)}')
                continue
            key = (section, line_id, what)
            if key in seen:
                shown = f"{section}.{line_id} ({what_label or AMOUNTS})"
                self.error(LINES, number, columns["Id"], f"raden {shown} anges två gånger (också rad {seen[key]})")
                continue
            seen[key] = number
            path = (section, line_id)
            entry = self.data.setdefault(section, {}).setdefault(line_id, {})
            self.source.place(path, LINES, number, columns["Id"])
            amounts = self.year_values(path + (what,), LINES, number, values, years)
            if what != "amounts":
                if amounts:
                    entry[what] = amounts
                continue
            values = self.only_in(section, number, values, columns)
            self.fill(entry, path, LINES, number, values, columns, LINE_KEYS)
            if amounts:
                entry["amounts"] = amounts
            self.line_extras(entry, path, number, values, columns)

    def only_in(self, section: str, number: int, values: tuple[Any, ...], columns: dict[str, int]) -> tuple[Any, ...]:
        """The row without the cells its section may not fill, each an error in the workbook's own words."""
        cleared = list(values)
        for heading, allowed in ONLY_IN.items():
            column = columns.get(heading)
            if column is None or column >= len(values) or values[column] is None or section == allowed:
                continue
            self.error(LINES, number, column,
                       f"kolumnen {heading} fylls bara i för {ONLY_IN_WHY[allowed]} (avsnittet "
                       f"{SECTION_LABELS[allowed]}), inte på en rad i {SECTION_LABELS[section]}; töm cellen")
            cleared[column] = None
        return tuple(cleared)

    def line_extras(self, entry: dict[str, Any], path: KeyPath, number: int, values: tuple[Any, ...],
                    columns: dict[str, int]) -> None:
        accounts = entry.get("accounts")
        if isinstance(accounts, (str, int)):
            entry["accounts"] = [part.strip() for part in str(accounts).split(",") if part.strip()]
        objects = entry.get("objects")
        if isinstance(objects, (str, int)):
            entry["objects"] = _objects(str(objects))
        period = {}
        for heading, key in (("Periodstart", "start"), ("Periodslut", "end")):
            column = columns.get(heading)
            if column is None:
                continue
            self.source.place(path + ("period", key), LINES, number, column)
            value = values[column] if column < len(values) else None
            if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
                with contextlib.suppress(ValueError):
                    value = date.fromisoformat(value.strip())
            if value is not None:
                period[key] = value
        if period:
            entry["period"] = period

    def periods(self) -> None:
        columns, _, rows = self.header(PERIODS, PERIOD_LEAD)
        if any(name not in columns for name in PERIOD_LEAD):
            return
        numbers = {}
        for index, value in enumerate(self.sheets[PERIODS][0][1]):
            if isinstance(value, int) and 1 <= value <= 12:
                numbers[value] = index
        for number, values in rows:
            label = _label(values[columns["Avsnitt"]]) if columns["Avsnitt"] < len(values) else None
            section = SECTION_NAMES.get(label or "") or (label if label in SECTION_LABELS else None)
            if section is None or section == "contributions":
                self.error(PERIODS, number, columns["Avsnitt"],
                           f"väntade ett avsnitt med rader ({', '.join(SECTION_LABELS.values())}), fick "
                           + ("inget" if label is None else shown_value(label)))
                continue
            line_id = self.row_id(PERIODS, number, values, columns["Id"], "radens id")
            division = _label(values[columns["Indelning"]]) if columns["Indelning"] < len(values) else None
            if division not in DIVISIONS:
                found = "inget" if division is None else shown_value(division)
                self.error(PERIODS, number, columns["Indelning"], f'väntade "Kvartal" eller "Månad", fick {found}')
                continue
            year = values[columns["År"]] if columns["År"] < len(values) else None
            if line_id is None:
                continue
            key, count = DIVISIONS[division]
            year_key = str(year)
            path = (section, line_id, key, year_key)
            self.source.place(path, PERIODS, number, columns["År"])
            parts = []
            for part in range(1, count + 1):
                column = numbers.get(part)
                value = values[column] if column is not None and column < len(values) else None
                parts.append(0 if value is None else value)
            entry = self.data.setdefault(section, {}).setdefault(line_id, {})
            self.source.cells.setdefault((section, line_id), f"{PERIODS}!B{number}")
            entry.setdefault(key, {})[year_key] = parts

    def equity(self) -> None:
        _, years, rows = self.header(EQUITY, ("Uppgift",))
        if EQUITY not in self.sheets:
            return
        self.source.place(("equity",), EQUITY, 1, 0)
        table: dict[str, Any] = {}
        labels = dict(EQUITY_ROWS)
        for number, values in rows:
            label = _label(values[0]) if values else None
            if label in labels:
                self.source.place(("equity", labels[label]), EQUITY, number, 0)
                amounts = self.year_values(("equity", labels[label]), EQUITY, number, values, years)
                if amounts:
                    table[labels[label]] = amounts
            elif label == CARRY_ROW:
                self.source.place(("equity", "carry"), EQUITY, number, 1)
                if len(values) > 1 and values[1] is not None:
                    table["carry"] = values[1]
            elif label is not None:
                self.error(EQUITY, number, 0, f"okänd uppgift {shown_value(label)} (väntade "
                                              + ", ".join([*labels, CARRY_ROW]) + ")")
        if table:
            self.data["equity"] = table

    def stated(self) -> None:
        columns, years, rows = self.header(STATED, STATED_LEAD[:1])
        if "Nyckel" not in columns:
            return
        self.source.place(("stated",), STATED, 1, 0)
        for number, values in rows:
            key = _label(values[columns["Nyckel"]]) if columns["Nyckel"] < len(values) else None
            if key is None:
                continue
            self.source.place(("stated", key), STATED, number, columns["Nyckel"])
            amounts = self.year_values(("stated", key), STATED, number, values, years)
            if amounts:
                self.data.setdefault("stated", {})[key] = amounts

    def cash(self) -> None:
        rows = self.labelled(CASH)
        labels = dict(CASH_ROWS)
        table: dict[str, Any] = {}
        for label, (number, value) in rows.items():
            if label not in labels:
                self.error(CASH, number, 0, f"okänd uppgift {shown_value(label)} (väntade {', '.join(labels)})")
                continue
            self.source.place(("cash", labels[label]), CASH, number, 1)
            if isinstance(value, str) and _MONTHS.fullmatch(value.strip()):
                value = [int(month) for month in value.split(",")]
            elif isinstance(value, int) and labels[label] != "opening":
                value = [value]
            if value is not None:
                table[labels[label]] = value
        if table:
            self.source.place(("cash",), CASH, rows[next(iter(rows))][0], 0)
            self.data["cash"] = table

    def listed(self, sheet: str, expected: tuple[str, ...], keys: dict[str, str], name: str) -> None:
        columns, _, rows = self.header(sheet, expected)
        entries: list[dict[str, Any]] = []
        for number, values in rows:
            entry: dict[str, Any] = {}
            path = (name, str(len(entries)))
            self.source.place(path, sheet, number, 0)
            self.fill(entry, path, sheet, number, values, columns, keys)
            entries.append(entry)
        if entries:
            self.data[name] = entries
            self.source.place((name,), sheet, rows[0][0], 0)
