"""Driftsredovisning: one year of the budget against what was booked. Pure: no I/O.

The package in its parts, one job each:

* ``model``: the report as data (rows, balances, sections, summary) and the marking ``Thresholds``;
* ``labels``: its Swedish row labels and column headings;
* ``forecast``: the full-year forecast of a delårsrapport;
* ``validation``: what must hold of the actuals and the period, as located problems;
* ``compute``: ``compute_drift``, the report from a plan and its actuals;
* ``tables``: ``drift_tables``, the report as derivation tables (what the workbook and terminal render);
* ``sie_actuals``: actuals taken straight from an SIE file.

The names below are the public API: ``from finsam_budget.drift import compute_drift``.
"""

from __future__ import annotations

from finsam_budget.drift.compute import compute_drift, drift_year, previous_year
from finsam_budget.drift.forecast import (
    estimate_forecast,
    monthly_profile,
    remaining_budget,
)
from finsam_budget.drift.labels import (
    MONTHS,
    PROFILE_WORDS,
    SUMMARY_LABELS,
    TOTAL_LABELS,
    UNLISTED_LABELS,
)
from finsam_budget.drift.model import (
    COST,
    INCOME,
    RESULT,
    BalanceRow,
    DriftRow,
    DriftSection,
    Driftsredovisning,
    Summary,
    Thresholds,
    favourable,
)
from finsam_budget.drift.tables import DriftTables, drift_tables
from finsam_budget.drift.validation import (
    DriftConsistencyError,
    check_actuals,
    period_problems,
)

__all__ = [
    "COST",
    "INCOME",
    "MONTHS",
    "PROFILE_WORDS",
    "RESULT",
    "SUMMARY_LABELS",
    "TOTAL_LABELS",
    "UNLISTED_LABELS",
    "BalanceRow",
    "DriftConsistencyError",
    "DriftRow",
    "DriftSection",
    "DriftTables",
    "Driftsredovisning",
    "Summary",
    "Thresholds",
    "check_actuals",
    "compute_drift",
    "drift_tables",
    "drift_year",
    "estimate_forecast",
    "favourable",
    "monthly_profile",
    "period_problems",
    "previous_year",
    "remaining_budget",
]
