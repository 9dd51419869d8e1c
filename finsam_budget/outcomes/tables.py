"""The follow-up as derivation tables: one table per insats, a column per period.

Rows: the flow as published and as the flow gives it, the exits by reason, their
sum and their shares, the goals, and (with a scenario) the money with the cost per
participant and per exit to work or studies. Every derived cell is checked against
the figure computed here independently (``expect=``); the workbook and the
terminal render these tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from finsam_budget.followup import EXIT_LABELS, EXIT_REASONS, FLOW, FLOW_LABELS, Followup, Goal, Insats
from finsam_budget.money import share_value
from finsam_budget.outcomes.costs import ACTUAL, BUDGET, SIDE_LABELS, WORK, OutcomeCosts
from finsam_budget.outcomes.goals import goal_share
from finsam_budget.tables import Column, Expr, Ratio, Ref, Round, Table, TableBuilder, minus, plus

EXITS_SUM = "avslut_summa"
START_PLUS_NEW, PARTICIPANTS_LESS_EXITS = "flode_deltagare", "flode_aktiva_slut"


def table_key(insats: Insats) -> str:
    return f"insats.{insats.id}"


def share_row(reason: str) -> str:
    return f"andel_{reason}"


def goal_row(goal: Goal) -> str:
    return f"mal_{goal.reason}_{'min' if goal.comparison == '>=' else 'max'}"


def money_row(side: str) -> str:
    return f"{side}_kr"


def per_participant_row(side: str) -> str:
    return f"{side}_per_deltagare"


def per_work_row(side: str) -> str:
    return f"{side}_per_arbete_studier"


@dataclass(frozen=True)
class GoalStatus:
    """Whether a goal is met in a period: the share it is judged on and the verdict."""

    row: str
    period: str
    met: bool


@dataclass(frozen=True)
class InsatsTable:
    insats: Insats
    table: Table
    goals: tuple[GoalStatus, ...]
    reasons: tuple[str, ...]
    costed: bool


def followup_tables(followup: Followup, costs: OutcomeCosts | None = None) -> tuple[InsatsTable, ...]:
    return tuple(insats_table(insats, costs) for insats in followup.insatser)


def insats_table(insats: Insats, costs: OutcomeCosts | None = None) -> InsatsTable:
    columns = [Column(p.label, p.label.replace("-", "–")) for p in insats.periods]
    b = TableBuilder(table_key(insats), insats.name, columns)
    periods = {p.label: p for p in insats.periods}

    def ref(row: str, column: str) -> Ref:
        return b.ref(row, column)

    b.heading("flode", "Deltagare")
    for name in FLOW:
        values = {label: Decimal(c) for label, p in periods.items() if (c := p.count(name)) is not None}
        if values:
            b.values(name, FLOW_LABELS[name], values, unit="count", note="publicerat")
    flow_rows = {r.key for r in b.build().rows}
    spec: dict[str, Decimal | Expr | None] = {}
    expect: dict[str, Decimal] = {}
    for label, p in periods.items():
        start, new = p.count("aktiva_start"), p.count("nya")
        if start is not None and new is not None:
            spec[label] = plus(ref("aktiva_start", label), ref("nya", label))
            expect[label] = Decimal(start + new)
    if spec:
        b.row(START_PLUS_NEW, "Deltagare enligt flödet (början + nya)", spec, kind="check", unit="count",
              expect=expect)
    spec, expect = {}, {}
    for label, p in periods.items():
        total, exits = p.count("deltagare"), p.count("avslutade")
        if total is not None and exits is not None:
            spec[label] = minus(ref("deltagare", label), ref("avslutade", label))
            expect[label] = Decimal(total - exits)
    if spec:
        b.row(PARTICIPANTS_LESS_EXITS, "Aktiva vid slutet enligt flödet (deltagare − avslutade)", spec,
              kind="check", unit="count", expect=expect)

    reasons = tuple(
        r for r in EXIT_REASONS if any(p.exits is not None and r in p.exits.totals for p in periods.values())
    )
    with_exits = {label: p for label, p in periods.items() if p.exits is not None}
    if reasons:
        b.heading("avslut", "Avslut efter orsak")
        for reason in reasons:
            values = {label: Decimal(p.exits.count(reason)) for label, p in with_exits.items() if p.exits is not None}
            b.values(reason, EXIT_LABELS[reason], values, unit="count")
        spec = {label: plus(*(ref(r, label) for r in reasons)) for label in with_exits}
        expect = {label: Decimal(p.exits.distribution.total) for label, p in with_exits.items() if p.exits}
        b.row(EXITS_SUM, "Summa avslut efter orsak", spec, kind="total", unit="count", expect=expect)
        b.heading("andelar", "Andel av avslutade")
        for reason in reasons:
            spec, expect = {}, {}
            for label, p in with_exits.items():
                base = p.exit_base()
                if not base or p.exits is None:
                    continue
                base_row = "avslutade" if p.count("avslutade") is not None and "avslutade" in flow_rows else EXITS_SUM
                spec[label] = Ratio(ref(reason, label), ref(base_row, label))
                expect[label] = share_value(p.exits.count(reason), base)
            b.row(share_row(reason), EXIT_LABELS[reason], spec, unit="percent", expect=expect)

    statuses: list[GoalStatus] = []
    if insats.goals:
        b.heading("mal", "Mål")
        for goal in insats.goals:
            limits: dict[str, Decimal | None] = {}
            for label, p in periods.items():
                judged = goal_share(goal, p)
                if judged is None or goal.reason not in reasons:
                    continue
                limits[label] = goal.share.numerator / Decimal(goal.share.denominator)
                statuses.append(GoalStatus(goal_row(goal), label, goal.met_by(Fraction(*judged))))
            b.values(goal_row(goal), f"Mål: {goal.text}", limits, unit="percent",
                     note=f"jämför med andelen {EXIT_LABELS[goal.reason].lower()}")

    costed = False
    if costs is not None:
        found_costs = {label: pc for label in periods if (pc := costs.of(insats.id, label)) is not None}
        if found_costs:
            costed = True
            b.heading("kostnad", "Kostnad")
            for side in (BUDGET, ACTUAL):
                money = {label: c.money[side] for label, c in found_costs.items() if side in c.money}
                if not money:
                    continue
                b.values(money_row(side), f"{SIDE_LABELS[side]}, kr", money)
                for row, label_text, people_row, figure in (
                    (per_participant_row(side), "per deltagare", "deltagare", "per_participant"),
                    (per_work_row(side), "per avslut till arbete eller studier", WORK, "per_work_exit"),
                ):
                    spec, expect = {}, {}
                    for label in money:
                        wanted = getattr(found_costs[label], figure)(side)
                        if wanted is None or not b.has_row(people_row):
                            continue
                        spec[label] = Round(Ratio(ref(money_row(side), label), ref(people_row, label)), 0)
                        expect[label] = wanted
                    if spec:
                        b.row(row, f"{SIDE_LABELS[side]} {label_text}, kr", spec, expect=expect)
    return InsatsTable(insats, b.build(), tuple(statuses), reasons, costed)
