"""The checks of a follow-up file: one module per rule, each with a stable id.

Every rule is a pure function ``check(followup) -> list[Finding]`` (the same
``Finding`` as the budget rules, so that `uppfoljning` prints and exits like
`check`). ``OUTCOME_RULES`` keeps the order in which findings are reported.
"""

from __future__ import annotations

from finsam_budget.followup import Followup
from finsam_budget.model import Finding
from finsam_budget.outcomes import flow, goals, percent, sex_split, sums

OUTCOME_RULES = (flow, sums, percent, sex_split, goals)
OUTCOME_RULE_IDS = tuple(rule.RULE for rule in OUTCOME_RULES)


def run_outcome_rules(followup: Followup) -> list[Finding]:
    """Every finding of every rule, rule by rule, in the file's order."""
    findings: list[Finding] = []
    for rule in OUTCOME_RULES:
        findings.extend(rule.check(followup))
    return findings
