"""The terminal summary of the statements: key figures in Swedish, then the checks."""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.money import format_amount, format_percent
from finsam_budget.statements import Statements
from finsam_budget.writers.table import render_table


def statements_summary_text(statements: Statements) -> list[str]:
    """The federation and year, the key figures this year and last year, every failed check,
    and how many warnings there are (they are printed on stderr and listed on the Kontroller sheet)."""
    headings = [str(statements.year)]
    if statements.has_last_year:
        headings.append(str(statements.year - 1))
    rows = []
    for figure in statements.key_figures:
        values = [figure.this_year, figure.last_year][: len(headings)]
        rows.append((figure.label, [_shown(v, figure.unit) for v in values]))
    lines = [f"{statements.federation}: bokslut {statements.year} ({statements.source})"]
    lines += render_table(headings, rows)
    failed = statements.failed_checks
    if failed:
        lines.append(f"Kontroller: {len(failed)} av {len(statements.checks)} stämmer inte")
        for check in failed:
            lines.append(f"FEL  {check.name}: differens {format_amount(check.difference)} kr")
            if check.detail:
                lines.append(f"     {check.detail}")
    else:
        lines.append(f"Kontroller: alla {len(statements.checks)} stämmer")
    if statements.warnings:
        lines.append(f"Varningar: {len(statements.warnings)} (se bladet Kontroller)")
    return lines


def _shown(value: Decimal | None, unit: str) -> str | None:
    if value is None:
        return None
    if unit == "percent":
        return format_percent(value, 1)
    return format_amount(value)
