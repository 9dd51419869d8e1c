"""Kassaflödesanalys for this year, indirect method, from the two balance sheets.

Every change is a formula over the balansräkning's two columns. Non-cash items are
depreciation (the change in the accumulated depreciation accounts) and the change
in provisions. Investments are the change in fixed assets before depreciation;
financing the change in long-term liabilities and any change in equity other than
the year's result. Likvida medel are kassa och bank: the year's cash flow added to
the opening balance must give the closing balance on the balansräkning.

Without last year's balances in the file the opening balances count as zero (a
warning says so) and the changes are this year's balances.
"""

from __future__ import annotations

from finsam_budget.constants import ZERO
from finsam_budget.statements.balance import group_rows
from finsam_budget.statements.context import LAST, THIS, Context
from finsam_budget.tables import Ref, Table, TableBuilder


def build_cash_flow(ctx: Context) -> Table:
    columns = (c for c in ctx.result_columns() if c.key == THIS)
    t = TableBuilder("kf", "Kassaflödesanalys", columns, ctx.lookup)
    br = ctx.tables["br"]
    has_start = br.has_column(LAST)
    if not has_start:
        ctx.warn(
            "filen saknar föregående års balanser (#UB -1 eller #IB 0); kassaflödesanalysen räknar "
            "med ingående balanser på 0"
        )

    def change(rows: list[str], sign: int) -> list[tuple[int, Ref]]:
        """``sign`` × (end − start) of the balansräkning rows, as terms."""
        terms = [(sign, Ref("br", row, THIS)) for row in rows]
        if has_start:
            terms += [(-sign, Ref("br", row, LAST)) for row in rows]
        return terms

    def rows_of(*groups: str) -> list[str]:
        return [row for group in groups for row in group_rows(br, ctx, group)]

    start = ctx.last if has_start else None
    depreciation = -(ctx.this.accumulated_depreciation - (start.accumulated_depreciation if start else ZERO))

    t.heading("h_operating", "Den löpande verksamheten")
    t.link("result", "Årets resultat", {THIS: Ref("rr", "result", THIS)})
    t.text("h_non_cash", "Justering för ej likviditetspåverkande poster:")
    t.values("depreciation", "  av- och nedskrivningar", {THIS: depreciation})
    t.sum("provisions", "  förändring av avsättningar", {THIS: change(rows_of("provisions"), 1)}, kind="line")
    operating = ["result", "depreciation", "provisions"]
    if rows_of("inventory"):
        t.sum(
            "inventory",
            "Ökning (−)/minskning (+) av förråd",
            {THIS: change(rows_of("inventory"), -1)},
            kind="line",
        )
        operating.append("inventory")
    t.sum(
        "receivables",
        "Ökning (−)/minskning (+) av kortfristiga fordringar",
        {THIS: change(rows_of("receivables"), -1)},
        kind="line",
    )
    t.sum(
        "short_term_liabilities",
        "Ökning (+)/minskning (−) av kortfristiga skulder",
        {THIS: change(rows_of("short_term_liabilities"), 1)},
        kind="line",
    )
    operating.append("receivables")
    operating.append("short_term_liabilities")
    t.sum("operating", "Kassaflöde från den löpande verksamheten", [(1, k) for k in operating])

    t.heading("h_investing", "Investeringsverksamheten")
    investments = change(rows_of("fixed_assets"), -1) + [(-1, Ref("kf", "depreciation", THIS))]
    t.sum("investments", "Investeringar i anläggningstillgångar (netto)", {THIS: investments}, kind="line")
    investing = ["investments"]
    if rows_of("short_term_investments"):
        t.sum(
            "short_term_investments",
            "Ökning (−)/minskning (+) av kortfristiga placeringar",
            {THIS: change(rows_of("short_term_investments"), -1)},
            kind="line",
        )
        investing.append("short_term_investments")
    t.sum("investing", "Kassaflöde från investeringsverksamheten", [(1, k) for k in investing])

    t.heading("h_financing", "Finansieringsverksamheten")
    t.sum(
        "long_term_liabilities",
        "Ökning (+)/minskning (−) av långfristiga skulder",
        {THIS: change(rows_of("long_term_liabilities"), 1)},
        kind="line",
    )
    t.sum(
        "other_equity",
        "Övriga förändringar av eget kapital",
        {THIS: change(["equity"], 1) + [(-1, Ref("kf", "result", THIS))]},
        kind="line",
    )
    t.sum(
        "financing",
        "Kassaflöde från finansieringsverksamheten",
        [(1, "long_term_liabilities"), (1, "other_equity")],
    )

    t.sum("cash_flow", "Årets kassaflöde", [(1, "operating"), (1, "investing"), (1, "financing")])
    cash_rows = rows_of("cash")
    if has_start:
        t.sum(
            "cash_start",
            "Likvida medel vid årets början",
            {THIS: [(1, Ref("br", r, LAST)) for r in cash_rows]},
            kind="line",
        )
    else:
        t.values("cash_start", "Likvida medel vid årets början", {THIS: ZERO})
    t.sum("cash_end", "Likvida medel vid årets slut", [(1, "cash_start"), (1, "cash_flow")])
    t.sum(
        "check",
        "Kontroll: likvida medel vid årets slut − kassa och bank (ska vara 0)",
        {THIS: [(1, Ref("kf", "cash_end", THIS))] + [(-1, Ref("br", r, THIS)) for r in cash_rows]},
        kind="check",
    )
    return ctx.add(t.build())
