"""Rows of a CSV or tab-separated text file, as people export them from Excel.

Excel on a Swedish Windows writes cp1252 and separates fields with ``;`` (the
comma is the decimal sign); other tools write UTF-8 with ``,``. The encoding is
found by trying UTF-8 first; the separator is the one that splits a heading row
into recognised columns.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.source_file import KIND_NAMES, LIMITS, NOT_UTF8, read_bytes

MAX_TEXT_BYTES = LIMITS["actuals"]
MAX_ROWS = 100_000
HEADING_ROWS = 20  # the heading must be among the first 20 rows with content
DELIMITERS = (";", ",", "\t")
# A CSV file may also be Windows-1252 (Excel's "CSV"); one that is neither is worded like every other file.
NOT_UTF8_CSV = NOT_UTF8.replace("UTF-8-kodad", "UTF-8-kodad (och inte Windows-1252, Excels CSV)").replace(
    "spara den som UTF-8", "spara den som CSV UTF-8"
)

Row = tuple[int, list[str]]


def read_text_rows(path: Path, file: str, is_heading: Callable[[Sequence[str]], bool]) -> list[Row]:
    """Every record of the file as ``(row number, cells)``; row numbers count from 1.

    ``is_heading`` recognises the heading row and so decides the separator.
    Raises InputError when the file is too big, not text, or not CSV.
    """
    text = _decode(read_bytes(path, file, limit=LIMITS["actuals"], what=KIND_NAMES["actuals"]), file)
    delimiter = _choose_delimiter(text, is_heading)
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, cells in enumerate(reader, 1):
            if number > MAX_ROWS and has_content(cells):
                raise InputError(
                    [Problem(file, f"filen har fler än {thousands(MAX_ROWS)} rader", row=number)]
                )
            rows.append((number, cells))
    except csv.Error as exc:
        raise InputError(
            [Problem(file, f"raden kunde inte läsas som CSV ({exc})", row=number + 1)]
        ) from exc
    return rows


def thousands(number: int) -> str:
    """A row count for a message: ``100 000``."""
    return f"{number:,}".replace(",", " ")


def is_comment(cells: Sequence[object]) -> bool:
    """A row whose first cell is text starting with ``#`` is a comment (in CSV and xlsx alike)."""
    return bool(cells) and isinstance(cells[0], str) and cells[0].lstrip().startswith("#")


def is_filled(cell: object) -> bool:
    """A cell with something in it (not None, not blank text)."""
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def has_content(cells: Sequence[object]) -> bool:
    """A row with at least one filled cell."""
    return any(is_filled(cell) for cell in cells)


def _decode(data: bytes, file: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode-text"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(
                [Problem(file, "filen börjar som UTF-16 men är inte giltig UTF-16")]
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad_line = data[: exc.start].count(b"\n") + 1
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError([Problem(file, NOT_UTF8_CSV, line=first_bad_line)]) from None


def _choose_delimiter(text: str, is_heading: Callable[[Sequence[str]], bool]) -> str:
    for delimiter in DELIMITERS:
        try:
            if any(is_heading(cells) for cells in _first_content_rows(text, delimiter)):
                return delimiter
        except csv.Error:
            continue
    # No recognised heading: split like the first line with content, so that the
    # caller's "missing columns" message shows sensible cells.
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return max(DELIMITERS, key=line.count)
    return DELIMITERS[0]


def _first_content_rows(text: str, delimiter: str) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    seen = 0
    for cells in reader:
        if not has_content(cells) or is_comment(cells):
            continue
        yield cells
        seen += 1
        if seen >= HEADING_ROWS:
            return
