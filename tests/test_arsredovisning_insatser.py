"""The årsredovisning's appendix on the insatser (`arsredovisning --uppfoljning`).

The expected figures are written by hand from the example files: the participants
from scenarios/exempel-uppfoljning-2022.toml, the budget from
exempel-bokslut-2022.toml and the actual from exempel-bokslut-2022.se (accounts
of the lines projects.jobbvagen and projects.halsosteget).
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from click.testing import CliRunner

from finsam_budget.annual_report import sentences as say
from finsam_budget.cli import main
from tests.test_arsredovisning import _docx_tables, plain

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
SIE = SCENARIOS / "exempel-bokslut-2022.se"
SCENARIO = SCENARIOS / "exempel-bokslut-2022.toml"
FOLLOWUP = SCENARIOS / "exempel-uppfoljning-2022.toml"
HEADING = "Bilaga: Insatser – pengar och deltagare"
#: sha256 of `arsredovisning exempel-bokslut-2022.se --scenario exempel-bokslut-2022.toml` as written before
#: the appendix existed (commit b0c61ab). A deliberate change to the document changes it; review, then update.
BEFORE_APPENDIX = "e793f52390a0dd9f6e11a20f506aaf0b864a5a8b4c43ff793c36eebe3a04c273"


def _run(*args: str):
    return CliRunner().invoke(main, ["arsredovisning", str(SIE), "--scenario", str(SCENARIO), *args])


def _text(path: Path) -> list[str]:
    import docx

    return [plain(p.text) for p in docx.Document(str(path)).paragraphs]


def test_without_uppfoljning_the_document_is_unchanged(tmp_path):
    """The same bytes as before the appendix existed, and as a document composed without any follow-up."""
    import hashlib

    from finsam_budget.annual_report import compose_annual_report
    from finsam_budget.drift import compute_drift
    from finsam_budget.drift.sie_actuals import actuals_from_sie
    from finsam_budget.plan.engine import compute_plan
    from finsam_budget.readers.scenario import load_scenario
    from finsam_budget.readers.sie.reader import read_sie
    from finsam_budget.statements import compute_statements
    from finsam_budget.writers.arsredovisning_docx import write_annual_report_docx

    assert _run("-o", str(tmp_path / "cli.docx")).exit_code == 0
    sie = read_sie(SIE)
    plan = compute_plan(load_scenario(SCENARIO))
    statements = compute_statements(sie, plan=plan)
    report = compute_drift(plan, actuals_from_sie(sie, plan.scenario, 2022),
                           previous=actuals_from_sie(sie, plan.scenario, 2021))
    document = compose_annual_report(statements, report, plan.scenario, organisation_number=sie.orgnr)
    write_annual_report_docx(document, tmp_path / "lib.docx")
    assert hashlib.sha256((tmp_path / "cli.docx").read_bytes()).hexdigest() == BEFORE_APPENDIX
    assert (tmp_path / "cli.docx").read_bytes() == (tmp_path / "lib.docx").read_bytes()
    assert [s.heading for s in document.sections if s.level == 1][-1] == "8 Styrelsens underskrift"


def test_appendix_has_every_insats_and_its_figures(tmp_path):
    target = tmp_path / "ar.docx"
    result = _run("-o", str(target), "--uppfoljning", str(FOLLOWUP))
    assert result.exit_code == 1, result.output  # the example follow-up file has errors, as `uppfoljning` says
    assert "Uppföljningsfilen: 6 fel, 3 varningar, 4 info" in result.output
    text = _text(target)
    headings = [t for t in text if t[:2] in ("7 ", "8 ", "9 ") or t.startswith("8.")]
    assert headings[-5:] == [
        f"8 {HEADING}", "8.1 JobbVägen", "8.2 Hälsosteget", "8.3 Kontroll av uppgifterna", "9 Styrelsens underskrift",
    ]
    assert (
        "JobbVägen hade 72 deltagare 2022; 30 avslutades, 9 av dem till arbete eller studier (30 %, målet minst "
        "20 % är uppfyllt). Kostnaden per deltagare var 16 111 kr och per avslut till arbete eller studier "
        "128 889 kr. Målet högst 25 % åter till remittent är uppfyllt (16,7 %)."
    ) in text
    assert (
        "Hälsosteget hade 44 deltagare 2022; 19 avslutades, 3 av dem till arbete eller studier (15,8 %, målet "
        "minst 20 % är inte uppfyllt). Kostnaden per deltagare var 14 545 kr och per avslut till arbete eller "
        "studier 213 333 kr."
    ) in text

    tables = {caption: [[plain(c) for c in row] for row in grid] for caption, grid in _docx_tables(target).items()}
    assert tables["JobbVägen 2022: deltagare"] == [
        ["Antal", "2022"],
        ["Aktiva vid årets början", "38"], ["Nya deltagare", "34"], ["Deltagare under året", "72"],
        ["Avslutade", "30"], ["Aktiva vid årets slut", "42"],
    ]
    exits = {row[0]: row[1:] for row in tables["JobbVägen 2022: avslut och mål"]}
    assert exits["Antal"] == ["2022", "Andel av avslutade"]
    assert exits["Arbete eller studier"] == ["9", "30,0 %"]
    assert exits["Fortsatt rehabilitering"] == ["10", "33,3 %"]
    assert exits["Åter till remittent"] == ["5", "16,7 %"]
    assert exits["Summa avslut efter orsak"] == ["30", "100,0 %"]
    assert exits["Minst 20 % arbete eller studier: uppfyllt"] == ["9", "30,0 %"]
    assert exits["Högst 25 % åter till remittent: uppfyllt"] == ["5", "16,7 %"]
    assert tables["JobbVägen 2022: kostnad"] == [
        ["Belopp i kronor", "Budget 2022", "Utfall 2022"],
        ["Insatsens kostnad (raden JobbVägen)", "1 200 000", "1 160 000"],
        ["Kostnad per deltagare (72 deltagare)", "16 667", "16 111"],
        ["Kostnad per avslut till arbete eller studier (9 avslut)", "133 333", "128 889"],
    ]
    health = {row[0]: row[1:] for row in tables["Hälsosteget 2022: avslut och mål"]}
    assert health["Arbete eller studier"] == ["3", "15,8 %"]
    assert health["Flytt"] == ["1", "5,3 %"]
    assert health["Minst 20 % arbete eller studier: inte uppfyllt"] == ["3", "15,8 %"]
    assert tables["Hälsosteget 2022: kostnad"][1:] == [
        ["Insatsens kostnad (raden Hälsosteget)", "700 000", "640 000"],
        ["Kostnad per deltagare (44 deltagare)", "15 909", "14 545"],
        ["Kostnad per avslut till arbete eller studier (3 avslut)", "233 333", "213 333"],
    ]
    assert tables["Hälsosteget 2022: deltagare"][3] == ["Deltagare under året", "44"]


def test_the_files_errors_and_warnings_are_listed_for_the_treasurer(tmp_path):
    target = tmp_path / "ar.docx"
    _run("-o", str(target), "--uppfoljning", str(FOLLOWUP))
    text = _text(target)
    start = len(text) - 1 - text[::-1].index("8.3 Kontroll av uppgifterna")  # the heading, not the contents' entry
    checks = text[start:text.index("9 Styrelsens underskrift", start)]
    items = [t for t in checks if t.startswith(("Fel: ", "Varning: "))]
    assert len(items) == 8  # 6 errors, 3 warnings less the goal not met (stated in 8.2 instead)
    assert items[0] == (
        "Fel: Hälsosteget 2022: aktiva vid början 20 + nya 25 = 45, men deltagare är publicerat 44 (differens -1)"
    )
    assert [t.split(":")[0] for t in items] == ["Fel"] * 6 + ["Varning"] * 2  # errors first
    assert not any("målet" in t for t in items)
    assert "Uppgifterna för 2022 hänger inte ihop på 2 ställen; se 8.3 Kontroll av uppgifterna." in text


def test_unreadable_followup_file_is_exit_2_before_anything_is_written(tmp_path):
    bad = tmp_path / "uppf.toml"
    bad.write_text('format = 1\nkind = "uppfoljning"\n', "utf-8")
    result = _run("-o", str(tmp_path / "ar.docx"), "--uppfoljning", str(bad))
    assert result.exit_code == 2
    assert "uppf.toml" in result.output
    assert not (tmp_path / "ar.docx").exists()


def test_insats_sentence_without_exits_to_work_or_money():
    words = plain(say.insats_sentence(say.InsatsYear(
        name="Steget", year=2023, participants=12, exits=4, to_work=0, work_share=D(0),
        work_goal=("minst 20 %", False), per_participant=None, per_work_exit=None,
    )))
    assert words == (
        "Steget hade 12 deltagare 2023; 4 avslutades, ingen av dem till arbete eller studier "
        "(0 %, målet minst 20 % är inte uppfyllt)."
    )


def test_budget_only_says_budgeted_cost():
    words = plain(say.insats_sentence(say.InsatsYear(
        name="Steget", year=2023, participants=40, exits=0, to_work=None, work_share=None,
        work_goal=None, per_participant=D(15000), per_work_exit=None, actual=False,
    )))
    assert words == "Steget hade 40 deltagare 2023; ingen avslutades. Den budgeterade kostnaden per deltagare var 15 000 kr."


def test_pdf_by_libreoffice_has_the_appendix(tmp_path, soffice):
    import pdfplumber

    target = tmp_path / "ar.docx"
    result = _run("-o", str(target), "--uppfoljning", str(FOLLOWUP), "--pdf")
    assert result.exit_code == 1, result.output
    with pdfplumber.open(str(tmp_path / "ar.pdf")) as document:
        text = " ".join(plain(" ".join(page.extract_text() or "" for page in document.pages)).split())
    appendix = text[text.rindex("8 " + HEADING):]  # the chapter, not the contents' entry
    for expected in ("8.1 JobbVägen", "8.2 Hälsosteget", "8.3 Kontroll av uppgifterna", "9 Styrelsens underskrift",
                     "Antal", "Belopp i kronor", "Andel av avslutade", "1 160 000", "16 111", "128 889",
                     "640 000", "14 545", "213 333", "33,3 %", "15,8 %"):
        assert expected in appendix, expected
