"""The årsredovisning's own tables: cost shares and the balanskravsutredning.

Both are derivations over the tables the workbooks show (the driftsredovisning's
detail, the statements' nyckeltal), built with ``TableBuilder`` and checked
against the engine's figures, so they cannot disagree with the workbooks.
"""

from __future__ import annotations

from finsam_budget.constants import ZERO
from finsam_budget.drift.model import Driftsredovisning
from finsam_budget.drift.tables import ACTUAL, BUDGET, DETAIL, DriftTables
from finsam_budget.model import COST_SECTIONS
from finsam_budget.statements import Statements
from finsam_budget.tables import Add, Column, Ratio, Ref, Table, TableBuilder, lookup_in

SHARES, BALANSKRAV = "andelar", "balanskrav"
ACTUAL_SHARE, BUDGET_SHARE = "actual_share", "budget_share"
#: The cost sections as a förvaltningsberättelse names them.
SHARE_LABELS = {
    "admin": "Administration",
    "development": "Strukturinriktade insatser (utvecklingsinsatser)",
    "projects": "Individinriktade insatser (projekt)",
}
OTHER_COSTS = "Övriga kostnader (konton utan rad i budgeten)"


def cost_shares(report: Driftsredovisning, drift: DriftTables) -> Table:
    """Each cost section's actual and budget and its share of all costs, linked to the driftsredovisning."""
    columns = (
        Column(ACTUAL, f"Utfall {report.year}"),
        Column(ACTUAL_SHARE, "Andel", unit="percent"),
        Column(BUDGET, f"Budget {report.year}"),
        Column(BUDGET_SHARE, "Andel", unit="percent"),
    )
    t = TableBuilder(SHARES, "Kostnadernas fördelning", columns, lookup_in([drift.detail]))
    rows = [(f"total:{name}", SHARE_LABELS[name], name) for name in COST_SECTIONS]
    rows += [(row.key, OTHER_COSTS, row.key) for row in report.other_costs]
    total = report.costs.key
    for drift_row, label, key in rows:
        t.row(
            key,
            label,
            {
                ACTUAL: Ref(DETAIL, drift_row, ACTUAL),
                ACTUAL_SHARE: Ratio(Ref(DETAIL, drift_row, ACTUAL), Ref(DETAIL, total, ACTUAL)),
                BUDGET: Ref(DETAIL, drift_row, BUDGET),
                BUDGET_SHARE: Ratio(Ref(DETAIL, drift_row, BUDGET), Ref(DETAIL, total, BUDGET)),
            },
        )
    keys = [key for _, _, key in rows]
    t.row(
        "total",
        "Summa kostnader",
        {
            ACTUAL: Add(tuple((1, t.ref(k, ACTUAL)) for k in keys)),
            ACTUAL_SHARE: Ratio(t.ref("total", ACTUAL), Ref(DETAIL, total, ACTUAL)),
            BUDGET: Add(tuple((1, t.ref(k, BUDGET)) for k in keys)),
            BUDGET_SHARE: Ratio(t.ref("total", BUDGET), Ref(DETAIL, total, BUDGET)),
        },
        kind="total",
        expect={ACTUAL: report.costs.actual, BUDGET: report.costs.budget},
    )
    return t.build()


def balanskrav_table(statements: Statements) -> Table:
    """Årets resultat, less realisationsvinster, adjustments, = balanskravsresultat (the nyckeltal's)."""
    key_figures = statements.table("nyckeltal")
    columns = [c for c in key_figures.columns if key_figures.row("result").cells.get(c.key) is not None]
    t = TableBuilder(BALANSKRAV, "Balanskravsutredning", columns, lookup_in([key_figures]))
    keys = [c.key for c in columns]
    t.link("result", "Årets resultat enligt resultaträkningen", {c: Ref("nyckeltal", "result", c) for c in keys})
    t.row(
        "gains",
        "Avgår: samtliga realisationsvinster",
        {c: Add(((-1, Ref("nyckeltal", "gains", c)),)) for c in keys},
    )
    # A federation has none of a municipality's other adjustments (resultatutjämningsreserv,
    # unrealised gains on securities): the row is shown, as RKR's layout has it, with 0.
    t.values("adjustments", "Övriga balanskravsjusteringar", {c: ZERO for c in keys})
    t.sum(
        "balanskrav",
        "Årets balanskravsresultat",
        [(1, "result"), (1, "gains"), (1, "adjustments")],
        expect={c: amount for c in keys if (amount := key_figures.amount("balanskrav", c)) is not None},
    )
    return t.build()
