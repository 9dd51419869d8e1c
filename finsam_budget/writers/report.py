"""Renderers of `check` findings: a Swedish terminal report and JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable

from finsam_budget.labels import SEVERITY_TAG, counts_text
from finsam_budget.model import Finding
from finsam_budget.rules import count_by_severity


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

