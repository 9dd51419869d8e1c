"""Every performance figure the issues ask for, in one table: figure, target, measured, pass/fail.

Runs the same measurements as the separate bench scripts (check, plan, SIE
reading, compare, overview, hostile and large inputs at two sizes) and exits 1
if any target is missed.
Usage: python bench/summary.py [--runs N] [--sie-lines N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
import bench_check
import bench_compare
import bench_hostile
import bench_plan
import bench_sie
from timing import median_wall, tool

SIE_LINES_PER_SECOND = 300_000


def measurements(runs: int, sie_lines: int) -> list[tuple[str, str, str, bool]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)

        base = median_wall([sys.executable, "-c", "import tomllib, decimal"], runs)
        ours = median_wall(tool("check", "scenarios/gotland-2022.toml"), runs)
        rows.append((
            "check gotland-2022, median mot python -c \"import tomllib, decimal\"",
            f"≤ {bench_check.LIMIT:g}×",
            f"{ours * 1000:.0f} ms / {base * 1000:.0f} ms = {ours / base:.2f}×",
            ours / base <= bench_check.LIMIT,
        ))

        base = median_wall([sys.executable, "-c", "import xlsxwriter, click, babel.numbers"], runs)
        target = str(root / "gotland.xlsx")
        ours = median_wall(tool("plan", "scenarios/gotland-2022.toml", "-o", target, "--force"), runs)
        rows.append((
            "plan gotland-2022, median mot python -c \"import xlsxwriter, click, babel.numbers\"",
            f"≤ {bench_plan.LIMIT:g}×",
            f"{ours * 1000:.0f} ms / {base * 1000:.0f} ms = {ours / base:.2f}×",
            ours / base <= bench_plan.LIMIT,
        ))

        small = bench_sie.run(max(sie_lines // 5, 4), root)
        large = bench_sie.run(sie_lines, root)
        speed = large["transactions"] / large["seconds"]
        rows.append((
            f"SIE-läsning, {sie_lines} #TRANS-rader",
            f"≥ {SIE_LINES_PER_SECOND:,} rader/s".replace(",", " "),
            f"{speed:,.0f} rader/s".replace(",", " "),
            speed >= SIE_LINES_PER_SECOND,
        ))
        growth = (large["peak_kb"] - small["peak_kb"]) / 1024
        rows.append((
            f"SIE-läsning, toppminne {sie_lines // 5} → {sie_lines} rader",
            "växer inte med antalet verifikationer (< 5 MB)",
            f"{small['peak_kb'] / 1024:.0f} → {large['peak_kb'] / 1024:.0f} MB ({growth:+.1f} MB)",
            growth < 5,
        ))

        compare_folder, overview_folder = root / "compare", root / "overview"
        compare_folder.mkdir()
        overview_folder.mkdir()
        compare_files = bench_compare.generate(compare_folder, 1, 10, seed=1)
        bench_compare.generate(overview_folder, 80, 3, seed=2)
        wall, _ = bench_compare.figures(
            tool("compare", *map(str, compare_files), "-o", str(root / "jamforelse.xlsx"), "--force"), runs)
        rows.append((
            "compare, 10 scenarier (5 år × 60 rader), med arbetsbok",
            f"≤ {bench_compare.COMPARE_LIMIT_S:g} s",
            f"{wall:.2f} s",
            wall <= bench_compare.COMPARE_LIMIT_S,
        ))
        wall, peak = bench_compare.figures(
            tool("overview", str(overview_folder), "-o", str(root / "oversikt.xlsx"), "--force"), max(runs // 3, 1))
        rows.append((
            "overview, 240 scenariofiler, med arbetsbok: tid",
            f"≤ {bench_compare.OVERVIEW_LIMIT_S:g} s",
            f"{wall:.2f} s",
            wall <= bench_compare.OVERVIEW_LIMIT_S,
        ))
        rows.append((
            "overview, 240 scenariofiler, med arbetsbok: toppminne",
            f"≤ {bench_compare.OVERVIEW_LIMIT_MB:g} MB",
            f"{peak:.0f} MB",
            peak <= bench_compare.OVERVIEW_LIMIT_MB,
        ))
    for name, size, small, large in bench_hostile.measure(max(runs // 4, 1)):
        ratio = large / small
        limit = f", {2 * size} < {bench_hostile.SPACES_LIMIT:g} s" if name == bench_hostile.CASES[0][0] else ""
        rows.append((
            f"{name}, {size} → {2 * size}",
            f"≤ ×{bench_hostile.GROWTH:g} per fördubbling{limit}",
            f"{small:.2f} s → {large:.2f} s (×{ratio:.2f})",
            ratio <= bench_hostile.GROWTH and bench_hostile.make_limit_ok(name, large),
        ))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--sie-lines", type=int, default=1_000_000)
    args = parser.parse_args()
    rows = measurements(args.runs, args.sie_lines)
    headings = ("mått", "mål", "uppmätt", "")
    table = [(name, target, measured, "OK" if ok else "MISSAT") for name, target, measured, ok in rows]
    widths = [max(len(h), *(len(r[i]) for r in table)) for i, h in enumerate(headings)]
    print()
    print("  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
