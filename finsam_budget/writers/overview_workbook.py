"""The overview workbook: Översikt (the table and its totals), Diagram, and the files not read.

Each scenario's budget-year figures are written as the engine's values (their
lines are not in this workbook); the administration share, the excess over
the cap and every total are live formulas with the engine's value cached.
Diagram shows, per federation and scenario, the equity carried against the cap.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from finsam_budget.board.overview import Overview
from finsam_budget.constants import SHARE_QUANTUM
from finsam_budget.money import fraction_to_decimal, has_ore
from finsam_budget.writers.overview_text import COLUMNS
from finsam_budget.writers.xlsx_common import (
    SWEDISH,
    cell,
    cell_range,
    fit_column,
    print_setup,
    sheet_ref,
    write_formula,
    write_text,
    write_value,
    write_workbook,
)

OVERVIEW_SHEET = "Översikt"
CHART_SHEET = "Diagram"
UNREADABLE_SHEET = "Kunde inte läsas"
# The workbook's columns: those of the terminal table, with the file and the findings counted.
HEADINGS = COLUMNS[:2] + ("Fil",) + COLUMNS[2:] + ("Fel", "Varningar")
COL = {key: index for index, key in enumerate((
    "federation", "title", "file", "budget_year", "member_contributions", "admin", "costs", "admin_share",
    "room", "closing_equity", "carried_equity", "equity_cap", "excess", "status", "errors", "warnings",
))}
HEADER_ROW = 3


def write_overview_workbook(overview: Overview, path: str | Path, *, force: bool = False) -> Path:
    """Write the overview workbook atomically; ``OutputError`` when the target cannot be written."""

    def build(workbook: Any, formats: Any) -> None:
        add_overview_sheets(workbook, formats, overview)

    return write_workbook(path, build, force=force, title="Översikt över samordningsförbund")


def add_overview_sheets(workbook: Any, formats: Any, overview: Overview) -> None:
    rows = _add_table(workbook, formats, overview)
    _add_chart(workbook, formats, overview, rows)
    if overview.unreadable:
        _add_unreadable(workbook, formats, overview)


def _share(part: Decimal, whole: Decimal) -> Decimal:
    return Decimal(0) if whole == 0 else fraction_to_decimal(Fraction(part) / Fraction(whole), 12)


def _add_table(workbook: Any, formats: Any, overview: Overview) -> list[int]:
    ws = workbook.add_worksheet(OVERVIEW_SHEET)
    t = overview.totals
    ore = any(
        has_ore(v) for r in overview.rows
        for v in (r.figures.member_contributions, r.figures.costs, r.figures.room, r.figures.closing_equity,
                  r.carried_equity, r.figures.equity_cap)
    )
    fmt_amount = formats.amount_ore if ore else formats.amount
    fmt_total = formats.amount_ore_total if ore else formats.amount_total
    fmt_share_total = workbook.add_format({"num_format": SWEDISH + "0 %", "bold": True, "top": 1})
    fmt_count_total = workbook.add_format({"bold": True, "top": 1})
    write_text(ws, 0, 0, "Översikt över samordningsförbund", formats.title)
    write_text(ws, 1, 0, f"Budgetårets siffror: {t.scenarios} scenarier från {t.federations} förbund. "
                         "Överskridande = eget kapital som förs vidare över taket.", formats.note)
    for col, heading in enumerate(HEADINGS):
        write_text(ws, HEADER_ROW, col, heading, formats.header_row)
    ws.set_row(HEADER_ROW, 32)

    def at(row: int, key: str) -> str:
        return cell(row, COL[key])

    rows = []
    row = HEADER_ROW + 1
    for entry in overview.rows:
        f = entry.figures
        write_text(ws, row, COL["federation"], entry.federation)
        write_text(ws, row, COL["title"], entry.title)
        write_text(ws, row, COL["file"], entry.source)
        ws.write_number(row, COL["budget_year"], entry.budget_year)
        for key, value in (
            ("member_contributions", f.member_contributions), ("admin", f.admin), ("costs", f.costs),
            ("room", f.room), ("closing_equity", f.closing_equity), ("carried_equity", entry.carried_equity),
            ("equity_cap", f.equity_cap),
        ):
            write_value(ws, row, COL[key], value, fmt_amount)
        write_formula(ws, row, COL["admin_share"], f"=IF({at(row, 'costs')}=0,0,{at(row, 'admin')}/{at(row, 'costs')})",
                      _share(f.admin, f.costs), formats.percent, quantum=SHARE_QUANTUM)
        write_formula(ws, row, COL["excess"], f"=MAX(0,{at(row, 'carried_equity')}-{at(row, 'equity_cap')})",
                      entry.excess, fmt_amount)
        write_text(ws, row, COL["status"], entry.status_label, formats.bold if entry.status == "errors" else None)
        ws.write_number(row, COL["errors"], entry.counts["error"])
        ws.write_number(row, COL["warnings"], entry.counts["warning"])
        rows.append(row)
        row += 1

    total = row
    first, last = rows[0], rows[-1]

    write_text(ws, total, COL["federation"], "Totalt", formats.bold)
    write_text(ws, total, COL["title"], f"{t.scenarios} scenarier, {t.federations} förbund", formats.bold)
    for key, value in (
        ("member_contributions", t.member_contributions), ("admin", t.admin), ("costs", t.costs), ("room", t.room),
        ("closing_equity", t.closing_equity), ("carried_equity", t.carried_equity), ("equity_cap", t.equity_cap),
        ("excess", t.excess),
    ):
        write_formula(ws, total, COL[key], f"=SUM({cell_range(first, COL[key], last, COL[key])})", value, fmt_total)
    write_formula(ws, total, COL["admin_share"],
                  f"=IF({at(total, 'costs')}=0,0,{at(total, 'admin')}/{at(total, 'costs')})",
                  _share(t.admin, t.costs), fmt_share_total, quantum=SHARE_QUANTUM)
    for key, severity in (("errors", "error"), ("warnings", "warning")):
        count = Decimal(sum(r.counts[severity] for r in overview.rows))
        write_formula(ws, total, COL[key], f"=SUM({cell_range(first, COL[key], last, COL[key])})", count, fmt_count_total)
    statuses = t.statuses
    write_text(ws, total + 2, 0, f"Kontroll: {statuses['ok']} ok, {statuses['warnings']} med varningar, "
                                 f"{statuses['errors']} med fel." + (
                                     f" {len(overview.unreadable)} filer kunde inte läsas (se bladet {UNREADABLE_SHEET})."
                                     if overview.unreadable else ""), formats.note)

    fit_column(ws, COL["federation"], ["Totalt"] + [r.federation for r in overview.rows], minimum=14, maximum=45)
    fit_column(ws, COL["title"], [r.title for r in overview.rows], minimum=14, maximum=40)
    fit_column(ws, COL["file"], [r.source for r in overview.rows], minimum=10, maximum=40)
    ws.set_column(COL["budget_year"], COL["budget_year"], 9)
    ws.set_column(COL["member_contributions"], COL["equity_cap"], 15)
    ws.set_column(COL["admin_share"], COL["admin_share"], 10)
    ws.set_column(COL["excess"], COL["excess"], 15)
    ws.set_column(COL["status"], COL["warnings"], 10)
    ws.freeze_panes(HEADER_ROW + 1, 2)
    ws.autofilter(HEADER_ROW, 0, last, len(HEADINGS) - 1)
    print_setup(ws, "Översikt över samordningsförbund", (HEADER_ROW, HEADER_ROW))
    return rows


def _add_chart(workbook: Any, formats: Any, overview: Overview, rows: list[int]) -> None:
    """Per federation and scenario, the equity carried and the cap, as horizontal bars."""
    ws = workbook.add_worksheet(CHART_SHEET)
    write_text(ws, 0, 0, "Eget kapital som förs vidare mot taket, per förbund", formats.title)
    header = 2
    for col, text in enumerate(("Förbund och scenario", "Eget kapital som förs vidare", "Tak för eget kapital")):
        write_text(ws, header, col, text, formats.header_row)
    labels = []
    for offset, (entry, source_row) in enumerate(zip(overview.rows, rows), start=1):
        row = header + offset
        label = f"{entry.federation}: {entry.title}"
        labels.append(label)
        write_text(ws, row, 0, label)
        for col, key, value in ((1, "carried_equity", entry.carried_equity), (2, "equity_cap", entry.figures.equity_cap)):
            write_formula(ws, row, col, "=" + sheet_ref(OVERVIEW_SHEET, cell(source_row, COL[key])), value, formats.amount)
    first, last = header + 1, header + len(rows)
    fit_column(ws, 0, labels, minimum=30, maximum=60)
    ws.set_column(1, 2, 18)

    name = ws.get_name()
    chart = workbook.add_chart({"type": "bar"})
    for col in (1, 2):
        chart.add_series({
            "name": [name, header, col],
            "categories": [name, first, 0, last, 0],
            "values": [name, first, col, last, col],
            "gap": 60,
        })
    chart.set_title({"name": "Eget kapital som förs vidare mot taket"})
    chart.set_x_axis({"num_format": SWEDISH + "#,##0"})
    chart.set_y_axis({"reverse": True})  # the table's order from the top
    chart.set_legend({"position": "top"})
    height = max(1.0, len(rows) * 2 * 9 / 288 + 0.4)
    ws.insert_chart(header, 4, chart, {"x_scale": 2.0, "y_scale": height})
    print_setup(ws, "Översikt över samordningsförbund: diagram", (header, header))


def _add_unreadable(workbook: Any, formats: Any, overview: Overview) -> None:
    ws = workbook.add_worksheet(UNREADABLE_SHEET)
    write_text(ws, 0, 0, "Filer som inte kunde läsas", formats.title)
    header = 2
    for col, text in enumerate(("Fil", "Rad", "Nyckel", "Fel")):
        write_text(ws, header, col, text, formats.header_row)
    row = header + 1
    files, messages = [], []
    for unreadable in overview.unreadable:
        for problem in unreadable.problems:
            write_text(ws, row, 0, problem.file)
            if problem.line is not None:
                ws.write_number(row, 1, problem.line)
            write_text(ws, row, 2, problem.key or "")
            write_text(ws, row, 3, problem.message)
            files.append(problem.file)
            messages.append(problem.message)
            row += 1
    fit_column(ws, 0, ["Fil"] + files, minimum=12, maximum=60)
    ws.set_column(1, 1, 6)
    ws.set_column(2, 2, 30)
    fit_column(ws, 3, ["Fel"] + messages, minimum=20, maximum=100)
    print_setup(ws, "Filer som inte kunde läsas", (header, header))
