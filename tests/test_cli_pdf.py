"""``--pdf``: the workbook also as NAME.pdf beside it, through LibreOffice; nothing written when it is missing."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from click.testing import CliRunner

from finsam_budget.cli import main
from finsam_budget.writers import pdf as pdf_writer

ROOT = Path(__file__).resolve().parents[1]
GOTLAND = str(ROOT / "scenarios" / "gotland-2022.toml")
UTAN = str(ROOT / "scenarios" / "gotland-2022-utan-jobbsam.toml")


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_without_libreoffice_nothing_is_written_and_the_exit_is_2(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_writer, "find_soffice", lambda: None)
    target = tmp_path / "plan.xlsx"
    result = run("plan", GOTLAND, "-o", target, "--pdf")
    assert result.exit_code == 2
    assert "LibreOffice behövs för --pdf" in result.output and "apt-get install" in result.output
    assert "libreoffice-calc-nogui" in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_existing_pdf_is_not_overwritten_without_force(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_writer, "find_soffice", lambda: "/bin/true")
    (tmp_path / "plan.pdf").write_bytes(b"tidigare")
    result = run("plan", GOTLAND, "-o", tmp_path / "plan.xlsx", "--pdf")
    assert result.exit_code == 2 and "finns redan; använd --force" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf"]  # no workbook either
    assert (tmp_path / "plan.pdf").read_bytes() == b"tidigare"


def test_compare_needs_an_output_for_the_pdf():
    result = run("compare", GOTLAND, UTAN, "--pdf")
    assert result.exit_code == 2 and "--pdf" in result.output and "-o" in result.output


def test_plan_writes_the_pdf_beside_the_workbook(tmp_path, soffice):
    target = tmp_path / "plan.xlsx"
    result = run("plan", GOTLAND, "-o", target, "--pdf")
    assert result.exit_code == 1, result.output  # the Gotland plan has two errors: written all the same
    pdf = tmp_path / "plan.pdf"
    assert f"Skrev {pdf}" in result.output and target.is_file()
    with pdfplumber.open(pdf) as document:
        assert document.metadata.get("Title") == "Budgetplan 2022"
        assert len(document.pages) > 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.pdf", "plan.xlsx"]  # no temporary left
    again = run("plan", GOTLAND, "-o", target, "--pdf", "--force")
    assert again.exit_code == 1 and pdf.is_file()
