"""The terminal summary of `plan`: the workbook's key figures per year, from the same tables."""

from __future__ import annotations

from finsam_budget.labels import CAP, CAP_MARGIN_SHORT
from finsam_budget.model import Finding
from finsam_budget.plan.engine import Plan
from finsam_budget.plan.tables import BUDGETPLAN, NYCKELTAL, PlanTables
from finsam_budget.writers.report import summary_text
from finsam_budget.writers.table import render_table

#: The rows of `plan`'s summary: a short label, the table and the row its figures come from.
PLAN_SUMMARY_ROWS = (
    ("Intäkter och eget kapital", BUDGETPLAN, "available"),
    ("Kostnader", BUDGETPLAN, "costs"),
    ("Utrymme för ny verksamhet", BUDGETPLAN, "room"),
    ("Reserv", BUDGETPLAN, "reserve"),
    ("Eget kapital som förs vidare", NYCKELTAL, "carried"),
    (CAP, NYCKELTAL, "cap"),
    (CAP_MARGIN_SHORT, NYCKELTAL, "headroom"),
)


def plan_summary_text(plan: Plan, computed: PlanTables, findings: list[Finding]) -> list[str]:
    """The short summary `plan` prints: per year the key figures of the workbook's tables, then the findings count."""
    s = plan.scenario
    tables = {BUDGETPLAN: computed.budgetplan, NYCKELTAL: computed.nyckeltal}
    rows = [
        (label, [tables[table].amount(row, str(year)) for year in s.years])
        for label, table, row in PLAN_SUMMARY_ROWS
    ]
    lines = [f"{s.federation}: {s.title}"]
    lines += render_table([s.column_heading(y) for y in s.years], rows)
    lines.append(f"Kontroller: {summary_text(findings)}")
    return lines
