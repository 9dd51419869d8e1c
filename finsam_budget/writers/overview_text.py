"""The overview in the terminal: one row per scenario's budget year, totals, unreadable files.

A renderer of the overview's table (``board.overview``): the figures are its cells,
the same the workbook writes, so the two cannot disagree.
"""

from __future__ import annotations

from finsam_budget.board.overview import TEXT_HEADINGS, TOTAL, Overview, OverviewRow
from finsam_budget.labels import statuses_text
from finsam_budget.money import format_amount, format_percent
from finsam_budget.tables import Table

#: The terminal's columns, in order: text columns and the table's figures.
COLUMN_KEYS = (
    "federation", "title", "budget_year", "member_contributions", "admin", "costs", "admin_share",
    "room", "closing_equity", "carried_equity", "equity_cap", "excess", "status",
)
_LEFT = 2  # the first two columns are text, left-aligned


def headings(table: Table) -> list[str]:
    """The terminal's headings: the text columns' and the table's figures'."""
    figures = {column.key: column.heading for column in table.columns}
    return [TEXT_HEADINGS.get(key) or figures[key] for key in COLUMN_KEYS]


def _figure(table: Table, row: str, column: str) -> str:
    """A cell of the table as text: an amount, a share in percent, a count; blank when there is none."""
    amount = table.amount(row, column)
    if amount is None:
        return ""
    unit = table.unit(row, column)
    if unit == "percent":
        return format_percent(amount)
    if unit == "count":
        return str(int(amount))
    return format_amount(amount)


def _cells(table: Table, key: str, text: dict[str, str]) -> list[str]:
    return [text[c] if c in TEXT_HEADINGS else _figure(table, key, c) for c in COLUMN_KEYS]


def _row_text(row: OverviewRow) -> dict[str, str]:
    return {"federation": row.federation, "title": row.title, "file": row.source, "status": row.status_label}


def overview_text(overview: Overview) -> list[str]:
    """Lines of the overview table, its total row and the files that could not be read."""
    t, table = overview.totals, overview.table
    lines = [f"Översikt: {t.scenarios} scenarier från {t.federations} förbund (budgetårets siffror)"]
    if overview.rows:
        head = headings(table)
        body = [_cells(table, key, _row_text(row)) for key, row in zip(overview.keys, overview.rows, strict=True)]
        total_text = {"federation": "Totalt", "title": f"{t.scenarios} scenarier, {t.federations} förbund",
                      "file": "", "status": ""}
        total = _cells(table, TOTAL, total_text)
        grid = [head] + body + [total]
        widths = [max(len(r[i]) for r in grid) for i in range(len(COLUMN_KEYS))]

        def line(cells: list[str]) -> str:
            return "  ".join(
                c.ljust(w) if i < _LEFT else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()

        lines.append(line(head))
        lines.extend(line(cells) for cells in body)
        lines.append(line(total))
        lines.append(
            f"Kontroll: {statuses_text(t.statuses)}. Överskridande = eget kapital som förs vidare över taket."
        )
    if overview.unreadable:
        lines.append("")
        lines.append(f"Kunde inte läsas ({len(overview.unreadable)}):")
        for unreadable in overview.unreadable:
            for problem in unreadable.problems:
                lines.append(f"  {problem}")
    return lines
