"""Read an actuals file (utfall) of any supported kind into an ``Actuals``.

TOML, CSV (also ``.txt``) and xlsx are read here; SIE files need the scenario's
accounts and are read by ``finsam_budget.drift.sie_actuals.read_actuals_for``.
"""

from __future__ import annotations

import os
from pathlib import Path

from finsam_budget.actuals import Actuals
from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.actuals_table import actuals_from_table, is_heading
from finsam_budget.readers.actuals_toml import read_actuals_toml
from finsam_budget.readers.text_table import read_text_rows
from finsam_budget.readers.xlsx_table import read_xlsx_rows

TOML_SUFFIXES = (".toml",)
CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
SIE_SUFFIXES = (".se", ".si", ".sie")
# Every suffix an actuals file may have; read_actuals refuses SIE (it needs a scenario).
ACTUALS_SUFFIXES = TOML_SUFFIXES + CSV_SUFFIXES + XLSX_SUFFIXES + SIE_SUFFIXES


def read_actuals(path: str | os.PathLike[str], *, year: int | None = None) -> Actuals:
    """Read actuals from ``path``, choosing the reader by the file's suffix.

    ``year`` is the year the actuals are for (the CLI's ``--year``): CSV and xlsx
    files carry no year, and a TOML file's ``year`` must agree with it. Raises
    InputError carrying every problem found, each naming the file and the key or row.
    """
    path = Path(path)
    file = str(path)
    suffix = path.suffix.lower()
    if suffix in SIE_SUFFIXES:
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
        if suffix in TOML_SUFFIXES:
            return read_actuals_toml(path, file, year)
        if suffix in CSV_SUFFIXES:
            return actuals_from_table(file, read_text_rows(path, file, is_heading), year, text=True)
        if suffix in XLSX_SUFFIXES:
            return actuals_from_table(file, read_xlsx_rows(path, file), year, text=False)
    except FileNotFoundError:
        raise InputError([Problem(file, "filen finns inte")]) from None
    except IsADirectoryError:
        raise InputError([Problem(file, "det är en mapp, inte en fil")]) from None
    except OSError as exc:
        raise InputError(
            [Problem(file, f"filen kunde inte läsas ({exc.strerror or exc})")]
        ) from None
    raise InputError([Problem(file, _unknown_suffix(suffix))])


def _unknown_suffix(suffix: str) -> str:
    known = ", ".join(TOML_SUFFIXES + CSV_SUFFIXES + XLSX_SUFFIXES)
    message = f"okänd filtyp {suffix or '(ingen filändelse)'} för utfall; använd {known}"
    if suffix in (".xls", ".ods", ".numbers"):
        message += " (spara kalkylbladet som Excel-arbetsbok, .xlsx)"
    return message
