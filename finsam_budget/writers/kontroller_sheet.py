"""The one Kontroller sheet every workbook kind ends with: identities, then findings and problems.

A workbook carries its own verification. Every kind (plan, drift, statements,
compare, overview) hands this writer the same two things:

* ``identities`` (statements): what must hold and the difference found, a live
  formula over the statement cells where the difference is one;
* ``entries``: rule findings and reader problems, errors first, each with its
  severity, where it comes from (a rule and year, or a file and line) and the
  Swedish message; with ``scenario_column`` also the scenario it concerns
  (compare, overview).

The summary line uses the same words as the terminal (``labels``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from finsam_budget.labels import SEVERITIES, SEVERITY_LABEL, STATUS_LABEL, counts_text, severity_rank
from finsam_budget.model import Finding
from finsam_budget.money import has_ore
from finsam_budget.problems import Problem
from finsam_budget.tables import Cell
from finsam_budget.writers.formulas import Placement, Spot, write_cell
from finsam_budget.writers.print_layout import PrintLayout, unbreakable
from finsam_budget.writers.xlsx_common import write_text

SHEET = "Kontroller"
OK, FAILED = STATUS_LABEL["ok"], STATUS_LABEL["errors"]  # an identity holds or it does not


@dataclass(frozen=True)
class Entry:
    """One line of the Kontroller sheet: a rule finding or a reader problem."""

    severity: str
    source: str
    message: str
    year: int | None = None
    scenario: str | None = None


@dataclass(frozen=True)
class Identity:
    """An identity that must hold, with the difference found (a live formula where it can be)."""

    name: str
    difference: Cell
    detail: str = ""

    @property
    def holds(self) -> bool:
        return self.difference.amount == 0


def rule_entries(findings: Iterable[Finding], *, scenario: str | None = None) -> list[Entry]:
    """The rules' findings: source ``regel RULE``, with the year."""
    return [Entry(f.severity, f"regel {f.rule}", f.message, f.year, scenario) for f in findings]


def problem_entries(problems: Iterable[Problem], *, scenario: str | None = None) -> list[Entry]:
    """Reader problems: the place with the file's name only (the sheet is read away from the files)."""
    entries = []
    for problem in problems:
        place = Path(problem.file).name + problem.where[len(problem.file) :]
        entries.append(Entry(problem.severity, place, problem.message, None, scenario))
    return entries


def ordered(entries: Iterable[Entry]) -> list[Entry]:
    """Errors first, then warnings, then info; otherwise in the order given."""
    return sorted(entries, key=lambda e: severity_rank(e.severity))


def summary(entries: Sequence[Entry], identities: Sequence[Identity] = ()) -> str:
    """``2 fel, 1 varning, 10 info``, with the identities first when there are any."""
    counts = {severity: sum(1 for e in entries if e.severity == severity) for severity in SEVERITIES}
    text = counts_text(counts)
    if not identities:
        return text
    failed = sum(1 for i in identities if not i.holds)
    held = (
        f"{failed} av {len(identities)} identiteter stämmer inte"
        if failed
        else f"alla {len(identities)} identiteter stämmer"
    )
    return f"{held[0].upper()}{held[1:]}; {text}."


def add_kontroller_sheet(
    workbook: Any,
    formats: Any,
    *,
    federation: str,
    title: str,
    entries: Iterable[Entry],
    identities: Sequence[Identity] = (),
    placement: Placement | None = None,
    scenario_column: bool = False,
) -> None:
    """Add the Kontroller sheet: the summary, the identities (if any), then every entry."""
    placement = placement or Placement()
    layout = PrintLayout(workbook.add_worksheet(SHEET), f"{federation}: {title}: kontroller", placement=placement)
    ws = layout.sheet
    rows = ordered(entries)
    write_text(ws, 0, 0, federation, formats.title)
    write_text(ws, 1, 0, f"{title}: kontroller", formats.heading)
    write_text(ws, 2, 0, summary(rows, identities), formats.note)
    row = 4
    first_header = row
    if identities:
        row = _identities(ws, formats, layout, row, identities, placement)
        row += 2
    _entries(ws, formats, layout, row, rows, scenario_column, IDENTITY_WIDTHS if identities else WIDTHS)
    # Each table that runs over a page goes on under its own heading row, "(forts.)".
    ws.freeze_panes(first_header + 1, 0)
    layout.finish()


# One grid for both blocks: status, what, a figure, the text. A scenario column
# comes first in compare and overview.
ENTRY_HEADINGS = ("Allvar", "Källa", "År", "Meddelande")
IDENTITY_HEADINGS = ("Status", "Identitet", "Differens", "Förklaring")
#: The identities' columns: the difference needs room for an amount with öre.
WIDTHS = (8, 22, 13, 60)
SCENARIO_WIDTH = 22
#: With identities the second column is wider: an identity's name ("Balansräkningen 2022-12-31: …")
#: wrapped to four lines and broke its date at 22.
IDENTITY_WIDTHS = (8, 30, 13, 52)


def _entries(
    ws: Any,
    formats: Any,
    layout: PrintLayout,
    header: int,
    entries: Sequence[Entry],
    scenario_column: bool,
    grid: tuple[int, ...],
) -> None:
    headings = (("Scenario",) if scenario_column else ()) + ENTRY_HEADINGS
    widths = ((SCENARIO_WIDTH,) if scenario_column else ()) + grid
    first = 1 if scenario_column else 0
    _header(ws, formats, header, headings)
    for col, width in enumerate(widths):
        layout.column(col, width)
    row = header
    group_start = header
    for n, entry in enumerate(entries):
        row += 1
        if n and (entry.severity, entry.scenario) != (entries[n - 1].severity, entries[n - 1].scenario):
            layout.block(group_start, row - 1, whole=False)
            group_start = row
        is_error = entry.severity == "error"
        if scenario_column:
            write_text(ws, row, 0, entry.scenario or "", formats.wrap)
        write_text(ws, row, first, SEVERITY_LABEL[entry.severity], _status(formats, is_error))
        write_text(ws, row, first + 1, entry.source, formats.wrap)
        if entry.year is not None:
            ws.write_number(row, first + 2, entry.year, formats.year)
        write_text(ws, row, first + 3, unbreakable(entry.message), formats.wrap_indent)
        texts = [(entry.source, widths[first + 1]), (entry.message, widths[first + 3])]
        if scenario_column:
            texts.append((entry.scenario or "", widths[0]))
        layout.fit_row(row, texts)
    if entries:
        layout.block(group_start, row, whole=False)
        layout.block(header, row, whole=False, heading=1, named=len(headings) - 1)
    else:
        write_text(ws, header + 1, first, "Inga fynd.", formats.note)
        layout.row(header + 1)


def _identities(
    ws: Any, formats: Any, layout: PrintLayout, header: int, identities: Sequence[Identity], placement: Placement
) -> int:
    ore = any(has_ore(i.difference.amount) for i in identities)
    amount = formats.amount_ore if ore else formats.amount
    _header(ws, formats, header, IDENTITY_HEADINGS)
    for col, width in enumerate(IDENTITY_WIDTHS):
        layout.column(col, width)
    row = header
    for identity in sorted(identities, key=lambda i: i.holds):  # those that fail first
        row += 1
        write_text(ws, row, 0, OK if identity.holds else FAILED, _status(formats, not identity.holds))
        write_text(ws, row, 1, identity.name, formats.wrap)
        write_cell(ws, Spot(SHEET, row, 2), identity.difference, placement, amount)
        write_text(ws, row, 3, unbreakable(identity.detail), formats.wrap_indent)
        layout.fit_row(row, [(identity.name, IDENTITY_WIDTHS[1]), (identity.detail, IDENTITY_WIDTHS[3])])
    layout.block(header, row, whole=False, heading=1, named=len(IDENTITY_HEADINGS) - 1)
    return row


def _status(formats: Any, failed: bool) -> Any:
    return formats.status_failed if failed else formats.status


def _header(ws: Any, formats: Any, row: int, headings: Sequence[str]) -> None:
    for col, heading in enumerate(headings):
        write_text(ws, row, col, heading, formats.header_row)
