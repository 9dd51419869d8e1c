"""The whole path a new förbundschef takes (issue 12's "done when"), as one test:

init a 50/25/25 federation with four municipalities from a members' total as an
xlsx template, fill it in with openpyxl as a user would in Excel, check and plan
it, convert it to TOML (identical `check --json`), roll it forward a year and
check again. With ``FINSAM_TRANSCRIPT=FIL`` the terminal transcript is written there.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from finsam_budget.cli import main

INIT = [
    "init", "--forbund", "Samordningsförbundet Södra Vätterbygden", "--medlemmar", "50/25/25",
    "--region", "Region Jönköpings län", "--kommun", "Jönköping=141000", "--kommun", "Habo=11900",
    "--kommun", "Mullsjö=7200", "--kommun", "Vaggeryd=14000", "--budgetar", "2025", "--total", "6680000",
    "--xlsx", "-o", "svb-2025.xlsx",
]
#: What the förbundschef types into the template: line id → amounts 2024–2027 (a new project at the end).
COSTS = {
    "kansli": ("Kansli: förbundschef och administratör", [1800000, 1900000, 1900000, 1900000]),
    "revision": ("Revision", [55000, 60000, 60000, 60000]),
    "insatser": ("Strukturinriktade insatser", [550000, 600000, 600000, 600000]),
    "projekt1": ("Steg för steg", [3400000, 3500000, 3500000, 3300000]),
}
NEW_PROJECT = ("unga", "Unga vuxna i arbete", [695000, 800000, 800000, 800000])


class Session:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lines: list[str] = []
        self.runner = CliRunner()

    def run(self, *args: str, into: str | None = None) -> tuple[int, str]:
        """Run a command; with ``into`` its standard output goes to that file, as ``> FIL`` would."""
        cwd = os.getcwd()
        os.chdir(self.folder)
        try:
            result = self.runner.invoke(main, list(args), catch_exceptions=False)
        finally:
            os.chdir(cwd)
        self.lines.append("$ finsam-budget " + shlex.join(args) + (f" > {into}" if into else ""))
        if into:
            (self.folder / into).write_text(result.stdout, encoding="utf-8")
            self.lines.extend(result.stderr.rstrip("\n").splitlines())
        else:
            self.lines.extend(result.output.rstrip("\n").splitlines())
        self.lines.append(f"[slutkod {result.exit_code}]")
        self.lines.append("")
        return result.exit_code, result.stdout

    def note(self, *text: str) -> None:
        self.lines.extend(f"# {line}" for line in text)
        self.lines.append("")


def fill_template(path: Path) -> None:
    """What a user does in Excel: name the project, type the amounts, add a project, set equity."""
    wb = openpyxl.load_workbook(path)
    rader = wb["Rader"]
    header = [c.value for c in rader[1]]
    year_col = {year: header.index(year) + 1 for year in (2024, 2025, 2026, 2027)}
    rows = {rader.cell(r, 2).value: r for r in range(2, rader.max_row + 1) if rader.cell(r, 2).value}
    total_row = next(r for r in range(2, rader.max_row + 1) if rader.cell(r, 1).value == "Medlemsbidrag totalt")
    for year in (2026, 2027):
        rader.cell(total_row, year_col[year]).value = 6800000
    for line_id, (name, amounts) in COSTS.items():
        rader.cell(rows[line_id], 3).value = name
        for year, amount in zip(year_col, amounts):
            rader.cell(rows[line_id], year_col[year]).value = amount
    free = max(rows.values()) + 1
    line_id, name, amounts = NEW_PROJECT
    rader.cell(free, 1).value = "Projekt"
    rader.cell(free, 2).value = line_id
    rader.cell(free, 3).value = name
    for year, amount in zip(year_col, amounts):
        rader.cell(free, year_col[year]).value = amount
    equity = wb["Eget kapital"]
    eq_header = [c.value for c in equity[1]]
    equity.cell(2, eq_header.index(2024) + 1).value = 1800000
    for year, reserve in zip((2024, 2025, 2026, 2027), (900000, 700000, 600000, 600000)):
        equity.cell(3, eq_header.index(year) + 1).value = reserve
    wb.save(path)


def test_the_newcomer_path(tmp_path):
    session = Session(tmp_path)
    code, _ = session.run(*INIT)
    assert code == 0
    session.note("Förbundschefen fyller i mallen svb-2025.xlsx i Excel (här med openpyxl): kostnadsraderna",
                 "per år, projektets namn, ett nytt projekt på en tom rad, totalen 6 800 000 för 2026–2027,",
                 "ingående eget kapital 2024 och reserven.")
    fill_template(tmp_path / "svb-2025.xlsx")
    code, xlsx_check = session.run("check", "svb-2025.xlsx")
    assert code == 0 and "0 fel, 0 varningar" in xlsx_check
    code, out = session.run("plan", "svb-2025.xlsx", "-o", "svb-2025-plan.xlsx")
    assert code == 0 and (tmp_path / "svb-2025-plan.xlsx").exists()
    code, _ = session.run("convert", "svb-2025.xlsx", "svb-2025.toml")
    assert code == 0
    code, from_xlsx = session.run("check", "--json", "svb-2025.xlsx", into="xlsx.json")
    assert code == 0
    code, from_toml = session.run("check", "--json", "svb-2025.toml", into="toml.json")
    assert code == 0 and from_toml == from_xlsx and '"findings"' in from_toml
    session.lines += ["$ cmp xlsx.json toml.json && echo identiska", "identiska", ""]
    code, _ = session.run("init", "--from", "svb-2025.toml", "--uplift", "2", "-o", "svb-2026.toml")
    assert code == 0
    code, out = session.run("check", "svb-2026.toml")
    assert code == 0 and "Budgetplan 2026" in out
    text = (tmp_path / "svb-2026.toml").read_text(encoding="utf-8")
    assert "2025–2027 från svb-2025.toml; 2028 = 2027" in text
    target = os.environ.get("FINSAM_TRANSCRIPT")
    if target:
        Path(target).write_text("\n".join(session.lines) + "\n", encoding="utf-8")
