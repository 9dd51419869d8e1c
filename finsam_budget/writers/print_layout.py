"""How a sheet goes onto A4 paper: orientation, scale, widths, wrapped rows and page breaks, for every writer.

A writer records while it writes: the column widths (``column``), the rows that
wrap (``wrap``) and their heights, the blocks that must stay whole on a page
(``block``: a section, a year block, a statement, a chart), and the rows that
are totals. ``finish`` then sets A4, picks portrait or landscape and a print
scale that keeps every character at 8 pt or more (``MIN_SCALE``), and places the
manual page breaks itself:

* a block that fits on a page never starts in the last rows of one (``ORPHAN_ROWS``)
  and never continues on the next page;
* a chart is a block: it is never cut;
* no page holds only total rows: the break moves up to the last row that is not one;
* a block longer than a page that has a heading (``block(..., heading=1)``) goes on
  under its heading again, named "(forts.)", at the top of each page it continues on.

To put those continuation headings in, a sheet with such blocks is written in the
layout's rows (``PrintLayout(..., placement=...)`` and ``layout.sheet``): the
writer's calls are kept (``KeptSheet``) and replayed at ``finish`` with the
heading rows inserted; formulas are made then (``later``), so they name the
cells where they finally stand (``Placement.address``).

The headings repeated on every page are ``repeat_rows``; when the sheet is wider
than a page at the smallest scale, ``repeat_cols`` (the label column) repeats too.
Fitting to a page is not used: a spreadsheet shrinks the text below 8 pt to do
it, and it ignores manual page breaks.

The widths are Excel's character units; the sizes here are estimates for Calibri
11 pt (Excel's default, Carlito in LibreOffice), kept on the safe side.
"""

from __future__ import annotations

import bisect
import math
import re
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from finsam_budget.tables import Row, Table

if TYPE_CHECKING:
    from finsam_budget.writers.formulas import Placement

#: A4 in points, and the margins set on every sheet (inches, as xlsxwriter takes them).
A4_SHORT, A4_LONG = 595.3, 841.9
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 0.5, 0.75, 0.75
HEADER_MARGIN = FOOTER_MARGIN = 0.3
#: The smallest print scale (%): the body text is 11 pt and chart text 10 pt, so 80 % keeps 8 pt.
MIN_SCALE = 80
#: Body text and chart text in points (charts set theirs with ``chart_font``).
BODY_POINTS, CHART_POINTS = 11.0, 10.0
DEFAULT_WIDTH = 8.43  # characters
DEFAULT_HEIGHT = 15.0  # points
LINE_HEIGHT = 15.0  # points per line of wrapped text
#: Bold text is wider: a bold label wraps as if its column were this much narrower.
BOLD = 0.85
#: A block starting in the last ORPHAN_ROWS rows of a page moves to the next page.
ORPHAN_ROWS = 3
#: Pages are filled to this share of their height: the row heights are estimates.
FILL = 0.96
CHART_ROW_PIXELS = 20  # xlsxwriter's default row height in pixels, for a chart's extent
#: Added to a block's heading where the block goes on from the page before.
CONTINUED = " (forts.)"
_DIGIT_SPACE = re.compile(r"(?<=[\d−-]) (?=[\d%])")
#: A hyphen or dash before a digit: a minus sign (-1 700), a date (2022-12-31), a range (2023–2024).
_DASH_DIGIT = re.compile(r"(?<=[-–])(?=\d)")
#: Joins what stands on either side of it: no line break there, and nothing to see.
WORD_JOINER = "\u2060"
_BREAK_AFTER = re.compile(r"([/-])")


def unbreakable(text: str) -> str:
    """Wrapping never splits a number, a percentage or a date.

    The spaces inside numbers and before % are made non-breaking (``1 333 802,10``,
    ``1 700 %``); a hyphen or dash before a digit is held to it with a word joiner
    (``(-1 700 %)``, ``2022-12-31``): a spreadsheet breaks after a hyphen otherwise.
    """
    return _DASH_DIGIT.sub(WORD_JOINER, _DIGIT_SPACE.sub("\u00a0", text))


def width_points(width: float) -> float:
    """A column of ``width`` characters in points as LibreOffice prints it.

    The file stores Excel's width (7 px a character + 5 px padding); LibreOffice
    without Calibri's metric twin prints a stored character as about 7 pt, a
    third wider than Excel does. The estimate takes the wider of the two.
    """
    if width <= 0:
        return 0.0
    pixels = math.trunc(width * 7 + 5) if width >= 1 else math.trunc(width * 12 + 0.5)
    return float(pixels)


def wrapped_lines(text: str, width: float) -> int:
    """Lines ``text`` needs wrapped in a column of ``width`` characters (an estimate on the safe side).

    A spreadsheet breaks lines at spaces, and after ``/`` and ``-``; a word longer
    than the column is cut wherever it must be (give such a column room for its
    longest word: ``longest_word``).
    """
    # A printed character of 11 pt text is about 6,3 pt wide, a width unit 7 pt (``width_points``).
    room = max(int(width * 1.1) - 1, 1)
    lines = 0
    for paragraph in text.splitlines() or [""]:
        spaced = _BREAK_AFTER.sub(r"\1 ", paragraph)
        lines += max(len(textwrap.wrap(spaced, room, break_long_words=True)), 1)
    return lines


def longest_word(texts: Iterable[str]) -> int:
    """The longest run of characters without a place to break: a column narrower cuts a word."""
    return max((len(word) for text in texts for word in _BREAK_AFTER.sub(r"\1 ", text).split()), default=0)


def figure_width(amounts: Iterable[Decimal], *, ore: bool, minimum: float = 13) -> float:
    """A column of amounts wide enough for the widest with a marked cell's " !" after it
    (``writers.markings``): a number too wide for its cell prints as ###."""
    from finsam_budget.money import format_amount

    widest = max((len(format_amount(amount, ore=ore)) for amount in amounts), default=0)
    return max(minimum, widest + 4)


def chart_font(size: float = CHART_POINTS, *, bold: bool = False) -> dict[str, Any]:
    """A chart text's font, at a size that stays 8 pt or more at ``MIN_SCALE``."""
    return {"size": size, "bold": bold}


def style_chart(chart: Any, title: str) -> None:
    """Title and axis and legend fonts of a chart, all legible at the smallest scale."""
    chart.set_title({"name": title, "name_font": chart_font(12, bold=True)})
    chart.set_legend({"position": "bottom", "font": chart_font()})


@dataclass(frozen=True)
class Block:
    """Rows ``first``..``last`` (inclusive) that belong together on one page.

    ``heading`` is how many of its first rows are its heading, repeated with
    "(forts.)" added where the block runs over a page; ``named`` is the column whose
    heading text gets "(forts.)" (the first text of the heading when ``None``).
    """

    first: int
    last: int
    whole: bool = True
    heading: int = 0
    named: int | None = None


@dataclass(frozen=True)
class Later:
    """A value made when a kept sheet is replayed: a formula naming the cells where they finally stand."""

    make: Callable[[], Any]


class RowMap(Protocol):
    """Where the rows of a kept sheet finally stand (``Placement`` keeps one per sheet)."""

    def keep(self, sheet: str) -> None: ...

    def settle(self, sheet: str, inserts: Sequence[tuple[int, int]], headings: Sequence[int] = ()) -> None: ...


#: The worksheet calls a kept sheet takes, with the positions of their row arguments.
_ROW_ARGUMENTS: dict[str, tuple[int, ...]] = {
    "write_string": (0,),
    "write_number": (0,),
    "write_formula": (0,),
    "write_blank": (0,),
    "write_comment": (0,),
    "set_row": (0,),
    "merge_range": (0, 2),
    "conditional_format": (0, 2),
    "freeze_panes": (0,),
}


class KeptSheet:
    """A worksheet whose writes are kept in the layout's rows and replayed at ``finish``.

    The writer writes as to any worksheet; the rows it names are the layout's. At
    ``finish`` the continuation headings are inserted, and every call is made on the
    real worksheet with its rows moved down past them. A ``Later`` argument is made
    at that moment. Any other worksheet call is an error here, not a silent loss.
    """

    def __init__(self, ws: Any):
        self.real = ws
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self.touched: set[int] = set()
        self.replayed = False

    def get_name(self) -> str:
        name: str = self.real.get_name()
        return name

    def set_column(self, *args: Any, **kwargs: Any) -> None:
        self.real.set_column(*args, **kwargs)

    def __getattr__(self, name: str) -> Callable[..., None]:
        rows = _ROW_ARGUMENTS.get(name)
        if rows is None:
            raise AttributeError(f"KeptSheet tar inte {name!r}: lägg till den i _ROW_ARGUMENTS")

        def keep(*args: Any, **kwargs: Any) -> None:
            if self.replayed:
                raise RuntimeError(f"KeptSheet {self.get_name()!r} är redan utlagt: {name} efter finish")
            if len(args) <= rows[-1] or not all(isinstance(args[i], int) for i in rows):
                raise TypeError(f"KeptSheet.{name} tar rader som tal (rad, kolumn), fick {args!r}")
            self.calls.append((name, args, kwargs))
            if name != "freeze_panes":
                self.touched.update(range(args[rows[0]], args[rows[-1]] + 1))

        return keep

    def replay(self, at: Callable[[int], int]) -> None:
        """Make every kept call on the real worksheet, rows through ``at``."""
        self.replayed = True
        for name, args, kwargs in self.calls:
            moved = list(args)
            for i in _ROW_ARGUMENTS[name]:
                moved[i] = at(moved[i])
            made = [a.make() if isinstance(a, Later) else a for a in moved]
            options = {k: v.make() if isinstance(v, Later) else v for k, v in kwargs.items()}
            getattr(self.real, name)(*made, **options)

    def heading_calls(self, row: int) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
        """The text written on ``row``: what a continuation heading repeats."""
        return [
            (name, args, kwargs)
            for name, args, kwargs in self.calls
            if (name == "write_string" and args[0] == row) or (name == "merge_range" and args[0] == args[2] == row)
        ]


def moved_rows(inserts: Sequence[tuple[int, int]]) -> Callable[[int], int]:
    """Where each layout row stands once ``inserts`` (layout row, rows put before it) are in."""
    ordered = sorted(inserts)
    cuts = [cut for cut, _ in ordered]
    before = [0]
    for _, count in ordered:
        before.append(before[-1] + count)

    def at(row: int) -> int:
        return row + before[bisect.bisect_right(cuts, row)]

    return at


def later(ws: Any, make: Callable[[], Any]) -> Any:
    """``make()`` now on a worksheet; made at replay on a ``KeptSheet`` (a formula, a criterion)."""
    return Later(make) if isinstance(ws, KeptSheet) else make()


@dataclass
class PrintLayout:
    """The paper plan of one worksheet, recorded while it is written and applied by ``finish``."""

    ws: Any
    title: str
    repeat_rows: tuple[int, int] | None = None
    repeat_cols: tuple[int, int] | None = (0, 0)
    portrait_allowed: bool = True
    #: The last row of the table under ``repeat_rows``: the heading repeats only when the
    #: table itself runs over a page, not above a chart on a page of its own.
    repeat_until: int | None = None
    #: Given, the sheet is written in the layout's rows (``sheet`` is a ``KeptSheet``) so that a
    #: long block's heading can be repeated where it runs over a page; the placement learns
    #: where the rows finally stand.
    placement: RowMap | None = None
    widths: dict[int, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    totals: set[int] = field(default_factory=set)
    forced: set[int] = field(default_factory=set)
    last_row: int = 0
    last_col: int = 0
    breaks: list[int] = field(default_factory=list)
    scale: int = 100
    landscape: bool = True
    #: Where a block goes on under its repeated heading: (row, block, rows put in before the row:
    #: the heading's, one fewer when the row is blank and holds the heading's first row).
    continuations: list[tuple[int, Block, int]] = field(default_factory=list)
    kept: KeptSheet | None = field(default=None, init=False)
    real: Any = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.real = self.ws
        if self.placement is not None:
            self.kept = KeptSheet(self.ws)
            self.ws = self.kept
            self.placement.keep(self.real.get_name())

    @property
    def sheet(self) -> Any:
        """What the writer writes to: the worksheet, or the kept sheet replayed at ``finish``."""
        return self.ws

    # --- recording ---------------------------------------------------------------

    def column(self, col: int, width: float, fmt: Any = None, *, last: int | None = None) -> None:
        """Set column ``col`` (to ``last``) to ``width`` characters."""
        end = col if last is None else last
        self.ws.set_column(col, end, width, fmt)
        for c in range(col, end + 1):
            self.widths[c] = width
        self.last_col = max(self.last_col, end)

    def fit_column(
        self, col: int, values: Iterable[object], *, minimum: float = 8.0, maximum: float = 60.0
    ) -> float:
        """A column wide enough for its widest value within limits; longer text should be wrapped."""
        from finsam_budget.writers.xlsx_common import text_width

        widest = max((text_width(value) for value in values), default=0)
        width = min(max(widest + 2.0, minimum), maximum)
        self.column(col, width)
        return width

    def width(self, col: int) -> float:
        return self.widths.get(col, DEFAULT_WIDTH)

    def span_width(self, first: int, last: int) -> float:
        """The width in characters of columns ``first``..``last`` together."""
        return sum(width_points(self.width(c)) for c in range(first, last + 1)) / 7

    def row(self, row: int, height: float | None = None, *, total: bool = False) -> None:
        """Note that ``row`` is used (a total row when ``total``), with its height in points."""
        self.last_row = max(self.last_row, row)
        if height is not None:
            self.ws.set_row(row, height)
            self.heights[row] = height
        if total:
            self.totals.add(row)

    def fit_row(self, row: int, texts: Sequence[tuple[str, float]]) -> None:
        """Make ``row`` tall enough for each (text, column width) wrapped; never shorter than a line."""
        lines = max([wrapped_lines(text, width) for text, width in texts] + [1])
        current = self.heights.get(row, DEFAULT_HEIGHT)
        if lines > 1 or current != DEFAULT_HEIGHT:
            self.row(row, max(LINE_HEIGHT * lines + (3 if lines > 1 else 0), current))
        else:
            self.row(row)

    def paragraph(self, row: int, text: str, fmt: Any, first_col: int = 0, last_col: int | None = None) -> None:
        """A note across columns ``first_col``..``last_col``, wrapped inside them: it spills nowhere."""
        last = self.last_col if last_col is None else last_col
        if last > first_col:
            self.ws.merge_range(row, first_col, row, last, text, fmt)
        else:
            self.ws.write_string(row, first_col, text, fmt)
        self.fit_row(row, [(text, self.span_width(first_col, last))])

    def new_page(self, row: int) -> None:
        """Start a page at ``row`` whatever room is left (a block the writer wants on a page of its own)."""
        self.forced.add(row)

    def block(
        self, first: int, last: int, *, whole: bool = True, heading: int = 0, named: int | None = None
    ) -> None:
        """Rows that stay together: a section, a year block, a statement, a chart.

        A block that is not ``whole`` (a Kontroller table) may run over pages, but never
        starts in the last rows of one. A block with ``heading`` rows that runs over a
        page goes on under those rows again, with "(forts.)" added to the text in column
        ``named`` (the heading's first text when ``None``); only on a kept sheet.
        """
        if last >= first:
            self.blocks.append(Block(first, last, whole, heading, named))
            self.last_row = max(self.last_row, last)

    def chart(self, row: int, col: int, chart: Any, options: dict[str, Any]) -> int:
        """Insert a chart at ``row``, ``col`` as a block of its own; returns the first row below it.

        A chart is anchored to the cells it covers in Excel's measure (480 × 288 px
        scaled), and LibreOffice stretches it over the same cells: the columns it
        covers count in the sheet's printed width.
        """
        self.ws.insert_chart(row, col, chart, options)
        height = 288 * float(options.get("y_scale", 1)) + float(options.get("y_offset", 0))
        rows = math.ceil(height / CHART_ROW_PIXELS)
        self.block(row, row + rows)
        width = 480 * float(options.get("x_scale", 1)) + float(options.get("x_offset", 0))
        last = col
        while width > 0:
            width -= math.trunc(self.width(last) * 7 + 5)
            last += 1
        self.last_col = max(self.last_col, last - 1)
        return row + rows + 1

    # --- paper -------------------------------------------------------------------

    def height(self, row: int) -> float:
        return self.heights.get(row, DEFAULT_HEIGHT)

    def _choose_scale(self) -> None:
        content = sum(width_points(self.width(c)) for c in range(self.last_col + 1))
        portrait = A4_SHORT - 2 * 72 * MARGIN_SIDE
        landscape = A4_LONG - 2 * 72 * MARGIN_SIDE
        if self.portrait_allowed and content <= portrait:
            self.landscape, self.scale = False, 100
        elif self.portrait_allowed and content * 0.9 <= portrait:
            self.landscape, self.scale = False, math.floor(portrait / content * 100)
        else:
            self.landscape = True
            self.scale = max(MIN_SCALE, min(100, math.floor(landscape / max(content, 1) * 100)))

    def _page_room(self) -> float:
        """The height of a page's body in unscaled points, filled to ``FILL``."""
        page = A4_SHORT if self.landscape else A4_LONG
        body = page - 72 * (MARGIN_TOP + MARGIN_BOTTOM)
        return body * FILL * 100 / self.scale

    def _paginate(self) -> list[int]:
        """The first row of every page after the first (the layout's rows).

        On a kept sheet a break inside a block with a heading is a continuation: the
        next page starts with the heading again (``continuations``), in a blank row
        where the break falls on one, else in rows inserted there.
        """
        room = self._page_room()
        repeated = 0.0
        if self.repeat_rows is not None:
            repeated = sum(self.height(r) for r in range(self.repeat_rows[0], self.repeat_rows[1] + 1))
        starts: dict[int, list[Block]] = {}
        for b in self.blocks:
            starts.setdefault(b.first, []).append(b)
        breaks: list[int] = []
        self.continuations = []
        page_start, used = 0, 0.0
        row = 0

        def new_page(at: int) -> tuple[int, float, int]:
            """Start a page at ``at``: the page's start, the height used on it, the next row to place."""
            breaks.append(at)
            going_on = self._continued(at)
            if going_on is None:
                return at, 0.0, at
            blank = self._blank(at)  # a blank row holds the heading's first row
            self.continuations.append((at, going_on, going_on.heading - 1 if blank else going_on.heading))
            return at, self._heading_height(going_on), at + 1 if blank else at

        while row <= self.last_row:
            header = repeated if breaks and self.repeat_rows is not None and row > self.repeat_rows[1] else 0.0
            limit = room - header
            if row in self.forced and row > page_start:
                page_start, used, row = new_page(row)
                continue
            beginning = starts.get(row, [])
            if beginning and row > page_start:
                left = sum(self.height(r) for r in range(row, row + ORPHAN_ROWS))
                if used + left > limit or any(self._moves(block, used, limit) for block in beginning):
                    page_start, used, row = new_page(row)
                    continue
            h = self.height(row)
            if used + h > limit and row > page_start:
                page_start, used, row = new_page(self._not_only_totals(row, page_start))
                continue
            used += h
            row += 1
        return breaks

    def _moves(self, block: Block, used: float, limit: float) -> bool:
        """A whole block that fits on a page but not in what is left of this one goes to the next."""
        need = sum(self.height(r) for r in range(block.first, block.last + 1))
        return block.whole and need <= limit and used + need > limit

    def _continued(self, row: int) -> Block | None:
        """The innermost block with a heading that a page starting at ``row`` continues (kept sheets)."""
        if self.kept is None:
            return None
        inside = [b for b in self.blocks if b.heading and b.first + b.heading <= row <= b.last]
        return max(inside, key=lambda b: (b.first, -b.last), default=None)

    def _blank(self, row: int) -> bool:
        """Nothing is written on ``row`` and it has the default height: a continuation may use it."""
        return self.kept is not None and row not in self.kept.touched and row not in self.heights

    def _not_only_totals(self, cut: int, page_start: int) -> int:
        """Move a break up while the rows after it, to the next blank or the end, are all totals."""
        end = cut
        while end <= self.last_row and end in self.totals:
            end += 1
        tail_is_totals = end > cut and (end > self.last_row or end not in self.totals)
        if not tail_is_totals:
            return cut
        new = cut - 1
        while new > page_start + 1 and new in self.totals:
            new -= 1
        return max(new, page_start + 1)

    def finish(self) -> None:
        """A4, orientation, scale, margins, repeated headings, header and footer, page breaks.

        A kept sheet is written now, its continuation headings inserted.
        """
        from finsam_budget.writers.xlsx_common import page_header

        ws = self.real
        self._choose_scale()
        ws.set_paper(9)
        if self.landscape:
            ws.set_landscape()
        else:
            ws.set_portrait()
        ws.set_print_scale(self.scale)
        ws.set_margins(left=MARGIN_SIDE, right=MARGIN_SIDE, top=MARGIN_TOP, bottom=MARGIN_BOTTOM)
        content = sum(width_points(self.width(c)) for c in range(self.last_col + 1)) * self.scale / 100
        if self.repeat_cols is not None and content > A4_LONG - 2 * 72 * MARGIN_SIDE:
            ws.repeat_columns(*self.repeat_cols)
        page_header(ws, self.title)
        breaks = self._paginate()
        at, tops = self._settle()
        if self.repeat_rows is not None and self._table_breaks(breaks):
            ws.repeat_rows(at(self.repeat_rows[0]), at(self.repeat_rows[1]))
        self.breaks = [tops.get(row, at(row)) for row in breaks]  # a continued page starts at its heading
        if self.breaks:
            ws.set_h_pagebreaks(self.breaks)

    def _table_breaks(self, breaks: Sequence[int]) -> bool:
        """A page break falls inside the table under the repeated heading (always, without ``repeat_until``)."""
        if self.repeat_rows is None or self.repeat_until is None:
            return True
        return any(self.repeat_rows[1] < row <= self.repeat_until for row in breaks)

    def _settle(self) -> tuple[Callable[[int], int], dict[int, int]]:
        """Where each of the layout's rows finally stands, and the sheet row of each continuation
        heading by the layout row it goes before; on a kept sheet, replay it there."""
        if self.kept is None:
            return (lambda row: row), {}
        inserts = [(cut, count) for cut, _, count in self.continuations]
        at = moved_rows(inserts)
        tops = {cut: at(cut) - count for cut, count in inserts}
        headings = [tops[cut] + offset for cut, block, _ in self.continuations for offset in range(block.heading)]
        if self.placement is not None:
            self.placement.settle(self.real.get_name(), inserts, headings)
        self.kept.replay(at)
        for cut, block, _ in self.continuations:
            self._write_heading(block, tops[cut])
        return at, tops

    def _heading_rows(self, block: Block) -> list[tuple[float, list[tuple[str, tuple[Any, ...], dict[str, Any]]]]]:
        """The continuation heading of ``block``: per row its height and the calls that write it.

        The calls are those of the block's heading rows, "(forts.)" added to its name; a
        row is made taller when the longer name needs another line in its column.
        """
        assert self.kept is not None
        named = False
        rows = []
        for offset in range(block.heading):
            source = block.first + offset
            calls = []
            height = self.height(source)
            for name, args, kwargs in self.kept.heading_calls(source):
                moved = list(args)
                text_at = 4 if name == "merge_range" else 2
                text = moved[text_at]
                if not named and text and (block.named is None or block.named == args[1]):
                    moved[text_at] = f"{text}{CONTINUED}"
                    named = True
                    last = args[3] if name == "merge_range" else args[1]
                    lines = wrapped_lines(moved[text_at], self.span_width(args[1], last) * BOLD)
                    if lines > 1:
                        height = max(height, LINE_HEIGHT * lines + 3)
                calls.append((name, tuple(moved), kwargs))
            rows.append((height, calls))
        return rows

    def _heading_height(self, block: Block) -> float:
        return sum(height for height, _ in self._heading_rows(block))

    def _write_heading(self, block: Block, top: int) -> None:
        """The block's heading rows again from row ``top``, "(forts.)" added to its name."""
        for offset, (height, calls) in enumerate(self._heading_rows(block)):
            row = top + offset
            for name, args, kwargs in calls:
                moved = list(args)
                moved[0] = row
                if name == "merge_range":
                    moved[2] = row
                getattr(self.real, name)(*moved, **kwargs)
            if height != DEFAULT_HEIGHT or block.first + offset in self.heights:
                self.real.set_row(row, height)  # else the height is the spreadsheet's, as on the heading itself


def section_blocks(
    layout: PrintLayout,
    placement: Placement,
    table: Table,
    *,
    to_total: bool = False,
    attached: Callable[[Row], bool] | None = None,
    below: int | None = None,
) -> None:
    """Each heading with the rows under it, up to the next heading, is a block kept on one page;
    a section longer than a page goes on under its heading again.

    With ``to_total`` the rows after the last section's own sum (its first total: then
    the plan's totals, the reserve, the room, the result; the drift report's total
    costs and result) stay on one page with that sum and the line above it, so they
    never stand on a page of their own under the last section's repeated heading. An
    ``attached`` row (a granted project's "beviljat" row) stays with the row above it.
    ``below`` is the last sheet row of the notes under the table: they stay with the totals.
    """
    rows = table.rows
    starts = [i for i, row in enumerate(rows) if row.kind == "heading"]

    def row_of(index: int) -> int:
        return placement.row_spot(table.key, rows[index].key).row

    def with_its_row(index: int) -> int:
        """``index``, or the row an attached row belongs to."""
        while attached is not None and index > 0 and attached(rows[index]):
            index -= 1
        return index

    for n, start in enumerate(starts):
        end = (starts[n + 1] if n + 1 < len(starts) else len(rows)) - 1
        layout.block(row_of(start), row_of(end), heading=1)
        total = next((i for i in range(start + 1, end + 1) if rows[i].kind == "total"), end)
        if to_total and n + 1 == len(starts) and total < end:
            layout.block(row_of(max(with_its_row(total - 1), start + 1)), max(row_of(end), below or 0))
    if attached is not None:
        for index, row in enumerate(rows):
            if index and attached(row):
                layout.block(row_of(with_its_row(index)), row_of(index))
