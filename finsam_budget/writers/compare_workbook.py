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
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from finsam_budget.board.compare import (
    Comparison,
    chart_key,
    difference_col,
    finding_cells,
    scenario_col,
)
from finsam_budget.labels import CAP, SEVERITIES, SEVERITY_COUNT_LABEL
from finsam_budget.money import has_ore
from finsam_budget.tables import Ref, Value
from finsam_budget.writers.compare_text import describe_adjustment
from finsam_budget.writers.formulas import Placement, Spot, write_cell
from finsam_budget.writers.kontroller_sheet import SHEET as KONTROLLER_SHEET
from finsam_budget.writers.kontroller_sheet import add_kontroller_sheet, rule_entries
from finsam_budget.writers.markings import LEGEND, Mark, Markings
from finsam_budget.writers.plan_workbook import add_budgetplan_sheet, place_rows
from finsam_budget.writers.print_layout import BOLD, PrintLayout, longest_word, style_chart, unbreakable, wrapped_lines
from finsam_budget.writers.xlsx_common import (
    SWEDISH,
    cell_format,
    write_text,
    write_workbook,
)

TITLE = "Jämförelse av scenarier"
COMPARISON_SHEET = "Jämförelse"
CHART_SHEET = "Diagram"
SHEET_NAME_LIMIT = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Differences show their sign: +2 320 000, -212 000, 0.
DIFFERENCE_FORMAT = {"num_format": SWEDISH + "+#,##0;-#,##0;0", "italic": True}
DIFFERENCE_FORMAT_ORE = {"num_format": SWEDISH + "+#,##0.00;-#,##0.00;0", "italic": True}
FIRST_COL = 1
COLUMN_WIDTH = 16
DIFFERENCE_WIDTH = 15
#: A column no wider: three scenarios and their two differences still fit a landscape page at 8 pt.
WIDEST = 18
LINE_HEIGHT = 15  # points per line of wrapped text


def _lines(texts: Sequence[str], width: float = COLUMN_WIDTH) -> int:
    """Lines that wrapped text needs in a column of ``width`` characters (an estimate)."""
    return max((wrapped_lines(text, width) for text in texts), default=1)


def sheet_names(
    titles: Sequence[str], reserved: Sequence[str] = (COMPARISON_SHEET, CHART_SHEET, KONTROLLER_SHEET)
) -> list[str]:
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
        stripped = text.strip("'").strip()
        base = _fit(stripped) or f"Scenario {number}"
        if base.casefold() in taken:  # cut between words, it lost what set it apart: cut in the word
            base = _fit(stripped, words=False) or base
        name, counter = base, 2
        while name.casefold() in taken:
            suffix = f" ({counter})"
            name = _fit(base, SHEET_NAME_LIMIT - len(suffix)) + suffix
            counter += 1
        taken.add(name.casefold())
        names.append(name)
    return names


def _fit(text: str, limit: int = SHEET_NAME_LIMIT, *, words: bool = True) -> str:
    """Cut to ``limit`` UTF-16 units (Excel's measure), without a trailing space or apostrophe.

    A cut falls between words where one leaves at least half the name ("… minskar 5 %",
    not "… minskar 5 % frå"), so the board does not read a cut word as a typo.
    """
    whole = text
    while len(text.encode("utf-16-le")) // 2 > limit:
        text = text[:-1]
    if words and text != whole and not whole[len(text)].isspace() and " " in text[limit // 2:]:
        text = text[: text.rindex(" ")]
    return text.rstrip().rstrip("'").rstrip()


def write_comparison_workbook(
    comparison: Comparison, path: str | Path, *, sources: Sequence[str] | None = None, force: bool = False
) -> Path:
    """Write the comparison workbook atomically; ``OutputError`` when the target cannot be written."""

    def build(workbook: Any, formats: Any) -> None:
        add_comparison_sheets(workbook, formats, comparison, sources)

    return write_workbook(path, build, force=force, title=TITLE)


def add_comparison_sheets(
    workbook: Any, formats: Any, comparison: Comparison, sources: Sequence[str] | None = None
) -> None:
    """Jämförelse, Diagram, a Budgetplan sheet per scenario and Kontroller (the order in the workbook)."""
    compare_ws = workbook.add_worksheet(COMPARISON_SHEET)
    chart_ws = workbook.add_worksheet(CHART_SHEET)
    names = sheet_names([c.title for c in comparison.scenarios])
    marks = [Mark(ref, f.severity, f.message) for ref, f in finding_cells(comparison)]
    placement = Placement(markings=Markings.of(workbook, marks))
    for compared, table, name in zip(comparison.scenarios, comparison.plan_tables, names):
        add_budgetplan_sheet(workbook, formats, compared.plan, table, placement, name)
    _fill_comparison(compare_ws, workbook, formats, comparison, names, placement, sources)
    _fill_charts(chart_ws, workbook, formats, comparison, placement)
    entries = [e for c in comparison.scenarios for e in rule_entries(c.findings, scenario=c.title)]
    add_kontroller_sheet(
        workbook,
        formats,
        federation=", ".join(comparison.federations),
        title=TITLE,
        entries=entries,
        scenario_column=True,
    )


# ---------------------------------------------------------------------------
# Jämförelse


def _fill_comparison(
    ws: Any,
    workbook: Any,
    formats: Any,
    comparison: Comparison,
    names: Sequence[str],
    placement: Placement,
    sources: Sequence[str] | None,
) -> None:
    scenarios = comparison.scenarios
    n = len(scenarios)
    ore = any(has_ore(c.amount) for table in comparison.year_tables for row in table.rows for c in row.cells.values())
    fmt_amount = formats.amount_ore if ore else formats.amount
    fmt_total = formats.amount_ore_total if ore else formats.amount_total
    fmt_diff = cell_format(workbook, DIFFERENCE_FORMAT_ORE if ore else DIFFERENCE_FORMAT)
    fmt_wrap = formats.wrap
    fmt_fact = formats.bold
    layout = PrintLayout(ws, TITLE, placement=placement)
    ws = layout.sheet
    label_width = layout.fit_column(0, _labels(comparison), minimum=28, maximum=34)
    # wide enough for the longest word of a federation's name or a title (bold in the
    # headings): words never break
    words = [c.plan.scenario.federation for c in scenarios] + [c.title for c in scenarios]
    width = min(max(COLUMN_WIDTH, longest_word(words) / BOLD + 1), WIDEST)
    layout.column(FIRST_COL, width, last=FIRST_COL + n - 1)
    if n > 1:
        headings = [c.heading for t in comparison.year_tables for c in t.columns if c.key != scenario_col(0)]
        difference_width = min(max(DIFFERENCE_WIDTH, longest_word(headings) / BOLD + 1), WIDEST)
        layout.column(FIRST_COL + n, difference_width, last=FIRST_COL + 2 * n - 2)
    columns = {scenario_col(i): FIRST_COL + i for i in range(n)}
    differences = {difference_col(i): FIRST_COL + n + i - 1 for i in range(1, n)}
    columns.update(differences)
    base_title = scenarios[0].title
    federations = comparison.federations
    write_text(ws, 0, 0, TITLE + (f": {federations[0]}" if len(federations) == 1 else ""), formats.title)
    legend = f" {LEGEND}" if placement.markings is not None and placement.markings.marks else ""
    layout.paragraph(1, f"Differens mot grundscenariot ({base_title}): + är bättre för förbundet, "
                        "för kostnader lägre och annars högre (raderna säger det: + = lägre, + = högre). "
                        "Alla siffror är formler mot scenariernas egna blad." + legend, formats.note_wrap)
    labels: list[str] = []

    # Each scenario: its title, federation, file, sheet, check status and findings.
    header_row = row = 3
    write_text(ws, row, 0, "Scenario", formats.header_row)
    for i, compared in enumerate(scenarios):
        write_text(ws, row, columns[scenario_col(i)], compared.title, formats.header_row)
    layout.row(row, LINE_HEIGHT * _lines([c.title for c in scenarios], width * BOLD) + 3)
    row += 1
    facts: list[tuple[str, Callable[[int, Any], str]]] = [
        ("Förbund", lambda i, c: c.plan.scenario.federation),
        ("Fil", lambda i, c: sources[i] if sources else c.plan.scenario.source),
        ("Blad", lambda i, c: names[i]),
        ("Kontroll", lambda i, c: c.status_label),
    ]
    for label, value in facts:
        write_text(ws, row, 0, label, fmt_fact)
        labels.append(label)
        texts = [value(i, compared) for i, compared in enumerate(scenarios)]
        for i, text in enumerate(texts):
            write_text(ws, row, columns[scenario_col(i)], unbreakable(text), fmt_wrap)
        layout.fit_row(row, [(text, width) for text in texts])
        row += 1
    for severity in SEVERITIES:
        label = SEVERITY_COUNT_LABEL[severity]
        write_text(ws, row, 0, label, formats.bold)
        labels.append(label)
        for i, compared in enumerate(scenarios):
            spot = Spot(COMPARISON_SHEET, row, columns[scenario_col(i)])
            write_cell(ws, spot, Value(Decimal(compared.counts[severity])), placement, unit="count")
        layout.row(row)
        row += 1
    write_text(ws, row, 0, "Justeringar", fmt_fact)
    texts = [
        "; ".join(describe_adjustment(a, c.plan.scenario) for a in c.plan.scenario.adjustments) or "–"
        for c in scenarios
    ]
    for i, text in enumerate(texts):
        write_text(ws, row, columns[scenario_col(i)], unbreakable(text), fmt_wrap)
    layout.fit_row(row, [(text, width) for text in texts])
    layout.block(header_row, row)
    row += 2

    # A block per year: the key rows, a column per scenario, then the differences.
    for table in comparison.year_tables:
        write_text(ws, row, 0, table.title, formats.header_row)
        labels.append(table.title)
        for column in table.columns:
            write_text(ws, row, columns[column.key], column.heading, formats.header_row)
        lines = max(wrapped_lines(c.heading, layout.width(columns[c.key]) * BOLD) for c in table.columns)
        layout.row(row, LINE_HEIGHT * lines + 3)
        first = row
        row = place_rows(placement, table, COMPARISON_SHEET, row + 1, columns) + 1
        layout.block(first, row - 2, heading=1)
    for table in comparison.year_tables:
        for table_row in table.rows:
            at = placement.row_spot(table.key, table_row.key).row
            total = table_row.kind == "total"
            write_text(ws, at, 0, table_row.label, formats.bold_wrap if total else formats.label_wrap)
            labels.append(table_row.label)
            layout.row(at, total=total)
            layout.fit_row(at, [(table_row.label, label_width * (BOLD if total else 1))])
            for key, content in table_row.cells.items():
                fmt = fmt_diff if key in differences else fmt_total if total else fmt_amount
                write_cell(ws, placement.spot(Ref(table.key, table_row.key, key)), content, placement, fmt)

    layout.paragraph(row, "Eget kapital som förs vidare: reserven (carry = \"reserve\") eller utgående eget kapital "
                          "(carry = \"closing\"); det är det som prövas mot taket. Över taket kan statens "
                          "tilldelning minskas. Negativt eget kapital räknas som 0 kr i marginalen mot taket "
                          "och är ett fel (regel no-debt).", formats.note_wrap)
    ws.freeze_panes(0, 1)
    # No repeated scenario row: each year block has its own heading with the scenarios' names,
    # repeated with "(forts.)" where a block runs over a page.
    layout.finish()


def _labels(comparison: Comparison) -> list[str]:
    return ["Justeringar"] + [t.title for t in comparison.year_tables] + [
        r.label for t in comparison.year_tables for r in t.rows
    ]


# ---------------------------------------------------------------------------
# Diagram


_DATA_ROW = 44  # the charts above, their data below


def _fill_charts(ws: Any, workbook: Any, formats: Any, comparison: Comparison, placement: Placement) -> None:
    scenarios = comparison.scenarios
    years = comparison.years
    layout = PrintLayout(ws, "Jämförelse av scenarier: diagram")
    write_text(ws, 0, 0, "Diagram: scenarierna år för år", formats.title)
    layout.fit_column(0, [t.title for t in comparison.chart_tables] + [
        r.label for t in comparison.chart_tables for r in t.rows], minimum=20, maximum=30)
    layout.column(FIRST_COL, COLUMN_WIDTH, last=FIRST_COL + len(scenarios) - 1)
    row = _DATA_ROW
    write_text(ws, row - 1, 0, f"Diagramdata (formler mot bladet {COMPARISON_SHEET})", formats.heading)
    columns = {scenario_col(i): FIRST_COL + i for i in range(len(scenarios))}
    labels: list[str] = []
    for table in comparison.chart_tables:
        write_text(ws, row, 0, table.title, formats.header_row)
        labels.append(table.title)
        for column in table.columns:
            write_text(ws, row, columns[column.key], column.heading, formats.header_row)
        # the scenario titles wrap in the header: the row is as tall as the longest
        layout.row(row, LINE_HEIGHT * _lines([c.heading for c in table.columns]) + 3)
        first = row
        row = place_rows(placement, table, CHART_SHEET, row + 1, columns) + 1
        layout.block(first, row - 2)
        for table_row in table.rows:
            at = placement.row_spot(table.key, table_row.key).row
            write_text(ws, at, 0, table_row.label)
            labels.append(table_row.label)
            for key, content in table_row.cells.items():
                spot = placement.spot(Ref(table.key, table_row.key, key))
                write_cell(ws, spot, content, placement, formats.amount)

    name = ws.get_name()
    last = len(years) - 1

    def series(key: str, i: int, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        table = chart_key(key)
        first = placement.row_spot(table, str(years[0])).row
        col = FIRST_COL + i
        return {
            "name": [name, first - 1, col],
            "categories": [name, first, 0, first + last, 0],
            "values": [name, first, col, first + last, col],
            **(extra or {}),
        }
    equity = workbook.add_chart({"type": "column"})
    for i in range(len(scenarios)):
        equity.add_series(series("carried_equity", i))
    caps = workbook.add_chart({"type": "line"})
    shown: list[tuple[Any, ...]] = []
    for i, compared in enumerate(scenarios):
        values = tuple(comparison.value(i, "equity_cap", y) for y in years)
        if values in shown:
            continue  # the same cap as a scenario already drawn
        shown.append(values)
        caps.add_series(series("equity_cap", i, {
            "name": f"Tak: {compared.title}" if len(scenarios) > 1 else CAP,
            "line": {"width": 2.25, "dash_type": "dash"},
            "marker": {"type": "diamond"},
        }))
    equity.combine(caps)
    style_chart(equity, "Eget kapital som förs vidare, per scenario, mot taket")
    equity.set_y_axis({"num_format": SWEDISH + "#,##0", "num_font": {"size": 10}})
    equity.set_x_axis({"label_position": "low", "num_font": {"size": 10}})  # below negative bars
    layout.chart(2, 0, equity, {"x_scale": 1.4, "y_scale": 1.0})

    room = workbook.add_chart({"type": "column"})
    for i in range(len(scenarios)):
        room.add_series(series("room", i))
    style_chart(room, "Utrymme för ny verksamhet per scenario")
    room.set_y_axis({"num_format": SWEDISH + "#,##0", "num_font": {"size": 10}})
    room.set_x_axis({"label_position": "low", "num_font": {"size": 10}})  # below negative bars
    layout.chart(23, 0, room, {"x_scale": 1.4, "y_scale": 1.0})
    layout.finish()

