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


def compare_costs_text(tables_per_scenario: Sequence[tuple[str, Sequence[InsatsTable]]]) -> list[str]:
    """`compare --uppfoljning`: the budget per participant of every insats and period, a column per scenario."""
    headings = [title for title, _ in tables_per_scenario]
    keys: list[tuple[str, str, str]] = []  # (table key, period, label) in the first scenario's order
    values: dict[tuple[str, str], list[Decimal | str | None]] = {}
    for i, (_, tables) in enumerate(tables_per_scenario):
        for item in tables:
            table = item.table
            if not table.has_row("budget_per_deltagare"):
                continue
            for column in table.columns:
                amount = table.amount("budget_per_deltagare", column.key)
                if amount is None:
                    continue
                key = (table.key, column.key)
                if key not in values:
                    keys.append((table.key, column.key, f"{item.insats.name} {column.heading}"))
                    values[key] = [None] * len(headings)
                values[key][i] = amount
    if not keys:
        return ["Ingen insats i uppföljningsfilen har en rad (line) med budget i scenarierna."]
    rows = [(label, values[(table, period)]) for table, period, label in keys]
    return ["Budget per deltagare, kr (uppföljningsfilens deltagare):", *render_table(headings, rows)]
