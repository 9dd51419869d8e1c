"""Tell which encoding an SIE file really uses: PC8 (code page 437), Latin-1 or UTF-8.

The standard says PC8, but files edited on Windows or written by web services are
often Latin-1 or UTF-8. The file is scanned once in binary, in chunks: it is UTF-8
when it decodes as UTF-8 and has multibyte sequences; otherwise the bytes of the
Swedish letters decide between code page 437 and Latin-1.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from finsam_budget.readers.source_file import KIND_NAMES, LIMITS, open_binary

PC8 = "cp437"
LATIN_1 = "latin-1"
UTF_8 = "utf-8"

NAMES = {PC8: "PC8 (kodsida 437)", LATIN_1: "Latin-1", UTF_8: "UTF-8"}

# å ä ö Å Ä Ö é É ü in each encoding. Latin-1 has only control characters at
# 0x80-0x9F, so a byte there counts for PC8 as well.
_PC8_LETTERS = (0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99, 0x82, 0x90, 0x81)
_LATIN_1_LETTERS = (0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6, 0xE9, 0xC9, 0xFC)
_PC8_BYTES = (*_PC8_LETTERS, *(b for b in range(0x80, 0xA0) if b not in _PC8_LETTERS))
_ASCII = bytes(range(0x80))
# Code page 437's box-drawing characters (0xB0-0xDF) come in runs (a frame, a rule: ╔════╗);
# in Latin-1 the same bytes are single capital letters, Ä and Å among them.
_BOX_RUN = re.compile(rb"[\xb0-\xdf]{3,}")
_NOT_BOX = bytes(b for b in range(256) if not 0xB0 <= b <= 0xDF)  # deleted to count the box bytes
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Detected:
    """The encoding to read with, and how many bytes at the start to skip (a BOM)."""

    encoding: str
    skip: int = 0


def detect_encoding(path: str) -> Detected:
    """Scan the file and return the encoding it is written in."""
    utf8 = codecs.getincrementaldecoder(UTF_8)()
    utf8_valid, multibyte = True, False
    pc8_score = latin1_score = 0
    with open_binary(path, path, limit=LIMITS["sie"], what=KIND_NAMES["sie"]) as file:
        first = True
        while chunk := file.read(_CHUNK):
            if first:
                first = False
                if chunk.startswith(codecs.BOM_UTF8):
                    return Detected(UTF_8, len(codecs.BOM_UTF8))
            if chunk.isascii():
                continue
            multibyte = True
            if utf8_valid:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    utf8_valid = False
            high = chunk.translate(None, _ASCII)  # usually a small remainder
            pc8_score += sum(high.count(b) for b in _PC8_BYTES)
            latin1_score += sum(high.count(b) for b in _LATIN_1_LETTERS)
            # The whole chunk is searched for runs only when its high bytes hold three box bytes.
            if len(high.translate(None, _NOT_BOX)) < 3:
                continue
            for run in _BOX_RUN.findall(chunk):
                pc8_score += len(run)
                latin1_score -= sum(run.count(b) for b in _LATIN_1_LETTERS)
    if utf8_valid and multibyte:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_valid = False
        if utf8_valid:
            return Detected(UTF_8)
    if latin1_score > pc8_score:
        return Detected(LATIN_1)
    return Detected(PC8)
