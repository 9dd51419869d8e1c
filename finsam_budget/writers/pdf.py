"""A written document or workbook as PDF, converted by LibreOffice headless (the real client).

``require_soffice`` looks before anything is written: LibreOffice must be there,
else a Swedish ``OutputError`` says how to install it. ``convert_to_pdf`` converts
in a private temporary folder beside the target, with a LibreOffice user profile of
its own (a LibreOffice the user has open is not disturbed), within a time limit,
and installs the PDF the way every output is installed (``xlsx_common.install_file``):
all or nothing, never over an existing file without ``force``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from finsam_budget.readers.source_file import reason_text
from finsam_budget.writers.xlsx_common import OutputError, check_target, install_file

APT_PACKAGE = "libreoffice-writer-nogui"
SOFFICE_NAMES = ("soffice", "libreoffice")
SOFFICE_PATHS = ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice")
TIMEOUT = 180.0  # seconds for one conversion
MISSING = (
    "LibreOffice behövs för --pdf men hittades inte (soffice). Installera det, "
    f"t.ex. med: apt-get install --no-install-recommends {APT_PACKAGE}"
)


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


def require_soffice(target: str | os.PathLike[str]) -> str:
    """``soffice``, or an ``OutputError`` naming ``target`` and how to install LibreOffice."""
    found = find_soffice()
    if found is None:
        raise OutputError(target, MISSING)
    return found


def convert_to_pdf(
    source: Path, target: Path, *, force: bool = False, title: str | None = None, timeout: float = TIMEOUT
) -> Path:
    """Convert ``source`` (docx, xlsx …) to the PDF ``target``; ``OutputError`` when it cannot be done.

    The PDF's title is the source's own (its document properties); ``title`` is
    for a caller that wants it named in a message and is not written into the file.
    """
    soffice = require_soffice(target)
    target = check_target(target, force)
    source = Path(source).resolve()
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise OutputError(target, f"kan inte skapa en fil i mappen {target.parent}: {reason_text(exc)}") from exc
    try:
        profile, out = work / "profil", work / "ut"
        out.mkdir()
        command = [
            soffice,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ]
        _run(command, dict(os.environ, HOME=str(profile)), timeout, target, title)
        produced = out / (source.stem + ".pdf")
        if not produced.is_file():
            raise OutputError(target, "LibreOffice skrev ingen PDF")
        install_file(produced, target, force, what="PDF-filen")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _run(command: list[str], env: dict[str, str], timeout: float, target: Path, title: str | None) -> None:
    """Run LibreOffice in its own process group, so that a hang can be ended completely."""
    what = f" ({title})" if title else ""
    try:
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
        )
    except OSError as exc:
        raise OutputError(target, f"kunde inte starta LibreOffice{what}: {reason_text(exc)}") from exc
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise OutputError(target, f"LibreOffice blev inte klart inom {timeout:g} s{what}") from None
    except BaseException:  # the user's Ctrl-C: end LibreOffice too, then unwind
        _stop(process)
        raise
    if process.returncode != 0:
        tail = (stderr or "").strip().splitlines()[-1:] or ["inget felmeddelande"]
        raise OutputError(target, f"LibreOffice gav slutkod {process.returncode}{what}: {tail[0]}")


def _stop(process: subprocess.Popen[str]) -> None:
    with contextlib.suppress(OSError):
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
