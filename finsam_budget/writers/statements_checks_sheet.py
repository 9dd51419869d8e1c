"""The Kontroller sheet of the statements workbook: every identity checked, then every warning.

The identities come first, those that do not hold before those that do, each with
its difference and "fel" or "ok"; a difference that is a sum of statement cells
is a live formula over them (``=Balansräkning!C20``) with the engine's value
cached. Then the warnings, errors before warnings: the SIE reader's (encoding,
unknown records, the unchecked #KSUMMA …) and the statements' own (a budget that
could not be placed or split, members' contributions …), each with where it was
found. This is where a reader of the workbook learns why a figure looks odd.
"""

from __future__ import annotations

import textwrap
from typing import Any

from finsam_budget.money import has_ore
from finsam_budget.statements import Statements
from finsam_budget.writers.formulas import Placement, Spot, write_cell
from finsam_budget.writers.xlsx_common import (
    print_setup,
    write_text,
    write_value,
)

SHEET = "Kontroller"
TEXT_COL, DIFFERENCE_COL, STATUS_COL, DETAIL_COL = range(4)
WIDTHS = {TEXT_COL: 70, DIFFERENCE_COL: 14, STATUS_COL: 10, DETAIL_COL: 60}
LINE_HEIGHT = 15  # points per line of wrapped text
HEADER_ROW = 4
CHECK_HEADINGS = ("Identitet", "Differens", "Status", "Förklaring")
WARNING_HEADINGS = ("Varning", "", "Status", "Plats")
OK, FAILED, WARNING = "ok", "fel", "varning"


def summary(statements: Statements) -> str:
    """One sentence: how many identities hold and how many warnings there are."""
    checks, failed = len(statements.checks), len(statements.failed_checks)
    if failed:
        held = f"{failed} av {checks} identiteter stämmer inte"
    else:
        held = f"alla {checks} identiteter stämmer"
    count = len(statements.warnings)
    warned = "inga varningar" if not count else "1 varning" if count == 1 else f"{count} varningar"
    return f"{held[0].upper()}{held[1:]}; {warned}."


def write_checks_sheet(
    workbook: Any, formats: Any, statements: Statements, places: Placement
) -> None:
    """Add the Kontroller sheet; a difference derived from statement cells is a formula over them."""
    ws = workbook.add_worksheet(SHEET)
    write_text(ws, 0, 0, statements.federation, formats.title)
    write_text(ws, 1, 0, f"{SHEET} {statements.year}", formats.heading)
    write_text(ws, 2, 0, summary(statements), formats.note)
    ore = any(has_ore(check.difference) for check in statements.checks)
    amount = formats.amount_ore_top if ore else formats.amount_top  # top-aligned like the wrapped text

    row = HEADER_ROW
    _header(ws, formats, row, CHECK_HEADINGS)
    checks = [*statements.failed_checks, *(c for c in statements.checks if c.holds)]
    for check in checks:
        row += 1
        write_text(ws, row, TEXT_COL, check.name, formats.wrap)
        if check.derivation is not None:
            write_cell(ws, Spot(SHEET, row, DIFFERENCE_COL), check.derivation, places, amount)
        else:
            write_value(ws, row, DIFFERENCE_COL, check.difference, amount)
        write_text(ws, row, STATUS_COL, OK if check.holds else FAILED, _status_format(formats, not check.holds))
        write_text(ws, row, DETAIL_COL, check.detail, formats.wrap)
        _fit_height(ws, row, check.name, check.detail)

    row += 2
    _header(ws, formats, row, WARNING_HEADINGS)
    warnings = sorted(statements.warnings, key=lambda p: p.severity != "error")  # stable: file order kept
    for problem in warnings:
        row += 1
        is_error = problem.severity == "error"
        write_text(ws, row, TEXT_COL, problem.message, formats.wrap)
        write_text(ws, row, STATUS_COL, FAILED if is_error else WARNING, _status_format(formats, is_error))
        write_text(ws, row, DETAIL_COL, problem.where, formats.wrap)
        _fit_height(ws, row, problem.message, problem.where)
    if not warnings:
        write_text(ws, row + 1, TEXT_COL, "Inga varningar", formats.note)

    for col, width in WIDTHS.items():
        ws.set_column(col, col, width)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    print_setup(ws, f"{statements.federation}: {SHEET} {statements.year}", (HEADER_ROW, HEADER_ROW))


def _status_format(formats: Any, failed: bool) -> Any:
    return formats.status_failed if failed else formats.status


def _fit_height(ws: Any, row: int, text: str, detail: str) -> None:
    """Make a row tall enough for its wrapped text; spreadsheets do not do it for a written file."""
    lines = max(len(textwrap.wrap(text, WIDTHS[TEXT_COL])), len(textwrap.wrap(detail, WIDTHS[DETAIL_COL])), 1)
    if lines > 1:
        ws.set_row(row, LINE_HEIGHT * lines)


def _header(ws: Any, formats: Any, row: int, headings: tuple[str, ...]) -> None:
    for col, heading in enumerate(headings):
        if heading:
            write_text(ws, row, col, heading, formats.header_row)
        else:
            ws.write_blank(row, col, None, formats.header_row)

