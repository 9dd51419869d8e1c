"""The Likviditet sheet of the plan workbook: cash at every month end, with a line chart.

Months as rows. Member contributions, other income and costs per month are the
engine's figures (``liquidity.compute_liquidity``); inflow, cash at the month end,
the yearly sums and the lowest cash are live formulas carrying the engine's values.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from finsam_budget.model import CashPlan
from finsam_budget.money import has_ore
from finsam_budget.plan.engine import Plan
from finsam_budget.plan.liquidity import Liquidity
from finsam_budget.writers.xlsx_common import (
    cell,
    fit_column,
    print_setup,
    sum_formula,
    write_formula,
    write_text,
    write_value,
)

SHEET = "Likviditet"
COLUMNS = ("Månad", "Medlemsbidrag", "Övriga intäkter", "Inbetalningar", "Utbetalningar", "Kassa vid månadens slut")
MONTH, CONTRIBUTIONS, OTHER, INFLOW, OUTFLOW, CASH = range(6)
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
        f"Belopp i kronor. Medlemsbidragen betalas {schedule_text(cash.contributions_schedule, cash.contribution_months)}; "
        f"övriga intäkter {schedule_text(cash.other_income_schedule, cash.other_income_months)} "
        "om raden inte har egna kvartal eller månader. Kostnaderna fördelas efter sina kvartal och månader "
        "och projekten över sin period, annars jämnt över året."
    )


def add_likviditet_sheet(workbook: Any, formats: Any, plan: Plan, liquidity: Liquidity) -> dict[str, int]:
    """Add the Likviditet sheet; returns the row (zero-based) of each month label and of the totals."""
    s = plan.scenario
    assert s.cash is not None
    ws = workbook.add_worksheet(SHEET)
    amounts = [liquidity.opening] + [a for m in liquidity.months for a in (m.contributions, m.other_income, m.costs)]
    ore = any(has_ore(a) for a in amounts)
    fmt = formats.amount_ore if ore else formats.amount
    fmt_total = formats.amount_ore_total if ore else formats.amount_total

    write_text(ws, 0, 0, s.federation, formats.title)
    write_text(ws, 1, 0, f"{s.title}: likviditetsplan", formats.heading)
    write_text(ws, 2, 0, explanation(s.cash), formats.note)
    header = 4
    for col, text in enumerate(COLUMNS):
        write_text(ws, header, col, text, formats.header_row)
    rows: dict[str, int] = {}

    opening_row = header + 1
    write_text(ws, opening_row, MONTH, f"Ingående kassa {s.years[0]}-01-01", formats.bold)
    write_value(ws, opening_row, CASH, liquidity.opening, fmt)
    rows["opening"] = opening_row

    row = opening_row + 1
    first_month = row
    for month in liquidity.months:
        write_text(ws, row, MONTH, month.label)
        write_value(ws, row, CONTRIBUTIONS, month.contributions, fmt)
        write_value(ws, row, OTHER, month.other_income, fmt)
        write_formula(ws, row, INFLOW, sum_formula([cell(row, CONTRIBUTIONS), cell(row, OTHER)]), month.inflow, fmt)
        write_value(ws, row, OUTFLOW, month.outflow, fmt)
        write_formula(
            ws,
            row,
            CASH,
            sum_formula([cell(row - 1, CASH), cell(row, INFLOW)], minus=[cell(row, OUTFLOW)]),
            month.closing,
            fmt_total if month.month == 12 else fmt,
        )
        rows[month.label] = row
        row += 1
    last_month = row - 1
    cash_range = f"{cell(first_month, CASH)}:{cell(last_month, CASH)}"
    ws.conditional_format(cash_range, {"type": "cell", "criteria": "<", "value": 0, "format": formats.negative})

    row += 1
    lowest = min(liquidity.months, key=lambda m: (m.closing, m.year, m.month))
    write_text(ws, row, MONTH, "Lägsta kassa vid en månads slut", formats.bold)
    write_formula(ws, row, CASH, f"=MIN({cash_range})", lowest.closing, fmt_total)
    write_text(ws, row, CASH + 1, f"i {lowest.label}", formats.note)
    rows["lowest"] = row
    row += 2

    # Per year: the months add up to the year's income and costs in the Budgetplan.
    write_text(ws, row, MONTH, "År", formats.header_row)
    for col, text in ((INFLOW, "Inbetalningar"), (OUTFLOW, "Utbetalningar"), (CASH, "Kassa vid årets slut")):
        write_text(ws, row, col, text, formats.header_row)
    row += 1
    for year in s.years:
        months = [rows[m.label] for m in liquidity.year_months(year)]
        figures = plan.year(year)
        write_text(ws, row, MONTH, str(year))
        write_formula(ws, row, INFLOW, sum_formula([cell(r, INFLOW) for r in months]), figures.income, fmt)
        write_formula(ws, row, OUTFLOW, sum_formula([cell(r, OUTFLOW) for r in months]), figures.costs, fmt)
        write_formula(ws, row, CASH, "=" + cell(months[-1], CASH), liquidity.year_months(year)[-1].closing, fmt)
        rows[f"year:{year}"] = row
        row += 1

    fit_column(ws, MONTH, [f"Ingående kassa {s.years[0]}-01-01", "Lägsta kassa vid en månads slut"], minimum=12, maximum=40)
    for col in range(CONTRIBUTIONS, CASH + 1):
        fit_column(ws, col, [COLUMNS[col], Decimal(10**8)], minimum=14, maximum=20)
    ws.set_row(header, 30)
    ws.freeze_panes(header + 1, 1)
    print_setup(ws, f"{s.federation}: {s.title}: likviditetsplan", (header, header))
    _add_chart(workbook, ws, first_month, last_month, header)
    return rows


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
