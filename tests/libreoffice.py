"""LibreOffice as the real client: recalculate our workbooks and compare with what we cached.

Every formula we write carries the engine's value as its cached result. LibreOffice,
with recalculation forced on load, computes each formula again; the two must agree
to the öre on every sheet. Used by the test suite and usable from scripts.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from finsam_budget.writers import pdf

APT_PACKAGE = "libreoffice-calc-nogui"
#: Writer converts the årsredovisning (.docx) to PDF; installed with Calc.
APT_PACKAGES = (APT_PACKAGE, "libreoffice-writer-nogui")
ONE_ORE = Decimal("0.01")

# A user profile that recalculates every formula on load (0 = always), for xlsx
# (OOXML) and ods (ODF) files; LibreOffice's default keeps the cached values.
RECALC_ALWAYS_XCU = """\
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


class RecalculationError(RuntimeError):
    """LibreOffice could not be run or did not produce a recalculated file."""


# --- Finding (or installing) LibreOffice -----------------------------------------


# The same search the product's --pdf uses (one definition).
find_soffice = pdf.find_soffice


def ensure_soffice() -> str:
    """Return LibreOffice's ``soffice``, installing Debian's package first when root.

    When it is still missing the test fails on CI (``CI=true``) and is skipped elsewhere.
    """
    found = find_soffice()
    if found:
        return found
    reason = "LibreOffice (soffice) finns inte"
    if _is_root() and shutil.which("apt-get"):
        problem = install_with_apt()
        found = find_soffice()
        if found:
            return found
        reason += f"; installationen av {APT_PACKAGE} misslyckades: {problem}"
    else:
        reason += f"; installera {APT_PACKAGE} (apt-get install --no-install-recommends {APT_PACKAGE})"
    if on_ci():
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def install_with_apt(timeout: float = 1800) -> str | None:
    """Install LibreOffice Calc without a GUI; returns None or what went wrong."""
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    lock = ["-o", "DPkg::Lock::Timeout=600"]  # wait for another apt run instead of failing
    commands = [
        ["apt-get", *lock, "update"],
        ["apt-get", *lock, "install", "-y", "--no-install-recommends", *APT_PACKAGES],
    ]
    for command in commands:
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"{' '.join(command)}: {exc}"
        if done.returncode != 0:
            return f"{' '.join(command)} gav {done.returncode}: {_tail(done.stderr or done.stdout)}"
    return None


def on_ci() -> bool:
    """True on CI (``CI=true``), where a missing LibreOffice fails the tests instead of skipping them."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1")


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


# --- Recalculating ---------------------------------------------------------------


def recalculate(
    paths: Iterable[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    *,
    soffice: str | None = None,
    timeout: float = 300,
) -> list[Path]:
    """Open every workbook in one LibreOffice run, recalculate all formulas, save as xlsx in ``outdir``.

    Returns the recalculated files in the order given. A fresh user profile forces
    recalculation on load; the inputs need distinct file names and must not be in
    ``outdir`` (LibreOffice names each output after its input).
    """
    return convert(paths, outdir, soffice=soffice, timeout=timeout)


def to_pdf(
    paths: Iterable[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    *,
    soffice: str | None = None,
    timeout: float = 300,
) -> list[Path]:
    """Print every workbook to PDF in one LibreOffice run (as a board member's PDF would be made)."""
    return convert(paths, outdir, soffice=soffice, timeout=timeout, to="pdf:calc_pdf_Export", suffix=".pdf")


def convert(
    paths: Iterable[str | os.PathLike[str]],
    outdir: str | os.PathLike[str],
    *,
    soffice: str | None = None,
    timeout: float = 300,
    to: str = "xlsx:Calc MS Excel 2007 XML",
    suffix: str = ".xlsx",
) -> list[Path]:
    """Convert every file in one LibreOffice run, formulas recalculated on load; the outputs in order."""
    sources = [Path(p).resolve() for p in paths]
    if not sources:
        raise ValueError("inga arbetsböcker att räkna om")
    out = Path(outdir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    outputs = [out / (source.stem + suffix) for source in sources]
    if len(set(outputs)) != len(outputs):
        raise ValueError(f"filnamnen måste vara olika: {[s.name for s in sources]}")
    for source, output in zip(sources, outputs):
        if not source.is_file():
            raise RecalculationError(f"{source}: filen finns inte")
        if source == output:
            raise ValueError(f"{source}: outdir får inte vara indatafilens mapp")
        output.unlink(missing_ok=True)

    program = soffice or find_soffice()
    if program is None:
        raise RecalculationError("LibreOffice (soffice) finns inte")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        user = Path(profile, "user")
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(RECALC_ALWAYS_XCU, encoding="utf-8")
        command = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            *map(str, sources),
        ]
        # HOME in the profile too: nothing of the user's own LibreOffice is read or written.
        env = dict(os.environ, HOME=profile)
        returncode, stdout, stderr = _run(command, env, timeout)

    missing = [output for output in outputs if not output.is_file()]
    if returncode != 0 or missing:
        raise RecalculationError(
            f"LibreOffice gav slutkod {returncode}"
            + (f" och skrev inte {', '.join(m.name for m in missing)}" if missing else "")
            + f"\nkommando: {' '.join(command)}\nstdout: {_tail(stdout)}\nstderr: {_tail(stderr)}"
        )
    return outputs


def _run(command: Sequence[str], env: dict[str, str], timeout: float) -> tuple[int, str, str]:
    """Run soffice in its own process group so that a hang can be ended completely."""
    try:
        process = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    except OSError as exc:
        raise RecalculationError(f"kunde inte starta LibreOffice: {exc}") from exc
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        raise RecalculationError(
            f"LibreOffice svarade inte inom {timeout:g} s\nkommando: {' '.join(command)}\n"
            f"stdout: {_tail(stdout)}\nstderr: {_tail(stderr)}"
        ) from None
    return process.returncode, stdout, stderr


def _tail(text: str | None, lines: int = 20) -> str:
    return "\n".join((text or "").strip().splitlines()[-lines:]) or "(tomt)"


# --- Comparing -------------------------------------------------------------------


def assert_formulas_match(
    original: str | os.PathLike[str],
    recalculated: str | os.PathLike[str],
    *,
    quantum: Decimal = ONE_ORE,
) -> int:
    """Every formula's cached value in ``original`` equals LibreOffice's value in ``recalculated``.

    Numbers are compared as ``Decimal(str(x))`` quantized to öre (or ``quantum``),
    text exactly; a formula without a cached value is a failure. Checks every sheet,
    raises AssertionError listing all mismatches, and returns how many formula cells
    were checked. A text cell that merely starts with "=" is text, not a formula.
    """
    import openpyxl

    formulas = openpyxl.load_workbook(original, data_only=False)
    cached = openpyxl.load_workbook(original, data_only=True)
    recalc = openpyxl.load_workbook(recalculated, data_only=True)
    mismatches: list[tuple[str, str, str, str]] = []
    checked = 0
    for sheet in formulas.worksheets:
        if sheet.title not in recalc.sheetnames:
            mismatches.append((sheet.title, "", "", "(bladet saknas i LibreOffices fil)"))
            continue
        cached_sheet, recalc_sheet = cached[sheet.title], recalc[sheet.title]
        for row in sheet.iter_rows():
            for formula_cell in row:
                formula = _formula_text(formula_cell)
                if formula is None:
                    continue
                checked += 1
                ours = cached_sheet[formula_cell.coordinate].value
                theirs = recalc_sheet[formula_cell.coordinate].value
                if not _same(ours, theirs, quantum):
                    where = f"{sheet.title}!{formula_cell.coordinate}"
                    shown = "(inget cachat värde)" if ours in (None, "") else repr(ours)
                    mismatches.append((where, formula, shown, repr(theirs)))
    if mismatches:
        raise AssertionError(
            f"{len(mismatches)} av {checked} formler i {Path(original).name} stämmer inte "
            f"med LibreOffices omräkning:\n" + _table(mismatches)
        )
    return checked


def _formula_text(cell: object) -> str | None:
    if getattr(cell, "data_type", None) != "f":
        return None
    value = getattr(cell, "value", None)
    if isinstance(value, str):
        return value
    text = getattr(value, "text", None)  # openpyxl's ArrayFormula
    return f"{{{text}}}" if text is not None else str(value)


def _same(ours: object, theirs: object, quantum: Decimal) -> bool:
    if ours is None or ours == "":
        return False
    if isinstance(ours, bool) or isinstance(theirs, bool):
        return type(ours) is type(theirs) and ours == theirs
    if isinstance(ours, (int, float)) and isinstance(theirs, (int, float)):
        return _rounded(ours, quantum) == _rounded(theirs, quantum)
    if isinstance(ours, (datetime, date, time)) or isinstance(theirs, (datetime, date, time)):
        return ours == theirs
    return type(ours) is type(theirs) and ours == theirs


def _rounded(number: int | float, quantum: Decimal) -> Decimal:
    return Decimal(str(number)).quantize(quantum, rounding=ROUND_HALF_UP)


def _table(rows: list[tuple[str, str, str, str]]) -> str:
    header = ("cell", "formel", "cachat", "LibreOffice")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = [" | ".join(text.ljust(width) for text, width in zip(row, widths)).rstrip() for row in [header, *rows]]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)
