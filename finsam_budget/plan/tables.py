"""The plan as tables whose derived figures carry their derivation: Budgetplan, Nyckeltal, Likviditet.

Pure, no I/O. Each table has a column per year (key ``str(year)``); every total,
share, link and the cap is an expression over the cells it names
(``finsam_budget.tables``), checked against the engine's own figure, so the
workbook and the terminal render the same derivation.

Budgetplan rows: ``line:<section>.<id>`` for every line, ``granted:<key>`` under a
granted project (in no sum), ``opening_equity``, ``available``, the sections'
totals (``admin``, ``development``, ``projects``), ``activities``, ``costs``,
``reserve``, ``room``, ``result``, ``closing_equity``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from finsam_budget.constants import SHARE_PLACES
from finsam_budget.labels import CAP, CAP_MARGIN
from finsam_budget.model import COST_SECTIONS, Finding, Line
from finsam_budget.money import format_amount, format_percent, fraction_to_decimal, share_value
from finsam_budget.plan.engine import Plan, YearFigures
from finsam_budget.plan.liquidity import Liquidity, compute_liquidity
from finsam_budget.plan.periods import granted_by_year
from finsam_budget.tables import (
    Add,
    Column,
    Expr,
    Min,
    Ratio,
    Ref,
    Table,
    TableBuilder,
    cap_margin,
    lookup_in,
    plus,
    relink,
)

BUDGETPLAN = "budgetplan"
NYCKELTAL = "nyckeltal"
LIKVIDITET = "likviditet"
LIKVIDITET_YEARS = "likviditet_ar"

SECTION_HEADINGS = {
    "admin": ("KOSTNADER: ADMINISTRATION", "TOTALT: Kostnader administration"),
    "development": ("KOSTNADER: UTVECKLINGSINSATSER", "Kostnader: utvecklingsinsatser"),
    "projects": ("KOSTNADER: PROJEKT", "Kostnader: projekt"),
}
SECTION_NAMES = {"admin": "Administration", "development": "Utvecklingsinsatser", "projects": "Projekt"}
ROW_LABELS = {
    "income_heading": "INTÄKTER OCH EGET KAPITAL",
    "opening_equity": "Eget kapital/sparade medel (ingående)",
    "available": "TOTALT: Intäkter och eget kapital",
    "activities": "TOTALT: Kostnader verksamhet (utvecklingsinsatser och projekt)",
    "costs": "TOTALT: Kostnader administration och verksamhet",
    "reserve": "Reserv: eget kapital som behålls till nästa år",
    "room": "Utrymme för ny verksamhet (rimligt överskott till kommande år)",
    "result": "Årets resultat (intäkter − kostnader)",
    "closing_equity": "Utgående eget kapital",
}
LOWEST_CASH = "Lägsta kassa vid en månads slut"


@dataclass(frozen=True)
class PlanTables:
    """The plan workbook's tables; the Likviditet tables only for a scenario with ``[cash]``."""

    budgetplan: Table
    nyckeltal: Table
    likviditet: Table | None = None
    likviditet_years: Table | None = None
    liquidity: Liquidity | None = None


def plan_tables(plan: Plan) -> PlanTables:
    budgetplan = build_budgetplan(plan)
    nyckeltal = build_nyckeltal(plan, budgetplan)
    liquidity = compute_liquidity(plan)
    if liquidity is None:
        return PlanTables(budgetplan, nyckeltal)
    months, years = build_likviditet(plan, liquidity)
    return PlanTables(budgetplan, nyckeltal, months, years, liquidity)


#: The Budgetplan row a rule finding's ``key`` concerns (a ``[stated]`` key or a figure).
FINDING_ROWS = {
    "income_and_equity": "available",
    "admin": "admin",
    "development": "development",
    "projects": "projects",
    "activities": "activities",
    "costs": "costs",
    "result": "result",
    "closing_equity": "closing_equity",
    "room": "room",
    "reserve": "reserve",
    "equity.reserve": "reserve",
}


def finding_cells(finding: Finding, plan: Plan, tables: PlanTables | None = None, key: str = BUDGETPLAN) -> list[Ref]:
    """The table cells a rule finding concerns: where the plan workbook (or a comparison's
    Budgetplan sheet, ``key``) marks it. A finding without a year or a cell of its own has none."""
    if finding.year is None or finding.year not in plan.scenario.years:
        return []
    year = col(finding.year)
    cells: list[Ref] = []
    if finding.key in FINDING_ROWS:
        cells.append(Ref(key, FINDING_ROWS[finding.key], year))
    elif finding.key is not None and plan.scenario.line(finding.key) is not None:
        cells.append(Ref(key, f"line:{finding.key}", year))
    if tables is None:
        return cells
    if finding.key == "member_contributions":
        cells.append(Ref(NYCKELTAL, "total_members", year))
    if finding.rule == "equity-cap":
        cells.append(Ref(NYCKELTAL, "headroom", year))
    if finding.rule == "no-debt":
        cells.append(Ref(NYCKELTAL, "closing" if finding.key == "closing_equity" else "carried", year))
    if finding.key == "cash" and tables.likviditet is not None and tables.liquidity is not None:
        negative = [m for m in tables.liquidity.year_months(finding.year) if m.closing < 0]
        cells.extend(Ref(LIKVIDITET, month_row(m.label), CASH) for m in negative)
    return cells


def col(year: int) -> str:
    """The column key of a year."""
    return str(year)


def year_columns(plan: Plan) -> list[Column]:
    s = plan.scenario
    return [Column(col(year), s.column_heading(year)) for year in s.years]


def carried_row(carry: str) -> str:
    """The Budgetplan row carried into next year: the reserve, or the closing equity."""
    return "reserve" if carry == "reserve" else "closing_equity"


# ---------------------------------------------------------------------------
# Budgetplan


def build_budgetplan(plan: Plan, key: str = BUDGETPLAN) -> Table:
    """The Budgetplan table of ``plan`` (``key`` tells apart the plans of a comparison)."""
    s = plan.scenario
    years = s.years
    t = TableBuilder(key, s.title, year_columns(plan))

    def figures(value_of: Callable[[YearFigures], Decimal]) -> dict[str, Decimal]:
        return {col(y): value_of(plan.year(y)) for y in years}

    def line_rows(lines: Iterable[Line]) -> list[str]:
        keys = []
        for line in lines:
            row = f"line:{line.key}"
            t.values(row, line.name, {col(y): line.amount(y) for y in years}, note=line.note)
            keys.append(row)
            if line.has_grant:
                granted = granted_by_year(line)
                t.values(
                    f"granted:{line.key}",
                    f"{line.name}: beviljat",
                    {col(y): granted[y] for y in years if y in granted},
                    note=grant_note(line),
                )
        return keys

    def total(
        row: str,
        label: str,
        rows: Iterable[tuple[int, str]],
        value_of: Callable[[YearFigures], Decimal],
        *,
        kind: str = "total",
    ) -> None:
        t.sum(row, label, list(rows), kind=kind, expect=figures(value_of))

    t.heading("h_income", ROW_LABELS["income_heading"])
    income = line_rows(s.income)
    carried = [y for y in years if y not in s.opening_equity]
    carry_text = "föregående års reserv" if s.carry == "reserve" else "föregående års utgående eget kapital"
    t.values(
        "opening_equity",
        ROW_LABELS["opening_equity"],
        figures(lambda f: f.opening_equity),
        note=f"{', '.join(map(str, carried))}: {carry_text}" if carried else None,
    )
    total("available", ROW_LABELS["available"], [(1, r) for r in [*income, "opening_equity"]], lambda f: f.available)
    for section in COST_SECTIONS:
        heading, label = SECTION_HEADINGS[section]
        t.heading(f"h_{section}", heading)
        # only the budget lines: a project's "beviljat" row below it is not a cost
        rows = line_rows(s.section(section))
        total(section, label, [(1, r) for r in rows], _section_total(section))
    total("activities", ROW_LABELS["activities"], [(1, "development"), (1, "projects")], lambda f: f.activities)
    total("costs", ROW_LABELS["costs"], [(1, "admin"), (1, "activities")], lambda f: f.costs)
    t.values("reserve", ROW_LABELS["reserve"], figures(lambda f: f.reserve))
    total("room", ROW_LABELS["room"], [(1, "available"), (-1, "costs"), (-1, "reserve")], lambda f: f.room)
    total("result", ROW_LABELS["result"], [*[(1, r) for r in income], (-1, "costs")], lambda f: f.result, kind="line")
    total(
        "closing_equity",
        ROW_LABELS["closing_equity"],
        [(1, "opening_equity"), (1, "result")],
        lambda f: f.closing_equity,
    )
    table = t.build()
    # A carried year's opening equity is last year's reserve or closing equity: a row below it.
    previous = {y: years[years.index(y) - 1] for y in carried if years.index(y) > 0}
    links: dict[str, Expr] = {col(y): Ref(key, carried_row(s.carry), col(p)) for y, p in previous.items()}
    if not links:
        return table
    return relink(table, "opening_equity", links, expect={col(y): plan.year(y).opening_equity for y in previous})


def grant_note(line: Line) -> str:
    """What the "beviljat" row shows: the grant, its period and the budget factor."""
    factor = line.budget_factor
    decimals = 0 if (factor * 100).denominator == 1 else 1
    share = "hela det beviljade beloppet" if factor == 1 else f"{format_percent(factor, decimals)} av det beviljade"
    parts = []
    if line.granted_total is not None:
        parts.append(f"Beviljat {format_amount(line.granted_total)} kr för {line.period}, fördelat efter månader")
    parts.append(f"budgeten är {share}")
    if line.derived_years:
        parts.append("härledd för " + ", ".join(str(y) for y in line.derived_years))
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


# ---------------------------------------------------------------------------
# Nyckeltal


def build_nyckeltal(plan: Plan, budgetplan: Table) -> Table:
    """Member contributions and shares, cost shares, result and equity against the cap."""
    s = plan.scenario
    years = s.years
    columns = [col(y) for y in years]
    t = TableBuilder(NYCKELTAL, f"{s.title}: nyckeltal", year_columns(plan), lookup_in([budgetplan]))

    def on_plan(row: str, column: str) -> Ref:
        return Ref(budgetplan.key, row, column)

    def expect(value_of: Callable[[YearFigures], Decimal]) -> dict[str, Decimal]:
        return {col(y): value_of(plan.year(y)) for y in years}

    t.heading("h_members", "Medlemsbidrag")
    for member in s.members:
        lines = [f"line:{ln.key}" for ln in s.income if ln.member == member.id]
        t.row(
            f"member:{member.id}",
            member.name,
            {c: plus(*(on_plan(r, c) for r in lines)) for c in columns},
            expect=expect(_contribution(member.id)),
        )
    t.sum(
        "total_members",
        "Medlemsbidrag totalt",
        [(1, f"member:{m.id}") for m in s.members],
        expect=expect(lambda f: f.member_contributions),
    )
    for member in s.members:
        t.row(
            f"member_share:{member.id}",
            f"Andel {member.name}",
            {c: Ratio(t.ref(f"member:{member.id}", c), t.ref("total_members", c)) for c in columns},
            unit="percent",
            expect=expect(_member_share(member.id)),
        )

    t.heading("h_costs", "Kostnadernas fördelning")
    for section in COST_SECTIONS:
        t.row(
            f"share:{section}",
            f"Andel {SECTION_NAMES[section].lower()}",
            {c: Ratio(on_plan(section, c), on_plan("costs", c)) for c in columns},
            unit="percent",
            expect=expect(_cost_share(section)),
        )

    t.heading("h_equity", "Resultat och eget kapital")
    t.row("result", "Årets resultat", {c: on_plan("result", c) for c in columns}, expect=expect(lambda f: f.result))
    t.row(
        "closing",
        "Utgående eget kapital",
        {c: on_plan("closing_equity", c) for c in columns},
        expect=expect(lambda f: f.closing_equity),
    )
    carried_label = "Eget kapital som förs vidare (reserv)" if s.carry == "reserve" else "Eget kapital som förs vidare"
    t.row(
        "carried",
        carried_label,
        {c: on_plan(carried_row(s.carry), c) for c in columns},
        expect=expect(lambda f: f.carried_equity(s.carry)),
    )
    # The cap's share comes from the size-graded table: an input figure, not a formula.
    t.values(
        "cap_share",
        "Takandel (av medlemsbidragen)",
        expect(lambda f: fraction_to_decimal(f.cap_share, SHARE_PLACES)),
        unit="percent",
    )
    t.share_of(
        "cap",
        CAP,
        {col(y): (t.ref("total_members", col(y)), plan.year(y).cap_share) for y in years},
        expect=expect(lambda f: f.equity_cap),
    )
    t.row(
        "headroom",
        CAP_MARGIN,
        {c: cap_margin(t.ref("cap", c), t.ref("carried", c)) for c in columns},
        kind="total",
        expect=expect(lambda f: f.cap_margin(s.carry)),
    )
    return t.build()


# ---------------------------------------------------------------------------
# Likviditet

CONTRIBUTIONS, OTHER, INFLOW, OUTFLOW, CASH = "contributions", "other_income", "inflow", "outflow", "cash"


def month_row(label: str) -> str:
    return f"month:{label}"


def build_likviditet(plan: Plan, liquidity: Liquidity) -> tuple[Table, Table]:
    """Months as rows (inflow, cash at the month end, the lowest cash), then the yearly sums."""
    s = plan.scenario
    columns = [
        Column(CONTRIBUTIONS, "Medlemsbidrag"),
        Column(OTHER, "Övriga intäkter"),
        Column(INFLOW, "Inbetalningar"),
        Column(OUTFLOW, "Utbetalningar"),
        Column(CASH, "Kassa vid månadens slut"),
    ]
    t = TableBuilder(LIKVIDITET, f"{s.title}: likviditetsplan", columns)
    t.values("opening", f"Ingående kassa {s.years[0]}-01-01", {CASH: liquidity.opening})
    previous = "opening"
    for month in liquidity.months:
        row = month_row(month.label)
        t.row(
            row,
            month.label,
            {
                CONTRIBUTIONS: month.contributions,
                OTHER: month.other_income,
                INFLOW: plus(t.ref(row, CONTRIBUTIONS), t.ref(row, OTHER)),
                OUTFLOW: month.outflow,
                CASH: Add(((1, t.ref(previous, CASH)), (1, t.ref(row, INFLOW)), (-1, t.ref(row, OUTFLOW)))),
            },
            expect={INFLOW: month.inflow, CASH: month.closing},
        )
        previous = row
    lowest = min(liquidity.months, key=lambda m: (m.closing, m.year, m.month))
    t.row(
        "lowest",
        LOWEST_CASH,
        {CASH: Min(tuple(t.ref(month_row(m.label), CASH) for m in liquidity.months))},
        kind="total",
        note=f"i {lowest.label}",
        expect={CASH: lowest.closing},
    )
    months = t.build()

    sums = [Column(INFLOW, "Inbetalningar"), Column(OUTFLOW, "Utbetalningar"), Column(CASH, "Kassa vid årets slut")]
    y = TableBuilder(LIKVIDITET_YEARS, "År", sums, lookup_in([months]))
    for year in s.years:
        rows = [month_row(m.label) for m in liquidity.year_months(year)]
        figures = plan.year(year)
        y.row(
            col(year),
            str(year),
            {
                INFLOW: Add(tuple((1, Ref(LIKVIDITET, r, INFLOW)) for r in rows)),
                OUTFLOW: Add(tuple((1, Ref(LIKVIDITET, r, OUTFLOW)) for r in rows)),
                CASH: Ref(LIKVIDITET, rows[-1], CASH),
            },
            expect={INFLOW: figures.income, OUTFLOW: figures.costs, CASH: liquidity.year_months(year)[-1].closing},
        )
    return months, y.build()


# The engine's figure of a row, per year (a closure per member or section).
def _section_total(section: str) -> Callable[[YearFigures], Decimal]:
    return lambda f: f.section_total(section)


def _contribution(member: str) -> Callable[[YearFigures], Decimal]:
    return lambda f: f.contributions[member]


def _member_share(member: str) -> Callable[[YearFigures], Decimal]:
    return lambda f: share_value(f.contributions[member], f.member_contributions)


def _cost_share(section: str) -> Callable[[YearFigures], Decimal]:
    return lambda f: share_value(f.section_total(section), f.costs)
