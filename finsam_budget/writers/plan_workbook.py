"""The budget plan workbook: Budgetplan, Nyckeltal, Likviditet and Kontroller sheets.

The Budgetplan sheet follows the published layout (a column per year, income
and equity, the three cost sections with subtotals, totals, room for new
activity with the reserve). Every total is a live formula over the cells it
sums, carrying the engine's exact value as its cached result. A granted
project has a row under it with the granted amount per year beside the budget.
The Likviditet sheet is there when the scenario has ``[cash]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from finsam_budget.constants import SHARE_QUANTUM
from finsam_budget.model import COST_SECTIONS, Finding, Line
from finsam_budget.money import (
    format_amount,
    format_percent,
    fraction_to_decimal,
    has_ore,
)
from finsam_budget.plan.engine import Plan
from finsam_budget.plan.liquidity import compute_liquidity
from finsam_budget.plan.periods import granted_by_year
from finsam_budget.writers.likviditet_sheet import add_likviditet_sheet
from finsam_budget.writers.xlsx_common import (
    cell,
    fit_column,
    print_setup,
    share_of_formula,
    sheet_ref,
    sum_formula,
    write_formula,
    write_text,
    write_value,
    write_workbook,
)

SEVERITY_TEXT = {"error": "Fel", "warning": "Varning", "info": "Info"}
SECTION_HEADINGS = {
    "admin": ("KOSTNADER: ADMINISTRATION", "TOTALT: Kostnader administration"),
    "development": ("KOSTNADER: UTVECKLINGSINSATSER", "Kostnader: utvecklingsinsatser"),
    "projects": ("KOSTNADER: PROJEKT", "Kostnader: projekt"),
}
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

FIRST_YEAR_COL = 1


@dataclass
class PlanLayout:
    """Where the Budgetplan sheet put each figure: row numbers (zero-based) by key.

    ``rows`` has ``line:<section>.<id>`` for every line and the totals by name
    (``available``, ``admin``, ``costs``, ``room`` …); ``col`` gives a year's column.
    """

    sheet: str
    years: tuple[int, ...]
    rows: dict[str, int] = field(default_factory=dict)

    def col(self, year: int) -> int:
        return FIRST_YEAR_COL + self.years.index(year)

    def ref(self, key: str, year: int, *, other_sheet: bool = False) -> str:
        ref = cell(self.rows[key], self.col(year))
        return sheet_ref(self.sheet, ref) if other_sheet else ref


def write_plan_workbook(plan: Plan, findings: list[Finding], path: str | Path, *, force: bool = False) -> Path:
    """Write the plan workbook atomically; ``OutputError`` when the target cannot be written."""

    def build(workbook: Any, formats: Any) -> None:
        layout = add_budgetplan_sheet(workbook, formats, plan)
        add_nyckeltal_sheet(workbook, formats, plan, layout)
        liquidity = compute_liquidity(plan)
        if liquidity is not None:
            add_likviditet_sheet(workbook, formats, plan, liquidity)
        add_kontroller_sheet(workbook, formats, plan, findings)

    return write_workbook(path, build, force=force, title=plan.scenario.title)


# ---------------------------------------------------------------------------
# Budgetplan


class _Sheet:
    """A worksheet being filled row by row, with the plan's year columns."""

    def __init__(self, ws: Any, formats: Any, layout: PlanLayout):
        self.ws = ws
        self.formats = formats
        self.layout = layout
        self.row = 0
        self.labels: list[str] = []

    def label(self, text: str, fmt: Any = None) -> None:
        write_text(self.ws, self.row, 0, text, fmt)
        self.labels.append(text)


def add_budgetplan_sheet(workbook: Any, formats: Any, plan: Plan, name: str = "Budgetplan") -> PlanLayout:
    """Add the Budgetplan sheet for ``plan`` and return where each figure stands."""
    s = plan.scenario
    ws = workbook.add_worksheet(name)
    layout = PlanLayout(name, s.years)
    sheet = _Sheet(ws, formats, layout)
    years = s.years
    note_col = FIRST_YEAR_COL + len(years)

    def fmt_for(values, total: bool = False):
        """Whole kronor, or öre for a row whose figures have öre ("öre only where the data has öre")."""
        name = "amount_ore" if any(has_ore(v) for v in values) else "amount"
        return formats[name + "_total" if total else name]

    write_text(ws, 0, 0, s.federation, formats.title)
    write_text(ws, 1, 0, s.title, formats.heading)
    write_text(ws, 2, 0, "Belopp i kronor", formats.note)
    header = 3
    write_text(ws, header, 0, "", formats.header_row)
    for year in years:
        write_text(ws, header, layout.col(year), s.column_heading(year), formats.header_row)
    write_text(ws, header, note_col, "Not", formats.header_row)
    sheet.row = header + 2

    def line_row(line: Line) -> None:
        sheet.label(line.name)
        fmt = fmt_for(line.amount(year) for year in years)
        for year in years:
            write_value(ws, sheet.row, layout.col(year), line.amount(year), fmt)
        if line.note:
            write_text(ws, sheet.row, note_col, line.note, formats.note_wrap)
        layout.rows[f"line:{line.key}"] = sheet.row
        sheet.row += 1
        if line.has_grant:
            granted_row(line)

    def granted_row(line: Line) -> None:
        """The grant per year under the project's budget line (not part of any total)."""
        sheet.label(f"{line.name}: beviljat", formats.note)
        granted = granted_by_year(line)
        fmt = fmt_for(granted.values())
        for year in years:
            if year in granted:
                write_value(ws, sheet.row, layout.col(year), granted[year], fmt)
        write_text(ws, sheet.row, note_col, grant_note(line), formats.note)
        layout.rows[f"granted:{line.key}"] = sheet.row
        sheet.row += 1

    def total_row(key: str, label: str, formula_for, value_of, total: bool = True) -> None:
        sheet.label(label, formats.bold)
        fmt = fmt_for((value_of(plan.year(year)) for year in years), total)
        for year in years:
            write_formula(ws, sheet.row, layout.col(year), formula_for(year), value_of(plan.year(year)), fmt)
        layout.rows[key] = sheet.row
        sheet.row += 1

    # Income and equity
    sheet.label(ROW_LABELS["income_heading"], formats.heading)
    sheet.row += 1
    first_income = sheet.row
    for line in s.income:
        line_row(line)
    opening_row = sheet.row
    sheet.label(ROW_LABELS["opening_equity"])
    layout.rows["opening_equity"] = opening_row
    sheet.row += 1
    layout.rows["available"] = sheet.row
    reserve_row = None  # known once the costs are laid out; carried years refer to it
    carried: list[int] = []
    fmt_opening = fmt_for(plan.year(year).opening_equity for year in years)
    for year in years:
        if year in s.opening_equity:
            write_value(ws, opening_row, layout.col(year), plan.year(year).opening_equity, fmt_opening)
        else:
            carried.append(year)
    total_row(
        "available",
        ROW_LABELS["available"],
        lambda y: sum_formula([cell(r, layout.col(y)) for r in range(first_income, opening_row + 1)]),
        lambda f: f.available,
    )
    sheet.row += 1

    # Cost sections
    for section in COST_SECTIONS:
        heading, total_label = SECTION_HEADINGS[section]
        sheet.label(heading, formats.heading)
        sheet.row += 1
        for line in s.section(section):
            line_row(line)
        line_rows = [layout.rows[f"line:{ln.key}"] for ln in s.section(section)]
        total_row(
            section,
            total_label,
            # only the budget lines: a project's "beviljat" row below it is not a cost
            lambda y, line_rows=line_rows: sum_formula([cell(r, layout.col(y)) for r in line_rows]),
            lambda f, section=section: f.section_total(section),
        )
        sheet.row += 1

    total_row(
        "activities",
        ROW_LABELS["activities"],
        lambda y: sum_formula([layout.ref("development", y), layout.ref("projects", y)]),
        lambda f: f.activities,
    )
    total_row(
        "costs",
        ROW_LABELS["costs"],
        lambda y: sum_formula([layout.ref("admin", y), layout.ref("activities", y)]),
        lambda f: f.costs,
    )
    sheet.row += 1

    # Room for new activity, with the reserve beside it
    reserve_row = sheet.row
    sheet.label(ROW_LABELS["reserve"])
    fmt_reserve = fmt_for(plan.year(year).reserve for year in years)
    for year in years:
        write_value(ws, reserve_row, layout.col(year), plan.year(year).reserve, fmt_reserve)
    layout.rows["reserve"] = reserve_row
    sheet.row += 1
    total_row(
        "room",
        ROW_LABELS["room"],
        lambda y: sum_formula([layout.ref("available", y)], minus=[layout.ref("costs", y), layout.ref("reserve", y)]),
        lambda f: f.room,
    )
    sheet.row += 1
    income_rows = [layout.rows[f"line:{ln.key}"] for ln in s.income]
    total_row(
        "result",
        ROW_LABELS["result"],
        lambda y: sum_formula([cell(r, layout.col(y)) for r in income_rows], minus=[layout.ref("costs", y)]),
        lambda f: f.result,
        total=False,
    )
    total_row(
        "closing_equity",
        ROW_LABELS["closing_equity"],
        lambda y: sum_formula([layout.ref("opening_equity", y), layout.ref("result", y)]),
        lambda f: f.closing_equity,
    )

    # Opening equity of carried years: last year's reserve or closing equity, live.
    carried_key = "reserve" if s.carry == "reserve" else "closing_equity"
    for year in carried:
        previous = years[years.index(year) - 1]
        write_formula(
            ws,
            opening_row,
            layout.col(year),
            "=" + layout.ref(carried_key, previous),
            plan.year(year).opening_equity,
            fmt_opening,
        )
    carry_text = "föregående års reserv" if s.carry == "reserve" else "föregående års utgående eget kapital"
    if carried:
        write_text(ws, opening_row, note_col, f"{', '.join(map(str, carried))}: {carry_text}", formats.note)

    sheet.row += 1
    write_text(
        ws,
        sheet.row,
        0,
        "Utrymme för ny verksamhet = intäkter och eget kapital − kostnader − reserv. "
        "Alla summor är formler; ändras ett belopp räknas summorna om.",
        formats.note,
    )

    fit_column(ws, 0, sheet.labels, minimum=30, maximum=70)
    for year in years:
        fit_column(ws, layout.col(year), [s.column_heading(year), Decimal(10**7)], minimum=14, maximum=20)
    notes = [ln.note for ln in s.lines() if ln.note] + ["Not"]
    fit_column(ws, note_col, notes, minimum=10, maximum=40)  # longer notes wrap
    ws.set_row(header, 30)
    ws.freeze_panes(header + 1, 1)
    print_setup(ws, f"{s.federation}: {s.title}", (header, header))
    return layout


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


def add_nyckeltal_sheet(workbook: Any, formats: Any, plan: Plan, layout: PlanLayout) -> None:
    """Key figures per year as formulas over the Budgetplan sheet, with two native charts."""
    s = plan.scenario
    ws = workbook.add_worksheet("Nyckeltal")
    years = s.years
    write_text(ws, 0, 0, s.federation, formats.title)
    write_text(ws, 1, 0, f"{s.title}: nyckeltal", formats.heading)
    header = 3
    write_text(ws, header, 0, "", formats.header_row)
    for year in years:
        write_text(ws, header, layout.col(year), s.column_heading(year), formats.header_row)
    labels: list[str] = []
    rows: dict[str, int] = {}
    row = header + 1

    def put(key: str, label: str, formula_for, value_of, fmt_name: str, quantum=None) -> None:
        nonlocal row
        write_text(ws, row, 0, label, formats.bold if key.startswith("total") else None)
        labels.append(label)
        values = [value_of(plan.year(year)) for year in years]
        if fmt_name.startswith("amount") and any(has_ore(v) for v in values):  # öre only where the data has öre
            fmt_name = fmt_name.replace("amount", "amount_ore")
        fmt = formats[fmt_name]
        for year, value in zip(years, values):
            kwargs = {"quantum": quantum} if quantum is not None else {}
            write_formula(ws, row, layout.col(year), formula_for(year), value, fmt, **kwargs)
        rows[key] = row
        row += 1

    def heading(text: str) -> None:
        nonlocal row
        row += 1
        write_text(ws, row, 0, text, formats.heading)
        labels.append(text)
        row += 1

    def ws_ref(key: str, year: int) -> str:
        return layout.ref(key, year, other_sheet=True)

    def local(key: str, year: int) -> str:
        return cell(rows[key], layout.col(year))

    heading("Medlemsbidrag")
    member_lines = {m.id: [ln for ln in s.income if ln.member == m.id] for m in s.members}
    for member in s.members:
        refs = member_lines[member.id]
        put(
            f"member:{member.id}",
            member.name,
            lambda y, refs=refs: sum_formula([ws_ref(f"line:{ln.key}", y) for ln in refs]) if refs else "=0",
            lambda f, m=member.id: f.contributions[m],
            "amount",
        )
    put(
        "total_members",
        "Medlemsbidrag totalt",
        lambda y: sum_formula([local(f"member:{m.id}", y) for m in s.members]),
        lambda f: f.member_contributions,
        "amount_total",
    )
    for member in s.members:
        put(
            f"member_share:{member.id}",
            f"Andel {member.name}",
            lambda y, m=member.id: f"=IF({local('total_members', y)}=0,0,{local('member:' + m, y)}/{local('total_members', y)})",
            lambda f, m=member.id: _share(Fraction(f.contributions[m]), Fraction(f.member_contributions)),
            "percent_1",
            SHARE_QUANTUM,
        )

    heading("Kostnadernas fördelning")
    section_names = {"admin": "Administration", "development": "Utvecklingsinsatser", "projects": "Projekt"}
    for section in COST_SECTIONS:
        put(
            f"share:{section}",
            f"Andel {section_names[section].lower()}",
            lambda y, sec=section: f"=IF({ws_ref('costs', y)}=0,0,{ws_ref(sec, y)}/{ws_ref('costs', y)})",
            lambda f, sec=section: _share(Fraction(f.section_total(sec)), Fraction(f.costs)),
            "percent",
            SHARE_QUANTUM,
        )

    heading("Resultat och eget kapital")
    put("result", "Årets resultat", lambda y: "=" + ws_ref("result", y), lambda f: f.result, "amount")
    put("closing", "Utgående eget kapital", lambda y: "=" + ws_ref("closing_equity", y), lambda f: f.closing_equity, "amount")
    carried_key = "reserve" if s.carry == "reserve" else "closing_equity"
    carried_label = "Eget kapital som förs vidare (reserv)" if s.carry == "reserve" else "Eget kapital som förs vidare"
    put("carried", carried_label, lambda y: "=" + ws_ref(carried_key, y), lambda f: f.carried_equity(s.carry), "amount")
    # The cap's share comes from the size-graded table: written as a value, not computed here.
    write_text(ws, row, 0, "Takandel (av medlemsbidragen)")
    labels.append("Takandel (av medlemsbidragen)")
    for year in years:
        share = fraction_to_decimal(plan.year(year).cap_share, 12)
        write_value(ws, row, layout.col(year), share, formats.percent_1, quantum=SHARE_QUANTUM)
    rows["cap_share"] = row
    row += 1
    put(
        "cap",
        "Tak för eget kapital",
        lambda y: share_of_formula(local("total_members", y), plan.year(y).cap_share),
        lambda f: f.equity_cap,
        "amount",
    )
    put(
        "headroom",
        "Marginal (+) eller överskridande (−) mot taket",
        lambda y: sum_formula([local("cap", y)], minus=[local("carried", y)]),
        lambda f: f.equity_cap - f.carried_equity(s.carry),
        "amount_total",
    )
    row += 1
    write_text(
        ws,
        row,
        0,
        "Eget kapital över taket kan minska statens tilldelning nästa år. "
        "Taket är en andel av årets medlemsbidrag enligt tabellen för förbundets storlek.",
        formats.note,
    )
    fit_column(ws, 0, labels, minimum=30, maximum=60)
    for year in years:
        fit_column(ws, layout.col(year), [s.column_heading(year), Decimal(10**7)], minimum=14, maximum=20)
    ws.freeze_panes(header + 1, 1)
    print_setup(ws, f"{s.federation}: {s.title}: nyckeltal", (header, header))
    _add_charts(workbook, ws, plan, layout, rows, header, row + 2)


def _share(part: Fraction, whole: Fraction) -> Decimal:
    return Decimal(0) if whole == 0 else fraction_to_decimal(part / whole, 12)


def _add_charts(workbook: Any, ws: Any, plan: Plan, layout: PlanLayout, rows: dict[str, int], header: int, at_row: int) -> None:
    """Native charts: equity against the cap, and cost shares per year."""
    name = ws.get_name()
    first, last = layout.col(plan.scenario.years[0]), layout.col(plan.scenario.years[-1])
    categories = [name, header, first, header, last]

    equity = workbook.add_chart({"type": "column"})
    for key, title in (("carried", "Eget kapital som förs vidare"), ("closing", "Utgående eget kapital")):
        equity.add_series({"name": [name, rows[key], 0], "categories": categories, "values": [name, rows[key], first, rows[key], last]})
    cap_line = workbook.add_chart({"type": "line"})
    cap_line.add_series(
        {
            "name": [name, rows["cap"], 0],
            "categories": categories,
            "values": [name, rows["cap"], first, rows["cap"], last],
            "line": {"color": "#C00000", "width": 2.25},
            "marker": {"type": "diamond"},
        }
    )
    equity.combine(cap_line)
    equity.set_title({"name": "Eget kapital mot tak"})
    equity.set_y_axis({"num_format": "[$-41D]#,##0"})
    equity.set_legend({"position": "bottom"})
    ws.insert_chart(at_row, 0, equity, {"x_scale": 1.4, "y_scale": 1.1})

    shares = workbook.add_chart({"type": "column", "subtype": "percent_stacked"})
    for section in COST_SECTIONS:
        r = rows[f"share:{section}"]
        shares.add_series({"name": [name, r, 0], "categories": categories, "values": [name, r, first, r, last]})
    shares.set_title({"name": "Kostnadernas fördelning per år"})
    shares.set_y_axis({"num_format": "[$-41D]0 %"})
    shares.set_legend({"position": "bottom"})
    ws.insert_chart(at_row, 4, shares, {"x_scale": 1.2, "y_scale": 1.1})


# ---------------------------------------------------------------------------
# Kontroller


def add_kontroller_sheet(workbook: Any, formats: Any, plan: Plan, findings: list[Finding]) -> None:
    """The findings of `check`, so the workbook carries its own verification."""
    s = plan.scenario
    ws = workbook.add_worksheet("Kontroller")
    write_text(ws, 0, 0, s.federation, formats.title)
    write_text(ws, 1, 0, f"{s.title}: kontroller", formats.heading)
    counts = {sev: sum(1 for f in findings if f.severity == sev) for sev in SEVERITY_TEXT}
    write_text(ws, 2, 0, f"{counts['error']} fel, {counts['warning']} varningar, {counts['info']} info", formats.note)
    header = 4
    for col, text in enumerate(("Regel", "År", "Allvar", "Meddelande")):
        write_text(ws, header, col, text, formats.header_row)
    # Errors first, then warnings, then info; within each, the rules' own order.
    ordered = sorted(findings, key=lambda f: list(SEVERITY_TEXT).index(f.severity))
    for index, finding in enumerate(ordered, start=header + 1):
        write_text(ws, index, 0, finding.rule)
        if finding.year is not None:
            ws.write_number(index, 1, finding.year)
        write_text(ws, index, 2, SEVERITY_TEXT[finding.severity], formats.bold if finding.severity == "error" else None)
        write_text(ws, index, 3, finding.message)
    if not findings:
        write_text(ws, header + 1, 0, "Inga fynd.")
    fit_column(ws, 0, ["Regel"] + [f.rule for f in findings], minimum=10, maximum=20)
    ws.set_column(1, 1, 7)
    ws.set_column(2, 2, 9)
    ws.set_column(3, 3, 120)
    ws.freeze_panes(header + 1, 0)
    print_setup(ws, f"{s.federation}: {s.title}: kontroller", (header, header))
