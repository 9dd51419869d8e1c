"""Compare the figures of the golden workbook dumps with those of a git revision.

A change of layout or formula text is allowed where it is meant; a change of a
figure is not. For every workbook dump in ``tests/golden/`` this prints, per sheet
(Kontroller aside: its layout is text), every cell whose value differs: the cached
value of a formula, or an input figure. Labels and formats are not figures and
are listed apart, as is formula text that changed.

    python -m tests.golden_values main      # against the main branch
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
_CELL = re.compile(r"^([A-Z]+[0-9]+): (.*)$")
_FORMULA = re.compile(r"^=(.*) -> (.*?)( \[.*\])?( bold)?$")
_NUMBER = re.compile(r"^(-?[0-9][0-9.e+-]*)( \[.*\])?( bold)?$")


def cells(text: str) -> dict[str, dict[str, tuple[str, str, str]]]:
    """sheet → cell → (kind, figure or text, formula text)."""
    sheets: dict[str, dict[str, tuple[str, str, str]]] = {}
    current: dict[str, tuple[str, str, str]] = {}
    for line in text.splitlines():
        if line.startswith("=== sheet "):
            current = sheets.setdefault(line.split("'")[1], {})
            continue
        match = _CELL.match(line)
        if not match:
            continue
        address, rest = match.groups()
        formula = _FORMULA.match(rest)
        number = _NUMBER.match(rest)
        if formula:
            current[address] = ("figure", formula.group(2), formula.group(1))
        elif number:
            current[address] = ("figure", number.group(1), "")
        else:
            current[address] = ("text", rest, "")
    return sheets


def compare(before: str, after: str) -> tuple[list[str], list[str], list[str]]:
    """(figures that changed, texts or formats that changed, formulas rewritten)."""
    figures, texts, formulas = [], [], []
    old, new = cells(before), cells(after)
    for sheet in sorted(set(old) | set(new)):
        if sheet == "Kontroller":
            continue
        a, b = old.get(sheet, {}), new.get(sheet, {})
        for address in sorted(set(a) | set(b), key=lambda x: (int(re.sub(r"[A-Z]", "", x)), x)):
            x, y = a.get(address), b.get(address)
            if x == y:
                continue
            where = f"{sheet}!{address}"
            if (x and x[0] == "figure") or (y and y[0] == "figure"):
                if x is None or y is None or x[0] != y[0] or x[1] != y[1]:
                    figures.append(f"{where}: {x} -> {y}")
                elif x[2] != y[2]:
                    formulas.append(f"{where}: ={x[2]} -> ={y[2]}")
            else:
                texts.append(f"{where}: {x and x[1]} -> {y and y[1]}")
    return figures, texts, formulas


def main(revision: str) -> int:
    changed = 0
    for path in sorted(GOLDEN.glob("*.workbook.txt")):
        name = path.relative_to(ROOT).as_posix()
        before = subprocess.run(
            ["git", "show", f"{revision}:{name}"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        figures, texts, formulas = compare(before, path.read_text(encoding="utf-8"))
        print(f"{path.name}: {len(figures)} figures changed, {len(formulas)} formulas rewritten, {len(texts)} texts")
        for line in figures:
            print("  FIGURE  " + line)
        for line in texts:
            print("  text    " + line)
        for line in formulas:
            print("  formula " + line)
        changed += len(figures)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "HEAD"))
