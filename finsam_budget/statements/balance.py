"""Balansräkning at this year's end and last year's end.

Assets are the file's balances; equity, provisions and liabilities the file's
balances with the sign turned. Eget kapital is shown as balanserat från
föregående år and årets resultat (a link to the resultaträkning); equity
includes a result not yet booked (see ``ledger``). Lines that are zero in every
column are left out, except receivables, cash and short-term liabilities, which
every federation has.
"""

from __future__ import annotations

from finsam_budget.mapping import BR_GROUPS, MappingLine
from finsam_budget.statements.context import Context
from finsam_budget.statements.income import line_key
from finsam_budget.tables import Ref, Table, TableBuilder

ALWAYS_SHOWN = ("receivables", "cash", "short_term_liabilities")


def shown_lines(ctx: Context, group: str, columns: list[str]) -> list[MappingLine]:
    return [
        line
        for line in ctx.mapping.lines_in(group)
        if group in ALWAYS_SHOWN or any(ctx.book(c).line_balance(line.id) for c in columns)
    ]


def build_balance_sheet(ctx: Context) -> Table:
    columns = ctx.balance_columns()
    keys = [c.key for c in columns]
    t = TableBuilder("br", "Balansräkning", columns, ctx.lookup)
    rr = ctx.tables["rr"]

    def lines(group: str) -> list[str]:
        found = []
        for line in shown_lines(ctx, group, keys):
            t.values(line_key(line.id), line.name, {c: ctx.book(c).line_balance(line.id) for c in keys})
            found.append(line_key(line.id))
        return found

    t.heading("h_assets", "TILLGÅNGAR")
    fixed = shown_lines(ctx, "fixed_assets", keys)
    fixed_total = []
    if fixed:
        t.heading("h_fixed", BR_GROUPS["fixed_assets"])
        fixed_rows = lines("fixed_assets")
        t.sum("fixed_assets", "Summa anläggningstillgångar", [(1, k) for k in fixed_rows])
        fixed_total = ["fixed_assets"]
    t.heading("h_current", "Omsättningstillgångar")
    current = []
    for group in ("inventory", "receivables", "short_term_investments", "cash"):
        current += lines(group)
    t.sum("current_assets", "Summa omsättningstillgångar", [(1, k) for k in current])
    t.sum("assets", "SUMMA TILLGÅNGAR", [(1, k) for k in fixed_total + ["current_assets"]])

    t.heading("h_equity_and_liabilities", "EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER")
    t.heading("h_equity", "Eget kapital")
    results = {c: Ref("rr", "result", c) for c in keys if rr.has_column(c)}
    retained = {c: ctx.book(c).equity - (ctx.book(c).result if c in results else 0) for c in keys}
    t.values("retained", "Balanserat från föregående år", retained)
    t.link("equity_result", "Årets resultat", results)
    t.sum("equity", "Summa eget kapital", [(1, "retained"), (1, "equity_result")])
    totals = ["equity"]
    if shown_lines(ctx, "provisions", keys):
        t.heading("h_provisions", BR_GROUPS["provisions"])
        rows = lines("provisions")
        t.sum("provisions", "Summa avsättningar", [(1, k) for k in rows])
        totals.append("provisions")
    t.heading("h_liabilities", "Skulder")
    liabilities = lines("long_term_liabilities") + lines("short_term_liabilities")
    t.sum("liabilities", "Summa skulder", [(1, k) for k in liabilities])
    totals.append("liabilities")
    t.sum(
        "equity_and_liabilities",
        "SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER",
        [(1, k) for k in totals],
    )
    t.sum(
        "check",
        "Kontroll: tillgångar − eget kapital, avsättningar och skulder (ska vara 0)",
        [(1, "assets"), (-1, "equity_and_liabilities")],
        kind="check",
    )
    return ctx.add(t.build())


def group_rows(table: Table, ctx: Context, group: str) -> list[str]:
    """The rows of ``table`` (the balansräkning) that hold ``group``'s lines."""
    return [line_key(line.id) for line in ctx.mapping.lines_in(group) if table.has_row(line_key(line.id))]
