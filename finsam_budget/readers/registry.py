"""The one table of file kinds by suffix: which reader reads an actuals or a scenario file (hledger's ``Reader``).

Every place that chooses a reader by a file's suffix asks here: ``read_actuals``,
the driftsredovisning (which reads SIE files through a scenario's accounts) and
the search for scenario files in a folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from finsam_budget.problems import Problem
from finsam_budget.readers.toml_source import load_toml

if TYPE_CHECKING:  # an actuals reader is imported when a file of its kind is read
    from finsam_budget.actuals import Actuals

#: ``read(path, shown name, year)``: an ``Actuals`` or ``InputError``.
ReadActuals: TypeAlias = "Callable[[Path, str, int | None], Actuals]"


@dataclass(frozen=True)
class Reader:
    """A kind of input file: its name, its suffixes and how actuals are read from it.

    ``read`` is ``None`` for SIE: an SIE file has accounts, not line ids, and is
    read as actuals only together with a scenario (``finsam_budget.drift.sie_actuals``).
    """

    format: str
    extensions: tuple[str, ...]
    read: ReadActuals | None


# The readers are imported when a file of their kind is read: a scenario check never
# loads the table readers (nor zipfile for xlsx).


def _read_toml(path: Path, file: str, year: int | None) -> Actuals:
    from finsam_budget.readers.actuals_toml import read_actuals_toml

    return read_actuals_toml(path, file, year)


def _read_csv(path: Path, file: str, year: int | None) -> Actuals:
    from finsam_budget.readers.actuals_table import actuals_from_table, is_heading
    from finsam_budget.readers.text_table import read_text_rows

    return actuals_from_table(file, read_text_rows(path, file, is_heading), year, text=True)


def _read_xlsx(path: Path, file: str, year: int | None) -> Actuals:
    from finsam_budget.readers.actuals_table import actuals_from_table
    from finsam_budget.readers.xlsx_table import read_xlsx_table

    rows, notes = read_xlsx_table(path, file)
    actuals = actuals_from_table(file, rows, year, text=False)
    return replace(actuals, warnings=tuple(notes) + actuals.warnings) if notes else actuals


TOML = Reader("toml", (".toml",), _read_toml)
CSV = Reader("csv", (".csv", ".txt"), _read_csv)
XLSX = Reader("xlsx", (".xlsx", ".xlsm"), _read_xlsx)
SIE = Reader("sie", (".se", ".si", ".sie"), None)

#: ``load(path, shown name)``: a scenario file's data as TOML gives it, its source (lines or cells) and problems.
LoadScenario = Callable[[Path, str], tuple[dict[str, Any] | None, Any, list[Problem]]]


@dataclass(frozen=True)
class ScenarioReader:
    """A kind of scenario file: TOML (the reference) or an xlsx workbook with the same content."""

    format: str
    extensions: tuple[str, ...]
    load: LoadScenario


def _load_scenario_xlsx(path: Path, shown: str) -> tuple[dict[str, Any] | None, Any, list[Problem]]:
    from finsam_budget.readers.scenario_xlsx import load_scenario_xlsx

    return load_scenario_xlsx(path, shown)


SCENARIO_TOML = ScenarioReader("toml", (".toml",), load_toml)
SCENARIO_XLSX = ScenarioReader("xlsx", (".xlsx", ".xlsm"), _load_scenario_xlsx)


def scenario_reader(path: str | os.PathLike[str]) -> ScenarioReader:
    """The reader for a scenario file by its suffix; any other suffix is read as TOML."""
    return SCENARIO_XLSX if Path(path).suffix.lower() in SCENARIO_XLSX.extensions else SCENARIO_TOML


#: Every kind of actuals file, in the order the messages list them.
ACTUALS_READERS = (TOML, CSV, XLSX, SIE)
#: A folder of scenarios is searched for these (a workbook in a folder is often a plan, not a scenario;
#: a scenario workbook is read when it is named on its own).
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
