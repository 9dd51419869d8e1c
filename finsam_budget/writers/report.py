"""Renderers of `check` findings: a Swedish terminal report and JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable

from finsam_budget.model import Finding
from finsam_budget.plan.engine import Plan
from finsam_budget.rules import count_by_severity
from finsam_budget.writers.table import render_table

SEVERITY_LABELS = {"error": "FEL", "warning": "VARNING", "info": "INFO"}


def findings_text(findings: Iterable[Finding]) -> list[str]:
    """One line a finding: severity, rule id, year, message."""
    rows = list(findings)
    width = max((len(f.rule) for f in rows), default=0)
    return [
        f"{SEVERITY_LABELS[f.severity]:<7}  {f.rule:<{width}}  {f.year if f.year is not None else '–':<4}  {f.message}"
        for f in rows
    ]


def summary_text(findings: list[Finding]) -> str:
    counts = count_by_severity(findings)
    return (
        f"{counts['error']} fel, {counts['warning']} "
        f"{'varning' if counts['warning'] == 1 else 'varningar'}, {counts['info']} info"
    )


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


def plan_summary_text(plan: Plan, findings: list[Finding]) -> list[str]:
    """The short summary `plan` prints: per year the key figures, then the findings count."""
    s = plan.scenario
    carry = s.carry
    rows = [
        ("Intäkter och eget kapital", [y.available for y in plan.years]),
        ("Kostnader", [y.costs for y in plan.years]),
        ("Utrymme för ny verksamhet", [y.room for y in plan.years]),
        ("Reserv", [y.reserve for y in plan.years]),
        ("Eget kapital som förs vidare", [y.carried_equity(carry) for y in plan.years]),
        ("Tak för eget kapital", [y.equity_cap for y in plan.years]),
        ("Marginal (+) / över taket (−)", [y.equity_cap - y.carried_equity(carry) for y in plan.years]),
    ]
    lines = [f"{s.federation}: {s.title}"]
    lines += render_table([s.column_heading(y) for y in s.years], rows)
    lines.append(f"Kontroller: {summary_text(findings)}")
    return lines
