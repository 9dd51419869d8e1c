"""Read an actuals file (utfall) of any supported kind into an ``Actuals``.

TOML, CSV (also ``.txt``) and xlsx are read here, each by the reader the
registry names for the file's suffix; SIE files need the scenario's accounts
and are read by ``finsam_budget.drift.sie_actuals.read_actuals_for``.
"""

from __future__ import annotations

import os
from pathlib import Path

from finsam_budget.actuals import Actuals
from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.registry import actuals_reader, actuals_suffixes
from finsam_budget.readers.source_file import file_problem

#: Every suffix an actuals file may have; read_actuals refuses SIE (it needs a scenario).
ACTUALS_SUFFIXES = actuals_suffixes()


def read_actuals(path: str | os.PathLike[str], *, year: int | None = None) -> Actuals:
    """Read actuals from ``path``, choosing the reader by the file's suffix.

    ``year`` is the year the actuals are for (the CLI's ``--year``): CSV and xlsx
    files carry no year, and a TOML file's ``year`` must agree with it. Raises
    InputError carrying every problem found, each naming the file and the key or row.
    """
    path = Path(path)
    file = str(path)
    reader = actuals_reader(path)
    if reader is None:
        raise InputError([Problem(file, _unknown_suffix(path.suffix.lower()))])
    if reader.read is None:
        # An SIE file has accounts, not line ids: it needs the scenario's accounts.
        raise InputError(
            [
                Problem(
                    file,
                    "en SIE-fil läses som utfall tillsammans med ett scenario vars rader har konton "
                    '(accounts = ["3511"]); använd finsam_budget.drift.sie_actuals.read_actuals_for '
                    "(det gör finsam-budget drift --actuals FIL.se)",
                )
            ]
        )
    try:
        return reader.read(path, file, year)
    except OSError as exc:  # every reader opens through source_file; this is the last guard
        raise InputError([file_problem(file, exc)]) from None


def _unknown_suffix(suffix: str) -> str:
    known = ", ".join(actuals_suffixes(sie=False))
    message = f"okänd filtyp {suffix or '(ingen filändelse)'} för utfall; använd {known}"
    if suffix in (".xls", ".ods", ".numbers"):
        message += " (spara kalkylbladet som Excel-arbetsbok, .xlsx)"
    return message
