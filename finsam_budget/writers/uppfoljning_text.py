"""The terminal's cost table of `uppfoljning`: rendered from the same derivation tables as the workbook."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from finsam_budget.outcomes.costs import OutcomeCosts
from finsam_budget.outcomes.tables import InsatsTable
from finsam_budget.writers.table import render_table

#: The rows of the cost table, from each insats's table.
COST_ROWS = (
    "deltagare",
    "arbete_studier",
    "budget_kr",
    "budget_per_deltagare",
    "budget_per_arbete_studier",
    "utfall_kr",
    "utfall_per_deltagare",
    "utfall_per_arbete_studier",
)
LABELS = {"deltagare": "Deltagare", "arbete_studier": "Avslut till arbete eller studier"}


def costs_text(tables: Sequence[InsatsTable], costs: OutcomeCosts) -> list[str]:
    """Per insats with money: the people and the money per period, budget and actual side by side."""
    sources = f"budget: {Path(costs.budget_source).name}"
    if costs.actuals_source is not None:
        sources += f", utfall: {Path(costs.actuals_source).name}"
    lines = [f"Kostnad per deltagare och per avslut till arbete eller studier ({sources}), kr:"]
    for item in tables:
        if not item.costed:
            continue
        table = item.table
        shown = [c for c in table.columns if any(
            table.has_row(r) and c.key in table.row(r).cells for r in COST_ROWS[2:])]
        rows: list[tuple[str, list[Decimal | str | None]]] = []
        for key in COST_ROWS:
            if table.has_row(key):
                row = table.row(key)
                rows.append((f"  {LABELS.get(key, row.label.removesuffix(', kr'))}",
                             [row.amount(c.key) for c in shown]))
        lines.append(f"{item.insats.name} ({item.insats.line})")
        lines += render_table([c.heading for c in shown], rows)
    return lines
