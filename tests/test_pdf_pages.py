"""Every workbook kind on paper, through the real client: LibreOffice prints the examples to PDF.

One LibreOffice run prints every workbook of the golden cases (the Gotland plan, the
liquidity example, the three-scenario compare, both drift reports, the statements
and the overview); pdfplumber then reads the pages as a board member would see them:
A4, no character below 8 pt, each chart whole with its title and category labels
on one page, and no page that holds only total rows.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from tests.golden import CASES, ROOT, run_case
from tests.libreoffice import to_pdf

pdfplumber = pytest.importorskip("pdfplumber")

A4 = (595.3, 841.9)
SMALLEST_POINTS = 8.0
_FIGURE = re.compile(r"-?\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d\d)?|\b0\b")
_PAGE_FOOTER = re.compile(r"^Sida \d+ av \d+$")


@dataclass(frozen=True)
class Printed:
    """A workbook and the PDF LibreOffice printed of it."""

    name: str
    workbook: Path
    pdf: Path


@pytest.fixture(scope="module")
def printed(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    folder = tmp_path_factory.mktemp("pdf") / "work"
    shutil.copytree(ROOT / "scenarios", folder / "scenarios")
    books = {}
    for case in CASES:
        if case.name in kinds():
            run_case(case, folder)
            books[case.name] = folder / case.workbook
    pdfs = to_pdf(books.values(), folder / "pdf", soffice=soffice)
    return {name: Printed(name, book, pdf) for (name, book), pdf in zip(books.items(), pdfs)}


#: The commands whose workbooks are reports for the board (not a scenario written by init or convert).
REPORTS = ("plan", "drift", "compare", "overview", "statements", "uppfoljning")


def kinds() -> list[str]:
    return [case.name for case in CASES if case.workbook and case.args[0] in REPORTS]


@pytest.mark.parametrize("name", kinds())
def test_every_page_is_a4(printed, name):
    with pdfplumber.open(printed[name].pdf) as pdf:
        sizes = {tuple(sorted((round(p.width, 1), round(p.height, 1)))) for p in pdf.pages}
    assert sizes == {A4}, sizes


def points(char: dict) -> float:
    """A character's font size: pdfplumber's ``size`` is the glyph's extent along the line, which
    for rotated text (a vertical axis title) is its advance; the height across the line is the size."""
    return float(char["size"] if char["upright"] else char["width"])


@pytest.mark.parametrize("name", kinds())
def test_no_character_is_smaller_than_8_pt(printed, name):
    with pdfplumber.open(printed[name].pdf) as pdf:
        small = [
            (number, c["text"], round(points(c), 1))
            for number, page in enumerate(pdf.pages, start=1)
            for c in page.chars
            if points(c) < SMALLEST_POINTS - 0.05 and c["text"].strip()
        ]
    assert not small, f"{len(small)} tecken under 8 pt, t.ex. {small[:5]}"


# Each chart: the workbook that holds it, its title, and category labels printed under it.
CHARTS = {
    "plan-gotland": [
        ("Eget kapital mot tak", ["Budget 2021", "Prognos 2024"]),
        ("Kostnadernas fördelning per år", ["Budget 2021", "Prognos 2024"]),
    ],
    "plan-likviditet": [("Kassa vid månadens slut", ["2021-01", "2023-12"])],
    "compare-gotland": [
        ("Eget kapital som förs vidare, per scenario, mot taket", ["Budget 2021", "Prognos 2024"]),
        ("Utrymme för ny verksamhet per scenario", ["Budget 2021", "Prognos 2024"]),
    ],
    "overview": [("Eget kapital som förs vidare mot taket", ["Budgetplan 2022"])],
}


def chart_problems(pdf_path: Path, charts: list[tuple[str, list[str]]]) -> list[str]:
    """What is wrong with each chart's page: its labels are missing below its title (the chart is cut)."""
    problems = []
    with pdfplumber.open(pdf_path) as pdf:
        pages = list(pdf.pages)
        titles = [(title, labels) for title, labels in charts]
        for title, labels in titles:
            found = [(page, hit) for page in pages for hit in page.search(re.escape(title), regex=True)]
            if not found:
                problems.append(f"{title}: titeln finns inte")
                continue
            on_page = [(page, hit) for page, hit in found if hit["top"] >= 0 and hit["bottom"] <= page.height]
            if not on_page:
                problems.append(f"{title}: titeln står utanför sidan (diagrammet är delat mellan sidor)")
                continue
            page, hit = on_page[-1]  # the chart's (a table heading above may carry the same words)
            below = [t for other, _ in titles for t in page.search(re.escape(other), regex=True)
                     if t["top"] > hit["top"] + 1]
            # a cut chart is drawn on both pages and clipped to the body: the labels of its
            # lower part lie beneath the footer, outside what is printed
            footer = [t["top"] for t in page.search(r"Sida \d+ av \d+", regex=True)]
            bottom = min([t["top"] for t in below] + footer + [page.height])
            region = page.crop((0, hit["bottom"], page.width, bottom))
            # rotated labels (months) come out as a run of characters rather than as words
            text = (region.extract_text() or "") + "".join(c["text"] for c in region.chars)
            missing = [label for label in labels if label not in text]
            if missing:
                problems.append(f"{title}: {', '.join(missing)} står inte under titeln på samma sida")
    return problems


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_each_chart_title_and_its_category_labels_are_on_one_page(printed, name):
    assert chart_problems(printed[name].pdf, CHARTS[name]) == []


def total_labels(workbook: Path) -> set[str]:
    """Labels of the rows printed as totals: bold, with a figure that has a rule above it."""
    labels = set()
    for ws in openpyxl.load_workbook(workbook).worksheets:
        for row in ws.iter_rows():
            label = row[0].value
            if not isinstance(label, str) or not row[0].font.b:
                continue
            if any(c.border.top.style and isinstance(c.value, (int, float, str)) and c.column > 1 for c in row):
                labels.add(" ".join(label.split()))
    return labels


#: Rows that hold settings, not the statement: the drift report's marking thresholds.
SETTINGS = ("Markeringsgräns",)


@pytest.mark.parametrize("name", kinds())
def test_no_page_holds_only_total_rows(printed, name):
    totals = total_labels(printed[name].workbook)
    lonely = []
    with pdfplumber.open(printed[name].pdf) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            lines = [line.strip() for line in (page.extract_text() or "").splitlines()]
            figures = [
                line
                for line in lines[1:]
                # a table row has a figure per column; a note mentions one amount at most
                if len(_FIGURE.findall(line)) >= 2 and not _PAGE_FOOTER.match(line) and not line.startswith(SETTINGS)
            ]
            if figures and all(any(line.startswith(t) for t in totals) for line in figures):
                lonely.append(number)
    assert lonely == [], f"sidor med bara summarader: {lonely}"


@pytest.mark.parametrize("name", kinds())
def test_no_number_prints_as_hashes(printed, name):
    """A figure too wide for its column (a marked cell's " !" after öre) prints as ###."""
    with pdfplumber.open(printed[name].pdf) as pdf:
        hashes = [number for number, page in enumerate(pdf.pages, start=1) if "###" in (page.extract_text() or "")]
    assert hashes == [], f"sidor med ###: {hashes}"


def test_the_pdf_has_the_workbooks_title(printed):
    with pdfplumber.open(printed["plan-gotland"].pdf) as pdf:
        assert pdf.metadata.get("Title") == "Budgetplan 2022"
