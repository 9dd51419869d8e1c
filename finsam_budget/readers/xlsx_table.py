"""Rows of the active sheet of an xlsx file, read defensively.

An xlsx file is a zip of XML parts, so a hostile one can be a zip bomb or carry
an XML entity-expansion payload ("billion laughs"). The archive is inspected
before openpyxl sees it, openpyxl must parse through defusedxml (which refuses
entity declarations), and only a bounded range of one sheet is read: the sheet
the workbook opens on (the active one) when it is visible, else the first
visible one, so that what is counted is what the user sees. Other sheets with
content get a warning naming them. Formula cells count with their cached value,
except where that cannot be trusted (``xlsx_formulas``: no cached value, or a
simple arithmetic formula that gives something else), which is a located error.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any, BinaryIO

from finsam_budget.money import format_amount, fraction_to_decimal
from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.source_file import KIND_NAMES, LIMITS, open_binary
from finsam_budget.readers.text_table import MAX_ROWS, is_filled, thousands
from finsam_budget.readers.xlsx_formulas import contradicts

MAX_UNCOMPRESSED = 50 * 1024 * 1024  # all parts together
MAX_RATIO = 100  # uncompressed : compressed, per part
RATIO_MIN_SIZE = 1024 * 1024  # small parts may compress well without harm
MAX_MEMBERS = 10_000
MAX_COLUMNS = 50  # only the first 50 columns are read

Row = tuple[int, tuple[object, ...]]


def read_xlsx_rows(path: Path, file: str) -> list[Row]:
    """The active sheet's rows with content as ``(row number, cell values)`` (see ``read_xlsx_table``)."""
    return read_xlsx_table(path, file)[0]


def read_xlsx_table(path: Path, file: str) -> tuple[list[Row], list[Problem]]:
    """The active visible sheet's rows with content as ``(row number, cell values)``, and warnings.

    Cell values are what openpyxl gives in ``data_only`` mode (the cached result
    of a formula); trailing empty cells are dropped. Raises InputError for a
    file that is not a safe, readable xlsx, and for a formula whose cached value
    is missing or contradicts it.
    """
    require_defused_xml(file)
    with open_binary(path, file, limit=LIMITS["xlsx"], what=KIND_NAMES["xlsx"]) as stream:
        check_archive(stream, file)
        stream.seek(0)
        return _read_active_sheet(stream, file)


def require_defused_xml(file: str) -> None:
    """Refuse to read xlsx unless openpyxl parses XML through defusedxml."""
    try:
        import defusedxml  # noqa: F401
    except ImportError:
        defused = False
    else:
        import openpyxl.xml

        defused = bool(openpyxl.xml.DEFUSEDXML)
    if not defused:
        raise InputError(
            [
                Problem(
                    file,
                    "xlsx-filer läses bara när paketet defusedxml är installerat och används av openpyxl "
                    "(skydd mot skadliga XML-filer); installera defusedxml och ta bort "
                    "OPENPYXL_DEFUSEDXML=False om den är satt",
                )
            ]
        )


def check_archive(stream: BinaryIO, file: str) -> None:
    """Refuse anything that is not a zip archive of reasonable size (zip bombs)."""
    not_xlsx = "filen är inte en xlsx-fil (den är inte ett zip-arkiv); spara den som Excel-arbetsbok (.xlsx)"
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise InputError([Problem(file, not_xlsx)]) from None
    if len(members) > MAX_MEMBERS:
        raise InputError(
            [
                Problem(
                    file,
                    f"arkivet har {len(members)} delar; en xlsx-fil har inte fler än {MAX_MEMBERS}",
                )
            ]
        )
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED:
        raise InputError(
            [
                Problem(
                    file,
                    f"filen packas upp till {total // (1024 * 1024)} MB, mer än gränsen "
                    f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB (möjlig zip-bomb); den läses inte",
                )
            ]
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_MIN_SIZE and ratio > MAX_RATIO:
            raise InputError(
                [
                    Problem(
                        file,
                        f"delen {member.filename!r} är packad {ratio:.0f}:1, mer än gränsen {MAX_RATIO}:1 "
                        "(möjlig zip-bomb); filen läses inte",
                    )
                ]
            )


def _read_active_sheet(stream: Any, file: str) -> tuple[list[Row], list[Problem]]:
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (styles, extensions); irrelevant here.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
            try:
                sheet, notes = _chosen_sheet(workbook, file)
                rows = _rows(sheet, file)
            finally:
                workbook.close()
            stream.seek(0)
            formulas = openpyxl.load_workbook(stream, read_only=True, data_only=False)
            try:
                _check_formulas(formulas[sheet.title], rows, file)
            finally:
                formulas.close()
            return rows, notes
    except InputError:
        raise
    # openpyxl raises many kinds of exceptions for damaged files (KeyError for a
    # missing part, ValueError and ParseError for bad XML, ...); all mean the
    # same to the user, and a traceback must never reach them.
    except Exception as exc:
        raise InputError([Problem(file, _explain(exc))]) from exc


def _chosen_sheet(workbook: Any, file: str) -> tuple[Any, list[Problem]]:
    """The active sheet when it is visible, else the first visible one; a warning naming the
    other sheets that have content (they are not read)."""
    visible = [s for s in workbook.worksheets if s.sheet_state == "visible"]
    if not visible:
        raise InputError([Problem(file, "arbetsboken har inget synligt kalkylblad")])
    active = workbook.active
    sheet = active if any(active is s for s in visible) else visible[0]
    others = [s.title for s in workbook.worksheets if s is not sheet and _has_content(s)]
    notes = []
    if others:
        shown = ", ".join(f"'{name}'" for name in others)
        notes.append(
            Problem(
                file,
                f"bara bladet '{sheet.title}' läses (det som arbetsboken öppnas på); bladen {shown} har "
                "också innehåll men räknas inte. Flytta utfallet till ett blad, eller gör rätt blad aktivt "
                "och spara",
                severity="warning",
            )
        )
    return sheet, notes


def _has_content(sheet: Any) -> bool:
    cells = sheet.iter_rows(min_row=1, max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True)
    return any(is_filled(value) for values in cells for value in values)


def _check_formulas(sheet: Any, rows: list[Row], file: str) -> None:
    """A located error for each formula whose cached value is missing or contradicts it."""
    from openpyxl.utils import get_column_letter

    def problem(row: int, column: int, message: str) -> Problem:
        return Problem(file, f"cellen {get_column_letter(column)}{row} {message}", row=row)

    problems = formula_problems(sheet, rows, problem)
    if problems:
        raise InputError(problems)


def formula_problems(
    sheet: Any, rows: list[Row], problem: Callable[[int, int, str], Problem], *, max_columns: int = MAX_COLUMNS
) -> list[Problem]:
    """The problems of the formulas of ``sheet`` (opened with ``data_only=False``) whose cached value
    (``rows``, the same sheet read with ``data_only=True``) is missing or contradicts them.

    The one policy for formula cells in every xlsx file read (actuals and scenario workbooks).
    ``problem(row, column, message)`` (both from 1) locates a message, which continues the
    words "cellen …" (``har formeln =B2*3 men inget sparat värde …``).
    """
    values = dict(rows)

    def lookup(row: int, column: int) -> object:
        found = values.get(row, ())
        return found[column - 1] if 0 < column <= len(found) else None

    problems = []
    cells = sheet.iter_rows(min_row=1, max_row=MAX_ROWS, max_col=max_columns)
    for number, row_cells in enumerate(cells, 1):
        for column, cell in enumerate(row_cells, 1):
            if getattr(cell, "data_type", None) != "f" or not isinstance(cell.value, str):
                continue
            formula = cell.value if len(cell.value) <= 60 else cell.value[:57] + "..."
            cached = lookup(number, column)
            if cached is None:
                problems.append(problem(
                    number, column,
                    f"har formeln {formula} men inget sparat värde (filen är inte beräknad); "
                    "öppna den i Excel och spara den, eller klistra in cellerna som värden",
                ))
                continue
            expected = contradicts(cached, cell.value, lookup)
            if expected is not None:
                problems.append(problem(
                    number, column,
                    f"har formeln {formula}, som ger {_shown(expected)}, men det sparade värdet "
                    f"är {cached!r}; räkna om arbetsboken i Excel (F9) och spara, eller klistra in värden",
                ))
    return problems


def _shown(value: Fraction) -> str:
    return format_amount(fraction_to_decimal(value, 2))


def _rows(sheet: Any, file: str) -> list[Row]:
    rows: list[Row] = []
    # max_row and max_col are given explicitly: the sheet's own dimension may be
    # missing or say A1:XFD1048576, and openpyxl would then pad every row to it.
    cells = sheet.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
    for number, values in enumerate(cells, 1):
        filled = [index for index, value in enumerate(values) if is_filled(value)]
        if not filled:
            continue
        if number > MAX_ROWS:
            message = (
                f"bladet {sheet.title!r} har fler än {thousands(MAX_ROWS)} rader, "
                "gränsen för en utfallsfil"
            )
            raise InputError([Problem(file, message, row=number)])
        rows.append((number, tuple(values[: filled[-1] + 1])))
    return rows


def _explain(exc: BaseException) -> str:
    from defusedxml import DefusedXmlException

    cause: BaseException | None = exc
    seen: set[int] = set()
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, DefusedXmlException):
            return (
                "filen innehåller XML-entiteter eller en DTD (kan användas för att överbelasta datorn); "
                "den läses inte — öppna den i Excel och spara den på nytt"
            )
        cause = cause.__cause__ or cause.__context__
    detail = (str(exc).splitlines() or [""])[0][:200]
    return f"filen kunde inte läsas som xlsx-arbetsbok ({type(exc).__name__}: {detail})"
