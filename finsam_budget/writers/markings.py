"""Findings marked where they stand: the cell a finding concerns gets a fill, a marker and the finding.

The report layer names the table cell each finding concerns (a ``Mark``: a
``tables.Ref``, the severity, the message); the writers place tables as usual, and
``formulas.write_cell`` asks the placement's ``Markings`` whether the cell it has
just written is marked. A marked cell gets

* a fill (red for an error, yellow for a warning) with bold dark text,
* a marker character after the figure (`` !``), so the mark survives black-and-white print,
* the finding as a cell comment,

as a conditional format over the cell's own format, so its number format and
borders stay. Each sheet with a mark carries the one-line legend (``LEGEND``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from finsam_budget.labels import SEVERITY_LABEL
from finsam_budget.tables import Ref

MARKER = "!"
LEGEND = f"Markerade celler ({MARKER}): se bladet Kontroller."
FILL = {"error": "#FFC7CE", "warning": "#FFEB9C"}
TEXT = {"error": "#9C0006", "warning": "#7F6000"}
COMMENT_SIZE = {"x_scale": 2.5, "y_scale": 1.6}
#: Only what needs the board's attention is marked; info stays on Kontroller.
MARKED_SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Mark:
    """A finding on the table cell it concerns."""

    ref: Ref
    severity: str
    message: str


def marker_format(num_format: str) -> str:
    """A number format with the marker after the figure, in every section: ``#,##0" !"``."""
    base = num_format or "General"
    return ";".join(f'{section}" {MARKER}"' for section in base.split(";"))


@dataclass
class Markings:
    """The marks of one workbook and the formats that show them."""

    workbook: Any
    marks: list[Mark] = field(default_factory=list)
    _formats: dict[tuple[str, str], Any] = field(default_factory=dict)
    marked_sheets: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, workbook: Any, marks: Iterable[Mark]) -> Markings:
        """Keep the errors and warnings; several findings on one cell are joined, the worst first."""
        by_ref: dict[Ref, Mark] = {}
        for mark in sorted(marks, key=lambda m: MARKED_SEVERITIES.index(m.severity) if m.severity in FILL else 9):
            if mark.severity not in MARKED_SEVERITIES:
                continue
            earlier = by_ref.get(mark.ref)
            if earlier is None:
                by_ref[mark.ref] = mark
            elif mark.message not in earlier.message:
                by_ref[mark.ref] = Mark(mark.ref, earlier.severity, f"{earlier.message}\n{mark.message}")
        return cls(workbook, list(by_ref.values()))

    def on_sheet(self, sheet: str, placement: Any) -> list[tuple[Any, Mark]]:
        """The placed marks of ``sheet`` with their spots."""
        found = []
        for mark in self.marks:
            spot = placement.spots.get((mark.ref.table, mark.ref.row, mark.ref.column))
            if spot is not None and spot.sheet == sheet:
                found.append((spot, mark))
        return found

    def written(self, ws: Any, spot: Any, fmt: Any, placement: Any) -> None:
        """Mark the cell just written at ``spot`` when a finding concerns it."""
        for placed, mark in self.on_sheet(spot.sheet, placement):
            if placed != spot:
                continue
            num_format = getattr(fmt, "num_format", "") if fmt is not None else ""
            ws.conditional_format(
                spot.row,
                spot.col,
                spot.row,
                spot.col,
                {"type": "formula", "criteria": "=TRUE", "format": self._format(mark.severity, str(num_format))},
            )
            ws.write_comment(spot.row, spot.col, f"{SEVERITY_LABEL[mark.severity]}: {mark.message}", COMMENT_SIZE)
            self.marked_sheets.add(spot.sheet)

    def _format(self, severity: str, num_format: str) -> Any:
        key = (severity, num_format)
        if key not in self._formats:
            self._formats[key] = self.workbook.add_format(
                {
                    "bg_color": FILL[severity],
                    "font_color": TEXT[severity],
                    "bold": True,
                    "num_format": marker_format(num_format),
                }
            )
        return self._formats[key]

    def has_marks(self, sheet: str, placement: Any) -> bool:
        return bool(self.on_sheet(sheet, placement))
