"""Actuals from a table (CSV or the first sheet of an xlsx file).

The columns are found by their headings, on any of the first 20 rows with
content: ``line`` (or ``rad``, ``post``) and ``amount`` (or ``belopp``,
``utfall``), optionally ``forecast`` (or ``prognos``); case does not matter and
other columns are ignored. Rows whose first cell starts with ``#`` are comments.
A total row, whose line cell is no line id but starts with "Summa" or "Totalt"
(as a sheet exported from a spreadsheet often ends), is skipped with a warning.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from finsam_budget.actuals import TABLE, Actuals, explain_line_id, is_line_id
from finsam_budget.money import AmountError, check_amount, parse_swedish_amount
from finsam_budget.problems import InputError, Problem, shown_value
from finsam_budget.readers.text_table import (
    HEADING_ROWS,
    has_content,
    is_comment,
    is_filled,
)

HEADINGS = {
    "line": ("line", "rad", "post"),
    "amount": ("amount", "belopp", "utfall"),
    "forecast": ("forecast", "prognos"),
}
REQUIRED = ("line", "amount")
#: How the line cell of a total row begins (compared without case).
TOTAL_WORDS = ("summa", "totalt")

_ROLE_OF_HEADING = {heading: role for role, headings in HEADINGS.items() for heading in headings}


def heading_columns(cells: Sequence[object]) -> dict[str, list[int]]:
    """Column positions per role (``line``, ``amount``, ``forecast``) in a candidate heading row."""
    columns: dict[str, list[int]] = {}
    for position, cell in enumerate(cells):
        if isinstance(cell, str):
            role = _ROLE_OF_HEADING.get(cell.strip().casefold())
            if role:
                columns.setdefault(role, []).append(position)
    return columns


def is_heading(cells: Sequence[object]) -> bool:
    """True for a row that has both a line and an amount heading."""
    columns = heading_columns(cells)
    return all(role in columns for role in REQUIRED)


def actuals_from_table(
    file: str, rows: Iterable[tuple[int, Sequence[object]]], year: int | None, *, text: bool
) -> Actuals:
    """Check every row and build the Actuals; raises InputError with every problem found.

    ``text`` is true for CSV, where a row with more fields than the heading
    usually is an unquoted decimal comma and is refused.
    """
    content = [
        (number, cells) for number, cells in rows if has_content(cells) and not is_comment(cells)
    ]
    heading_at, heading, columns = _find_heading(file, content[:HEADING_ROWS])
    line_at, amount_at = columns["line"][0], columns["amount"][0]
    forecast_at = columns["forecast"][0] if "forecast" in columns else None
    line_key, amount_key = _heading_text(heading, line_at), _heading_text(heading, amount_at)
    width = max(position for position, cell in enumerate(heading) if is_filled(cell)) + 1

    problems: list[Problem] = []
    warnings: list[Problem] = []
    amounts: dict[str, Decimal] = {}
    forecast: dict[str, Decimal] = {}
    first_row: dict[str, int] = {}
    for number, cells in content:
        if number <= heading_at:
            continue
        if is_total_row(_cell(cells, line_at)):
            warnings.append(
                Problem(
                    file,
                    f"{shown_value(str(_cell(cells, line_at)).strip())} ser ut som en summarad och hoppas över; "
                    "utfallet summeras ur raderna (ta bort raden om den inte är en summa)",
                    key=line_key,
                    row=number,
                    severity="warning",
                )
            )
            continue
        if text and any(is_filled(cell) for cell in cells[width:]):
            problems.append(
                Problem(
                    file,
                    f"raden har fler fält än rubrikraden (rad {heading_at}); ett belopp med decimalkomma "
                    'i en kommaseparerad fil måste stå inom citattecken, t.ex. "1 399 148,50"',
                    row=number,
                )
            )
            continue
        line_id = _line_id(file, number, line_key, _cell(cells, line_at), problems)
        if line_id is None:
            continue
        if line_id in first_row:
            problems.append(
                Problem(
                    file,
                    f"raden {line_id} finns redan på rad {first_row[line_id]}",
                    key=line_key,
                    row=number,
                )
            )
            continue
        first_row[line_id] = number
        amount = _amount(file, number, amount_key, _cell(cells, amount_at), problems, required=True)
        if amount is not None:
            amounts[line_id] = amount
        if forecast_at is not None:
            prognos = _amount(
                file,
                number,
                _heading_text(heading, forecast_at),
                _cell(cells, forecast_at),
                problems,
                required=False,
            )
            if prognos is not None:
                forecast[line_id] = prognos

    actuals = Actuals(
        source=file,
        year=year,
        through=None,
        amounts=amounts,
        forecast=forecast,
        rows={line_id: first_row[line_id] for line_id in amounts},
        warnings=tuple(warnings),
        kind=TABLE,
    )
    if problems:
        # What could be read goes along, so that its line ids can be checked against
        # the scenario too: every problem of the file is then reported in one pass.
        raise InputError(problems, partial=dataclasses.replace(actuals, rows=first_row))
    return actuals


def is_total_row(cell: object) -> bool:
    """A line cell that is no line id but starts with "Summa" or "Totalt": a total row."""
    if not isinstance(cell, str):
        return False
    text = cell.strip()
    return not is_line_id(text) and text.casefold().startswith(TOTAL_WORDS)


def _find_heading(
    file: str, candidates: list[tuple[int, Sequence[object]]]
) -> tuple[int, Sequence[object], dict[str, list[int]]]:
    """The first candidate row with both required headings, its cells and its columns."""
    expected = "line och amount (eller rad/post och belopp/utfall)"
    if not candidates:
        raise InputError(
            [Problem(file, f"filen är tom; väntade en rubrikrad med kolumnerna {expected}")]
        )
    for number, cells in candidates:
        columns = heading_columns(cells)
        if all(role in columns for role in REQUIRED):
            doubled = [
                " och ".join(f'"{str(cells[p]).strip()}"' for p in positions)
                for positions in columns.values()
                if len(positions) > 1
            ]
            if doubled:
                message = f"rubrikraden har flera kolumner med samma betydelse ({'; '.join(doubled)}); behåll en"
                raise InputError([Problem(file, message, row=number)])
            return number, cells, columns
    for number, cells in candidates:
        columns = heading_columns(cells)
        if columns:
            missing = [role for role in REQUIRED if role not in columns]
            names = ", ".join(f"{role} (eller {'/'.join(HEADINGS[role][1:])})" for role in missing)
            raise InputError([Problem(file, f"rubrikraden saknar kolumnen {names}", row=number)])
    message = (
        f"hittade ingen rubrikrad med kolumnerna {expected} bland de första {HEADING_ROWS} raderna"
    )
    raise InputError([Problem(file, message)])


def _line_id(file: str, number: int, key: str, cell: object, problems: list[Problem]) -> str | None:
    if not is_filled(cell):
        problems.append(Problem(file, "raden saknar rad-id", key=key, row=number))
        return None
    if not isinstance(cell, str):
        problems.append(
            Problem(file, f'väntade ett rad-id som "income.fk", fick {cell!r}', key=key, row=number)
        )
        return None
    line_id = cell.strip()
    if not is_line_id(line_id):
        problems.append(Problem(file, explain_line_id(line_id), key=key, row=number))
        return None
    return line_id


def _amount(
    file: str,
    number: int,
    key: str,
    cell: object,
    problems: list[Problem],
    *,
    required: bool,
) -> Decimal | None:
    if not is_filled(cell):
        if required:
            problems.append(
                Problem(file, "beloppet saknas; skriv 0 om utfallet är noll", key=key, row=number)
            )
        return None
    try:
        return cell_amount(cell)
    except AmountError as exc:
        problems.append(Problem(file, str(exc), key=key, row=number))
        return None


def cell_amount(value: object) -> Decimal:
    """An amount from a table cell: text as people type it, or a spreadsheet number."""
    if isinstance(value, str):
        return parse_swedish_amount(value)
    if isinstance(value, bool):
        raise AmountError(f"väntade ett belopp i kronor, fick {'SANT' if value else 'FALSKT'}")
    if isinstance(value, int):
        return check_amount(Decimal(value))
    if isinstance(value, float):
        # openpyxl gives the binary float Excel saved, with 17 significant digits: a
        # =SUM() over öre amounts comes back as 873412.62999999989. Excel shows (and
        # means) at most 15 significant digits, so the amount is taken at that precision.
        return check_amount(Decimal(format(value, ".15g")))
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise AmountError(f"väntade ett belopp i kronor, fick ett datum eller klockslag ({value})")
    raise AmountError(f"väntade ett belopp i kronor, fick {value!r}")


def _heading_text(heading: Sequence[object], position: int) -> str:
    return str(heading[position]).strip()


def _cell(cells: Sequence[object], position: int) -> object:
    return cells[position] if position < len(cells) else None
