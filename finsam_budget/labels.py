"""The Swedish words every output shares: severities, counts, check status, the cap margin.

Workbooks and the terminal take their labels from here, so that "1 varning" is
written the same way everywhere and a label changes in one place.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Severities from worst to mildest: rule findings and reader problems share them.
SEVERITIES = ("error", "warning", "info")
#: A severity as a sheet or a sentence names it.
SEVERITY_LABEL = {"error": "Fel", "warning": "Varning", "info": "Info"}
#: A severity heading a count of findings ("Varningar: 2").
SEVERITY_COUNT_LABEL = {"error": "Fel", "warning": "Varningar", "info": "Info"}
#: A severity as the terminal's finding lines show it (a column of capitals).
SEVERITY_TAG = {"error": "FEL", "warning": "VARNING", "info": "INFO"}
#: A scenario's check status: its worst finding.
STATUS_LABEL = {"ok": "ok", "warnings": "varningar", "errors": "fel"}

#: How many scenarios have a status, as a sentence counts them (``2 med fel``).
STATUS_COUNT_LABEL = {"ok": "ok", "warnings": "med varningar", "errors": "med fel"}

#: The equity cap and its margin: positive = room under the cap, negative = over it.
CAP = "Tak för eget kapital"
CAP_MARGIN = "Marginal (+) / överskridande (−) mot taket"
#: The margin's label where a terminal column must stay narrow.
CAP_MARGIN_SHORT = "Marginal (+) / över taket (−)"


def severity_rank(severity: str) -> int:
    """0 for an error, 1 for a warning, 2 for info: sort worst first."""
    return SEVERITIES.index(severity)


def warnings_text(count: int, *, none: str = "0 varningar") -> str:
    """``1 varning``, ``2 varningar``; ``none`` for zero (e.g. ``inga varningar``)."""
    if count == 0:
        return none
    return "1 varning" if count == 1 else f"{count} varningar"


def counts_text(counts: Mapping[str, int]) -> str:
    """``2 fel, 1 varning, 10 info``: the counts by severity as `check` prints them."""
    return f"{counts.get('error', 0)} fel, {warnings_text(counts.get('warning', 0))}, {counts.get('info', 0)} info"


def statuses_text(statuses: Mapping[str, int]) -> str:
    """``3 ok, 0 med varningar, 2 med fel``: how many scenarios have each check status."""
    return ", ".join(f"{statuses.get(status, 0)} {label}" for status, label in STATUS_COUNT_LABEL.items())
