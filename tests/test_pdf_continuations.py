"""A section longer than a page, on paper: each page it goes on to starts with its heading, "(forts.)".

A federation with 60 projects (the Gotland plan with 60 more) is written as a plan, a
drift report and a comparison with the published plan; LibreOffice prints them to
PDF and recalculates them. On every page that holds project rows, the projects'
heading stands above the first of them (the section's own heading, or the heading
again with "(forts.)"), every character is 8 pt or more, and every formula's cached
value equals LibreOffice's, so the inserted heading rows moved no reference.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_budget.cli import main
from finsam_budget.writers.print_layout import CONTINUED
from tests.libreoffice import assert_formulas_match, recalculate, to_pdf

pdfplumber = pytest.importorskip("pdfplumber")

ROOT = Path(__file__).resolve().parents[1]
PROJECTS = 60
_PROJECT_LINE = re.compile(r"^Projekt nummer (\d+) ")


def _long_scenario(folder: Path, projects: int = PROJECTS) -> Path:
    """The Gotland plan with more projects, every seventh with a note, its published totals left out."""
    text = (ROOT / "scenarios" / "gotland-2022.toml").read_text(encoding="utf-8")
    text = text[: text.index("[stated]")]
    for n in range(1, projects + 1):
        text += (
            f'\n[projects.p{n:02d}]\nname = "Projekt nummer {n} med ett ganska långt namn för insatsen"\n'
            f"amounts = {{ 2021 = {1000 * n}, 2022 = {1100 * n}, 2023 = {1200 * n}, 2024 = {1300 * n} }}\n"
        )
        if n % 7 == 0:
            text += 'note = "Beviljat till och med 2024, förlängning prövas"\n'
    path = folder / f"projekt-{projects}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _long_actuals(folder: Path, projects: int = PROJECTS) -> Path:
    text = (ROOT / "scenarios" / "exempel-drift-2022.toml").read_text(encoding="utf-8")
    anchor = '"projects.halsobalans" = 63900\n'
    extra = "".join(f'"projects.p{n:02d}" = {1050 * n}\n' for n in range(1, projects + 1))
    path = folder / f"utfall-{projects}.toml"
    path.write_text(text.replace(anchor, anchor + extra), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def books(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, Path]]:
    """Each workbook kind of the long plan: (workbook, its PDF, LibreOffice's recalculated copy)."""
    folder = tmp_path_factory.mktemp("continued")
    scenario = _long_scenario(folder)
    runs = {
        "plan": ["plan", scenario, "-o", folder / "plan.xlsx"],
        "drift": ["drift", scenario, "--actuals", _long_actuals(folder), "-o", folder / "drift.xlsx"],
        "compare": ["compare", ROOT / "scenarios" / "gotland-2022.toml", scenario, "-o", folder / "compare.xlsx"],
    }
    written = {}
    for name, args in runs.items():
        result = CliRunner().invoke(main, [str(a) for a in args])
        assert "Skrev" in result.output, result.output
        written[name] = Path(str(args[-1]))
    pdfs = to_pdf(written.values(), folder / "pdf", soffice=soffice)
    again = recalculate(written.values(), folder / "recalculated", soffice=soffice)
    return {name: (book, pdf, re_) for (name, book), pdf, re_ in zip(written.items(), pdfs, again)}


def _pages(pdf_path: Path) -> list[list[str]]:
    with pdfplumber.open(pdf_path) as pdf:
        return [(page.extract_text() or "").splitlines() for page in pdf.pages]


#: The heading of the projects' section on each kind's sheet.
HEADINGS = {"plan": "KOSTNADER: PROJEKT", "drift": "PROJEKT", "compare": "KOSTNADER: PROJEKT"}


@pytest.mark.parametrize("name", sorted(HEADINGS))
def test_every_page_with_project_rows_names_their_section_above_them(books, name):
    heading = HEADINGS[name]
    pages = _pages(books[name][1])
    seen: list[int] = []
    continued = 0
    for number, lines in enumerate(pages, start=1):
        first = next((i for i, line in enumerate(lines) if _PROJECT_LINE.match(line)), None)
        if first is None:
            continue
        above = lines[:first]
        own = any(line.startswith(heading) and not line.endswith(CONTINUED) for line in above)
        again = heading + CONTINUED in above
        assert own or again, f"sidan {number}: projektraderna står utan rubrik ovanför: {above[-3:]}"
        continued += again
        seen += [int(m.group(1)) for line in lines if (m := _PROJECT_LINE.match(line))]
    assert continued >= 2  # the section runs over three pages or more
    # every project is printed, and on one page only (a compare has a plan sheet per scenario)
    assert sorted(set(seen)) == list(range(1, PROJECTS + 1))
    assert len(seen) == PROJECTS


@pytest.mark.parametrize("name", sorted(HEADINGS))
def test_no_character_is_smaller_than_8_pt_and_every_page_is_a4(books, name):
    with pdfplumber.open(books[name][1]) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            assert sorted((round(page.width), round(page.height))) == [595, 842], number
            small = [c["text"] for c in page.chars if c["upright"] and c["size"] < 7.95]
            assert not small, f"sidan {number}: {''.join(small)[:40]}"


@pytest.mark.parametrize("name", sorted(HEADINGS))
def test_every_cached_value_equals_libreoffices_after_the_headings_are_put_in(books, name):
    workbook, _, recalculated = books[name]
    assert assert_formulas_match(workbook, recalculated) > 0


def test_a_repeated_heading_always_has_rows_of_its_section_under_it(soffice, tmp_path):
    """Whatever the number of projects, the totals never stand alone under the projects' repeated heading."""
    books = []
    for projects in [*range(14, 20), *range(30, 52, 3)]:
        scenario = _long_scenario(tmp_path, projects)
        plan = tmp_path / f"plan-{projects}.xlsx"
        drift = tmp_path / f"drift-{projects}.xlsx"
        assert "Skrev" in CliRunner().invoke(main, ["plan", str(scenario), "-o", str(plan)]).output
        actuals = _long_actuals(tmp_path, projects)
        result = CliRunner().invoke(main, ["drift", str(scenario), "--actuals", str(actuals), "-o", str(drift)])
        assert "Skrev" in result.output, result.output
        books += [("plan", plan), ("drift", drift)]
    pdfs = to_pdf([book for _, book in books], tmp_path / "pdf", soffice=soffice)
    for (kind, book), pdf in zip(books, pdfs):
        for number, lines in enumerate(_pages(pdf), start=1):
            if HEADINGS[kind] + CONTINUED in lines:
                assert any(_PROJECT_LINE.match(line) for line in lines), f"{book.name} sidan {number}: {lines[:8]}"


_GRANTED_LINE = re.compile(r"^Beviljat projekt (\d+)\b")


def _granted_scenario(folder: Path, projects: int) -> Path:
    """The liquidity example with more granted projects: each has a "beviljat" row under it."""
    text = (ROOT / "scenarios" / "exempel-projekt-likviditet.toml").read_text(encoding="utf-8")
    cut = text.index("# ---------------------------------------------------------------- Likviditet")
    extra = "".join(
        f'\n[projects.b{n:02d}]\nname = "Beviljat projekt {n}"\n'
        f"granted = {{ 2022 = {10000 * n}, 2023 = {10000 * n} }}\nbudget_factor = \"0.9\"\n"
        for n in range(1, projects + 1)
    )
    path = folder / f"beviljat-{projects}.toml"
    path.write_text(text[:cut] + extra + "\n" + text[cut:], encoding="utf-8")
    return path


def _income_scenario(folder: Path, lines: int) -> tuple[Path, Path]:
    """The Gotland plan and its actuals with more income lines of no member (grants, sales)."""
    text = (ROOT / "scenarios" / "gotland-2022.toml").read_text(encoding="utf-8")
    text = text[: text.index("[stated]")]
    anchor = "# ---------------------------------------------------------------- Eget kapital"
    extra = "".join(
        f'[income.bidrag{n:02d}]\nname = "Övrigt bidrag {n}"\n'
        f"amounts = {{ 2021 = {1000 * n}, 2022 = {1000 * n}, 2023 = 0, 2024 = 0 }}\n\n"
        for n in range(1, lines + 1)
    )
    scenario = folder / f"intakter-{lines}.toml"
    scenario.write_text(text.replace(anchor, extra + anchor), encoding="utf-8")
    actuals_text = (ROOT / "scenarios" / "exempel-drift-2022.toml").read_text(encoding="utf-8")
    given = "".join(f'"income.bidrag{n:02d}" = {1000 * n}\n' for n in range(1, lines + 1))
    anchor = '"income.region" = 2162000\n'
    actuals = folder / f"intakter-utfall-{lines}.toml"
    actuals.write_text(actuals_text.replace(anchor, anchor + given), encoding="utf-8")
    return scenario, actuals


def test_a_projects_granted_row_prints_on_the_page_of_its_project(soffice, tmp_path):
    books = []
    for projects in range(20, 44, 4):
        book = tmp_path / f"beviljat-{projects}.xlsx"
        result = CliRunner().invoke(main, ["plan", str(_granted_scenario(tmp_path, projects)), "-o", str(book)])
        assert "Skrev" in result.output, result.output
        books.append(book)
    for book, pdf in zip(books, to_pdf(books, tmp_path / "pdf", soffice=soffice)):
        for number, lines in enumerate(_pages(pdf), start=1):
            budget = [int(m.group(1)) for line in lines if (m := _GRANTED_LINE.match(line)) and ": beviljat" not in line]
            granted = [int(m.group(1)) for line in lines if (m := _GRANTED_LINE.match(line)) and ": beviljat" in line]
            # every "beviljat" row stands on the page of its project's budget row
            assert set(granted) <= set(budget), f"{book.name} sidan {number}: {sorted(set(granted) - set(budget))}"
            if HEADINGS["plan"] + CONTINUED in lines:
                assert budget, f"{book.name} sidan {number}: {lines[:8]}"


def test_a_long_income_section_goes_on_under_its_heading(soffice, tmp_path):
    """Income lines after the members' sum belong to the section too (it has two sums)."""
    books = []
    for count in (30, 40, 50):
        scenario, actuals = _income_scenario(tmp_path, count)
        book = tmp_path / f"drift-intakter-{count}.xlsx"
        result = CliRunner().invoke(main, ["drift", str(scenario), "--actuals", str(actuals), "-o", str(book)])
        assert "Skrev" in result.output, result.output
        books.append(book)
    line = re.compile(r"^Övrigt bidrag \d+ ")
    for book, pdf in zip(books, to_pdf(books, tmp_path / "pdf", soffice=soffice)):
        for number, lines in enumerate(_pages(pdf), start=1):
            first = next((i for i, text in enumerate(lines) if line.match(text)), None)
            if first is not None:
                assert any(text.startswith("INTÄKTER") for text in lines[:first]), (
                    f"{book.name} sidan {number}: {lines[:first][-3:]}"
                )
