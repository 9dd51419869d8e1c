"""A scenario's data written as an xlsx workbook: the template of ``init --xlsx`` and ``convert``.

The layout is the one ``readers/scenario_xlsx.py`` reads (its module docstring
describes it), so data → workbook → data keeps every value. Input cells are
light yellow, headings bold and frozen, and every sheet has empty input rows to
fill in; lists of choices (sections, what the year columns hold, carry,
quarter or month) are data validation lists, and amount cells refuse text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from finsam_budget.model import SECTION_LABELS, STATED_LABELS
from finsam_budget.readers.scenario_xlsx import (
    ADJUST,
    ADJUST_COLUMNS,
    ADJUST_KEYS,
    AMOUNTS,
    CAP,
    CAP_COLUMNS,
    CAP_KEYS,
    CARRY_ROW,
    CASH,
    CASH_ROWS,
    COLUMN_HEADING,
    DIVISIONS,
    EQUITY,
    EQUITY_ROWS,
    FEDERATION,
    FIRST_YEAR,
    GRANTED,
    LAST_YEAR,
    LINE_LEAD,
    LINE_STATED,
    LINE_TAIL,
    LINES,
    MEMBER_COLUMNS,
    MEMBERS,
    PERIOD_LEAD,
    PERIODS,
    STATED,
    STATED_LEAD,
    TOTAL_SECTION,
)
from finsam_budget.writers.xlsx_common import excel_number, write_workbook

#: Empty input rows below the filled ones on each table sheet.
SPARE_ROWS = 20
INPUT = "#FFF2CC"
_FEDERATION_HELP = {
    "Format": "Filformatet; låt stå 1.",
    "Förbund": "Förbundets namn, t.ex. Samordningsförbundet Södra Vätterbygden.",
    "Titel": "Visas på varje blad, t.ex. Budgetplan 2025.",
    FIRST_YEAR: "Planens första år: jämförelsekolumnen (förra årets budget).",
    LAST_YEAR: "Planens sista år; åren däremellan får en kolumn var på bladen Rader och Eget kapital.",
    "Budgetår": "Året som beslutas.",
    "Grundscenario (extends)": "Valfritt: en scenariofil som detta utgår från (sökväg relativt denna fil).",
}
_LINE_HELP = (
    "Avsnitt: Medlemsbidrag totalt (delas efter andelarna), Intäkter, Administration, Utvecklingsinsatser, "
    "Projekt. Id: a–z, 0–9, _ och -. Medlem: medlemmens id på en intäktsrad som är dess driftbidrag. "
    "Uppgift: Belopp (tomt), Beviljat eller Publicerat. Belopp i kronor; ett tomt år är 0 kr."
)


def _objects_text(objects: Any) -> str | None:
    """``{"6": ["JOBB"], "1": ["KANSLI"]}`` → ``6: JOBB; 1: KANSLI`` (the Objekt column)."""
    if not isinstance(objects, Mapping) or not objects:
        return None
    return "; ".join(f"{dim}: {', '.join(str(c) for c in codes)}" for dim, codes in objects.items())


def _years_of(data: Mapping[str, Any], years: Iterable[int]) -> list[int]:
    """Every year the layout needs: the given ones, ``years`` and every year key in the data."""
    found = set(years)
    if isinstance(data.get("years"), list):
        found |= {y for y in data["years"] if isinstance(y, int)}

    def walk(value: Any) -> None:
        if isinstance(value, Mapping):
            for key, sub in value.items():
                if isinstance(key, str) and key.isdigit() and len(key) == 4:
                    found.add(int(key))
                walk(sub)
        elif isinstance(value, list):
            for sub in value:
                walk(sub)

    walk(data)
    return sorted(found)


def write_scenario_workbook(
    data: Mapping[str, Any], path: str | os.PathLike[str], *, years: Sequence[int] = (), force: bool = False
) -> Path:
    """Write the scenario data as a workbook (atomically; an existing file only with ``force``)."""
    layout_years = _years_of(data, years)

    def build(workbook: Any, formats: Any) -> None:
        _Book(workbook, data, layout_years).write()

    title = data.get("title") if isinstance(data.get("title"), str) else None
    return write_workbook(path, build, force=force, title=title)


class _Book:
    def __init__(self, workbook: Any, data: Mapping[str, Any], years: list[int]) -> None:
        self.wb = workbook
        self.data = data
        self.years = years
        self.header = workbook.add_format({"bold": True, "bottom": 1, "bg_color": "#D9D9D9", "text_wrap": True,
                                           "valign": "top"})
        self.label = workbook.add_format({"bold": True})
        self.help = workbook.add_format({"italic": True, "font_color": "#595959", "text_wrap": True, "valign": "top"})
        base = {"bg_color": INPUT, "border": 1, "border_color": "#BFBFBF"}
        self.text = workbook.add_format({**base, "num_format": "@"})
        self.number = workbook.add_format({**base, "num_format": "[$-41D]# ##0"})
        self.general = workbook.add_format(base)
        self.date = workbook.add_format({**base, "num_format": "yyyy-mm-dd"})

    # -- cells ------------------------------------------------------------------------
    def put(self, ws: Any, row: int, col: int, value: Any, kind: str = "general") -> None:
        fmt = {"text": self.text, "amount": self.number, "date": self.date}.get(kind, self.general)
        if value is None:
            ws.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, fmt)
        elif isinstance(value, int):
            ws.write_number(row, col, value, self.number if kind == "amount" else self.general)
        elif isinstance(value, date):
            ws.write_datetime(row, col, value, self.date)
        elif kind == "amount" and isinstance(value, str):
            try:
                ws.write_number(row, col, excel_number(Decimal(value)), self.number)
            except (InvalidOperation, ValueError):
                ws.write_string(row, col, value, self.text)
        else:
            ws.write_string(row, col, str(value), self.text)

    def headings(self, ws: Any, names: Sequence[Any], widths: Sequence[int] = ()) -> None:
        for col, name in enumerate(names):
            if isinstance(name, int):
                ws.write_number(0, col, name, self.header)
            else:
                ws.write_string(0, col, name, self.header)
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)
        ws.freeze_panes(1, 0)

    def choices(self, ws: Any, first: int, last: int, col: int, values: Sequence[str], what: str) -> None:
        ws.data_validation(first, col, last, col, {
            "validate": "list", "source": list(values), "error_title": "Ogiltigt värde",
            "error_message": f"Välj {what} i listan.",
        })

    def amounts_only(self, ws: Any, first: int, last: int, first_col: int, last_col: int) -> None:
        if last_col < first_col:
            return
        ws.data_validation(first, first_col, last, last_col, {
            "validate": "decimal", "criteria": "between", "minimum": -999_999_999_999, "maximum": 999_999_999_999,
            "error_title": "Inte ett belopp", "error_message": "Skriv ett belopp i kronor, t.ex. 1200000.",
        })

    # -- sheets -----------------------------------------------------------------------
    def write(self) -> None:
        self.federation()
        self.members()
        self.lines()
        self.equity()
        self.stated()
        self.periods()
        self.cash()
        self.listed(CAP, CAP_COLUMNS, CAP_KEYS, "equity_cap", {"Upp till": "amount", "Andel": "text"})
        self.listed(ADJUST, ADJUST_COLUMNS, ADJUST_KEYS, "adjust", {"Mål": "text", "Not": "text"})

    def federation(self) -> None:
        ws = self.wb.add_worksheet(FEDERATION)
        self.headings(ws, ("Uppgift", "Värde", "Förklaring"), (26, 46, 80))
        data = self.data
        years = data.get("years") if isinstance(data.get("years"), list) else None
        values = {
            "Format": data.get("format"), "Förbund": data.get("federation"), "Titel": data.get("title"),
            FIRST_YEAR: years[0] if years else None, LAST_YEAR: years[-1] if years else None,
            "Budgetår": data.get("budget_year"), "Grundscenario (extends)": data.get("extends"),
        }
        row = 1
        for label, value in values.items():
            ws.write_string(row, 0, label, self.label)
            self.put(ws, row, 1, value, "general" if isinstance(value, int) else "text")
            ws.write_string(row, 2, _FEDERATION_HELP[label], self.help)
            row += 1
        columns = data.get("columns") or {}
        for year in self.years:
            ws.write_string(row, 0, f"{COLUMN_HEADING}{year}", self.label)
            self.put(ws, row, 1, columns.get(str(year)), "text")
            ws.write_string(row, 2, "Valfri kolumnrubrik (standard: Budget, Budgetplan eller Prognos ÅÅÅÅ).",
                            self.help)
            row += 1

    def members(self) -> None:
        ws = self.wb.add_worksheet(MEMBERS)
        self.headings(ws, MEMBER_COLUMNS, (14, 40, 18, 10))
        ws.write_comment(0, 2, 'Andel: bråk ("1/4"), procent ("25%") eller invånare / alla invånare '
                               '("59000/675600"); summan ska vara exakt 1.', {"x_scale": 2})
        row = 1
        for member_id, entry in (self.data.get("members") or {}).items():
            self.put(ws, row, 0, member_id, "text")
            self.put(ws, row, 1, entry.get("name"), "text")
            self.put(ws, row, 2, entry.get("share"), "text")
            self.put(ws, row, 3, entry.get("remove"))
            row += 1
        for spare in range(row, row + SPARE_ROWS):
            for col, kind in enumerate(("text", "text", "text", "general")):
                self.put(ws, spare, col, None, kind)

    def lines(self) -> None:
        ws = self.wb.add_worksheet(LINES)
        tail_col = len(LINE_LEAD) + len(self.years)
        self.headings(ws, (*LINE_LEAD, *self.years, *LINE_TAIL),
                      (20, 14, 40, 12, 12, *([13] * len(self.years)), 30, 16, 16, 12, 12, 14, 12, 10))
        ws.write_string(0, tail_col + len(LINE_TAIL), _LINE_HELP, self.help)
        ws.set_column(tail_col + len(LINE_TAIL), tail_col + len(LINE_TAIL), 60)
        row = 1
        total = (self.data.get("contributions") or {}).get("total")
        if total is not None:
            self.put(ws, row, 0, TOTAL_SECTION, "text")
            for col in range(1, len(LINE_LEAD)):
                self.put(ws, row, col, None, "text")
            self.year_cells(ws, row, total)
            row += 1
        for section, label in SECTION_LABELS.items():
            for line_id, entry in (self.data.get(section) or {}).items():
                row = self.line_rows(ws, row, label, line_id, entry)
        last = row + SPARE_ROWS - 1
        for spare in range(row, last + 1):
            for col in range(len(LINE_LEAD)):
                self.put(ws, spare, col, None, "text")
            self.year_cells(ws, spare, {})
            for offset, kind in enumerate(("text", "text", "text", "date", "date", "amount", "text", "general")):
                self.put(ws, spare, tail_col + offset, None, kind)
        self.choices(ws, 1, last, 0, [TOTAL_SECTION, *SECTION_LABELS.values()], "ett avsnitt")
        self.choices(ws, 1, last, 4, [AMOUNTS, GRANTED, LINE_STATED], "vad årskolumnerna anger")
        self.amounts_only(ws, 1, last, len(LINE_LEAD), tail_col - 1)

    def year_cells(self, ws: Any, row: int, amounts: Mapping[str, Any], first: int = len(LINE_LEAD)) -> None:
        for offset, year in enumerate(self.years):
            self.put(ws, row, first + offset, amounts.get(str(year)), "amount")

    def line_rows(self, ws: Any, row: int, label: str, line_id: str, entry: Mapping[str, Any]) -> int:
        tail_col = len(LINE_LEAD) + len(self.years)
        granted = entry.get("granted")
        accounts = entry.get("accounts")
        period = entry.get("period") or {}
        lead = (label, line_id, entry.get("name"), entry.get("member"), None)
        for col, value in enumerate(lead):
            self.put(ws, row, col, value, "text")
        self.year_cells(ws, row, entry.get("amounts") or {})
        tail = (
            (entry.get("note"), "text"),
            (", ".join(accounts) if isinstance(accounts, list) else None, "text"),
            (_objects_text(entry.get("objects")), "text"),
            (period.get("start"), "date"),
            (period.get("end"), "date"),
            (None if isinstance(granted, Mapping) else granted, "amount"),
            (entry.get("budget_factor"), "text"),
            (entry.get("remove"), "general"),
        )
        for offset, (value, kind) in enumerate(tail):
            self.put(ws, row, tail_col + offset, value, kind)
        row += 1
        for what, key in ((GRANTED, "granted"), (LINE_STATED, "stated")):
            values = entry.get(key)
            if isinstance(values, Mapping):
                for col, value in enumerate((label, line_id, None, None, what)):
                    self.put(ws, row, col, value, "text")
                self.year_cells(ws, row, values)
                row += 1
        return row

    def equity(self) -> None:
        ws = self.wb.add_worksheet(EQUITY)
        self.headings(ws, ("Uppgift", *self.years), (26, *([13] * len(self.years))))
        equity = self.data.get("equity") or {}
        for row, (label, key) in enumerate(EQUITY_ROWS, start=1):
            ws.write_string(row, 0, label, self.label)
            self.year_cells(ws, row, equity.get(key) or {}, first=1)
        row = len(EQUITY_ROWS) + 1
        ws.write_string(row, 0, CARRY_ROW, self.label)
        self.put(ws, row, 1, equity.get("carry"), "text")
        self.choices(ws, row, row, 1, ["reserve", "closing"], '"reserve" eller "closing"')
        self.amounts_only(ws, 1, len(EQUITY_ROWS), 1, len(self.years))
        ws.write_comment(row, 0, "Ingående eget kapital krävs för första året. Överföring: reserve = ett år "
                                 "utan eget värde börjar med föregående års reserv; closing = med föregående "
                                 "års utgående eget kapital.", {"x_scale": 2, "y_scale": 2})

    def stated(self) -> None:
        ws = self.wb.add_worksheet(STATED)
        self.headings(ws, (*STATED_LEAD, *self.years), (22, 52, *([13] * len(self.years))))
        stated = self.data.get("stated") or {}
        keys = list(STATED_LABELS) + [k for k in stated if k not in STATED_LABELS]
        for row, key in enumerate(keys, start=1):
            ws.write_string(row, 0, key, self.label)
            ws.write_string(row, 1, STATED_LABELS.get(key, ""), self.help)
            self.year_cells(ws, row, stated.get(key) or {}, first=2)
        self.amounts_only(ws, 1, len(keys), 2, 1 + len(self.years))

    def periods(self) -> None:
        ws = self.wb.add_worksheet(PERIODS)
        self.headings(ws, (*PERIOD_LEAD, *range(1, 13)), (20, 14, 8, 10, *([12] * 12)))
        row = 1
        divisions = {key: label for label, (key, _) in DIVISIONS.items()}
        for section, label in SECTION_LABELS.items():
            for line_id, entry in (self.data.get(section) or {}).items():
                for key, division in divisions.items():
                    for year, parts in (entry.get(key) or {}).items():
                        for col, value in enumerate((label, line_id, int(year), division)):
                            self.put(ws, row, col, value, "text" if col != 2 else "general")
                        for offset, part in enumerate(parts):
                            self.put(ws, row, len(PERIOD_LEAD) + offset, part, "amount")
                        row += 1
        last = row + SPARE_ROWS - 1
        for spare in range(row, last + 1):
            for col in range(len(PERIOD_LEAD) + 12):
                self.put(ws, spare, col, None, "text" if col in (0, 1, 3) else "amount")
        self.choices(ws, 1, last, 0, list(SECTION_LABELS.values()), "ett avsnitt")
        self.choices(ws, 1, last, 3, list(DIVISIONS), "Kvartal eller Månad")
        self.amounts_only(ws, 1, last, len(PERIOD_LEAD), len(PERIOD_LEAD) + 11)

    def cash(self) -> None:
        ws = self.wb.add_worksheet(CASH)
        self.headings(ws, ("Uppgift", "Värde", "Förklaring"), (26, 24, 80))
        cash = self.data.get("cash") or {}
        helps = ("Likvida medel vid första årets början (tomt: ingen likviditetsplan).",
                 '"quarterly-in-advance", "monthly", "yearly-january" eller månader, t.ex. 1, 7.',
                 'Som ovan (standard "monthly").')
        for row, ((label, key), text) in enumerate(zip(CASH_ROWS, helps), start=1):
            ws.write_string(row, 0, label, self.label)
            value = cash.get(key)
            if isinstance(value, list):
                value = ", ".join(str(month) for month in value)
            self.put(ws, row, 1, value, "amount" if key == "opening" else "text")
            ws.write_string(row, 2, text, self.help)

    def listed(self, sheet: str, columns: tuple[str, ...], keys: Mapping[str, str], name: str,
               kinds: Mapping[str, str]) -> None:
        ws = self.wb.add_worksheet(sheet)
        self.headings(ws, columns, [16] * len(columns))
        row = 1
        for entry in self.data.get(name) or []:
            for col, heading in enumerate(columns):
                value = entry.get(keys[heading])
                kind = kinds.get(heading, "general")
                self.put(ws, row, col, value, "text" if isinstance(value, str) and kind != "amount" else kind)
            row += 1
        for spare in range(row, row + SPARE_ROWS):
            for col, heading in enumerate(columns):
                self.put(ws, spare, col, None, kinds.get(heading, "general"))


__all__ = ["write_scenario_workbook"]
