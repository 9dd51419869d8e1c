"""The paper plan of a sheet: a block longer than a page goes on under its heading, "(forts.)".

The sheets are written with xlsxwriter and read back with openpyxl, so what is
checked is what a spreadsheet opens: where the headings stand, where the pages
break, and that every formula still names the cells of its own figures after the
heading rows were put in.
"""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
import xlsxwriter

from finsam_budget.tables import Add, Derived, Ref, Value
from finsam_budget.writers.formulas import Placement, Spot, write_cell
from finsam_budget.writers.print_layout import CONTINUED, PrintLayout, later
from finsam_budget.writers.xlsx_common import write_text

SHEET = "Plan"
ITEMS = 120  # a page of portrait A4 holds about 45 rows of 15 pt: the section runs over three pages


def _section_sheet(items: int = ITEMS, *, gap_every: int = 0, kept: bool = True) -> tuple[bytes, PrintLayout]:
    """A title, a header row, a section heading, ``items`` rows of 1..items kronor and their total.

    With ``gap_every`` a blank row stands before every such row of the section.
    """
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    placement = Placement()
    layout = PrintLayout(
        workbook.add_worksheet(SHEET), "Test", (1, 1), placement=placement if kept else None
    )
    ws = layout.sheet
    write_text(ws, 0, 0, "Samordningsförbundet Test")
    write_text(ws, 1, 1, "Budget 2022")
    write_text(ws, 3, 0, "KOSTNADER: PROJEKT")
    layout.row(3)
    row = 4
    refs = []
    for n in range(1, items + 1):
        if gap_every and n % gap_every == 0:
            row += 1
        placement.put_row("t", f"p{n}", SHEET, row, {"2022": 1})
        write_text(ws, row, 0, f"Projekt {n}")
        write_cell(ws, Spot(SHEET, row, 1), Value(Decimal(n)), placement)
        layout.row(row)
        refs.append((1, Ref("t", f"p{n}", "2022")))
        row += 1
    placement.put_row("t", "total", SHEET, row, {"2022": 1})
    write_text(ws, row, 0, "Summa projekt")
    total = Derived(Add(tuple(refs)), Decimal(items * (items + 1) // 2))
    write_cell(ws, Spot(SHEET, row, 1), total, placement)
    layout.row(row, total=True)
    layout.block(3, row, heading=1)
    layout.column(0, 30)
    layout.column(1, 13)
    layout.finish()
    workbook.close()
    return buffer.getvalue(), layout


def _open(data: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(data))[SHEET]


def _labels(ws: openpyxl.worksheet.worksheet.Worksheet) -> dict[int, str]:
    """Column A's text by 1-based row."""
    return {cell.row: cell.value for cell in ws["A"] if isinstance(cell.value, str)}


def test_a_section_longer_than_a_page_goes_on_under_its_heading_named_forts():
    data, layout = _section_sheet()
    ws = _open(data)
    labels = _labels(ws)
    continued = sorted(row for row, text in labels.items() if text == "KOSTNADER: PROJEKT" + CONTINUED)
    breaks = sorted(brk.id for brk in ws.row_breaks.brk)  # the last row of each page, 1-based
    assert len(continued) >= 2
    # every page after the first starts with the heading again
    assert [b + 1 for b in breaks] == continued
    # every project is there once, in order, and none is lost to the inserted rows
    projects = [text for _, text in sorted(labels.items()) if text.startswith("Projekt ")]
    assert projects == [f"Projekt {n}" for n in range(1, ITEMS + 1)]
    assert layout.continuations and all(block.heading == 1 for _, block, _ in layout.continuations)


def test_the_total_still_sums_every_project_after_the_headings_are_put_in():
    ws = _open(_section_sheet()[0])
    labels = _labels(ws)
    total_row = next(row for row, text in labels.items() if text == "Summa projekt")
    formula = ws.cell(total_row, 2).value
    assert isinstance(formula, str) and formula.startswith("=")
    # one range from the first project to the last, over the repeated headings (text, which
    # a sum leaves out): a row the finance officer inserts anywhere in the section is summed
    first = next(row for row, text in labels.items() if text == "Projekt 1")
    last = next(row for row, text in labels.items() if text == f"Projekt {ITEMS}")
    assert formula == f"=SUM(B{first}:B{last})"
    projects = {row for row, text in labels.items() if text.startswith("Projekt ")}
    between = set(range(first, last + 1)) - projects
    assert between and all(labels[row].endswith(CONTINUED) for row in between)
    assert all(ws.cell(row, 2).value is None for row in between)
    assert sum(ws.cell(r, 2).value for r in projects) == ITEMS * (ITEMS + 1) // 2


def test_a_break_on_a_blank_row_puts_the_heading_there():
    data, layout = _section_sheet(gap_every=2)
    assert any(count == block.heading - 1 for _, block, count in layout.continuations)  # a blank row holds it
    ws = _open(data)
    labels = _labels(ws)
    continued = [row for row, text in labels.items() if text.endswith(CONTINUED)]
    breaks = sorted(brk.id + 1 for brk in ws.row_breaks.brk)
    assert breaks == sorted(continued)
    for row in continued:  # the row under a continued heading is a project, not a blank
        assert labels.get(row + 1, "").startswith("Projekt ") or labels.get(row + 2, "").startswith("Projekt ")


def test_a_section_that_fits_on_a_page_is_written_unchanged():
    data, layout = _section_sheet(10)
    ws = _open(data)
    assert not layout.continuations
    assert not [text for text in _labels(ws).values() if text.endswith(CONTINUED)]
    assert ws.cell(15, 2).value == "=SUM(B5:B14)"


def test_a_sheet_written_directly_has_no_continuation_headings():
    data, layout = _section_sheet(kept=False)
    assert not layout.continuations
    assert not [text for text in _labels(_open(data)).values() if text.endswith(CONTINUED)]


def test_a_formula_naming_a_sheet_not_yet_laid_out_is_refused():
    workbook = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    placement = Placement()
    layout = PrintLayout(workbook.add_worksheet(SHEET), "Test", placement=placement)
    placement.put_row("t", "a", SHEET, 5, {"x": 1})
    with pytest.raises(RuntimeError, match="inte utlagt"):
        placement.address(Ref("t", "a", "x"), "Annat")
    # made at replay, the same reference is the cell where the row finally stands
    made = later(layout.sheet, lambda: placement.address(Ref("t", "a", "x"), "Annat"))
    placement.settle(SHEET, [(3, 2)])
    assert made.make() == "Plan!B8"
    workbook.close()


def test_a_sheet_named_before_it_was_laid_out_cannot_move_its_rows():
    placement = Placement()
    placement.put_row("t", "a", SHEET, 5, {"x": 1})
    assert placement.address(Ref("t", "a", "x"), "Annat") == "Plan!B6"
    with pytest.raises(RuntimeError, match="innan det är utlagt"):
        placement.settle(SHEET, [(3, 1)])
    placement.settle(SHEET, [])  # nothing moved: nothing named is wrong


def test_a_kept_sheet_refuses_a_call_it_cannot_move():
    workbook = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    layout = PrintLayout(workbook.add_worksheet(SHEET), "Test", placement=Placement())
    with pytest.raises(AttributeError, match="insert_image"):
        layout.sheet.insert_image(0, 0, "x.png")
    workbook.close()


def test_a_kept_sheet_takes_rows_as_numbers_and_nothing_after_it_is_laid_out():
    workbook = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    layout = PrintLayout(workbook.add_worksheet(SHEET), "Test", placement=Placement())
    with pytest.raises(TypeError, match="rader som tal"):
        layout.sheet.conditional_format("B2:B9", {"type": "no_blanks"})
    layout.finish()
    with pytest.raises(RuntimeError, match="redan utlagt"):
        layout.sheet.write_string(1, 0, "för sent")
    workbook.close()


def _repeated_heading(table_rows: int) -> str | None:
    """A header row over ``table_rows`` rows, then a page's worth of rows below the table (a chart's place)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    layout = PrintLayout(workbook.add_worksheet(SHEET), "Test", (1, 1), repeat_until=1 + table_rows)
    write_text(layout.sheet, 1, 0, "Rubrik")
    for row in range(2, 2 + table_rows):
        write_text(layout.sheet, row, 0, f"Rad {row}")
        layout.row(row)
    layout.block(2 + table_rows + 1, 2 + table_rows + 40)  # a chart: a page of its own
    layout.finish()
    workbook.close()
    title: str | None = _open(buffer.getvalue()).print_title_rows
    return title


def test_the_heading_repeats_only_when_its_table_runs_over_a_page():
    assert _repeated_heading(10) is None  # the chart's page shows no table heading above it
    assert _repeated_heading(100) == "$2:$2"
