"""What every workbook writer shares: safe file output, named formats and cell helpers.

A workbook is written to a hidden temporary file beside the target and renamed
onto it, so an interrupted run never leaves half a workbook. Text is always
written as text, amounts as numbers quantized to öre, and every computed figure
as a live formula that carries the engine's value as its cached result (style.md
point 5). The same build gives the same bytes (point 12).

xlsxwriter is imported inside the functions that need it, so that importing this
module keeps command start-up fast.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from finsam_budget.constants import ONE_ORE
from finsam_budget.money import format_amount
from finsam_budget.problems import displayable
from finsam_budget.readers.source_file import is_input, reason_text

# Text from input files is always text, never a number, formula or link; in_memory
# makes xlsxwriter give every zip member the fixed date 1980-01-01 (its on-disk mode
# uses the local time zone and the temp files' permission bits instead).
WORKBOOK_OPTIONS: dict[str, Any] = {
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "in_memory": True,
}
AUTHOR = "finsam-budget"
# A fixed creation date keeps the output byte-identical from run to run.
CREATED = datetime(2000, 1, 1, tzinfo=UTC)

_EXISTS = "finns redan; använd --force för att skriva över"
_NOT_REGULAR = (
    "är inte en vanlig fil (en enhet, en pipe eller liknande); arbetsboken skrivs aldrig dit, "
    "inte heller med --force: välj ett annat filnamn med -o"
)
_IS_INPUT = (
    "är en av körningens indatafiler; den skrivs aldrig över, inte heller med --force: "
    "välj ett annat filnamn med -o"
)
#: The longest file name written: the hidden temporary name adds about 14 bytes to it,
#: and most file systems allow 255.
MAX_NAME_BYTES = 200

# Number formats are written the Excel way (US English). The [$-41D] prefix marks
# them as Swedish: LibreOffice then shows "6 152 177", "-1 133 557,50" and "29 %"
# whatever its own locale, and Excel shows them with the reader's separators
# (spaces and comma in a Swedish Excel).
SWEDISH = "[$-41D]"
_FORMAT_SPECS: dict[str, dict[str, Any]] = {
    "amount": {"num_format": SWEDISH + "#,##0"},
    "amount_ore": {"num_format": SWEDISH + "#,##0.00"},
    "amount_total": {"num_format": SWEDISH + "#,##0", "bold": True, "top": 1},
    "amount_ore_total": {"num_format": SWEDISH + "#,##0.00", "bold": True, "top": 1},
    "percent": {"num_format": SWEDISH + "0 %"},
    "percent_1": {"num_format": SWEDISH + "0.0 %"},
    "text": {"num_format": "@"},
    "bold": {"bold": True},
    "heading": {"bold": True, "font_size": 12},
    "title": {"bold": True, "font_size": 14},
    "note": {"italic": True, "font_color": "#7F7F7F"},
    "note_wrap": {"italic": True, "font_color": "#7F7F7F", "text_wrap": True},
    # A note beside figures: indented (an indent needs left alignment to count), so it never
    # starts flush against the last number.
    "note_cell": {"italic": True, "font_color": "#7F7F7F", "text_wrap": True, "align": "left", "indent": 1},
    "wrap": {"text_wrap": True},
    # Text beside a figure: indented, so it never reads as part of the number ("0tillgångar").
    "wrap_indent": {"text_wrap": True, "align": "left", "indent": 1},
    "label_wrap": {"text_wrap": True},
    "bold_wrap": {"bold": True, "text_wrap": True},
    "year": {"num_format": "0", "align": "left"},
    "status": {"align": "left", "indent": 1},
    "status_failed": {"align": "left", "indent": 1, "bold": True, "font_color": "#C00000"},
    "negative": {"font_color": "#C00000", "bold": True},
    "plain": {},
    "header_row": {
        "bold": True,
        "bottom": 1,
        "text_wrap": True,
        "align": "center",
        "valign": "vcenter",
    },
}

_A1 = re.compile(r"^(\$?)([A-Z]{1,3})(\$?)([1-9][0-9]*)$")
_HEADER_LIMIT = 255  # Excel's limit for a page header, format codes included
_HEADER_PREFIX = '&C&"-,Bold"'


class OutputError(Exception):
    """A workbook that cannot be written where asked; the message is Swedish and names the path.

    The command line reports it with exit code 2.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


# --- Safe output -----------------------------------------------------------------


def check_target(path: str | os.PathLike[str], force: bool) -> Path:
    """Refuse a target that exists (unless ``force``), or whose folder is missing or not writable.

    Only looks; never touches an existing file. Returns the target as a ``Path``.
    """
    target = Path(path)
    folder = target.parent
    if len(os.fsencode(target.name)) > MAX_NAME_BYTES:
        raise OutputError(
            target, f"filnamnet är för långt (högst {MAX_NAME_BYTES} byte, {len(os.fsencode(target.name))} givna); "
            "välj ett kortare namn med -o"
        )
    if target.is_dir():
        raise OutputError(target, "är en mapp, inte en fil")
    try:
        found = os.stat(target)
    except (OSError, ValueError):
        found = None
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise OutputError(target, _NOT_REGULAR)
    if is_input(target):
        raise OutputError(target, _IS_INPUT)
    if os.path.lexists(target) and not force:
        raise OutputError(target, _EXISTS)
    if not folder.exists():
        raise OutputError(target, f"mappen {folder} finns inte")
    if not folder.is_dir():
        raise OutputError(target, f"{folder} är inte en mapp")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(target, f"mappen {folder} är inte skrivbar")
    return target


def write_workbook(
    path: str | os.PathLike[str],
    build: Callable[[Any, Formats], None],
    *,
    force: bool = False,
    title: str | None = None,
) -> Path:
    """Write a workbook atomically: ``build(workbook, formats)`` fills it, then it replaces ``path``.

    See ``write_file`` for how the file is put in place.
    """
    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError

    def save(tmp: Path) -> None:
        workbook = xlsxwriter.Workbook(str(tmp), dict(WORKBOOK_OPTIONS))
        properties: dict[str, Any] = {"author": AUTHOR, "created": CREATED}
        if title is not None:
            properties["title"] = title
        workbook.set_properties(properties)
        build(workbook, Formats(workbook))
        try:
            workbook.close()
        except FileCreateError as exc:
            raise OutputError(tmp, str(exc)) from exc

    return write_file(path, save, force=force, what="arbetsboken")


def write_file(
    path: str | os.PathLike[str],
    save: Callable[[Path], None],
    *,
    force: bool = False,
    what: str = "filen",
) -> Path:
    """Write any output file atomically: ``save(tmp)`` writes it, then it replaces ``path``.

    ``check_target`` looks first. The file goes to a hidden ``.tmp`` file in the
    target's folder, is synced to disk and renamed onto the target. On any
    exception, KeyboardInterrupt included, the temporary file is removed and an
    earlier file at ``path`` is left as it was. Without ``force`` an existing
    target is never replaced, even one that appears while the file is being made.
    ``what`` names the file in a message (``arbetsboken``, ``dokumentet``).
    """
    target = check_target(path, force)
    tmp: Path | None = None
    try:
        # A signal between creating the temporary file and remembering its name would
        # leave it behind: SIGINT and SIGTERM wait until the name is known.
        with _signals_held():
            try:
                fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            except OSError as exc:
                reason = reason_text(exc)
                raise OutputError(target, f"kan inte skapa en fil i mappen {target.parent}: {reason}") from exc
            tmp = Path(tmp_name)
            os.close(fd)
        try:
            save(tmp)
        except OutputError as exc:  # the saver's own failure, named for the target
            raise OutputError(target, f"kunde inte skriva {what}: {exc.reason}") from exc
        except OSError as exc:
            raise OutputError(target, f"kunde inte skriva {what}: {reason_text(exc)}") from exc
        install_file(tmp, target, force, what=what)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):  # nothing more can be done
                tmp.unlink(missing_ok=True)
        raise
    return target


def write_text_file(path: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """Write a UTF-8 text file (a scenario) through ``write_file``, the one way files are written."""

    def save(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    return write_file(path, save, force=force, what="filen")


def install_file(tmp: Path, target: Path, force: bool, *, what: str = "filen") -> None:
    """Put a finished file in place: fsync, the usual file mode, then rename or link.

    Without ``force`` an existing target is never replaced. Used by ``write_file``
    and by the PDF writer for the file LibreOffice made.
    """
    try:
        _fsync(tmp)
        os.chmod(tmp, _default_file_mode())
        _install(tmp, target, force)
    except OSError as exc:
        raise OutputError(target, f"kunde inte skriva {what}: {reason_text(exc)}") from exc
    _fsync_folder(target.parent)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM (delivered on leaving) where the platform allows it."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # no pthread_sigmask here
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _install(tmp: Path, target: Path, force: bool) -> None:
    if force:
        os.replace(tmp, target)
        return
    # A hard link creates the target only if it still does not exist, so a file that
    # appeared since check_target is never overwritten.
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputError(target, _EXISTS) from None
    except OSError:
        # A file system without hard links: check again and rename.
        if os.path.lexists(target):
            raise OutputError(target, _EXISTS) from None
        os.replace(tmp, target)
        return
    tmp.unlink()


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; not possible (nor needed) on every platform."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _default_file_mode() -> int:
    """The mode a newly created file gets (mkstemp's files are private, 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


# --- Formats ---------------------------------------------------------------------


def cell_format(workbook: Any, spec: dict[str, Any]) -> Any:
    """A cell format; top-aligned unless ``spec`` says otherwise.

    A row is as tall as its longest wrapped text (a label, a note, a message); with every
    cell at the top, the label's first line, the figures and the note's first line stand
    level, so a wrapped note reads with its own row, and spare height falls below it.
    """
    return workbook.add_format({"valign": "top", **spec})


class Formats:
    """The named cell formats of one workbook, each created once on first use.

    ``formats.amount`` or ``formats["amount"]``; the names are those of ``NAMES``.
    """

    NAMES = tuple(_FORMAT_SPECS)

    def __init__(self, workbook: Any):
        self._workbook = workbook
        self._cache: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._cache:
            try:
                spec = _FORMAT_SPECS[name]
            except KeyError:
                raise KeyError(f"okänt cellformat {name!r}; kända: {', '.join(self.NAMES)}") from None
            self._cache[name] = cell_format(self._workbook, spec)
        return self._cache[name]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(exc.args[0]) from None


# --- Cells -----------------------------------------------------------------------


def excel_number(amount: Decimal, quantum: Decimal = ONE_ORE) -> int | float:
    """A Decimal as the number xlsxwriter writes: quantized (half up), an int when whole.

    xlsxwriter writes 16 significant digits; quantizing first keeps the written
    number equal to the Decimal when read back with ``Decimal(str(x))``.
    """
    if not isinstance(amount, Decimal):
        raise TypeError(f"väntade ett Decimal-belopp, fick {type(amount).__name__}")
    if not amount.is_finite():
        raise ValueError(f"beloppet måste vara ett ändligt tal, fick {amount}")
    value = amount.quantize(quantum, rounding=ROUND_HALF_UP)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def write_value(ws: Any, row: int, col: int, amount: Decimal, fmt: Any = None, *, quantum: Decimal = ONE_ORE) -> None:
    """Write an amount as a number, quantized to öre (or to ``quantum``)."""
    ws.write_number(row, col, excel_number(amount, quantum), fmt)


def write_text(ws: Any, row: int, col: int, text: str, fmt: Any = None) -> None:
    """Write text as text, always: ``=HYPERLINK("x")``, ``+1``, ``-x`` and ``@x`` stay as typed."""
    if not isinstance(text, str):
        raise TypeError(f"väntade text, fick {type(text).__name__}")
    ws.write_string(row, col, displayable(text), fmt)  # a file name need not be UTF-8


def write_formula(
    ws: Any,
    row: int,
    col: int,
    formula: Any,
    cached: Decimal,
    fmt: Any = None,
    *,
    quantum: Decimal = ONE_ORE,
) -> None:
    """Write a live formula with the engine's exact value as its cached result.

    The cached value is what readers that do not recalculate show, so it must be
    the engine's figure, quantized like ``write_value``; LibreOffice checks it in
    the tests. Pass a finer ``quantum`` for shares and percentages. On a kept sheet
    the formula is a ``print_layout.Later``, made when the sheet is laid out.
    """
    if isinstance(formula, str):
        formula = _checked_formula(formula)
    else:  # a print_layout.Later: checked when it is made
        from finsam_budget.writers.print_layout import Later

        made = formula.make
        formula = Later(lambda: _checked_formula(made()))
    ws.write_formula(row, col, formula, fmt, excel_number(cached, quantum))


def _checked_formula(formula: str) -> str:
    if not formula.startswith("="):
        raise ValueError(f"en formel börjar med '=', fick {formula!r}")
    return formula


# --- References and formulas -----------------------------------------------------


def cell(row: int, col: int, *, absolute: bool = False) -> str:
    """A1 reference of a zero-based cell: ``cell(2, 1) == "B3"``; absolute gives ``$B$3``."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    address: str = xl_rowcol_to_cell(row, col, row_abs=absolute, col_abs=absolute)
    return address


def col_letter(col: int) -> str:
    """Column letters of a zero-based column: ``col_letter(27) == "AB"``."""
    from xlsxwriter.utility import xl_col_to_name

    name: str = xl_col_to_name(col)
    return name


def cell_range(first_row: int, first_col: int, last_row: int, last_col: int, *, absolute: bool = False) -> str:
    """A1 range such as ``B3:B7`` (``$B$3:$B$7`` when absolute)."""
    from xlsxwriter.utility import xl_range, xl_range_abs

    text: str = (xl_range_abs if absolute else xl_range)(first_row, first_col, last_row, last_col)
    return text


def sheet_ref(sheet: str, ref: str) -> str:
    """A reference on another sheet: ``sheet_ref("Budget plan", "B3") == "'Budget plan'!B3"``."""
    from xlsxwriter.utility import quote_sheetname

    return f"{quote_sheetname(sheet)}!{ref}"


def sum_formula(cells: Sequence[str], minus: Sequence[str] = (), bridged: Collection[int] = ()) -> str:
    """A formula adding ``cells`` and subtracting ``minus``.

    Adjacent references in one column or row become a range, so that a row inserted
    inside it is summed too: ``sum_formula(["B3", "B4", "B5"]) == "=SUM(B3:B5)"``,
    ``sum_formula(["B3", "B9"], minus=["B12"]) == "=B3+B9-B12"``; nothing gives ``=0``.
    A range runs on over the ``bridged`` rows (zero-based: a repeated heading, text that
    a sum leaves out).
    """
    expression = "+".join(_terms(cells, bridged))
    for term in _terms(minus, bridged):
        expression += "-" + term
    return "=" + (expression or "0")


def _terms(refs: Iterable[str], bridged: Collection[int] = ()) -> list[str]:
    """Group runs of adjacent references (down a column or along a row) into ``SUM(a:b)``."""
    return [run[0] if len(run) == 1 else f"SUM({a1_range(run)})" for run in adjacent_runs(refs, bridged)]


def adjacent_runs(refs: Iterable[str], bridged: Collection[int] = ()) -> list[list[str]]:
    """The references in order, split into runs of adjacent cells (down a column or along a row).

    Down a column, cells with only ``bridged`` rows (zero-based) between them are adjacent.
    """
    runs: list[list[str]] = []
    run: list[str] = []
    last: tuple[str, int, int] | None = None
    step: tuple[int, int] | None = None
    for ref in refs:
        here = _parse_a1(ref)
        if here is not None and last is not None and here[0] == last[0]:
            delta = (here[1] - last[1], here[2] - last[2])
            if delta[1] == 0 and delta[0] > 1 and all(r in bridged for r in range(last[1] + 1, here[1])):
                delta = (1, 0)
            if delta in ((1, 0), (0, 1)) and step in (None, delta):
                run.append(ref)
                last, step = here, delta
                continue
        if run:
            runs.append(run)
        run, last, step = [ref], here, None
    if run:
        runs.append(run)
    return runs


def a1_range(run: Sequence[str]) -> str:
    """A run of adjacent references as one reference: ``B3`` or ``B3:B7``."""
    return run[0] if len(run) == 1 else f"{run[0]}:{run[-1]}"


def _parse_a1(ref: str) -> tuple[str, int, int] | None:
    """``$B3`` → ("$", 2, 1): the $ flags, zero-based row and column; None for anything else."""
    match = _A1.match(ref)
    if match is None:
        return None
    col_abs, letters, row_abs, row = match.groups()
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - ord("A") + 1
    return (col_abs + "|" + row_abs, int(row) - 1, col - 1)


# --- Layout ----------------------------------------------------------------------


def print_setup(ws: Any, title: str, repeat_rows: tuple[int, int] | None = None) -> None:
    """A4 landscape, fit to one page wide, ``repeat_rows`` (zero-based, inclusive) on every page.

    The title is centred in bold in the page header and the footer reads "Sida 1 av 3".
    """
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if repeat_rows is not None:
        ws.repeat_rows(*repeat_rows)
    page_header(ws, title)


def page_header(ws: Any, title: str) -> None:
    """The title centred in bold in the page header, "Sida 1 av 3" in the footer (``print_layout`` uses it)."""
    ws.set_header(_HEADER_PREFIX + _header_text(title))
    ws.set_footer("&CSida &P av &N")


def _header_text(title: str) -> str:
    """The title with ``&`` escaped, shortened to fit Excel's header limit (UTF-16 units)."""
    room = _HEADER_LIMIT - len(_HEADER_PREFIX)
    if _utf16_len(title.replace("&", "&&")) <= room:
        return title.replace("&", "&&")
    while title and _utf16_len(title.rstrip().replace("&", "&&")) + 1 > room:
        title = title[:-1]
    return title.rstrip().replace("&", "&&") + "…"


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def text_width(value: object) -> int:
    """Characters needed to show a value: the longest line of text, or a formatted amount."""
    if isinstance(value, Decimal):
        return len(format_amount(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return len(format_amount(Decimal(value)))
    return max((len(line) for line in str(value).splitlines()), default=0)


def fit_column(
    ws: Any,
    col: int,
    values: Iterable[object],
    fmt: Any = None,
    *,
    minimum: float = 8.0,
    maximum: float = 60.0,
) -> float:
    """Set a column wide enough for its widest value (text or amount), within limits.

    Returns the width set, in Excel's units (about one character each).
    """
    widest = max((text_width(value) for value in values), default=0)
    width = min(max(widest + 2.0, minimum), maximum)
    ws.set_column(col, col, width, fmt)
    return width
