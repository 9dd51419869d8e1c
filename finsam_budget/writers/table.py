"""A plain terminal table: a label column and right-aligned amount columns."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from finsam_budget.money import format_amount


def render_table(headings: Sequence[str], rows: Sequence[tuple[str, Sequence[Decimal | str | None]]]) -> list[str]:
    """Lines of a table; ``headings`` are the value columns' headings (the label column has none)."""
    cells = [[_shown(v) for v in values] for _, values in rows]
    label_width = max([len(label) for label, _ in rows] + [0])
    widths = [
        max([len(h)] + [len(r[i]) for r in cells if i < len(r)]) for i, h in enumerate(headings)
    ]
    lines = ["  ".join([" " * label_width] + [h.rjust(w) for h, w in zip(headings, widths)]).rstrip()]
    for (label, _), shown in zip(rows, cells):
        lines.append("  ".join([label.ljust(label_width)] + [v.rjust(w) for v, w in zip(shown, widths)]).rstrip())
    return lines


def _shown(value: Decimal | str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_amount(value)
    return value
