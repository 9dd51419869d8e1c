"""The Likviditet sheet of the plan workbook: cash at every month end, with a line chart.

Months as rows. A renderer of the plan's Likviditet tables (``plan.tables``):
member contributions, other income and costs per month are input figures; inflow,
cash at the month end, the yearly sums and the lowest cash are their derivations,
written as live formulas with the engine's values cached.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from finsam_budget.model import CashPlan
from finsam_budget.money import has_ore
from finsam_budget.plan.engine import Plan
from finsam_budget.plan.tables import CASH as CASH_KEY
from finsam_budget.plan.tables import CONTRIBUTIONS as CONTRIBUTIONS_KEY
from finsam_budget.plan.tables import INFLOW as INFLOW_KEY
from finsam_budget.plan.tables import LOWEST_CASH, PlanTables
from finsam_budget.plan.tables import OTHER as OTHER_KEY
from finsam_budget.plan.tables import OUTFLOW as OUTFLOW_KEY
from finsam_budget.tables import Ref, Value
from finsam_budget.writers.formulas import Placement, write_cell
from finsam_budget.writers.xlsx_common import cell, fit_column, print_setup, write_text

SHEET = "Likviditet"
COLUMNS = ("Månad", "Medlemsbidrag", "Övriga intäkter", "Inbetalningar", "Utbetalningar", "Kassa vid månadens slut")
MONTH, CONTRIBUTIONS, OTHER, INFLOW, OUTFLOW, CASH = range(6)
#: Where each column of the Likviditet tables stands on the sheet.
COLUMN_OF = {
    CONTRIBUTIONS_KEY: CONTRIBUTIONS,
    OTHER_KEY: OTHER,
    INFLOW_KEY: INFLOW,
    OUTFLOW_KEY: OUTFLOW,
    CASH_KEY: CASH,
}
SCHEDULE_TEXT = {
    "quarterly-in-advance": "kvartalsvis i förskott (januari, april, juli, oktober)",
    "monthly": "varje månad",
    "yearly-january": "en gång om året, i januari",
}
MONTH_NAMES = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
               "september", "oktober", "november", "december")


def schedule_text(name: str | None, months: tuple[int, ...]) -> str:
    """A payment schedule in Swedish words."""
    if name is not None:
        return SCHEDULE_TEXT[name]
    names = [MONTH_NAMES[m - 1] for m in months]
    return "i " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1])


def explanation(cash: CashPlan) -> str:
    return (
        "Belopp i kronor. Medlemsbidragen betalas "
        f"{schedule_text(cash.contributions_schedule, cash.contribution_months)}; "
        f"övriga intäkter {schedule_text(cash.other_income_schedule, cash.other_income_months)} "
        "om raden inte har egna kvartal eller månader. Kostnaderna fördelas efter sina kvartal och månader "
        "och projekten över sin period, annars jämnt över året."
    )


def add_likviditet_sheet(workbook: Any, formats: Any, plan: Plan, tables: PlanTables, placement: Placement) -> None:
    """Place the Likviditet tables (months, then the yearly sums) on a new sheet and write them."""
    s = plan.scenario
    months, years = tables.likviditet, tables.likviditet_years
    if s.cash is None or months is None or years is None:
        raise ValueError("Likviditet-bladet skrivs bara för ett scenario med [cash]")
    ws = workbook.add_worksheet(SHEET)
    inputs = [c.amount for row in months.rows for c in row.cells.values() if isinstance(c, Value)]
    ore = any(has_ore(a) for a in inputs)
    fmt = formats.amount_ore if ore else formats.amount
    fmt_total = formats.amount_ore_total if ore else formats.amount_total

    write_text(ws, 0, 0, s.federation, formats.title)
    write_text(ws, 1, 0, months.title, formats.heading)
    write_text(ws, 2, 0, explanation(s.cash), formats.note)
    header = 4
    write_text(ws, header, MONTH, "Månad", formats.header_row)
    for column in months.columns:
        write_text(ws, header, COLUMN_OF[column.key], column.heading, formats.header_row)

    month_rows = [row for row in months.rows if row.key.startswith("month:")]
    row = header + 1
    for table_row in months.rows:
        if table_row.key == "lowest":
            row += 1  # a blank row above the lowest cash
        placement.put_row(months.key, table_row.key, SHEET, row, COLUMN_OF)
        row += 1
    for table_row in months.rows:
        at = placement.row_spot(months.key, table_row.key).row
        is_month = table_row.key.startswith("month:")
        write_text(ws, at, MONTH, table_row.label, None if is_month else formats.bold)
        for key, content in table_row.cells.items():
            total = table_row.key == "lowest" or (key == CASH_KEY and table_row.label.endswith("-12"))
            spot = placement.spot(Ref(months.key, table_row.key, key))
            write_cell(ws, spot, content, placement, fmt_total if total else fmt, unit=table_row.unit)
        if table_row.note:
            write_text(ws, at, CASH + 1, table_row.note, formats.note)
    first_month = placement.row_spot(months.key, month_rows[0].key).row
    last_month = placement.row_spot(months.key, month_rows[-1].key).row
    cash_range = f"{cell(first_month, CASH)}:{cell(last_month, CASH)}"
    ws.conditional_format(cash_range, {"type": "cell", "criteria": "<", "value": 0, "format": formats.negative})

    # Per year: the months add up to the year's income and costs in the Budgetplan.
    row += 1
    write_text(ws, row, MONTH, years.title, formats.header_row)
    for column in years.columns:
        write_text(ws, row, COLUMN_OF[column.key], column.heading, formats.header_row)
    row += 1
    for table_row in years.rows:
        placement.put_row(years.key, table_row.key, SHEET, row, COLUMN_OF)
        write_text(ws, row, MONTH, table_row.label)
        for key, content in table_row.cells.items():
            write_cell(ws, placement.spot(Ref(years.key, table_row.key, key)), content, placement, fmt)
        row += 1

    fit_column(ws, MONTH, [months.rows[0].label, LOWEST_CASH], minimum=12, maximum=40)
    for col in range(CONTRIBUTIONS, CASH + 1):
        fit_column(ws, col, [COLUMNS[col], Decimal(10**8)], minimum=14, maximum=20)
    ws.set_row(header, 30)
    ws.freeze_panes(header + 1, 1)
    print_setup(ws, f"{s.federation}: {s.title}: likviditetsplan", (header, header))
    _add_chart(workbook, ws, first_month, last_month, header)


def _add_chart(workbook: Any, ws: Any, first: int, last: int, header: int) -> None:
    """A native line chart of cash at every month end."""
    name = ws.get_name()
    chart = workbook.add_chart({"type": "line"})
    chart.add_series(
        {
            "name": [name, header, CASH],
            "categories": [name, first, MONTH, last, MONTH],
            "values": [name, first, CASH, last, CASH],
            "line": {"color": "#1F4E79", "width": 2.25},
        }
    )
    chart.set_title({"name": "Kassa vid månadens slut"})
    chart.set_y_axis({"num_format": "[$-41D]#,##0", "major_gridlines": {"visible": True}})
    chart.set_x_axis({"label_position": "low", "num_font": {"rotation": -45}})
    chart.set_legend({"none": True})
    ws.insert_chart(header, CASH + 2, chart, {"x_scale": 1.6, "y_scale": 1.3})
