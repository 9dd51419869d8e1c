"""A workbook as PDF for the meeting papers, converted by LibreOffice headless (the real client the tests use).

``prepare_pdf`` looks before anything is written: LibreOffice must be there and the
PDF beside the workbook must not exist (unless ``force``). ``write_pdf`` converts
the workbook into a private temporary folder beside the target, with a user profile
of its own (so a LibreOffice the user has open is not disturbed), within a time
limit, and installs the PDF the way workbooks are installed: all or nothing, and
never over an existing file without ``force``. The PDF's title is the workbook's.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from finsam_budget.writers.xlsx_common import OutputError, check_target, install_file

APT_PACKAGE = "libreoffice-calc-nogui"
SOFFICE_NAMES = ("soffice", "libreoffice")
SOFFICE_PATHS = ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice")
TIMEOUT = 180.0  # seconds for one conversion
MISSING = (
    "LibreOffice behövs för --pdf men hittades inte (soffice). Installera det, "
    f"t.ex. med: apt-get install --no-install-recommends {APT_PACKAGE}"
)


@dataclass(frozen=True)
class PdfJob:
    """What ``prepare_pdf`` found: LibreOffice's program and the PDF to write."""

    soffice: str
    target: Path
    force: bool


def find_soffice() -> str | None:
    """LibreOffice's ``soffice`` on PATH or in the usual places, or None."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    for path in SOFFICE_PATHS:
        if os.access(path, os.X_OK):
            return path
    return None


def pdf_path(workbook: str | os.PathLike[str]) -> Path:
    """``NAME.pdf`` beside ``NAME.xlsx``."""
    return Path(workbook).with_suffix(".pdf")


def prepare_pdf(workbook: str | os.PathLike[str], *, force: bool = False) -> PdfJob:
    """Check, before anything is written, that the PDF beside ``workbook`` can be made.

    ``OutputError`` (Swedish, naming how to install LibreOffice) when it is missing,
    or when the PDF exists and ``force`` is not given.
    """
    target = pdf_path(workbook)
    soffice = find_soffice()
    if soffice is None:
        raise OutputError(target, MISSING)
    check_target(target, force)
    return PdfJob(soffice, target, force)


def write_pdf(workbook: str | os.PathLike[str], job: PdfJob, *, timeout: float = TIMEOUT) -> Path:
    """Convert ``workbook`` to ``job.target``; ``OutputError`` when LibreOffice fails or takes too long."""
    source = Path(workbook).resolve()
    target = job.target
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise OutputError(target, f"kan inte skapa en fil i mappen {target.parent}: {exc.strerror}") from exc
    try:
        profile, out = work / "profil", work / "ut"
        out.mkdir()
        command = [
            job.soffice,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "pdf:calc_pdf_Export",
            "--outdir",
            str(out),
            str(source),
        ]
        _run(command, dict(os.environ, HOME=str(profile)), timeout, target)
        produced = out / (source.stem + ".pdf")
        if not produced.is_file():
            raise OutputError(target, "LibreOffice skrev ingen PDF")
        install_file(produced, target, job.force)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _run(command: list[str], env: dict[str, str], timeout: float, target: Path) -> None:
    """Run LibreOffice in its own process group, so that a hang can be ended completely."""
    try:
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
        )
    except OSError as exc:
        raise OutputError(target, f"kunde inte starta LibreOffice: {exc}") from exc
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise OutputError(target, f"LibreOffice blev inte klart inom {timeout:g} s") from None
    if process.returncode != 0:
        tail = (stderr or "").strip().splitlines()[-1:] or ["inget felmeddelande"]
        raise OutputError(target, f"LibreOffice gav slutkod {process.returncode}: {tail[0]}")
