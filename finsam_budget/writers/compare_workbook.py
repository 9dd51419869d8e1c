"""The comparison workbook: Jämförelse, Diagram, then each scenario's Budgetplan sheet.

Jämförelse has a column per scenario (its title as heading) with its check
status and findings, then a block per year with the key rows and a difference
column per scenario against the first (the base). Every scenario figure is a
live formula into that scenario's own Budgetplan sheet (or, for total costs,
the cap and the headroom, over the cells above it); every difference is a
formula; each carries the engine's value as its cached result. Diagram holds
native charts over a small table of formulas into Jämförelse.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finsam_budget.board.compare import KEY_ROWS, Comparison
from finsam_budget.money import has_ore
from finsam_budget.writers.compare_text import describe_adjustment
from finsam_budget.writers.plan_workbook import PlanLayout, add_budgetplan_sheet
from finsam_budget.writers.xlsx_common import (
    SWEDISH,
    cell,
    fit_column,
    print_setup,
    share_of_formula,
    sheet_ref,
    sum_formula,
    write_formula,
    write_text,
    write_workbook,
)

COMPARISON_SHEET = "Jämförelse"
CHART_SHEET = "Diagram"
SHEET_NAME_LIMIT = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Differences show their sign: +2 320 000, -212 000, 0.
DIFFERENCE_FORMAT = {"num_format": SWEDISH + "+#,##0;-#,##0;0", "italic": True}
DIFFERENCE_FORMAT_ORE = {"num_format": SWEDISH + "+#,##0.00;-#,##0.00;0", "italic": True}
FIRST_COL = 1
COLUMN_WIDTH = 16
LINE_HEIGHT = 15  # points per line of wrapped text


def _lines(texts: Sequence[str], width: float = COLUMN_WIDTH - 2) -> int:
    """Lines that wrapped text needs in a column of ``width`` characters (an estimate)."""
    def count(text: str) -> int:
        lines, length = 1, 0
        for word in text.split():
            if length and length + 1 + len(word) > width:
                lines, length = lines + 1, 0
            length += (1 if length else 0) + len(word)
            while length > width:
                lines, length = lines + 1, length - int(width)
        return lines

    return max((count(text) for text in texts), default=1)


def sheet_names(titles: Sequence[str], reserved: Sequence[str] = (COMPARISON_SHEET, CHART_SHEET)) -> list[str]:
    """A valid, unique sheet name for each title.

    The characters ``[ ] : * ? / \\`` and control characters are removed, runs of
    white space become one space, apostrophes at the ends are dropped, and the
    name is cut to Excel's 31 characters. An empty result becomes "Scenario N";
    a name already taken (Excel compares without regard to case), one of the
    ``reserved`` names or Excel's reserved "History" gets " (2)", " (3)" … within the limit.
    """
    taken = {name.casefold() for name in reserved} | {"history"}
    names = []
    for number, title in enumerate(titles, start=1):
        text = " ".join(_FORBIDDEN.sub("", title).split())  # tabs and line breaks become spaces
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc")
        base = _fit(text.strip("'").strip()) or f"Scenario {number}"
        name, counter = base, 2
        while name.casefold() in taken:
            suffix = f" ({counter})"
            name = _fit(base, SHEET_NAME_LIMIT - len(suffix)) + suffix
            counter += 1
        taken.add(name.casefold())
        names.append(name)
    return names


def _fit(text: str, limit: int = SHEET_NAME_LIMIT) -> str:
    """Cut to ``limit`` UTF-16 units (Excel's measure), without a trailing space or apostrophe."""
    while len(text.encode("utf-16-le")) // 2 > limit:
        text = text[:-1]
    return text.rstrip().rstrip("'").rstrip()


@dataclass
class ComparisonLayout:
    """Where Jämförelse put each figure: ``rows[(key, year)]`` and a column per scenario and difference."""

    scenario_cols: list[int]
    difference_cols: dict[int, int]  # scenario index (≥ 1) → its difference column
    rows: dict[tuple[str, int], int] = field(default_factory=dict)
    header_row: int = 0

    def ref(self, index: int, key: str, year: int) -> str:
        return cell(self.rows[(key, year)], self.scenario_cols[index])


def write_comparison_workbook(
    comparison: Comparison, path: str | Path, *, sources: Sequence[str] | None = None, force: bool = False
) -> Path:
    """Write the comparison workbook atomically; ``OutputError`` when the target cannot be written."""

    def build(workbook: Any, formats: Any) -> None:
        add_comparison_sheets(workbook, formats, comparison, sources)

    return write_workbook(path, build, force=force, title="Jämförelse av scenarier")


def add_comparison_sheets(workbook: Any, formats: Any, comparison: Comparison, sources: Sequence[str] | None = None) -> None:
    """Jämförelse, Diagram and a Budgetplan sheet per scenario (the order in the workbook)."""
    compare_ws = workbook.add_worksheet(COMPARISON_SHEET)
    chart_ws = workbook.add_worksheet(CHART_SHEET)
    names = sheet_names([c.title for c in comparison.scenarios])
    plans = [
        add_budgetplan_sheet(workbook, formats, compared.plan, name)
        for compared, name in zip(comparison.scenarios, names)
    ]
    layout = _fill_comparison(compare_ws, workbook, formats, comparison, plans, sources)
    _fill_charts(chart_ws, workbook, formats, comparison, layout)


# ---------------------------------------------------------------------------
# Jämförelse


def _fill_comparison(ws, workbook, formats, comparison: Comparison, plans: list[PlanLayout], sources) -> ComparisonLayout:
    scenarios = comparison.scenarios
    n = len(scenarios)
    ore = any(
        has_ore(v)
        for i in range(n) for row in KEY_ROWS for y in comparison.years
        if (v := comparison.value(i, row.key, y)) is not None
    )
    fmt_amount = formats.amount_ore if ore else formats.amount
    fmt_total = formats.amount_ore_total if ore else formats.amount_total
    fmt_diff = workbook.add_format(DIFFERENCE_FORMAT_ORE if ore else DIFFERENCE_FORMAT)
    fmt_wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    fmt_fact = workbook.add_format({"bold": True, "valign": "top"})
    layout = ComparisonLayout(
        scenario_cols=[FIRST_COL + i for i in range(n)],
        difference_cols={i: FIRST_COL + n + i - 1 for i in range(1, n)},
    )
    base_title = scenarios[0].title
    federations = comparison.federations
    write_text(ws, 0, 0, "Jämförelse av scenarier" + (f": {federations[0]}" if len(federations) == 1 else ""), formats.title)
    write_text(ws, 1, 0, f"Differens = scenariot minus grundscenariot ({base_title}). "
                         "Alla siffror är formler mot scenariernas egna blad.", formats.note)
    labels: list[str] = []

    # Each scenario: its title, federation, file, sheet, check status and findings.
    row = 3
    layout.header_row = row
    write_text(ws, row, 0, "Scenario", formats.header_row)
    for i, compared in enumerate(scenarios):
        write_text(ws, row, layout.scenario_cols[i], compared.title, formats.header_row)
    ws.set_row(row, LINE_HEIGHT * _lines([c.title for c in scenarios]) + 3)
    row += 1
    facts = [
        ("Förbund", lambda i, c: c.plan.scenario.federation),
        ("Fil", lambda i, c: sources[i] if sources else c.plan.scenario.source),
        ("Blad", lambda i, c: plans[i].sheet),
        ("Kontroll", lambda i, c: c.status_label),
    ]
    for label, value in facts:
        write_text(ws, row, 0, label, fmt_fact)
        labels.append(label)
        texts = [value(i, compared) for i, compared in enumerate(scenarios)]
        for i, text in enumerate(texts):
            write_text(ws, row, layout.scenario_cols[i], text, fmt_wrap)
        ws.set_row(row, LINE_HEIGHT * _lines(texts))
        row += 1
    for label, severity in (("Fel", "error"), ("Varningar", "warning"), ("Info", "info")):
        write_text(ws, row, 0, label, formats.bold)
        labels.append(label)
        for i, compared in enumerate(scenarios):
            ws.write_number(row, layout.scenario_cols[i], compared.counts[severity])
        row += 1
    write_text(ws, row, 0, "Justeringar", fmt_fact)
    texts = [
        "; ".join(describe_adjustment(a, c.plan.scenario) for a in c.plan.scenario.adjustments) or "–"
        for c in scenarios
    ]
    for i, text in enumerate(texts):
        write_text(ws, row, layout.scenario_cols[i], text, fmt_wrap)
    ws.set_row(row, LINE_HEIGHT * _lines(texts))
    row += 2

    # A block per year: the key rows, a column per scenario, then the differences.
    for year in comparison.years:
        write_text(ws, row, 0, comparison.year_heading(year), formats.header_row)
        labels.append(comparison.year_heading(year))
        headings = [c.title for c in scenarios] + [f"Differens: {c.title}" for c in scenarios[1:]]
        for i, compared in enumerate(scenarios):
            write_text(ws, row, layout.scenario_cols[i], compared.title, formats.header_row)
            if i:
                write_text(ws, row, layout.difference_cols[i], f"Differens: {compared.title}", formats.header_row)
        ws.set_row(row, LINE_HEIGHT * _lines(headings) + 3)
        row += 1
        for key_row in KEY_ROWS:
            layout.rows[(key_row.key, year)] = row
            total = key_row.key in ("costs", "headroom")
            write_text(ws, row, 0, key_row.label, formats.bold if total else None)
            labels.append(key_row.label)
            for i, compared in enumerate(scenarios):
                value = comparison.value(i, key_row.key, year)
                if value is None:
                    continue
                formula = _scenario_formula(key_row.key, compared, plans[i], layout, i, year)
                write_formula(ws, row, layout.scenario_cols[i], formula, value, fmt_total if total else fmt_amount)
            for i in range(1, n):
                difference = comparison.difference(i, key_row.key, year)
                if difference is None:
                    continue
                formula = sum_formula([cell(row, layout.scenario_cols[i])], minus=[cell(row, layout.scenario_cols[0])])
                write_formula(ws, row, layout.difference_cols[i], formula, difference, fmt_diff)
            row += 1
        row += 1

    write_text(ws, row, 0, "Eget kapital som förs vidare: reserven (carry = \"reserve\") eller utgående eget kapital "
                           "(carry = \"closing\"); det är det som prövas mot taket. Över taket kan statens "
                           "tilldelning minskas.", formats.note)
    fit_column(ws, 0, labels, minimum=30, maximum=48)
    last_col = FIRST_COL + 2 * n - 2
    ws.set_column(FIRST_COL, max(last_col, FIRST_COL), COLUMN_WIDTH)
    ws.freeze_panes(0, 1)
    print_setup(ws, "Jämförelse av scenarier", (layout.header_row, layout.header_row))
    return layout


def _scenario_formula(key: str, compared, plan: PlanLayout, layout: ComparisonLayout, index: int, year: int) -> str:
    """The formula of one scenario figure: a link into its Budgetplan sheet, or over the cells above."""
    s = compared.plan.scenario

    def on_plan(row_key: str) -> str:
        return plan.ref(row_key, year, other_sheet=True)

    if key == "member_contributions":
        refs = [on_plan(f"line:{ln.key}") for ln in s.income if ln.member is not None]
        return sum_formula(refs)
    if key in ("admin", "development", "projects", "result", "room", "closing_equity"):
        return "=" + on_plan(key)
    if key == "costs":
        return sum_formula([layout.ref(index, k, year) for k in ("admin", "development", "projects")])
    if key == "carried_equity":
        return "=" + on_plan("reserve" if s.carry == "reserve" else "closing_equity")
    if key == "equity_cap":
        share = compared.plan.year(year).cap_share
        # The share comes from the size-graded table; written as an exact fraction.
        return share_of_formula(layout.ref(index, "member_contributions", year), share)
    if key == "headroom":
        return sum_formula([layout.ref(index, "equity_cap", year)], minus=[layout.ref(index, "carried_equity", year)])
    raise KeyError(key)  # pragma: no cover - every key row is handled above


# ---------------------------------------------------------------------------
# Diagram


_CHART_BLOCKS = (
    ("carried_equity", "Eget kapital som förs vidare"),
    ("equity_cap", "Tak för eget kapital"),
    ("room", "Utrymme för ny verksamhet"),
)
_DATA_ROW = 44  # the charts above, their data below


def _fill_charts(ws, workbook, formats, comparison: Comparison, layout: ComparisonLayout) -> None:
    scenarios = comparison.scenarios
    years = comparison.years
    write_text(ws, 0, 0, "Diagram: scenarierna år för år", formats.title)
    row = _DATA_ROW
    write_text(ws, row - 1, 0, f"Diagramdata (formler mot bladet {COMPARISON_SHEET})", formats.heading)
    blocks: dict[str, tuple[int, int]] = {}  # key → (header row, first data row)
    labels: list[str] = []
    for key, label in _CHART_BLOCKS:
        write_text(ws, row, 0, label, formats.header_row)
        labels.append(label)
        for i, compared in enumerate(scenarios):
            write_text(ws, row, FIRST_COL + i, compared.title, formats.header_row)
        blocks[key] = (row, row + 1)
        row += 1
        for year in years:
            write_text(ws, row, 0, comparison.year_heading(year))
            labels.append(comparison.year_heading(year))
            for i in range(len(scenarios)):
                value = comparison.value(i, key, year)
                if value is not None:
                    target = sheet_ref(COMPARISON_SHEET, layout.ref(i, key, year))
                    write_formula(ws, row, FIRST_COL + i, "=" + target, value, formats.amount)
            row += 1
        row += 1
    fit_column(ws, 0, labels, minimum=20, maximum=40)
    ws.set_column(FIRST_COL, FIRST_COL + len(scenarios) - 1, 16)

    name = ws.get_name()
    first_data = {key: first for key, (_, first) in blocks.items()}
    headers = {key: header for key, (header, _) in blocks.items()}
    last = len(years) - 1

    def series(key: str, i: int, extra: dict | None = None) -> dict:
        col = FIRST_COL + i
        return {
            "name": [name, headers[key], col],
            "categories": [name, first_data[key], 0, first_data[key] + last, 0],
            "values": [name, first_data[key], col, first_data[key] + last, col],
            **(extra or {}),
        }

    equity = workbook.add_chart({"type": "column"})
    for i in range(len(scenarios)):
        equity.add_series(series("carried_equity", i))
    caps = workbook.add_chart({"type": "line"})
    shown: list[tuple] = []
    for i, compared in enumerate(scenarios):
        values = tuple(comparison.value(i, "equity_cap", y) for y in years)
        if values in shown:
            continue  # the same cap as a scenario already drawn
        shown.append(values)
        caps.add_series(series("equity_cap", i, {
            "name": f"Tak: {compared.title}" if len(scenarios) > 1 else "Tak för eget kapital",
            "line": {"width": 2.25, "dash_type": "dash"},
            "marker": {"type": "diamond"},
        }))
    equity.combine(caps)
    equity.set_title({"name": "Eget kapital som förs vidare, per scenario, mot taket"})
    equity.set_y_axis({"num_format": SWEDISH + "#,##0"})
    equity.set_legend({"position": "bottom"})
    ws.insert_chart(2, 0, equity, {"x_scale": 1.6, "y_scale": 1.3})

    room = workbook.add_chart({"type": "column"})
    for i in range(len(scenarios)):
        room.add_series(series("room", i))
    room.set_title({"name": "Utrymme för ny verksamhet per scenario"})
    room.set_y_axis({"num_format": SWEDISH + "#,##0"})
    room.set_legend({"position": "bottom"})
    ws.insert_chart(23, 0, room, {"x_scale": 1.6, "y_scale": 1.3})
    print_setup(ws, "Jämförelse av scenarier: diagram")

