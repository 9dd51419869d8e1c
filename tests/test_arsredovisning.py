"""The årsredovisning draft: sentences, every statements figure in its table, the command, the PDF."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from click.testing import CliRunner

from finsam_budget.annual_report import sentences as say
from finsam_budget.cli import main

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
SIE = SCENARIOS / "exempel-sjobygden-2022.se"
SCENARIO = SCENARIOS / "exempel-sjobygden-2022.toml"
DETAILS = SCENARIOS / "exempel-sjobygden-2022-arsredovisning.toml"
NBSP = "\u00a0"


def plain(text: str) -> str:
    return text.replace(NBSP, " ").replace("\u2212", "-")


# --- Sentences, expected text written by hand ----------------------------------------


def test_balanskrav_surplus():
    words = plain(" ".join(say.balanskrav_sentences(2022, D("171953"), D(0), D("171953"))))
    assert words == (
        "Årets resultat är 171 953 kr. Förbundet har inga realisationsvinster att räkna av, så "
        "balanskravsresultatet är också 171 953 kr. Balanskravet enligt kommunallagen (2017:725) "
        "11 kap. 5 § är uppfyllt: intäkterna överstiger kostnaderna."
    )


def test_balanskrav_deficit_says_how_it_is_restored():
    words = plain(" ".join(say.balanskrav_sentences(2022, D("-750000"), D(0), D("-750000"))))
    assert words == (
        "Årets resultat är -750 000 kr. Förbundet har inga realisationsvinster att räkna av, så "
        "balanskravsresultatet är också -750 000 kr. Balanskravet enligt kommunallagen (2017:725) "
        "11 kap. 5 § är inte uppfyllt. Enligt kommunallagen 11 kap. 12 § ska ett negativt "
        "balanskravsresultat regleras och det egna kapitalet återställas under de närmast följande tre "
        "åren, det vill säga senast 2025. Styrelsen kan besluta att inte återställa det om det finns "
        "synnerliga skäl (11 kap. 13 §), till exempel att underskottet var planerat för att använda eget "
        "kapital över den rekommenderade nivån."
    )


def test_balanskrav_with_realisation_gains():
    words = plain(say.balanskrav_sentences(2022, D("100000"), D("30000"), D("70000"))[0])
    assert words == (
        "Årets resultat är 100 000 kr. Efter avdrag för realisationsvinster på 30 000 kr är "
        "balanskravsresultatet 70 000 kr."
    )


def test_cap_equity_over_the_cap_says_the_consequence():
    words = plain(" ".join(say.cap_sentences(2022, D("1836000"), D("6680000"), D("0.2"), D("1336000"))))
    assert words == (
        "Eget kapital vid utgången av 2022 är 1 836 000 kr. Nationella rådets rekommendation sätter "
        "gränsen för ett rimligt eget kapital till 20 % av årets bidrag från medlemmarna (6 680 000 kr), "
        "det vill säga 1 336 000 kr. Det egna kapitalet ligger 500 000 kr över den nivån. Kapital över den "
        "rekommenderade nivån kan minska medlemmarnas, och därmed statens, tilldelning till förbundet "
        "kommande år; förbundet bör planera hur överskottet ska användas till insatser."
    )


def test_cap_equity_under_the_cap():
    words = plain(say.cap_sentences(2022, D("700000"), D("4000000"), D("0.2"), D("800000"))[-1])
    assert words == "Det egna kapitalet ligger 100 000 kr under den nivån, inom rekommendationen."


def test_result_and_budget_sentences():
    assert plain(say.result_sentence(2022, D("-750000"))) == "Förbundets resultat för 2022 är ett underskott på 750 000 kr."
    assert plain(say.budget_sentence(D("-750000"), D("-890000"))) == (
        "Budgeten räknade med ett resultat på -890 000 kr; utfallet blev 140 000 kr bättre än budgeterat."
    )


# --- The document --------------------------------------------------------------------


def _compose(details_path: Path | None = DETAILS):
    from finsam_budget.annual_report import compose_annual_report
    from finsam_budget.drift import compute_drift
    from finsam_budget.drift.sie_actuals import actuals_from_sie
    from finsam_budget.plan.engine import compute_plan
    from finsam_budget.readers.arsredovisning_file import read_report_details
    from finsam_budget.readers.scenario import load_scenario
    from finsam_budget.readers.sie.reader import read_sie
    from finsam_budget.statements import compute_statements

    sie = read_sie(SIE)
    plan = compute_plan(load_scenario(SCENARIO))
    statements = compute_statements(sie, plan=plan)
    report = compute_drift(
        plan,
        actuals_from_sie(sie, plan.scenario, 2022),
        previous=actuals_from_sie(sie, plan.scenario, 2021),
    )
    details = read_report_details(details_path) if details_path else None
    return statements, compose_annual_report(statements, report, plan.scenario, details, organisation_number=sie.orgnr)


def _docx_tables(path: Path) -> dict[str, list[list[str]]]:
    """Each table of the document under its caption (the paragraph just above it)."""
    import docx
    from docx.table import Table as DocxTable

    document = docx.Document(str(path))
    found: dict[str, list[list[str]]] = {}
    caption = ""
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t"))
            if text.strip():
                caption = text.strip()
        elif tag == "tbl":
            table = DocxTable(element, document)
            found.setdefault(caption, [[cell.text for cell in row.cells] for row in table.rows])
    return found


def test_every_statements_figure_is_in_its_table(tmp_path):
    from finsam_budget.writers.arsredovisning_docx import cell_text, table_has_ore, write_annual_report_docx

    statements, report = _compose()
    target = write_annual_report_docx(report, tmp_path / "ar.docx")
    tables = _docx_tables(target)
    blocks = {block.table.key: block for block in report.tables()}
    checked = 0
    for sheet in statements.sheets:
        for table in sheet.tables:
            block = blocks[table.key]
            grid = tables[block.shown_title]
            assert grid[0][0] == "Belopp i kronor"
            headings = grid[0]
            rows = {row[0]: row for row in grid[1:]}
            ore = table_has_ore(block)
            for row in table.rows:
                if row.kind == "check":
                    continue
                for column in table.columns:
                    amount = table.amount(row.key, column.key)
                    if amount is None:
                        continue
                    shown = rows[row.label][headings.index(column.heading)]
                    assert shown == cell_text(table, row.key, column.key, ore), (table.key, row.key, column.key)
                    assert D(plain(shown).replace(" ", "").replace(",", ".").rstrip("%")) or amount == 0
                    checked += 1
    assert checked > 150


def test_required_chapters_in_order_and_prompts_marked(tmp_path):
    _statements, report = _compose(None)
    headings = [s.heading for s in report.sections if s.level == 1]
    assert headings == [
        "1 Förvaltningsberättelse", "2 Driftsredovisning", "3 Resultaträkning", "4 Balansräkning",
        "5 Kassaflödesanalys", "6 Redovisningsprinciper", "7 Noter", "8 Styrelsens underskrift",
    ]
    titles = [s.title for s in report.sections]
    assert "Investeringsredovisning" in titles and "Balanskravsresultat" in titles
    prompts = [p.text for p in report.prompts()]
    assert any("händelser" in p for p in prompts) and any("anställda" in p for p in prompts)


def test_side_file_fills_the_prompts():
    _, report = _compose()
    texts = " ".join(b.text for s in report.sections for b in s.blocks if hasattr(b, "text"))
    assert "Anna Lindqvist, ordförande (Region Sjöland)" in texts
    assert "Målet är delvis uppfyllt." in texts
    assert "16 mars 2023" in texts
    assert not any("händelser" in p.text for p in report.prompts())


def test_the_largest_deviations_follow_the_thresholds():
    _, report = _compose()
    texts = [b.text for s in report.sections for b in s.blocks if getattr(b, "bullet", False)]
    deviations = [plain(t) for t in texts if "budgeterade" in t]
    assert deviations == [
        "Steg för steg: 1 680 000 kr mot budgeterade 1 500 000 kr, 180 000 kr (12 %) mer än budgeterat.",
        "Unga in: 1 021 000 kr mot budgeterade 1 200 000 kr, 179 000 kr (14,9 %) mindre än budgeterat.",
    ]


# --- The command ---------------------------------------------------------------------


def _run(*args: str):
    return CliRunner().invoke(main, ["arsredovisning", str(SIE), "--scenario", str(SCENARIO), *args])


def test_command_writes_the_same_bytes_twice(tmp_path):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    assert _run("-o", str(first), "--uppgifter", str(DETAILS)).exit_code == 0
    assert _run("-o", str(second), "--uppgifter", str(DETAILS)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    result = _run("-o", str(first))
    assert result.exit_code == 2 and "finns redan" in result.output


def test_pdf_without_libreoffice_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    from finsam_budget.writers import pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    target = tmp_path / "ar.docx"
    result = _run("-o", str(target), "--pdf")
    assert result.exit_code == 2
    assert "apt-get install --no-install-recommends libreoffice-writer-nogui" in result.output
    assert list(tmp_path.iterdir()) == []


def test_side_file_problems_are_located(tmp_path):
    bad = tmp_path / "uppgifter.toml"
    bad.write_text('format = 1\nkind = "arsredovisning"\nadopted = "16 mars"\n[[board]]\nname = "Anna"\n', "utf-8")
    result = _run("-o", str(tmp_path / "ar.docx"), "--uppgifter", str(bad))
    assert result.exit_code == 2
    assert "uppgifter.toml:3: adopted: väntade ett datum" in result.output
    assert "[board].0.role: saknas" in result.output


def test_pdf_by_libreoffice_has_the_headings_and_figures(tmp_path, soffice):
    import pdfplumber

    target = tmp_path / "ar.docx"
    result = _run("-o", str(target), "--uppgifter", str(DETAILS), "--pdf")
    assert result.exit_code == 0, result.output
    with pdfplumber.open(str(tmp_path / "ar.pdf")) as document:
        text = plain("\n".join(page.extract_text() or "" for page in document.pages))
    for heading in ("Förvaltningsberättelse", "Balanskravsresultat", "Driftsredovisning", "Investeringsredovisning",
                    "Resultaträkning", "Balansräkning", "Kassaflödesanalys", "Redovisningsprinciper", "Noter",
                    "Styrelsens underskrift", "Belopp i kronor"):
        assert heading in text
    for figure in ("6 680 000", "-750 000", "1 836 000", "1 336 000", "2 331 000", "7 551 200", "222111-0000"):
        assert figure in text
