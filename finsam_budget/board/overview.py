"""Many federations' scenarios in one table: the budget year's key figures. Pure: no I/O.

One row per scenario (the budget year's member contributions, costs,
administration share, room for new activity, closing equity, the equity carried
against the cap, the excess, the findings counted), sorted by federation and
title in Swedish alphabetical order, and a total row. The figures form one
``Table`` whose derived cells (the shares, the excess, the totals) carry their
derivation and are checked against the engine's own figures; the terminal and the
workbook both render it. Files that could not be read, or were skipped, are kept
with their problems, so the overview can say what is missing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from finsam_budget.constants import SHARE_PLACES, ZERO
from finsam_budget.labels import CAP, STATUS_LABEL
from finsam_budget.model import Finding
from finsam_budget.money import fraction_to_decimal
from finsam_budget.plan.engine import Plan, YearFigures
from finsam_budget.problems import Problem
from finsam_budget.rules import CheckedFindings, count_by_severity, run_rules
from finsam_budget.tables import (
    Add,
    Column,
    Const,
    Expr,
    Max,
    Ratio,
    Ref,
    Table,
    TableBuilder,
    lookup_in,
    minus,
)

OVERVIEW_TABLE = "oversikt"
CHART_TABLE = "diagram"
TOTAL = "total"

#: Headings of the text columns beside the table's figures.
TEXT_HEADINGS = {"federation": "Förbund", "title": "Scenario", "file": "Fil", "status": "Kontroll"}
#: The table's columns: the budget year's figures and the findings counted.
FIGURE_COLUMNS = (
    Column("budget_year", "Budgetår", unit="count"),
    Column("member_contributions", "Medlemsbidrag"),
    Column("admin", "Administration"),
    Column("costs", "Kostnader"),
    Column("admin_share", "Adm.-andel", unit="percent"),
    Column("room", "Utrymme"),
    Column("closing_equity", "Utg. eget kapital"),
    Column("carried_equity", "Förs vidare"),
    Column("equity_cap", "Tak"),
    Column("excess", "Överskridande"),
    Column("errors", "Fel", unit="count"),
    Column("warnings", "Varningar", unit="count"),
)
#: The engine's amounts, written as they are.
AMOUNT_COLUMNS = (
    "member_contributions", "admin", "costs", "room", "closing_equity", "carried_equity", "equity_cap",
)
#: Columns the total row adds up (the administration share is the share of the totals).
SUMMED_COLUMNS = AMOUNT_COLUMNS + ("excess", "errors", "warnings")
#: The chart's columns: the equity carried and the cap, linked to the table.
CHART_COLUMNS = (
    Column("carried_equity", "Eget kapital som förs vidare"),
    Column("equity_cap", CAP),
)

# Swedish order puts å, ä, ö after z (in that order); other accents sort with their letter.
_AFTER_Z = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})


def swedish_sort_key(text: str) -> str:
    """A key that sorts text the Swedish way: a … z, å, ä, ö; case and other accents ignored."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(_AFTER_Z)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class OverviewRow(CheckedFindings):
    """One scenario's budget year."""

    source: str
    plan: Plan
    findings: tuple[Finding, ...]

    @property
    def figures(self) -> YearFigures:
        return self.plan.budget

    @property
    def federation(self) -> str:
        return self.plan.scenario.federation

    @property
    def title(self) -> str:
        return self.plan.scenario.title

    @property
    def budget_year(self) -> int:
        return self.plan.scenario.budget_year

    @property
    def carried_equity(self) -> Decimal:
        return self.figures.carried_equity(self.plan.scenario.carry)

    @property
    def excess(self) -> Decimal:
        """Equity carried above the cap (0 when within it)."""
        return max(ZERO, self.carried_equity - self.figures.equity_cap)

    @property
    def admin_share(self) -> Fraction | None:
        return self.figures.cost_share("admin")

    @property
    def label(self) -> str:
        """``Förbund: scenario``, as the chart names the row."""
        return f"{self.federation}: {self.title}"

    def amounts(self) -> dict[str, Decimal]:
        """The engine's figures of the table's amount columns."""
        f = self.figures
        return {
            "member_contributions": f.member_contributions,
            "admin": f.admin,
            "costs": f.costs,
            "room": f.room,
            "closing_equity": f.closing_equity,
            "carried_equity": self.carried_equity,
            "equity_cap": f.equity_cap,
        }


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be read, with every problem found in it."""

    source: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class OverviewTotals:
    """The sums of the table's amount columns and the number of scenarios per status."""

    scenarios: int
    federations: int
    member_contributions: Decimal
    admin: Decimal
    costs: Decimal
    room: Decimal
    closing_equity: Decimal
    carried_equity: Decimal
    equity_cap: Decimal
    excess: Decimal
    statuses: dict[str, int]
    counts: dict[str, int]  # findings by severity, over every scenario

    @property
    def admin_share(self) -> Fraction | None:
        return None if self.costs == 0 else Fraction(self.admin) / Fraction(self.costs)


@dataclass(frozen=True)
class Overview:
    """The scenarios' rows, the files not read or skipped, the totals, and the figures as tables.

    ``table`` holds one row per scenario (keyed as ``keys`` says, in the order of
    ``rows``) and the total row ``TOTAL``; ``chart`` links the equity carried and the
    cap of every scenario row.
    """

    rows: tuple[OverviewRow, ...]
    unreadable: tuple[Unreadable, ...]
    totals: OverviewTotals
    table: Table
    chart: Table
    skipped: tuple[Problem, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        """The table's row key of each scenario, in the order of ``rows``."""
        return tuple(row_key(index) for index in range(len(self.rows)))


def row_key(index: int) -> str:
    return f"s{index + 1}"


def build_overview(
    plans: Sequence[tuple[str, Plan]],
    unreadable: Sequence[Unreadable] = (),
    skipped: Sequence[Problem] = (),
) -> Overview:
    """The overview of ``(source, plan)`` pairs, running the rules of `check` on each.

    ``skipped`` are notes on files left out on purpose (not scenarios).
    """
    rows = sorted(
        (OverviewRow(source, plan, tuple(run_rules(plan))) for source, plan in plans),
        key=lambda r: (swedish_sort_key(r.federation), swedish_sort_key(r.title), r.source),
    )
    totals = _totals(rows)
    table = _table(rows, totals)
    return Overview(tuple(rows), tuple(unreadable), totals, table, _chart(rows, table), tuple(skipped))


def _share(share: Fraction | None) -> Decimal:
    """The engine's share as a cell holds it: 0 when there is nothing to share."""
    return ZERO if share is None else fraction_to_decimal(share, SHARE_PLACES)


def _table(rows: Sequence[OverviewRow], totals: OverviewTotals) -> Table:
    t = TableBuilder(OVERVIEW_TABLE, "Översikt över samordningsförbund", FIGURE_COLUMNS)
    keys = [row_key(index) for index in range(len(rows))]
    for key, row in zip(keys, rows, strict=True):
        counts = row.counts
        t.row(
            key,
            row.label,
            {
                "budget_year": Decimal(row.budget_year),
                **row.amounts(),
                "admin_share": Ratio(t.ref(key, "admin"), t.ref(key, "costs")),
                "excess": Max((Const(ZERO), minus(t.ref(key, "carried_equity"), t.ref(key, "equity_cap")))),
                "errors": Decimal(counts["error"]),
                "warnings": Decimal(counts["warning"]),
            },
            expect={"admin_share": _share(row.admin_share), "excess": row.excess},
        )
    if not rows:
        return t.build()
    engine = {
        "member_contributions": totals.member_contributions,
        "admin": totals.admin,
        "costs": totals.costs,
        "room": totals.room,
        "closing_equity": totals.closing_equity,
        "carried_equity": totals.carried_equity,
        "equity_cap": totals.equity_cap,
        "excess": totals.excess,
        "errors": Decimal(totals.counts["error"]),
        "warnings": Decimal(totals.counts["warning"]),
        "admin_share": _share(totals.admin_share),
    }
    spec: dict[str, Decimal | Expr | None] = {
        column: Add(tuple((1, t.ref(key, column)) for key in keys)) for column in SUMMED_COLUMNS
    }
    # The total share is the share of the totals (weighted), not the mean of the shares.
    spec["admin_share"] = Ratio(t.ref(TOTAL, "admin"), t.ref(TOTAL, "costs"))
    t.row(TOTAL, "Totalt", spec, kind="total", expect=engine)
    return t.build()


def _chart(rows: Sequence[OverviewRow], table: Table) -> Table:
    """The chart's figures: each scenario's equity carried and cap, linked to the table."""
    t = TableBuilder(CHART_TABLE, "Eget kapital som förs vidare mot taket", CHART_COLUMNS, lookup_in([table]))
    for index, row in enumerate(rows):
        key = row_key(index)
        t.row(
            key,
            row.label,
            {c.key: Ref(OVERVIEW_TABLE, key, c.key) for c in CHART_COLUMNS},
            expect={"carried_equity": row.carried_equity, "equity_cap": row.figures.equity_cap},
        )
    return t.build()


def _totals(rows: Sequence[OverviewRow]) -> OverviewTotals:
    """The engine's totals: the sums of the rows' figures, which the table's total row must give."""

    def total(value: Callable[[OverviewRow], Decimal]) -> Decimal:
        return sum((value(r) for r in rows), ZERO)

    statuses = {status: 0 for status in STATUS_LABEL}
    for row in rows:
        statuses[row.status] += 1
    findings = [finding for row in rows for finding in row.findings]
    return OverviewTotals(
        scenarios=len(rows),
        federations=len({r.federation for r in rows}),
        member_contributions=total(lambda r: r.figures.member_contributions),
        admin=total(lambda r: r.figures.admin),
        costs=total(lambda r: r.figures.costs),
        room=total(lambda r: r.figures.room),
        closing_equity=total(lambda r: r.figures.closing_equity),
        carried_equity=total(lambda r: r.carried_equity),
        equity_cap=total(lambda r: r.figures.equity_cap),
        excess=total(lambda r: r.excess),
        statuses=statuses,
        counts=count_by_severity(findings),
    )


#: The overview column a budget-year finding's key concerns.
_FINDING_COLUMNS = {"room": "room", "closing_equity": "closing_equity", "costs": "costs"}


def finding_cells(overview: Overview) -> list[tuple[Ref, Finding]]:
    """Every scenario's budget-year findings on the overview cells they concern."""
    cells: list[tuple[Ref, Finding]] = []
    for key, row in zip(overview.keys, overview.rows, strict=True):
        carried = "reserve" if row.plan.scenario.carry == "reserve" else "closing_equity"
        for finding in row.findings:
            if finding.year != row.budget_year:
                continue
            columns = [_FINDING_COLUMNS[finding.key]] if finding.key in _FINDING_COLUMNS else []
            if finding.rule == "no-debt" and finding.key == carried:
                columns.append("carried_equity")
            if finding.rule == "equity-cap":
                columns.append("excess")
            cells.extend((Ref(overview.table.key, key, column), finding) for column in columns)
    return cells
