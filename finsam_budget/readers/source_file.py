"""Opening an input file, with one wording for every reader (TOML, CSV, xlsx, SIE).

A file that is missing, is a folder or cannot be read, and a text file that is
not UTF-8, reads the same whichever kind of file it is:
``budget.toml: filen finns inte``, ``utfall.csv: är en mapp, inte en fil``,
``bok.se: kan inte läsas: åtkomst nekad``,
``budget.toml:3: filen är inte UTF-8-kodad; spara den som UTF-8``.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from finsam_budget.problems import InputError, Problem

NOT_UTF8 = "filen är inte UTF-8-kodad; spara den som UTF-8"
#: The system's reasons in Swedish; any other is shown as the system words it.
_REASONS = {
    errno.EACCES: "åtkomst nekad",
    errno.EPERM: "åtkomst nekad",
    errno.ENOTDIR: "en del av sökvägen är inte en mapp",
    errno.ENAMETOOLONG: "namnet är för långt",
    errno.ELOOP: "för många symboliska länkar i sökvägen",
    errno.EIO: "läsfel på enheten",
}
_BOM = b"\xef\xbb\xbf"


def file_problem(file: str, exc: OSError) -> Problem:
    """The problem for a file that cannot be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return Problem(file, "filen finns inte")
    if isinstance(exc, IsADirectoryError) or (isinstance(exc, PermissionError) and os.path.isdir(file)):
        return Problem(file, "är en mapp, inte en fil")
    reason = _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
    return Problem(file, f"kan inte läsas: {reason}")


@contextmanager
def open_binary(path: str | os.PathLike[str], file: str) -> Iterator[BinaryIO]:
    """Open ``path`` for reading bytes; raise ``InputError`` (worded as above) when it cannot be."""
    try:
        with open(path, "rb") as stream:
            yield stream
    except InputError:
        raise
    except OSError as exc:  # on opening, or a read that fails half-way (a vanished network drive)
        raise InputError([file_problem(file, exc)]) from None


def read_bytes(path: str | os.PathLike[str], file: str, *, limit: int | None = None, what: str = "") -> bytes:
    """The file's bytes; ``InputError`` when it cannot be read or is larger than ``limit`` bytes.

    ``what`` names the kind of file in the too-large message (``en utfallsfil``).
    """
    with open_binary(path, file) as stream:
        data = stream.read() if limit is None else stream.read(limit + 1)
    if limit is not None and len(data) > limit:
        kind = f"; det är inte {what}" if what else ""
        raise InputError([Problem(file, f"filen är större än {limit // (1024 * 1024)} MB{kind}")])
    return data


def not_utf8(file: str, data: bytes, error: UnicodeDecodeError) -> Problem:
    """The problem for bytes that are not UTF-8, on the line of the first bad byte."""
    return Problem(file, NOT_UTF8, line=data[: error.start].count(b"\n") + 1)


def decode_utf8(data: bytes, file: str) -> str:
    """UTF-8 text (an editor's byte-order mark is dropped); ``InputError`` when it is not UTF-8."""
    data = data.removeprefix(_BOM)  # an editor's byte-order mark is harmless
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([not_utf8(file, data, exc)]) from None


def read_text(path: str | os.PathLike[str], file: str, *, limit: int | None = None, what: str = "") -> str:
    """A UTF-8 text file's text; ``InputError`` for every reason it cannot be had."""
    return decode_utf8(read_bytes(path, file, limit=limit, what=what), file)


__all__ = ["NOT_UTF8", "decode_utf8", "file_problem", "not_utf8", "open_binary", "read_bytes", "read_text"]
