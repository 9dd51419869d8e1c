"""Renderers of `check` findings: a Swedish terminal report and JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable

from finsam_budget.labels import CAP, CAP_MARGIN_SHORT, SEVERITY_TAG, counts_text
from finsam_budget.model import Finding
from finsam_budget.plan.engine import Plan
from finsam_budget.plan.tables import BUDGETPLAN, NYCKELTAL, plan_tables
from finsam_budget.rules import count_by_severity
from finsam_budget.writers.table import render_table


def findings_text(findings: Iterable[Finding]) -> list[str]:
    """One line a finding: severity, rule id, year, message."""
    rows = list(findings)
    width = max((len(f.rule) for f in rows), default=0)
    return [
        f"{SEVERITY_TAG[f.severity]:<7}  {f.rule:<{width}}  {f.year if f.year is not None else '–':<4}  {f.message}"
        for f in rows
    ]


def summary_text(findings: list[Finding]) -> str:
    """``2 fel, 1 varning, 10 info``."""
    return counts_text(count_by_severity(findings))


def findings_json(findings: Iterable[Finding]) -> str:
    """``{"findings": [...]}`` with amounts as decimal strings."""
    return json.dumps(
        {
            "findings": [
                {
                    "rule": f.rule,
                    "severity": f.severity,
                    "year": f.year,
                    "key": f.key,
                    "message": f.message,
                    "amounts": {name: str(value) for name, value in f.amounts.items()},
                }
                for f in findings
            ]
        },
        ensure_ascii=False,
        indent=2,
    )


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


def plan_summary_text(plan: Plan, findings: list[Finding]) -> list[str]:
    """The short summary `plan` prints: per year the key figures of the workbook's tables, then the findings count."""
    s = plan.scenario
    computed = plan_tables(plan)
    tables = {BUDGETPLAN: computed.budgetplan, NYCKELTAL: computed.nyckeltal}
    rows = [
        (label, [tables[table].amount(row, str(year)) for year in s.years])
        for label, table, row in PLAN_SUMMARY_ROWS
    ]
    lines = [f"{s.federation}: {s.title}"]
    lines += render_table([s.column_heading(y) for y in s.years], rows)
    lines.append(f"Kontroller: {summary_text(findings)}")
    return lines
