"""Nyckeltal: soliditet, balanskravsresultat, eget kapital mot taket, femårsöversikt.

* Soliditet = eget kapital / summa tillgångar (0 when there are no assets).
* Balanskravsresultat = årets resultat − realisationsvinster (kommunallagen 11 kap.;
  for a federation normally the result itself; the gains accounts are the
  mapping's ``realisation_gains``, none by default).
* Taket = the share of the year's member contributions the cap table gives for a
  federation of that size, rounded to öre; the headroom is taket − eget kapital (a negative
  equity counted as 0, as in the plan).
* Femårsöversikt: every year −4 … 0 the file has #RES for, newest first.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from finsam_budget.constants import SHARE_PLACES, ZERO
from finsam_budget.labels import CAP, CAP_MARGIN
from finsam_budget.money import fraction_to_decimal
from finsam_budget.plan.engine import cap_share_for, equity_cap
from finsam_budget.statements.context import LAST, THIS, Context
from finsam_budget.statements.ledger import Book
from finsam_budget.tables import Column, Ref, Table, TableBuilder, cap_margin

OVERVIEW_YEARS = (0, -1, -2, -3, -4)


def _columns_with(ctx: Context, *tables: str) -> list[str]:
    return [c for c in (THIS, LAST) if all(ctx.tables[t].has_column(c) for t in tables)]


def build_key_figures(ctx: Context) -> Table:
    rr_columns = _columns_with(ctx, "rr")
    both = _columns_with(ctx, "rr", "br")
    columns = [c for c in ctx.tables["rr"].columns if c.key in rr_columns]
    t = TableBuilder("nyckeltal", "Nyckeltal", columns, ctx.lookup)
    t.ratio(
        "solidity",
        "Soliditet (eget kapital / summa tillgångar)",
        {c: (Ref("br", "equity", c), Ref("br", "assets", c)) for c in both},
    )
    t.link("result", "Årets resultat", {c: Ref("rr", "result", c) for c in rr_columns})
    t.values("gains", "Realisationsvinster", {c: ctx.book(c).realisation_gains for c in rr_columns})
    t.sum("balanskrav", "Balanskravsresultat", [(1, "result"), (-1, "gains")])

    t.heading("h_cap", "Eget kapital mot tak")
    if ctx.plan is not None:
        paid = {c: [(1, Ref("not_bidrag", "total", c))] for c in both}
        t.sum("contributions", "Medlemsbidrag (medlemmarnas konton i scenariot)", paid, kind="line")
    else:
        ranges = ", ".join(map(str, ctx.mapping.member_contributions)) or "inga"
        t.values(
            "contributions",
            f"Medlemsbidrag (konto {ranges})",
            {c: member_contributions(ctx.book(c)) for c in both},
        )
    bands = ctx.cap_bands
    exact = {c: cap_share_for(t.resolve(Ref("nyckeltal", "contributions", c)), bands) for c in both}
    shares = {c: fraction_to_decimal(share, SHARE_PLACES) for c, share in exact.items()}
    t.values("cap_share", "Takandel (av medlemsbidragen)", shares, unit="percent")
    contributions = {c: Ref("nyckeltal", "contributions", c) for c in both}
    t.share_of(
        "cap",
        CAP,
        {c: (contributions[c], exact[c]) for c in both},
        expect={c: equity_cap(t.resolve(contributions[c]), exact[c]) for c in both},
    )
    t.link("equity", "Eget kapital vid årets slut", {c: Ref("br", "equity", c) for c in both})
    t.row(
        "headroom",
        CAP_MARGIN,
        {c: cap_margin(t.ref("cap", c), t.ref("equity", c)) for c in both},
        kind="total",
    )
    return ctx.add(t.build())


def member_contributions(book: Book) -> Decimal:
    """The members' contributions of one year: the mapping's ``member_contributions`` accounts, income positive."""
    results = (book.data.results or {}).items()
    return -sum((amount for account, amount in results if book.mapping.is_member_contribution(account)), ZERO)


def build_five_year_overview(ctx: Context) -> Table:
    years = [i for i in OVERVIEW_YEARS if i in ctx.books and ctx.books[i].has_results]
    keys = {i: (THIS if i == 0 else LAST if i == -1 else f"y{i}") for i in years}
    columns = [Column(keys[i], str(ctx.books[i].data.year)) for i in years]
    t = TableBuilder("femar", "Femårsöversikt", columns, ctx.lookup)
    rr, br = ctx.tables["rr"], ctx.tables["br"]

    def row(key: str, label: str, table: Table, table_row: str, value_of: Callable[[Book], Decimal]) -> None:
        """Years in the workbook link to their statement; earlier years are the file's figures."""
        spec: dict[str, Decimal | list[tuple[int, Ref]] | None] = {}
        for i in years:
            column, book = keys[i], ctx.books[i]
            if column in (THIS, LAST) and table.has_column(column):
                spec[column] = [(1, Ref(table.key, table_row, column))]
            elif book.has_results if table is rr else book.has_balances:
                spec[column] = value_of(book)
        t.mixed(key, label, spec)

    row("income", "Verksamhetens intäkter", rr, "income", lambda b: b.group_result("income"))
    row("costs", "Verksamhetens kostnader", rr, "costs", lambda b: b.group_result("costs"))
    row("result", "Årets resultat", rr, "result", lambda b: b.result)
    row("equity", "Eget kapital", br, "equity", lambda b: b.equity)
    row("assets", "Summa tillgångar", br, "assets", lambda b: b.total_assets)
    with_balances = [keys[i] for i in years if ctx.books[i].has_balances]
    t.ratio(
        "solidity",
        "Soliditet",
        {c: (Ref("femar", "equity", c), Ref("femar", "assets", c)) for c in with_balances},
    )
    return ctx.add(t.build())
