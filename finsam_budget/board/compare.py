"""Prognosis scenarios side by side: the key rows per year and the differences. Pure: no I/O.

A ``Comparison`` is computed once from N plans, as tables (``finsam_budget.tables``):
each scenario's Budgetplan table, and per year the key rows with a column per
scenario and a difference column per scenario against the first (the base). Each
key row is defined once, as a derivation: a link into the scenario's Budgetplan
table or an expression over other key rows, checked against the engine's figure.
The terminal table and the Jämförelse sheet are two renderers of it. Each
scenario carries its `check` findings, so the board sees which scenarios break
a rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from finsam_budget.constants import ZERO
from finsam_budget.labels import CAP, CAP_MARGIN
from finsam_budget.model import Finding
from finsam_budget.plan.engine import Plan, YearFigures
from finsam_budget.plan.tables import build_budgetplan, carried_row, col
from finsam_budget.plan.tables import finding_cells as plan_finding_cells
from finsam_budget.rules import CheckedFindings, run_rules
from finsam_budget.tables import (
    Column,
    Expr,
    Ref,
    ShareOf,
    Table,
    TableBuilder,
    cap_margin,
    lookup_in,
    minus,
    plus,
)


@dataclass(frozen=True)
class Where:
    """One scenario and year of the comparison: how a key row names its cells.

    ``on_plan(row)`` is a cell of the scenario's own Budgetplan table in that year;
    ``key(row)`` another key row of the same scenario and year.
    """

    plan: Plan
    year: int
    on_plan: Callable[[str], Ref]
    key: Callable[[str], Ref]

    @property
    def figures(self) -> YearFigures:
        return self.plan.year(self.year)


@dataclass(frozen=True)
class KeyRow:
    """One key row: its id, its Swedish label, its derivation and the engine's figure it must give."""

    key: str
    label: str
    derive: Callable[[Where], Expr]
    figure: Callable[[YearFigures, str], Decimal]
    #: +1 when a higher figure is better for the federation, −1 when a lower one is (costs):
    #: a difference is taken so that + always means better.
    better: int = 1

    @property
    def difference_label(self) -> str:
        """The label with the direction of its differences: ``Kostnader totalt (+ = lägre)``: a
        difference is + when the scenario's figure is lower (costs) or higher (the rest) than the base's."""
        return f"{self.label} (+ = {'högre' if self.better > 0 else 'lägre'})"


def _members(where: Where) -> Expr:
    lines = [f"line:{ln.key}" for ln in where.plan.scenario.income if ln.member is not None]
    return plus(*(where.on_plan(line) for line in lines))


def _on_plan(row: str) -> Callable[[Where], Expr]:
    return lambda where: where.on_plan(row)


#: The key rows, in the order every renderer shows them. ``carry`` is the scenario's convention.
KEY_ROWS = (
    KeyRow("member_contributions", "Medlemsbidrag", _members, lambda f, carry: f.member_contributions),
    KeyRow("admin", "Kostnader administration", _on_plan("admin"), lambda f, carry: f.admin, -1),
    KeyRow(
        "development", "Kostnader utvecklingsinsatser", _on_plan("development"), lambda f, carry: f.development, -1
    ),
    KeyRow("projects", "Kostnader projekt", _on_plan("projects"), lambda f, carry: f.projects, -1),
    KeyRow(
        "costs",
        "Kostnader totalt",
        lambda w: plus(w.key("admin"), w.key("development"), w.key("projects")),
        lambda f, carry: f.costs,
        -1,
    ),
    KeyRow("result", "Årets resultat", _on_plan("result"), lambda f, carry: f.result),
    KeyRow("room", "Utrymme för ny verksamhet", _on_plan("room"), lambda f, carry: f.room),
    KeyRow("closing_equity", "Utgående eget kapital", _on_plan("closing_equity"), lambda f, carry: f.closing_equity),
    KeyRow(
        "carried_equity",
        "Eget kapital som förs vidare",
        lambda w: w.on_plan(carried_row(w.plan.scenario.carry)),
        lambda f, carry: f.carried_equity(carry),
    ),
    KeyRow(
        "equity_cap",
        CAP,
        # the share comes from the size-graded table, as an exact fraction
        lambda w: ShareOf(w.key("member_contributions"), w.figures.cap_share),
        lambda f, carry: f.equity_cap,
    ),
    KeyRow(
        "headroom",
        CAP_MARGIN,
        lambda w: cap_margin(w.key("equity_cap"), w.key("carried_equity")),
        lambda f, carry: f.cap_margin(carry),
    ),
)
KEY_ROW_IDS = tuple(row.key for row in KEY_ROWS)
#: The key rows the Diagram sheet charts, with its headings.
CHART_ROWS = (
    ("carried_equity", "Eget kapital som förs vidare"),
    ("equity_cap", CAP),
    ("room", "Utrymme för ny verksamhet"),
)


def plan_key(index: int) -> str:
    """The key of scenario ``index``'s Budgetplan table."""
    return f"budgetplan:{index}"


def year_key(year: int) -> str:
    """The key of a year's comparison table."""
    return f"jamforelse:{year}"


def chart_key(row: str) -> str:
    return f"diagram:{row}"


def scenario_col(index: int) -> str:
    return f"s{index}"


def difference_col(index: int) -> str:
    return f"d{index}"


@dataclass(frozen=True)
class ComparedScenario(CheckedFindings):
    """One scenario of a comparison: its plan, its `check` findings and their summary."""

    plan: Plan
    findings: tuple[Finding, ...]

    @property
    def title(self) -> str:
        return self.plan.scenario.title

    @property
    def problem_count(self) -> int:
        """Findings that matter for the decision: errors and warnings."""
        counts = self.counts
        return counts["error"] + counts["warning"]



@dataclass(frozen=True)
class Comparison:
    """N scenarios; the first is the base the differences are taken against."""

    scenarios: tuple[ComparedScenario, ...]
    years: tuple[int, ...]
    plan_tables: tuple[Table, ...]  # each scenario's Budgetplan table
    year_tables: tuple[Table, ...]  # per year: the key rows, a column per scenario, then the differences
    chart_tables: tuple[Table, ...]  # per charted key row: a row per year, a column per scenario

    @property
    def base(self) -> ComparedScenario:
        return self.scenarios[0]

    def year_table(self, year: int) -> Table:
        return self.year_tables[self.years.index(year)]

    def value(self, index: int, row: str, year: int) -> Decimal | None:
        """The key row's figure in ``year``, or ``None`` when the scenario does not plan that year."""
        return self.year_table(year).amount(row, scenario_col(index))

    def difference(self, index: int, row: str, year: int) -> Decimal | None:
        """Scenario ``index`` minus the base, or ``None`` when either lacks the year."""
        if index == 0:
            return None if self.value(0, row, year) is None else ZERO
        return self.year_table(year).amount(row, difference_col(index))

    def year_heading(self, year: int) -> str:
        """The column heading of the first scenario that plans the year (e.g. "Prognos 2024")."""
        return self.year_table(year).title

    @property
    def federations(self) -> tuple[str, ...]:
        """The distinct federations compared, in order of appearance."""
        return tuple(dict.fromkeys(c.plan.scenario.federation for c in self.scenarios))

    @property
    def worst_status(self) -> str:
        statuses = {c.status for c in self.scenarios}
        for status in ("errors", "warnings"):
            if status in statuses:
                return status
        return "ok"


def compare_plans(plans: Sequence[Plan]) -> Comparison:
    """Compare the plans (at least one), running the rules of `check` on each."""
    if not plans:
        raise ValueError("minst ett scenario behövs för en jämförelse")
    scenarios = tuple(ComparedScenario(plan, tuple(run_rules(plan))) for plan in plans)
    years = tuple(sorted({year for plan in plans for year in plan.scenario.years}))
    plan_tables = tuple(build_budgetplan(plan, plan_key(i)) for i, plan in enumerate(plans))
    year_tables = tuple(_year_table(plans, plan_tables, year) for year in years)
    charts = tuple(_chart_table(plans, years, year_tables, row, label) for row, label in CHART_ROWS)
    return Comparison(scenarios, years, plan_tables, year_tables, charts)


def _year_table(plans: Sequence[Plan], plan_tables: Sequence[Table], year: int) -> Table:
    """The key rows of ``year``: each scenario's figure, then each one's difference against the base."""
    titles = [plan.scenario.title for plan in plans]
    columns = [Column(scenario_col(i), title) for i, title in enumerate(titles)]
    columns += [Column(difference_col(i), f"Differens: {title}") for i, title in enumerate(titles) if i]
    key = year_key(year)
    heading = next(p.scenario.column_heading(year) for p in plans if year in p.scenario.years)
    t = TableBuilder(key, heading, columns, lookup_in(plan_tables))
    planned = [i for i, plan in enumerate(plans) if year in plan.scenario.years]
    for row in KEY_ROWS:
        spec: dict[str, Decimal | Expr | None] = {}
        expect: dict[str, Decimal] = {}
        for i in planned:
            plan = plans[i]
            where = Where(plan, year, _cell(plan_key(i), col(year)), _cell(key, scenario_col(i)))
            spec[scenario_col(i)] = row.derive(where)
            expect[scenario_col(i)] = row.figure(plan.year(year), plan.scenario.carry)
        if 0 in planned:  # a difference needs the base's figure too
            for i in planned[1:]:
                this, base = Ref(key, row.key, scenario_col(i)), Ref(key, row.key, scenario_col(0))
                spec[difference_col(i)] = minus(this, base) if row.better > 0 else minus(base, this)
                expect[difference_col(i)] = row.better * (expect[scenario_col(i)] - expect[scenario_col(0)])
        label = row.difference_label if len(plans) > 1 else row.label
        kind = "total" if row.key in ("costs", "headroom") else "line"
        t.row(row.key, label, spec, kind=kind, expect=expect)
    return t.build()


def _cell(table: str, column: str) -> Callable[[str], Ref]:
    """The cell of a row in one table and column."""

    def ref(row: str) -> Ref:
        return Ref(table, row, column)

    return ref


def _chart_table(
    plans: Sequence[Plan], years: Sequence[int], year_tables: Sequence[Table], row: str, label: str
) -> Table:
    """A charted key row: a row per year, a column per scenario, each a link into the year's table."""
    columns = [Column(scenario_col(i), plan.scenario.title) for i, plan in enumerate(plans)]
    t = TableBuilder(chart_key(row), label, columns, lookup_in(year_tables))
    for year, table in zip(years, year_tables):
        links = {c.key: Ref(table.key, row, c.key) for c in columns if table.row(row).amount(c.key) is not None}
        expect = {
            scenario_col(i): _KEY[row].figure(plan.year(year), plan.scenario.carry)
            for i, plan in enumerate(plans)
            if year in plan.scenario.years
        }
        t.row(col(year), table.title, dict(links), expect=expect)
    return t.build()


_KEY = {row.key: row for row in KEY_ROWS}

#: The Budgetplan rows whose findings the Jämförelse sheet marks, and the key row that shows them.
_FINDING_KEY_ROWS = {"room": "room", "closing_equity": "closing_equity", "costs": "costs", "result": "result"}


def finding_cells(comparison: Comparison) -> list[tuple[Ref, Finding]]:
    """Each scenario's findings on the cells they concern: its own Budgetplan sheet and the Jämförelse."""
    cells: list[tuple[Ref, Finding]] = []
    for i, compared in enumerate(comparison.scenarios):
        plan = compared.plan
        for finding in compared.findings:
            cells.extend((ref, finding) for ref in plan_finding_cells(finding, plan, key=plan_key(i)))
            if finding.year is None or finding.year not in plan.scenario.years:
                continue
            rows = []
            if finding.key in _FINDING_KEY_ROWS:
                rows.append(_FINDING_KEY_ROWS[finding.key])
            if finding.rule == "no-debt" and finding.key == carried_row(plan.scenario.carry):
                rows.append("carried_equity")
            if finding.rule == "equity-cap":
                rows.append("headroom")
            cells.extend((Ref(year_key(finding.year), row, scenario_col(i)), finding) for row in rows)
    return cells
