"""The årsredovisning (annual report) draft: chapters, tables and sentences from the computations. Pure.

``compose_annual_report(statements, drift, scenario, details)`` assembles the
chapters (``model``) from the same tables as the statements and drift workbooks,
with the sentences the figures say (``sentences``) and a highlighted prompt for
what only the federation can write. ``writers/arsredovisning_docx.py`` renders it.
"""

from __future__ import annotations

from finsam_budget.annual_report.compose import compose_annual_report, largest_deviations
from finsam_budget.annual_report.model import (
    UNIT_HEADING,
    AnnualReport,
    Paragraph,
    Prompt,
    Section,
    Signatures,
    TableBlock,
)

__all__ = [
    "UNIT_HEADING",
    "AnnualReport",
    "Paragraph",
    "Prompt",
    "Section",
    "Signatures",
    "TableBlock",
    "compose_annual_report",
    "largest_deviations",
]
