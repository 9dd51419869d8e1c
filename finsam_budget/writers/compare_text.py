"""The comparison in the terminal: per year the key rows, a column per scenario and the differences.

Scenarios are lettered A, B, C … in the order given; a legend names each with
its title, file, `check` status and adjustments. The differences (B−A, C−A …)
are against A, the base.
"""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.board.compare import KEY_ROWS, Comparison, KeyRow
from finsam_budget.labels import counts_text
from finsam_budget.model import SECTION_LABELS, Adjustment, Scenario
from finsam_budget.money import format_amount, format_percent

MIN_WIDTH = 11


def scenario_letter(index: int) -> str:
    """A, B, … Z, AA, AB … (like spreadsheet columns)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def describe_adjustment(adjustment: Adjustment, scenario: Scenario) -> str:
    """``medlemsbidragen -5 % från 2024``; ``administration +3 % per år (ränta på ränta) från 2023``."""
    target = adjustment.target
    if target == "members":
        what = "medlemsbidragen"
    elif target in SECTION_LABELS:
        what = SECTION_LABELS[target].lower()
    else:
        line = scenario.line(target)
        what = f"{line.name} ({target})" if line is not None else target
    percent = adjustment.percent
    shown = format_percent(percent / 100, decimals=_decimals(percent))
    if percent > 0:
        shown = "+" + shown
    per_year = " per år (ränta på ränta)" if adjustment.compound else ""
    text = f"{what} {shown}{per_year} från {adjustment.start}"
    return text + (f": {adjustment.note}" if adjustment.note else "")


def _decimals(percent: Decimal) -> int:
    exponent = percent.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _difference(value: Decimal | None) -> str:
    if value is None:
        return ""
    return ("+" if value > 0 else "") + format_amount(value)


def _amount(value: Decimal | None) -> str:
    return "" if value is None else format_amount(value)


def comparison_text(comparison: Comparison, sources: list[str] | None = None) -> list[str]:
    """Lines of the comparison: legend, then one block per year."""
    scenarios = comparison.scenarios
    letters = [scenario_letter(i) for i in range(len(scenarios))]
    lines: list[str] = []
    federations = comparison.federations
    lines.append(f"Jämförelse av {len(scenarios)} scenarier" + (f": {federations[0]}" if len(federations) == 1 else ""))
    title_width = max(len(c.title) for c in scenarios)
    for index, (letter, compared) in enumerate(zip(letters, scenarios)):
        s = compared.plan.scenario
        where = f"  ({sources[index]})" if sources else ""
        status = f"kontroll: {compared.status_label} ({counts_text(compared.counts)})"
        lines.append(f"  {letter}  {compared.title:<{title_width}}  {status}{where}")
        if len(federations) > 1:
            lines.append(f"     {s.federation}")
        for adjustment in s.adjustments:
            lines.append(f"     justering: {describe_adjustment(adjustment, s)}")
    if len(scenarios) > 1:
        lines.append(
            f"Differenserna ({', '.join(f'{x}−A' for x in letters[1:])}) är mot A, grundscenariot; "
            "+ är bättre för förbundet (för kostnader: lägre)."
        )

    headings = letters + [f"{x}−A" for x in letters[1:]]
    year_headings = [comparison.year_heading(y) for y in comparison.years]
    def shown(row: KeyRow) -> str:
        return row.difference_label if len(scenarios) > 1 else row.label

    label_width = max([len(shown(row)) for row in KEY_ROWS] + [len(h) for h in year_headings])
    for year in comparison.years:
        cells = []
        for row in KEY_ROWS:
            values = [_amount(comparison.value(i, row.key, year)) for i in range(len(scenarios))]
            diffs = [_difference(comparison.difference(i, row.key, year)) for i in range(1, len(scenarios))]
            cells.append((shown(row), values + diffs))
        widths = [
            max([MIN_WIDTH, len(h)] + [len(values[i]) for _, values in cells]) for i, h in enumerate(headings)
        ]
        lines.append("")
        heading = comparison.year_heading(year)
        lines.append(
            "  ".join([heading.ljust(label_width)] + [h.rjust(w) for h, w in zip(headings, widths)]).rstrip()
        )
        for label, values in cells:
            lines.append("  ".join([label.ljust(label_width)] + [v.rjust(w) for v, w in zip(values, widths)]).rstrip())
    return lines
