"""The rules `check` runs: one module per rule, each with a stable id.

Every rule is a pure function ``check(plan) -> list[Finding]``. ``ALL_RULES``
keeps the order in which findings are reported.
"""

from __future__ import annotations

from collections.abc import Iterable

from finsam_budget.labels import SEVERITIES, STATUS_LABEL
from finsam_budget.model import Finding
from finsam_budget.plan.engine import Plan
from finsam_budget.rules import (
    admin_share,
    balance,
    carried_reserve,
    cash,
    deficit_covered,
    equity_cap,
    line_gap,
    line_stated,
    member_split,
    no_debt,
    project_period,
    stated,
)

ALL_RULES = (
    member_split,
    balance,
    no_debt,
    carried_reserve,
    cash,
    deficit_covered,
    equity_cap,
    stated,
    line_stated,
    line_gap,
    project_period,
    admin_share,
)
RULE_IDS = tuple(rule.RULE for rule in ALL_RULES)


def run_rules(plan: Plan) -> list[Finding]:
    """Every finding of every rule, rule by rule, year by year."""
    findings: list[Finding] = []
    for rule in ALL_RULES:
        findings.extend(rule.check(plan))
    return findings


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def exit_code(findings: list[Finding], *, strict: bool = False) -> int:
    """0 without errors (warnings allowed), 1 with any error (or warning when strict)."""
    counts = count_by_severity(findings)
    if counts["error"] or (strict and counts["warning"]):
        return 1
    return 0


def check_status(findings: Iterable[Finding]) -> str:
    """``"errors"`` with any error, ``"warnings"`` with any warning, else ``"ok"`` (info is fine)."""
    counts = count_by_severity(list(findings))
    if counts["error"]:
        return "errors"
    if counts["warning"]:
        return "warnings"
    return "ok"


class CheckedFindings:
    """The check summary of anything that has ``findings``: counts, status and its Swedish label."""

    findings: tuple[Finding, ...]

    @property
    def counts(self) -> dict[str, int]:
        return count_by_severity(list(self.findings))

    @property
    def status(self) -> str:
        return check_status(self.findings)

    @property
    def status_label(self) -> str:
        return STATUS_LABEL[self.status]
