"""Resultaträkning: verksamhetens intäkter och kostnader, finansiella poster, årets resultat.

Income is positive and costs negative, so every subtotal is a plain sum. The
columns are the budget (with a scenario), this year and last year.
"""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.mapping import MappingLine
from finsam_budget.statements.budget import UNPLACED_LABEL, rr_budget
from finsam_budget.statements.context import BUDGET, Context
from finsam_budget.tables import Table, TableBuilder

NOTE_CONTRIBUTIONS = "Not 1"
NOTE_COSTS = "Not 2"


def line_key(line_id: str) -> str:
    return f"line:{line_id}"


def build_income_statement(ctx: Context) -> Table:
    columns = ctx.result_columns()
    t = TableBuilder("rr", "Resultaträkning", columns, ctx.lookup)
    budget = rr_budget(ctx)
    result_columns = [c.key for c in columns if c.key != BUDGET]

    def line_row(line: MappingLine) -> str:
        amounts: dict[str, Decimal | None] = {c: ctx.book(c).line_result(line.id) for c in result_columns}
        remarks: dict[str, str] = {}
        if ctx.plan is not None:
            amounts[BUDGET] = budget.amounts.get(line.id)
            if line.id in budget.remarks:
                remarks[BUDGET] = budget.remarks[line.id]
        note = NOTE_CONTRIBUTIONS if line.contributions else None
        t.values(line_key(line.id), line.name, amounts, note=note, remarks=remarks)
        return line_key(line.id)

    def unplaced_row(kind: str) -> list[str]:
        """The budget no line can hold (scenario lines without accounts), so the totals are the plan's."""
        if kind not in budget.unplaced:
            return []
        remark = "Scenariorader utan konto: " + ", ".join(budget.unplaced_lines[kind]) + "."
        key = f"unplaced:{kind}"
        t.values(key, UNPLACED_LABEL, {BUDGET: budget.unplaced[kind]}, remarks={BUDGET: remark})
        return [key]

    t.heading("h_income", "Verksamhetens intäkter")
    income = [line_row(line) for line in ctx.mapping.lines_in("income")] + unplaced_row("income")
    t.sum("income", "Summa verksamhetens intäkter", [(1, k) for k in income])
    t.heading("h_costs", "Verksamhetens kostnader")
    costs = [line_row(line) for line in ctx.mapping.lines_in("costs")] + unplaced_row("costs")
    t.sum("costs", "Summa verksamhetens kostnader", [(1, k) for k in costs], note=NOTE_COSTS)
    t.sum("operating", "Verksamhetens resultat", [(1, "income"), (1, "costs")])
    financial = [line_row(line) for line in ctx.mapping.lines_in("financial_income")]
    financial += [line_row(line) for line in ctx.mapping.lines_in("financial_costs")]
    t.sum(
        "after_financial",
        "Resultat efter finansiella poster",
        [(1, "operating")] + [(1, k) for k in financial],
    )
    t.sum("result", "Årets resultat", [(1, "after_financial")])
    return ctx.add(t.build())
