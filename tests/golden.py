"""Golden files: a normalised dump of every workbook kind and a transcript of every command.

The examples in ``scenarios/`` are run through the command line in a temporary folder;
each workbook is dumped to text (per sheet: every cell's value, formula, cached value
and number format, merged ranges, column widths, comments and the print setup) and
each command's terminal output is stored with its exit code. ``tests/test_golden.py``
compares them with ``tests/golden/``.

Regenerate after an intended change, then review the diff before committing:

    python -m tests.golden            # rewrites tests/golden/*.txt
    git diff tests/golden/
    python -m tests.golden_values HEAD  # lists every figure that changed: should be none
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


@dataclass(frozen=True)
class Case:
    """One command on the examples: its name, arguments, and the workbook it writes (if any)."""

    name: str
    args: tuple[str, ...]
    workbook: str | None = None


#: ``init`` of a 50/25/25 federation with two municipalities by population, from a members' total.
INIT = (
    "init", "--forbund", "Samordningsförbundet Exempel", "--medlemmar", "50/25/25", "--region", "Region Exempel",
    "--kommun", "Ankeby=20000", "--kommun", "Bstad=10000", "--budgetar", "2025", "--total", "4000000",
)

CASES: tuple[Case, ...] = (
    Case("check-gotland", ("check", "scenarios/gotland-2022.toml")),
    Case("check-gotland-json", ("check", "--json", "scenarios/gotland-2022.toml")),
    Case("check-likviditet", ("check", "scenarios/exempel-projekt-likviditet.toml")),
    Case("plan-gotland", ("plan", "scenarios/gotland-2022.toml", "-o", "out/plan-gotland.xlsx"), "out/plan-gotland.xlsx"),
    Case(
        "plan-likviditet",
        ("plan", "scenarios/exempel-projekt-likviditet.toml", "-o", "out/plan-likviditet.xlsx"),
        "out/plan-likviditet.xlsx",
    ),
    Case(
        "compare-gotland",
        (
            "compare",
            "scenarios/gotland-2022.toml",
            "scenarios/gotland-2022-utan-jobbsam.toml",
            "scenarios/gotland-2022-minskade-bidrag.toml",
            "-o",
            "out/compare.xlsx",
        ),
        "out/compare.xlsx",
    ),
    Case(
        "drift-gotland",
        (
            "drift",
            "scenarios/gotland-2022.toml",
            "--actuals",
            "scenarios/exempel-drift-2022.toml",
            "-o",
            "out/drift.xlsx",
        ),
        "out/drift.xlsx",
    ),
    Case(
        "drift-sie",
        (
            "drift",
            "scenarios/exempel-bokslut-2022.toml",
            "--actuals",
            "scenarios/exempel-bokslut-2022.se",
            "-o",
            "out/drift-sie.xlsx",
        ),
        "out/drift-sie.xlsx",
    ),
    Case(
        "statements",
        (
            "statements",
            "scenarios/exempel-bokslut-2022.se",
            "--scenario",
            "scenarios/exempel-bokslut-2022.toml",
            "-o",
            "out/statements.xlsx",
        ),
        "out/statements.xlsx",
    ),
    Case("overview", ("overview", "scenarios", "-o", "out/overview.xlsx"), "out/overview.xlsx"),
    Case(
        "drift-interim",
        (
            "drift",
            "scenarios/exempel-bokslut-2022.toml",
            "--actuals",
            "scenarios/exempel-bokslut-2022.se",
            "--previous",
            "scenarios/exempel-bokslut-2022.se",
            "--through",
            "2022-08",
            "-o",
            "out/drift-interim.xlsx",
        ),
        "out/drift-interim.xlsx",
    ),
    Case(
        "drift-projekt",
        (
            "drift",
            "scenarios/exempel-projekt-2022.toml",
            "--actuals",
            "scenarios/exempel-projekt-2022.se",
            "-o",
            "out/drift-projekt.xlsx",
        ),
        "out/drift-projekt.xlsx",
    ),
    Case(
        "uppfoljning-exempel",
        (
            "uppfoljning",
            "scenarios/exempel-uppfoljning-2022.toml",
            "--scenario",
            "scenarios/exempel-bokslut-2022.toml",
            "--actuals",
            "scenarios/exempel-bokslut-2022.se",
            "-o",
            "out/uppfoljning.xlsx",
        ),
        "out/uppfoljning.xlsx",
    ),
    Case("uppfoljning-exempel-json", ("uppfoljning", "--json", "scenarios/exempel-uppfoljning-2022.toml")),
    Case("init-toml", (*INIT, "-o", "out/init.toml"), "out/init.toml"),
    Case("init-xlsx", (*INIT, "--xlsx", "-o", "out/init.xlsx"), "out/init.xlsx"),
    Case(
        "init-from",
        ("init", "--from", "scenarios/gotland-2022.toml", "--uplift", "2", "-o", "out/gotland-2023.toml"),
        "out/gotland-2023.toml",
    ),
    Case(
        "convert",
        ("convert", "scenarios/exempel-projekt-likviditet.toml", "out/likviditet.xlsx"),
        "out/likviditet.xlsx",
    ),
)


def run_case(case: Case, folder: Path) -> tuple[str, str | None]:
    """Run one case in ``folder`` (a copy of ``scenarios/``): its transcript and workbook dump."""
    from click.testing import CliRunner

    from finsam_budget.cli import main
    from finsam_budget.cli import swedish as cli_swedish

    cli_swedish.install()
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        (folder / "out").mkdir(exist_ok=True)
        result = runner.invoke(main, list(case.args), catch_exceptions=False)
    finally:
        os.chdir(cwd)
    stderr = result.stderr if result.stderr_bytes is not None else ""
    transcript = (
        f"$ finsam-budget {' '.join(case.args)}\n"
        f"--- stdout\n{result.stdout}"
        f"--- stderr\n{stderr}"
        f"--- exit {result.exit_code}\n"
    )
    dump = None
    if case.workbook and case.workbook.endswith(".toml"):  # a scenario file that init wrote: its text
        dump = (folder / case.workbook).read_text(encoding="utf-8")
    elif case.workbook:
        dump = dump_workbook(folder / case.workbook)
    return transcript, dump


def _fmt(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return repr(int(value))
    return repr(value)


def dump_workbook(path: Path) -> str:
    """A stable text dump of a workbook: what a reviewer needs to see a layout change."""
    import openpyxl

    formulas = openpyxl.load_workbook(path, data_only=False)
    cached = openpyxl.load_workbook(path, data_only=True)
    out: list[str] = []
    props = formulas.properties
    out.append(f"workbook title={props.title!r}")
    for ws in formulas.worksheets:
        wc = cached[ws.title]
        out.append("")
        out.append(f"=== sheet {ws.title!r} state={ws.sheet_state}")
        ps = ws.page_setup
        out.append(
            f"print orientation={ps.orientation} paper={ps.paperSize} fitToWidth={ps.fitToWidth} "
            f"fitToHeight={ps.fitToHeight} fitToPage={ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None} "
            f"scale={ps.scale}"
        )
        out.append(f"print_title_rows={ws.print_title_rows!r} print_area={ws.print_area!r}")
        out.append(f"header={ws.oddHeader.center.text!r} footer={ws.oddFooter.center.text!r}")
        out.append(f"freeze={ws.freeze_panes!r}")
        breaks = [b.id for b in ws.row_breaks.brk]
        if breaks:
            out.append(f"row_breaks={breaks}")
        merged = sorted(str(r) for r in ws.merged_cells.ranges)
        if merged:
            out.append(f"merged={merged}")
        widths = {k: round(v.width, 2) for k, v in sorted(ws.column_dimensions.items()) if v.width}
        if widths:
            out.append(f"widths={widths}")
        validations = [f"{v.type}:{v.sqref}" for v in ws.data_validations.dataValidation]
        if validations:
            out.append(f"validations={validations}")
        for chart in getattr(ws, "_charts", []):
            out.append(f"chart {_chart_text(chart)}")
        rules = []
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                rules.append(f"{cf.sqref}: {rule.type} {rule.formula}")
        if rules:
            out.append(f"conditional={sorted(rules)}")
        heights = {r: d.height for r, d in sorted(ws.row_dimensions.items()) if d.height}
        if heights:
            out.append(f"heights={heights}")
        hidden = [r for r, d in sorted(ws.row_dimensions.items()) if d.hidden]
        if hidden:
            out.append(f"hidden_rows={hidden}")
        margins = ws.page_margins
        out.append(
            f"margins=({margins.left}, {margins.right}, {margins.top}, {margins.bottom}) "
            f"print_title_cols={ws.print_title_cols!r} gridlines={ws.print_options.gridLines} "
            f"centered={ws.print_options.horizontalCentered}"
        )
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                line = f"{c.coordinate}: "
                if c.data_type == "f":
                    line += f"={str(c.value).lstrip('=')} -> {_fmt(wc[c.coordinate].value)}"
                else:
                    line += _fmt(c.value)
                if c.number_format != "General":
                    line += f" [{c.number_format}]"
                if c.font is not None and c.font.b:
                    line += " bold"
                if c.alignment is not None and c.alignment.wrap_text:
                    line += " wrap"
                fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None
                if fill:
                    line += f" fill={fill}"
                if c.comment is not None:
                    line += f" comment={c.comment.text!r}"
                out.append(line)
    return "\n".join(out) + "\n"


def _chart_text(chart: object) -> str:
    """A chart's kind, title and every series' name, category and value references."""
    kind = type(chart).__name__
    series = []
    for s in getattr(chart, "series", []):
        name = s.tx.strRef.f if s.tx is not None and s.tx.strRef is not None else None
        cat = s.cat.numRef.f if s.cat is not None and s.cat.numRef is not None else (
            s.cat.strRef.f if s.cat is not None and s.cat.strRef is not None else None
        )
        val = s.val.numRef.f if s.val is not None and s.val.numRef is not None else None
        series.append((name, cat, val))
    return f"{kind} series={series}"


def produce() -> Iterator[tuple[str, str]]:
    """Every golden file name and its current content."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "work"
        shutil.copytree(ROOT / "scenarios", folder / "scenarios")
        for case in CASES:
            transcript, dump = run_case(case, folder)
            yield f"{case.name}.transcript.txt", transcript
            if dump is not None:
                yield f"{case.name}.workbook.txt", dump


def update() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name, content in produce():
        (GOLDEN / name).write_text(content, encoding="utf-8")
        print(f"skrev tests/golden/{name}")


if __name__ == "__main__":
    update()
    sys.exit(0)
