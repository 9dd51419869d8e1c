"""The adopted budget as an SIE file: #PBUDGET per account and month, for the bookkeeping.

Each scenario line with accounts puts its budget for the year on its first account
(the low end of its first range), month by month as ``plan.periods.monthly_amounts``
spreads it (the line's months or quarters, a project's period, else evenly). Costs
are debit (positive), income credit (negative), as SIE keeps them. A line with
objects also gets rows with its first object, which break the account's total
down. Lines without accounts cannot be placed and are returned as a warning.

The file is PC8 (code page 437) with CRLF line ends and a #KSUMMA that the tool's
own reader verifies.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from finsam_budget import __version__
from finsam_budget.constants import ZERO
from finsam_budget.mapping import parse_range
from finsam_budget.model import Scenario
from finsam_budget.money import format_amount
from finsam_budget.plan.periods import monthly_amounts
from finsam_budget.problems import Problem
from finsam_budget.readers.sie.checksum import checksum
from finsam_budget.writers.xlsx_common import OutputError, _fsync, _install, check_target

ENCODING = "cp437"


def _quoted(text: str) -> str:
    cleaned = text.encode(ENCODING, errors="replace").decode(ENCODING)
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"') + '"'


def budget_records(scenario: Scenario, year: int) -> tuple[list[str], list[Problem]]:
    """The records of the budget file (between the #KSUMMA lines) and the warnings."""
    totals: dict[tuple[str, int], Decimal] = {}
    by_object: dict[tuple[str, str, str, int], Decimal] = {}
    names: dict[str, str] = {}
    dims: dict[str, set[str]] = {}
    without: list[str] = []
    warnings: list[Problem] = []
    for line in scenario.lines():
        if not line.amount(year) and not line.months.get(year) and not line.quarters.get(year):
            continue
        if not line.accounts:
            without.append(f"{line.key} ({format_amount(line.amount(year))} kr)")
            continue
        account = str(parse_range(line.accounts[0])).split("-")[0]  # the low end as written
        names.setdefault(account, line.name)
        sign = -1 if line.section == "income" else 1
        if len(line.accounts) > 1 or "-" in line.accounts[0]:
            warnings.append(
                Problem(
                    scenario.source,
                    f"{line.key} har flera konton ({', '.join(line.accounts)}); hela budgeten läggs på {account}",
                    key=f"[{line.key}].accounts",
                    severity="warning",
                )
            )
        objects = [(dim, codes[0]) for dim, codes in sorted(line.objects.items()) if codes][:1]
        for month, amount in enumerate(monthly_amounts(line, year), start=1):
            totals[(account, month)] = totals.get((account, month), ZERO) + sign * amount
            for dim, code in objects:
                key = (account, dim, code, month)
                by_object[key] = by_object.get(key, ZERO) + sign * amount
                dims.setdefault(dim, set()).add(code)
    if without:
        warnings.append(
            Problem(
                scenario.source,
                "scenariorader utan konton (accounts) kommer inte med i SIE-filens budget: " + ", ".join(without),
                severity="warning",
            )
        )
    records = [
        f"#PROGRAM {_quoted('finsam-budget')} {__version__}",
        "#FORMAT PC8",
        f"#GEN {date.today():%Y%m%d}",
        "#SIETYP 2",
        f"#FNAMN {_quoted(scenario.federation or scenario.title)}",
        f"#RAR 0 {year}0101 {year}1231",
    ]
    records += [f"#DIM {dim} {_quoted('Projekt' if dim == '6' else 'Dimension ' + dim)}" for dim in sorted(dims)]
    records += [f"#OBJEKT {dim} {_quoted(code)} {_quoted(code)}" for dim in sorted(dims) for code in sorted(dims[dim])]
    records += [f"#KONTO {account} {_quoted(name)}" for account, name in sorted(names.items())]
    for (account, month), amount in sorted(totals.items()):
        records.append(f"#PBUDGET 0 {year}{month:02d} {account} {{}} {amount:.2f}")
    for (account, dim, code, month), amount in sorted(by_object.items()):
        records.append(f"#PBUDGET 0 {year}{month:02d} {account} {{{dim} {_quoted(code)}}} {amount:.2f}")
    return records, warnings


def budget_sie_text(scenario: Scenario, year: int) -> tuple[str, list[Problem]]:
    """The whole file as text (CRLF line ends) and the warnings."""
    records, warnings = budget_records(scenario, year)
    total = checksum(records, ENCODING)
    lines = ["#FLAGGA 0", "#KSUMMA", *records, f"#KSUMMA {total}"]
    return "\r\n".join(lines) + "\r\n", warnings


def write_budget_sie(path: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """Write ``text`` in PC8 atomically, like the workbooks: never over an input, nor without ``force``."""
    target = check_target(path, force)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode(ENCODING, errors="replace"))
        _fsync(tmp)
        _install(tmp, target, force)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(target, f"kunde inte skriva SIE-filen: {exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
