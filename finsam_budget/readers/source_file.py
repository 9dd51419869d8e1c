"""Opening an input file, with one wording for every reader (TOML, CSV, xlsx, SIE).

A file that is missing, is a folder or cannot be read, and a text file that is
not UTF-8, reads the same whichever kind of file it is:
``budget.toml: filen finns inte``, ``utfall.csv: är en mapp, inte en fil``,
``bok.se: kan inte läsas: åtkomst nekad``,
``budget.toml:3: filen är inte UTF-8-kodad; spara den som UTF-8``.

Only regular files are read: a FIFO, a device (``/dev/zero``) or a symlink to one
is refused at once, before a byte is read (the file is opened non-blocking and
checked with ``fstat``), so no input can hang a run or fill the memory. Every kind
of input has a size cap (``LIMITS``, listed in the README). Every file opened here
is remembered (device and inode), so that the command line can refuse to write a
workbook over an input of the same run (``is_input``).
"""

from __future__ import annotations

import errno
import os
import stat
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
    errno.ENOSPC: "disken är full",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.EEXIST: "finns redan",
    errno.EDQUOT: "diskkvoten är slut",
}
_BOM = b"\xef\xbb\xbf"
_MB = 1024 * 1024
#: The size cap of each kind of input file, in bytes (the README's limits table lists them).
LIMITS: dict[str, int] = {
    "scenario": 20 * _MB,
    "rules": 1 * _MB,
    "mapping": 10 * _MB,
    "actuals": 20 * _MB,
    "uppfoljning": 20 * _MB,
    "arsredovisning": 1 * _MB,
    "xlsx": 20 * _MB,
    "sie": 1024 * _MB,
}
#: What each kind is called in the too-large message.
KIND_NAMES: dict[str, str] = {
    "scenario": "en scenariofil",
    "rules": "en regelfil",
    "mapping": "en mappningsfil",
    "actuals": "en utfallsfil",
    "uppfoljning": "en uppföljningsfil",
    "arsredovisning": "en fil med årsredovisningens uppgifter",
    "xlsx": "en utfallsfil i xlsx",
    "sie": "en SIE-fil",
}
NOT_REGULAR = (
    "är inte en vanlig fil (utan en enhet, en namngiven pipe eller liknande) och läses inte; "
    "ange en sparad fil"
)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
#: (device, inode) of every file opened for reading in this process.
_OPENED: set[tuple[int, int]] = set()


def file_problem(file: str, exc: OSError) -> Problem:
    """The problem for a file that cannot be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return Problem(file, "filen finns inte")
    if isinstance(exc, IsADirectoryError) or (isinstance(exc, PermissionError) and os.path.isdir(file)):
        return Problem(file, "är en mapp, inte en fil")
    return Problem(file, f"kan inte läsas: {reason_text(exc)}")


def reason_text(exc: OSError) -> str:
    """The system's reason for ``exc`` in Swedish where it is known, else as the system words it."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def too_large(file: str, limit: int, what: str = "") -> Problem:
    """The problem for a file larger than its kind's cap."""
    kind = f" för {what}" if what else ""
    return Problem(file, f"filen är större än {limit // _MB} MB, gränsen{kind}; kontrollera att det är rätt fil")


def forget_inputs() -> None:
    """Start a new run: no file counts as an input any more (each command is one run)."""
    _OPENED.clear()


def is_input(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is (the same file as) a file opened for reading in this process."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return False
    return (found.st_dev, found.st_ino) in _OPENED


@contextmanager
def open_binary(
    path: str | os.PathLike[str], file: str, *, limit: int | None = None, what: str = ""
) -> Iterator[BinaryIO]:
    """Open a regular file for reading bytes; raise ``InputError`` (worded as above) when it cannot be.

    A FIFO or device is refused without waiting on it, and so is a file larger than ``limit``.
    """
    try:
        try:
            fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
        except ValueError:  # a NUL in the name
            raise InputError([Problem(file, "kan inte läsas: namnet innehåller ett otillåtet tecken")]) from None
        try:
            found = os.fstat(fd)
            if stat.S_ISDIR(found.st_mode):
                raise InputError([Problem(file, "är en mapp, inte en fil")])
            if not stat.S_ISREG(found.st_mode):
                raise InputError([Problem(file, NOT_REGULAR)])
            if limit is not None and found.st_size > limit:
                raise InputError([too_large(file, limit, what)])
            if _NONBLOCK:
                os.set_blocking(fd, True)
            _OPENED.add((found.st_dev, found.st_ino))
        except BaseException:
            os.close(fd)
            raise
        with os.fdopen(fd, "rb") as stream:
            yield stream
    except InputError:
        raise
    except OSError as exc:  # on opening, or a read that fails half-way (a vanished network drive)
        raise InputError([file_problem(file, exc)]) from None


def read_bytes(path: str | os.PathLike[str], file: str, *, limit: int | None = None, what: str = "") -> bytes:
    """The file's bytes; ``InputError`` when it cannot be read or is larger than ``limit`` bytes.

    ``what`` names the kind of file in the too-large message (``en utfallsfil``).
    """
    with open_binary(path, file, limit=limit, what=what) as stream:
        data = stream.read() if limit is None else stream.read(limit + 1)
    if limit is not None and len(data) > limit:  # a file that grew while it was read
        raise InputError([too_large(file, limit, what)])
    return data


def read_limited(path: str | os.PathLike[str], file: str, kind: str) -> str:
    """A UTF-8 text file of one kind of ``LIMITS`` (``scenario``, ``rules`` …), within its cap."""
    return read_text(path, file, limit=LIMITS[kind], what=KIND_NAMES[kind])


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


__all__ = [
    "KIND_NAMES",
    "LIMITS",
    "NOT_REGULAR",
    "NOT_UTF8",
    "decode_utf8",
    "file_problem",
    "is_input",
    "not_utf8",
    "open_binary",
    "read_bytes",
    "read_limited",
    "read_text",
    "reason_text",
]
