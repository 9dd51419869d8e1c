"""Kassaflödesanalys for this year and last year, indirect method, from the balance sheets.

Every change is a formula over the balansräkning's two columns. Non-cash items are
depreciation (the change in the accumulated depreciation accounts) and the change
in provisions. Investments are the change in fixed assets before depreciation;
financing the change in long-term liabilities and any change in equity other than
the year's result. Likvida medel are kassa och bank: the year's cash flow added to
the opening balance must give the closing balance on the balansräkning.

Without last year's balances in the file the opening balances count as zero (a
warning says so) and the changes are this year's balances.

Last year's column is there whenever the file has last year's result and its
balances at both ends (#UB -1 or #IB 0, and #UB -2 or #IB -1). The balansräkning
shows no column for the start of last year, so that column's changes are the
file's figures, not formulas; its totals and check are formulas as this year's.
"""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.constants import ZERO
from finsam_budget.statements.balance import group_rows
from finsam_budget.statements.context import LAST, THIS, Context
from finsam_budget.tables import Ref, Table, TableBuilder


def build_cash_flow(ctx: Context) -> Table:
    before = ctx.books.get(-2)
    with_last = ctx.has_last_results and ctx.has_last_balances and before is not None and before.has_balances
    columns = [c for c in ctx.result_columns() if c.key == THIS or (c.key == LAST and with_last)]
    t = TableBuilder("kf", "Kassaflödesanalys", columns, ctx.lookup)
    br = ctx.tables["br"]
    has_start = br.has_column(LAST)
    if not has_start:
        ctx.warn(
            "filen saknar föregående års balanser (#UB -1 eller #IB 0); kassaflödesanalysen räknar "
            "med ingående balanser på 0"
        )

    def rows_of(*groups: str) -> list[str]:
        return [row for group in groups for row in group_rows(br, ctx, group)]

    def groups_of(rows: list[str]) -> list[str]:
        return [line.id for line in ctx.mapping.lines if f"line:{line.id}" in rows]

    def change(rows: list[str], sign: int) -> dict[str, Decimal | list[tuple[int, Ref]]]:
        """``sign`` × (end − start) of the balansräkning rows: terms this year, the file's figures last year."""
        terms = [(sign, Ref("br", row, THIS)) for row in rows]
        if has_start:
            terms += [(-sign, Ref("br", row, LAST)) for row in rows]
        spec: dict[str, Decimal | list[tuple[int, Ref]]] = {THIS: terms}
        if with_last:
            last, first = ctx.last, before
            if rows == ["equity"]:
                spec[LAST] = sign * (last.equity - first.equity) + ZERO  # type: ignore[union-attr]
            else:
                spec[LAST] = sign * sum(
                    (last.line_balance(i) - first.line_balance(i) for i in groups_of(rows)),  # type: ignore[union-attr]
                    ZERO,
                ) + ZERO
        return spec

    start = ctx.last if has_start else None
    depreciation = {THIS: -(ctx.this.accumulated_depreciation - (start.accumulated_depreciation if start else ZERO))}
    if with_last:
        depreciation[LAST] = ZERO - (ctx.last.accumulated_depreciation - before.accumulated_depreciation)  # type: ignore[union-attr]

    t.heading("h_operating", "Den löpande verksamheten")
    t.link("result", "Årets resultat", {c.key: Ref("rr", "result", c.key) for c in columns})
    t.text("h_non_cash", "Justering för ej likviditetspåverkande poster:")
    t.values("depreciation", "  av- och nedskrivningar", depreciation)
    t.mixed("provisions", "  förändring av avsättningar", change(rows_of("provisions"), 1))
    operating = ["result", "depreciation", "provisions"]
    if rows_of("inventory"):
        t.mixed(
            "inventory",
            "Ökning (−)/minskning (+) av förråd",
            change(rows_of("inventory"), -1),
        )
        operating.append("inventory")
    t.mixed(
        "receivables",
        "Ökning (−)/minskning (+) av kortfristiga fordringar",
        change(rows_of("receivables"), -1),
    )
    t.mixed(
        "short_term_liabilities",
        "Ökning (+)/minskning (−) av kortfristiga skulder",
        change(rows_of("short_term_liabilities"), 1),
    )
    operating.append("receivables")
    operating.append("short_term_liabilities")
    t.sum("operating", "Kassaflöde från den löpande verksamheten", [(1, k) for k in operating])

    t.heading("h_investing", "Investeringsverksamheten")
    investments = change(rows_of("fixed_assets"), -1)
    investments[THIS] = [*investments[THIS], (-1, Ref("kf", "depreciation", THIS))]  # type: ignore[misc]
    if with_last:
        investments[LAST] = investments[LAST] - depreciation[LAST] + ZERO  # type: ignore[operator]
    t.mixed("investments", "Investeringar i anläggningstillgångar (netto)", investments)
    investing = ["investments"]
    if rows_of("short_term_investments"):
        t.mixed(
            "short_term_investments",
            "Ökning (−)/minskning (+) av kortfristiga placeringar",
            change(rows_of("short_term_investments"), -1),
        )
        investing.append("short_term_investments")
    t.sum("investing", "Kassaflöde från investeringsverksamheten", [(1, k) for k in investing])

    t.heading("h_financing", "Finansieringsverksamheten")
    t.mixed(
        "long_term_liabilities",
        "Ökning (+)/minskning (−) av långfristiga skulder",
        change(rows_of("long_term_liabilities"), 1),
    )
    other_equity = change(["equity"], 1)
    other_equity[THIS] = [*other_equity[THIS], (-1, Ref("kf", "result", THIS))]  # type: ignore[misc]
    if with_last:
        other_equity[LAST] = other_equity[LAST] - ctx.last.result  # type: ignore[operator,union-attr]
    t.mixed("other_equity", "Övriga förändringar av eget kapital", other_equity)
    t.sum(
        "financing",
        "Kassaflöde från finansieringsverksamheten",
        [(1, "long_term_liabilities"), (1, "other_equity")],
    )

    t.sum("cash_flow", "Årets kassaflöde", [(1, "operating"), (1, "investing"), (1, "financing")])
    cash_rows = rows_of("cash")
    cash_start: dict[str, Decimal | list[tuple[int, Ref]]] = {
        THIS: [(1, Ref("br", r, LAST)) for r in cash_rows] if has_start else ZERO
    }
    if with_last:
        cash_start[LAST] = before.group_balance("cash")  # type: ignore[union-attr]
    t.mixed("cash_start", "Likvida medel vid årets början", cash_start)
    t.sum("cash_end", "Likvida medel vid årets slut", [(1, "cash_start"), (1, "cash_flow")])
    t.sum(
        "check",
        "Kontroll: likvida medel vid årets slut − kassa och bank (ska vara 0)",
        {
            c.key: [(1, Ref("kf", "cash_end", c.key))] + [(-1, Ref("br", r, c.key)) for r in cash_rows]
            for c in columns
        },
        kind="check",
    )
    return ctx.add(t.build())
