"""The årsredovisning as a Word document (.docx), with python-docx.

A renderer of ``annual_report.AnnualReport``: A4 portrait, a title page, a table
of contents (a Word TOC field, refreshed when the document is opened), numbered
headings (Word's heading styles, so the TOC and the navigation pane find them),
and every table of the report with "Belopp i kronor" in its heading row. Amounts
are Swedish (``1 264 802``, ``−25 000``, öre only in a table that has them);
prompts for what only the federation can write are highlighted "[Skriv: …]".

The same report gives the same bytes: the document properties are fixed and the
zip members get a fixed date. The file is written atomically
(``xlsx_common.write_file``). python-docx is imported here only, when a document
is written, so the command line starts fast.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from finsam_budget.annual_report.model import (
    UNIT_HEADING,
    AnnualReport,
    Paragraph,
    Part,
    Prompt,
    Section,
    Signatures,
    TableBlock,
)
from finsam_budget.money import format_amount_print, format_percent, has_ore
from finsam_budget.problems import displayable
from finsam_budget.tables import Table
from finsam_budget.writers.xlsx_common import AUTHOR, write_file

FONT = "Liberation Sans"  # metric-compatible with Arial, which Word substitutes
BODY_PT, TABLE_PT, SMALL_PT = 10.5, 8.5, 8
#: A fixed date for the document's properties and its zip members: same input, same bytes.
FIXED = datetime(2000, 1, 1)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
LABEL_CM, NOTE_CM, FIGURE_CM = 4.4, 1.3, 2.8
TEXT_WIDTH_CM = 16.0
NBSP = "\u00a0"


def write_annual_report_docx(report: AnnualReport, path: str | Path, *, force: bool = False) -> Path:
    """Write the document atomically; ``OutputError`` when the target cannot be written."""

    def save(tmp: Path) -> None:
        buffer = io.BytesIO()
        build_document(report).save(buffer)
        tmp.write_bytes(_fixed_zip(buffer.getvalue()))

    return write_file(path, save, force=force, what="dokumentet")


def build_document(report: AnnualReport) -> Any:
    """The python-docx ``Document`` of the report (not yet saved)."""
    import docx

    document = docx.Document()
    _page_setup(document)
    _styles(document)
    _properties(document, report)
    _footer(document, report)
    _title_page(document, report)
    _contents(document, report)
    for section in report.sections:
        _section(document, section)
    return document


# --- Page, styles, properties -----------------------------------------------------


def _page_setup(document: Any) -> None:
    from docx.shared import Cm, Mm

    page = document.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.left_margin = page.right_margin = Cm(2.5)
    page.top_margin, page.bottom_margin = Cm(2.2), Cm(2.2)
    page.different_first_page_header_footer = True  # no footer on the title page


def _styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(6)
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    lang = r_pr.makeelement(qn("w:lang"), {qn("w:val"): "sv-SE", qn("w:eastAsia"): "sv-SE"})
    r_pr.append(lang)
    for name, size, before in (("Heading 1", 16, 0), ("Heading 2", 12.5, 12)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(8)
        style.paragraph_format.keep_with_next = True
    for level in (1, 2):
        name = f"toc {level}"
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
        style.paragraph_format.left_indent = Pt(0 if level == 1 else 14)
        style.paragraph_format.space_after = Pt(3 if level == 2 else 4)
        style.font.bold = level == 1


def _properties(document: Any, report: AnnualReport) -> None:
    props = document.core_properties
    props.title = f"{report.federation}: {report.title}"
    props.subject = report.title
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = f"Utkast ur {Path(report.source).name}"
    props.keywords = "årsredovisning"
    props.category = ""
    props.language = "sv-SE"
    props.revision = 1
    props.created = props.modified = props.last_printed = FIXED
    # Word refreshes the table of contents (and its page numbers) when the file is opened.
    from docx.oxml.ns import qn

    settings = document.settings.element
    update = settings.makeelement(qn("w:updateFields"), {qn("w:val"): "true"})
    settings.append(update)


def _fixed_zip(data: bytes) -> bytes:
    """The package with every member dated 1980-01-01 (python-docx stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


# --- Fields, footer, title page, contents -----------------------------------------


def _field(paragraph: Any, instruction: str, cached: str = "") -> None:
    """A Word field (``PAGE``, ``TOC …``) with ``cached`` as the text shown until it is updated."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        run = OxmlElement("w:r")
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            mark.set(qn("w:dirty"), "true")
        run.append(mark)
        return run

    paragraph._p.append(char("begin"))
    instr = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    instr.append(text)
    paragraph._p.append(instr)
    paragraph._p.append(char("separate"))
    if cached:
        shown = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = cached
        shown.append(t)
        paragraph._p.append(shown)
    paragraph._p.append(char("end"))


def _footer(document: Any, report: AnnualReport) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(f"{_clean(report.federation)} · {report.title} · sida ")
    run.font.size = Pt(SMALL_PT)
    _field(paragraph, "PAGE", "1")


def _title_page(document: Any, report: AnnualReport) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    def line(parts: tuple[Part, ...], size: float, *, bold: bool = False, before: float = 0) -> Any:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(before)
        _runs(paragraph, parts, size=size, bold=bold)
        return paragraph

    line((_clean(report.federation),), 24, bold=True, before=160)
    line((report.title,), 20, before=12)
    number: Part = report.organisation_number or Prompt("organisationsnummer (SIE-filen saknar #ORGNR)")
    line(("Organisationsnummer ", number), 12, before=24)
    line((f"Räkenskapsår {report.year}-01-01 – {report.year}-12-31",), 12)
    line(("Fastställd av styrelsen den ", report.adopted), 12, before=24)
    note = line(
        (f"Utkast framställt med finsam-budget ur {_clean(Path(report.source).name)}. "
         "Markerade ställen [Skriv: …] fylls i av förbundet.",),
        SMALL_PT,
        before=220,
    )
    note.runs[0].italic = True
    note.runs[-1].add_break(_page_break())


def _page_break() -> Any:
    from docx.enum.text import WD_BREAK

    return WD_BREAK.PAGE


def _contents(document: Any, report: AnnualReport) -> None:
    from docx.shared import Pt

    heading = document.add_paragraph()
    run = heading.add_run("Innehåll")
    run.bold = True
    run.font.size = Pt(16)
    field = document.add_paragraph(style="toc 1")
    entries = [s for s in report.sections if s.level <= 2]
    _field(field, 'TOC \\o "1-2" \\h \\z \\u', "")
    # The field's cached result: the headings without page numbers, until Word or
    # LibreOffice updates the field (Word does it on opening, see _properties).
    end = field._p[-1]
    field._p.remove(end)
    last = field
    for number, section in enumerate(entries):
        paragraph = field if number == 0 else document.add_paragraph(style=f"toc {section.level}")
        paragraph.add_run(_clean(section.heading))
        last = paragraph
    last._p.append(end)


# --- Sections and blocks ----------------------------------------------------------


def _section(document: Any, section: Section) -> None:
    heading = document.add_heading(section.heading, level=section.level)
    if section.level == 1:
        heading.paragraph_format.page_break_before = True
    for block in section.blocks:
        if isinstance(block, Paragraph):
            _paragraph(document, block)
        elif isinstance(block, TableBlock):
            _table(document, block)
        elif isinstance(block, Signatures):
            _signatures(document, block)


def _paragraph(document: Any, block: Paragraph) -> None:
    paragraph = document.add_paragraph(style="List Bullet" if block.bullet else None)
    _runs(paragraph, block.parts)
    if block.text.endswith(":"):
        paragraph.paragraph_format.keep_with_next = True
        for run in paragraph.runs:
            run.bold = True


def _runs(paragraph: Any, parts: tuple[Part, ...], *, size: float | None = None, bold: bool = False) -> None:
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    for part in parts:
        if isinstance(part, Prompt):
            run = paragraph.add_run(_clean(part.shown))
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        else:
            run = paragraph.add_run(_clean(part))
        if size is not None:
            run.font.size = Pt(size)
        run.bold = bold or None


def _clean(text: str) -> str:
    """Text as Word can hold it: no control characters (an SIE name may have them)."""
    shown = displayable(text)
    return "".join(c if c in "\t\n" or ord(c) >= 32 else " " for c in shown)


# --- Tables -----------------------------------------------------------------------


def cell_text(table: Table, row: str, column: str, ore: bool) -> str:
    """A figure as the document shows it: kronor (öre when the table has them), a share in percent."""
    amount = table.amount(row, column)
    if amount is None:
        return ""
    unit = table.unit(row, column)
    if unit == "percent":
        return format_percent(amount, 1).replace(" ", NBSP).replace("-", "\u2212")
    if unit == "count":
        return format_amount_print(amount)
    return format_amount_print(amount, ore=ore)


def table_has_ore(block: TableBlock) -> bool:
    """True when an amount of the table as shown has öre: then every amount shows öre."""
    table = block.table
    return any(
        has_ore(amount)
        for row in block.shown_rows()
        for column in block.shown_columns()
        if table.unit(row, column) == "amount" and (amount := table.amount(row, column)) is not None
    )


def _table(document: Any, block: TableBlock) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    table = block.table
    columns = block.shown_columns()
    rows = block.shown_rows()
    notes = any(table.row(r).note for r in rows) and table.key in {"rr", "br", "kf"}
    ore = table_has_ore(block)

    caption = document.add_paragraph()
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(2)
    run = caption.add_run(_clean(block.shown_title))
    run.bold = True

    headings = [UNIT_HEADING] + (["Not"] if notes else []) + [_column_heading(table, c) for c in columns]
    grid = document.add_table(rows=1 + len(rows), cols=len(headings))
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    figure_cm = min(FIGURE_CM, (TEXT_WIDTH_CM - LABEL_CM - (NOTE_CM if notes else 0)) / max(len(columns), 1))
    widths = [TEXT_WIDTH_CM - figure_cm * len(columns) - (NOTE_CM if notes else 0)]
    widths += [NOTE_CM] if notes else []
    widths += [figure_cm] * len(columns)
    for i, width in enumerate(widths):  # the grid (LibreOffice reads it) and every cell (Word does)
        grid.columns[i].width = Cm(width)
        for cell in grid.columns[i].cells:
            cell.width = Cm(width)
    indent = any(table.row(r).kind == "heading" for r in rows)

    header = grid.rows[0]
    _repeat_header(header)
    for i, text in enumerate(headings):
        paragraph = header.cells[i].paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if i == 0 else WD_ALIGN_PARAGRAPH.RIGHT
        heading_run = paragraph.add_run(_clean(text))
        heading_run.bold = True
        heading_run.font.size = Pt(TABLE_PT)
        paragraph.paragraph_format.keep_with_next = True
        _border(header.cells[i], "bottom")

    for index, key in enumerate(rows, start=1):
        row = table.row(key)
        cells = grid.rows[index].cells
        _keep_row(grid.rows[index])
        values = [_clean(row.label)] + ([(row.note or "").replace(" ", NBSP)] if notes else [])
        values += [cell_text(table, key, c, ore) for c in columns]
        for i, text in enumerate(values):
            paragraph = cells[i].paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if i < (2 if notes else 1) else WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.space_after = Pt(0)
            text_run = paragraph.add_run(text)
            text_run.font.size = Pt(TABLE_PT)
            text_run.bold = row.kind in ("total", "heading") or None
            text_run.italic = row.kind == "text" or None
            if row.kind == "total":
                _border(cells[i], "top")
            if row.kind == "heading" and index > 1:
                paragraph.paragraph_format.space_before = Pt(4)
            # A table stays on one page when it fits: each row keeps with the next.
            paragraph.paragraph_format.keep_with_next = index < len(rows)
            if i == 0 and indent and row.kind in ("line", "text"):
                paragraph.paragraph_format.left_indent = Pt(6)
    document.add_paragraph().paragraph_format.space_after = Pt(2)


def _column_heading(table: Table, column: str) -> str:
    for c in table.columns:
        if c.key == column:
            return c.heading
    raise KeyError(column)


def _border(cell: Any, side: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), "6")
    edge.set(qn("w:space"), "0")
    edge.set(qn("w:color"), "000000")
    borders.append(edge)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    _keep_row(row)


def _keep_row(row: Any) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


# --- Signatures -------------------------------------------------------------------


def _signatures(document: Any, block: Signatures) -> None:
    from docx.shared import Cm, Pt

    place = document.add_paragraph()
    place.paragraph_format.space_before = Pt(12)
    _runs(place, (block.place, " den ", block.date))
    count = len(block.signers)
    grid = document.add_table(rows=(count + 1) // 2, cols=2)
    grid.autofit = False
    for i, (name, role) in enumerate(block.signers):
        cell = grid.rows[i // 2].cells[i % 2]
        cell.width = Cm(TEXT_WIDTH_CM / 2)
        grid.columns[i % 2].width = Cm(TEXT_WIDTH_CM / 2)
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_before = Pt(36)
        paragraph.add_run("_" * 34)
        lines = cell.add_paragraph()
        _runs(lines, (name,))
        role_line = cell.add_paragraph()
        _runs(role_line, (role,))
        role_line.runs[0].italic = True


__all__ = ["build_document", "cell_text", "table_has_ore", "write_annual_report_docx"]
