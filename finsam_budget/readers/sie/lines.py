"""Read a text file as numbered lines, decoding in chunks and bounding line length.

Decoding a megabyte at a time is several times faster than decoding line by line
(code page 437 has no fast path in CPython). A line longer than ``max_chars`` is
not kept in memory: it is reported once and skipped, so a damaged file with no
line breaks cannot exhaust memory.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator

from finsam_budget.readers.source_file import KIND_NAMES, LIMITS, open_binary

MAX_LINE_CHARS = 1 << 20
_CHUNK = 1 << 20


def numbered_lines(
    path: str,
    encoding: str,
    skip: int,
    on_too_long: Callable[[int], None],
    max_chars: int = MAX_LINE_CHARS,
) -> Iterator[tuple[int, str]]:
    """Yield ``(line number, text)`` for every line (see ``line_batches``)."""
    for before, lines in line_batches(path, encoding, skip, on_too_long, max_chars):
        yield from enumerate(lines, start=before + 1)


def line_batches(
    path: str,
    encoding: str,
    skip: int,
    on_too_long: Callable[[int], None],
    max_chars: int = MAX_LINE_CHARS,
) -> Iterator[tuple[int, list[str]]]:
    """Yield the lines a chunk at a time: the number of the line before the first, and the lines.

    ``\\r`` is left for the caller to ignore. The reader's loop counts the lines
    of a batch itself, which is cheaper than a tuple per line.

    Lines end in LF or CRLF; a file whose first line ends in a bare CR (old Mac
    programs) has its CRs read as line ends.

    ``on_too_long(line number)`` is called for each line longer than ``max_chars``;
    such a line is not yielded.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    lineno = 0
    carry = ""
    skipping = False  # inside a line that is too long
    cr_only: bool | None = None  # decided at the first line end
    with open_binary(path, path, limit=LIMITS["sie"], what=KIND_NAMES["sie"]) as file:
        file.seek(skip)
        while True:
            chunk = file.read(_CHUNK)
            text = decoder.decode(chunk, final=not chunk)
            if cr_only is None:
                cr_only = _ends_in_bare_cr(text, final=not chunk)
            if cr_only:
                text = text.replace("\r", "\n")
            if skipping:
                cut = text.find("\n")
                if cut < 0:
                    if not chunk:
                        return
                    continue
                text = text[cut + 1 :]
                skipping = False
            lines = text.split("\n")
            lines[0] = carry + lines[0]
            carry = lines.pop()
            if lines and len(lines[0]) > max_chars:  # only the first line can be long
                lineno += 1
                on_too_long(lineno)
                del lines[0]
            if lines:
                yield lineno, lines
                lineno += len(lines)
            if len(carry) > max_chars:
                lineno += 1
                on_too_long(lineno)
                carry = ""
                skipping = True
            if not chunk:
                break
    if carry:
        yield lineno, [carry]


def _ends_in_bare_cr(text: str, *, final: bool) -> bool | None:
    """True when the first line end in ``text`` is a CR not followed by LF; None when it cannot tell yet."""
    cr, lf = text.find("\r"), text.find("\n")
    if cr < 0:
        return False if lf >= 0 or final else None
    if lf >= 0 and lf < cr:
        return False
    if cr + 1 < len(text):
        return text[cr + 1] != "\n"
    return True if final else None
