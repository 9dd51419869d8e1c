"""The one table of file kinds by suffix: which reader reads an actuals file (hledger's ``Reader``).

Every place that chooses a reader by a file's suffix asks here: ``read_actuals``,
the driftsredovisning (which reads SIE files through a scenario's accounts) and
the search for scenario files in a folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from finsam_budget.actuals import Actuals
from finsam_budget.readers.actuals_table import actuals_from_table, is_heading
from finsam_budget.readers.actuals_toml import read_actuals_toml
from finsam_budget.readers.text_table import read_text_rows
from finsam_budget.readers.xlsx_table import read_xlsx_table

#: ``read(path, shown name, year)``: an ``Actuals`` or ``InputError``.
ReadActuals = Callable[[Path, str, int | None], Actuals]


@dataclass(frozen=True)
class Reader:
    """A kind of input file: its name, its suffixes and how actuals are read from it.

    ``read`` is ``None`` for SIE: an SIE file has accounts, not line ids, and is
    read as actuals only together with a scenario (``finsam_budget.drift.sie_actuals``).
    """

    format: str
    extensions: tuple[str, ...]
    read: ReadActuals | None


def _read_csv(path: Path, file: str, year: int | None) -> Actuals:
    return actuals_from_table(file, read_text_rows(path, file, is_heading), year, text=True)


def _read_xlsx(path: Path, file: str, year: int | None) -> Actuals:
    rows, notes = read_xlsx_table(path, file)
    actuals = actuals_from_table(file, rows, year, text=False)
    return replace(actuals, warnings=tuple(notes) + actuals.warnings) if notes else actuals


TOML = Reader("toml", (".toml",), read_actuals_toml)
CSV = Reader("csv", (".csv", ".txt"), _read_csv)
XLSX = Reader("xlsx", (".xlsx", ".xlsm"), _read_xlsx)
SIE = Reader("sie", (".se", ".si", ".sie"), None)

#: Every kind of actuals file, in the order the messages list them.
ACTUALS_READERS = (TOML, CSV, XLSX, SIE)
#: Scenario, mapping and rules files are TOML; a folder of scenarios is searched for these.
SCENARIO_SUFFIXES = TOML.extensions

_BY_SUFFIX = {suffix: reader for reader in ACTUALS_READERS for suffix in reader.extensions}


#: A follow-up file (uppföljning) is TOML, or a table exported as CSV or xlsx.
FOLLOWUP_READERS = (TOML, CSV, XLSX)


def followup_format(path: str | os.PathLike[str]) -> str | None:
    """``toml``, ``csv`` or ``xlsx`` for a follow-up file by its suffix (any case), else ``None``."""
    reader = _BY_SUFFIX.get(Path(path).suffix.lower())
    return reader.format if reader in FOLLOWUP_READERS else None


def actuals_reader(path: str | os.PathLike[str]) -> Reader | None:
    """The reader for an actuals file by its suffix (any case), or ``None`` for an unknown one."""
    return _BY_SUFFIX.get(Path(path).suffix.lower())


def actuals_suffixes(*, sie: bool = True) -> tuple[str, ...]:
    """Every suffix an actuals file may have (without SIE's when ``sie`` is false)."""
    return tuple(s for r in ACTUALS_READERS if sie or r is not SIE for s in r.extensions)


def is_sie(path: str | os.PathLike[str]) -> bool:
    """True for an SIE file (``.se``, ``.si``, ``.sie``)."""
    return actuals_reader(path) is SIE
