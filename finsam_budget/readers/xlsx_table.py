"""Rows of the first sheet of an xlsx file, read defensively.

An xlsx file is a zip of XML parts, so a hostile one can be a zip bomb or carry
an XML entity-expansion payload ("billion laughs"). The archive is inspected
before openpyxl sees it, openpyxl must parse through defusedxml (which refuses
entity declarations), and only a bounded range of the first sheet is read.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.source_file import KIND_NAMES, LIMITS, open_binary
from finsam_budget.readers.text_table import MAX_ROWS, is_filled, thousands

MAX_UNCOMPRESSED = 50 * 1024 * 1024  # all parts together
MAX_RATIO = 100  # uncompressed : compressed, per part
RATIO_MIN_SIZE = 1024 * 1024  # small parts may compress well without harm
MAX_MEMBERS = 10_000
MAX_COLUMNS = 50  # only the first 50 columns are read

Row = tuple[int, tuple[object, ...]]


def read_xlsx_rows(path: Path, file: str) -> list[Row]:
    """The first sheet's rows with content as ``(row number, cell values)``.

    Cell values are what openpyxl gives in ``data_only`` mode (the cached result
    of a formula); trailing empty cells are dropped. Raises InputError for a
    file that is not a safe, readable xlsx.
    """
    require_defused_xml(file)
    with open_binary(path, file, limit=LIMITS["xlsx"], what=KIND_NAMES["xlsx"]) as stream:
        check_archive(stream, file)
        stream.seek(0)
        return _read_first_sheet(stream, file)


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


def check_archive(stream, file: str) -> None:
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


def _read_first_sheet(stream, file: str) -> list[Row]:
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (styles, extensions); irrelevant here.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
            try:
                return _rows(workbook, file)
            finally:
                workbook.close()
    except InputError:
        raise
    # openpyxl raises many kinds of exceptions for damaged files (KeyError for a
    # missing part, ValueError and ParseError for bad XML, ...); all mean the
    # same to the user, and a traceback must never reach them.
    except Exception as exc:
        raise InputError([Problem(file, _explain(exc))]) from exc


def _rows(workbook, file: str) -> list[Row]:
    if not workbook.worksheets:
        raise InputError([Problem(file, "arbetsboken har inget kalkylblad")])
    sheet = workbook.worksheets[0]
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
