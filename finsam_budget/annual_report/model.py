"""The årsredovisning as data: numbered sections of paragraphs, tables and signatures.

A renderer (``writers/arsredovisning_docx.py``) lays it out; nothing here knows
Word. A ``Prompt`` is a place only the federation can fill in ("[Skriv: …]"); a
``TableBlock`` shows a derivation table (``tables.Table``) of the same computation
as the workbooks, so no figure is ever typed twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from finsam_budget.tables import Table

#: Every amount in the document is in kronor; each table heading says so.
UNIT_HEADING = "Belopp i kronor"


@dataclass(frozen=True)
class Prompt:
    """What the federation must write here, shown highlighted as ``[Skriv: text]``."""

    text: str

    @property
    def shown(self) -> str:
        return f"[Skriv: {self.text}]"


Part = str | Prompt


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text and prompts; ``bullet`` for an item of a list."""

    parts: tuple[Part, ...]
    bullet: bool = False

    @property
    def text(self) -> str:
        return "".join(p.shown if isinstance(p, Prompt) else p for p in self.parts)


@dataclass(frozen=True)
class TableBlock:
    """A table of the computation; ``columns`` picks and orders its columns (None: all).

    Check rows (``kind == "check"``, an identity that must be 0) belong to the
    workbook's Kontroller and are not shown in a published report.
    """

    table: Table
    columns: tuple[str, ...] | None = None
    title: str | None = None

    @property
    def shown_title(self) -> str:
        return self.title or self.table.title

    def shown_columns(self) -> tuple[str, ...]:
        keys = tuple(c.key for c in self.table.columns)
        return keys if self.columns is None else tuple(c for c in self.columns if c in keys)

    def shown_rows(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.table.rows if r.kind != "check")


@dataclass(frozen=True)
class Signatures:
    """The board's signatures: place and date, then a line per member (name, role)."""

    place: Part
    date: Part
    signers: tuple[tuple[Part, Part], ...]


Block = Paragraph | TableBlock | Signatures


@dataclass(frozen=True)
class Section:
    """A numbered heading (``1``, ``1.4``) and what stands under it."""

    number: str
    title: str
    blocks: tuple[Block, ...]

    @property
    def level(self) -> int:
        return self.number.count(".") + 1

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"


@dataclass(frozen=True)
class AnnualReport:
    """The draft årsredovisning of one federation and year."""

    federation: str
    year: int
    organisation_number: str | None
    source: str
    sections: tuple[Section, ...]
    adopted: Part

    @property
    def title(self) -> str:
        return f"Årsredovisning {self.year}"

    def tables(self) -> Iterator[TableBlock]:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, TableBlock):
                    yield block

    def prompts(self) -> Iterator[Prompt]:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    yield from (p for p in block.parts if isinstance(p, Prompt))
