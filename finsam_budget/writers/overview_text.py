"""The overview in the terminal: one row per scenario's budget year, totals, unreadable files."""

from __future__ import annotations

from finsam_budget.board.overview import Overview, OverviewRow
from finsam_budget.money import format_amount, format_percent

#: Column headings of the overview, in order (the workbook uses the same).
COLUMNS = (
    "Förbund",
    "Scenario",
    "Budgetår",
    "Medlemsbidrag",
    "Administration",
    "Kostnader",
    "Adm.-andel",
    "Utrymme",
    "Utg. eget kapital",
    "Förs vidare",
    "Tak",
    "Överskridande",
    "Kontroll",
)
_LEFT = 2  # the first two columns are text, left-aligned


def _share(value) -> str:
    return "" if value is None else format_percent(value)


def _row_cells(row: OverviewRow) -> list[str]:
    f = row.figures
    return [
        row.federation,
        row.title,
        str(row.budget_year),
        format_amount(f.member_contributions),
        format_amount(f.admin),
        format_amount(f.costs),
        _share(row.admin_share),
        format_amount(f.room),
        format_amount(f.closing_equity),
        format_amount(row.carried_equity),
        format_amount(f.equity_cap),
        format_amount(row.excess),
        row.status_label,
    ]


def overview_text(overview: Overview) -> list[str]:
    """Lines of the overview table, its total row and the files that could not be read."""
    t = overview.totals
    statuses = ", ".join(f"{n} {label}" for label, n in (
        ("ok", t.statuses["ok"]), ("med varningar", t.statuses["warnings"]), ("med fel", t.statuses["errors"])
    ))
    total = [
        "Totalt",
        f"{t.scenarios} scenarier, {t.federations} förbund",
        "",
        format_amount(t.member_contributions),
        format_amount(t.admin),
        format_amount(t.costs),
        _share(t.admin_share),
        format_amount(t.room),
        format_amount(t.closing_equity),
        format_amount(t.carried_equity),
        format_amount(t.equity_cap),
        format_amount(t.excess),
        "",
    ]
    body = [_row_cells(row) for row in overview.rows]
    table = [list(COLUMNS)] + body + [total]
    widths = [max(len(r[i]) for r in table) for i in range(len(COLUMNS))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i < _LEFT else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))
        ).rstrip()

    lines = [f"Översikt: {t.scenarios} scenarier från {t.federations} förbund (budgetårets siffror)"]
    if overview.rows:
        lines.append(line(list(COLUMNS)))
        lines.extend(line(cells) for cells in body)
        lines.append(line(total))
        lines.append(f"Kontroll: {statuses}. Överskridande = eget kapital som förs vidare över taket.")
    if overview.unreadable:
        lines.append("")
        lines.append(f"Kunde inte läsas ({len(overview.unreadable)}):")
        for unreadable in overview.unreadable:
            for problem in unreadable.problems:
                lines.append(f"  {problem}")
    return lines
