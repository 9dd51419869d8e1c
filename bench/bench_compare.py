"""`compare` and `overview` at the sizes the board and the national overview need, as whole processes.

Targets (issue 6):
* `compare` of 10 scenarios (5 years × 60 lines each), workbook included: ≤ 1 s wall;
* `overview` of 240 scenario files (80 federations × 3 scenarios, 5 years × 60 lines
  each) in one folder, workbook included: ≤ 5 s wall and ≤ 300 MB peak memory.

The scenarios are generated (deterministically) into a temporary folder. Peak
memory is the child process's maximum resident set size (``os.wait4``).
Usage: python bench/bench_compare.py [--runs N] [--keep FOLDER] [--no-workbook]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from timing import ROOT, tool

COMPARE_LIMIT_S = 1.0
OVERVIEW_LIMIT_S = 5.0
OVERVIEW_LIMIT_MB = 300.0
YEARS = [2024, 2025, 2026, 2027, 2028]
MEMBERS = [("fk", "Försäkringskassan", "1/2"), ("region", "Regionen", "1/4"),
           ("kommun_a", "Kommun A", "1/8"), ("kommun_b", "Kommun B", "1/8")]
# 60 lines: 4 member contributions, 2 other income, 12 admin, 14 development, 28 projects.
LINE_COUNTS = {"income": 2, "admin": 12, "development": 14, "projects": 28}
SCENARIO_KINDS = ("Budgetplan", "Projekt avslutas", "Minskade medlemsbidrag")


def scenario_text(seed: int, federation: str, title: str, kind: int, variant: int) -> str:
    """One full scenario file: 5 years, 60 lines, contributions split exactly by the shares.

    The scenarios of one federation share their amounts (same ``seed``); ``kind`` 1
    stops ``variant + 3`` projects after the second year, kind 2 cuts member
    contributions by ``variant + 4`` % from the third year (an ``[[adjust]]``).
    """
    rng = random.Random(seed)
    parts = [
        "format = 1",
        f'federation = "{federation}"',
        f'title = "{title}"',
        f"years = {YEARS}",
        f"budget_year = {YEARS[1]}",
        "",
    ]
    for member_id, name, share in MEMBERS:
        parts += [f"[members.{member_id}]", f'name = "{name}"', f'share = "{share}"', ""]
    total = rng.randrange(250, 5_000) * 8_000  # 2–40 MSEK, divisible by 8: exact shares
    for member_id, name, share in MEMBERS:
        numerator, denominator = map(int, share.split("/"))
        amount = total * numerator // denominator
        parts += [f"[income.{member_id}]", f'name = "{name}"', f'member = "{member_id}"',
                  "amounts = " + _amounts({y: amount for y in YEARS}), ""]
    budget = total * 0.9
    weights = {"income": 0.01, "admin": 0.25, "development": 0.15, "projects": 0.55}
    for section, count in LINE_COUNTS.items():
        for index in range(count):
            mean = budget * weights[section] / count
            amounts = {y: rng.randrange(int(mean * 0.6), int(mean * 1.4) + 2) for y in YEARS}
            if kind == 1 and section == "projects" and index < variant + 3:
                amounts = {y: (a if y < YEARS[2] else 0) for y, a in amounts.items()}
            parts += [f"[{section}.rad{index:02d}]", f'name = "{section.capitalize()} rad {index + 1}"',
                      "amounts = " + _amounts(amounts), ""]
    parts += ["[equity]", f"opening = {{ {YEARS[0]} = {total // 10} }}",
              "reserve = " + _amounts({y: total // 20 for y in YEARS}), 'carry = "reserve"', ""]
    if kind == 2:
        parts += ["[[adjust]]", 'target = "members"', f'percent = "-{variant + 4}"', f"from = {YEARS[2]}", ""]
    return "\n".join(parts)


def _amounts(amounts: dict[int, int]) -> str:
    return "{ " + ", ".join(f"{y} = {a}" for y, a in amounts.items()) + " }"


def generate(folder: Path, federations: int, per_federation: int, seed: int) -> list[Path]:
    paths = []
    for f in range(federations):
        federation = f"Samordningsförbundet Nr {f + 1:02d}"
        for index in range(per_federation):
            kind, variant = index % 3, index // 3
            title = SCENARIO_KINDS[kind] + (f" ({variant + 1})" if per_federation > 3 else "")
            path = folder / f"forbund-{f + 1:02d}-{index + 1:02d}.toml"
            path.write_text(scenario_text(seed * 1000 + f, federation, title, kind, variant), encoding="utf-8")
            paths.append(path)
    return paths


def run_measured(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of one run of ``command``."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} gav slutkod {process.returncode}:\n{errors.read().decode()}")
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return wall, usage.ru_maxrss / scale, process.returncode


def figures(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds and highest peak memory (MB) over ``runs`` runs, after a warm-up."""
    run_measured(command)  # warm-up: file cache, byte-code
    results = [run_measured(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def measure(name: str, command: list[str], runs: int, limit_s: float, limit_mb: float | None) -> bool:
    wall, peak = figures(command, runs)
    ok = wall <= limit_s and (limit_mb is None or peak <= limit_mb)
    memory = f", högsta minne {peak:.0f} MB" + (f" (gräns {limit_mb:.0f} MB)" if limit_mb else "")
    print(f"{name}: median {wall * 1000:.0f} ms av {runs} körningar (gräns {limit_s * 1000:.0f} ms){memory} "
          f"{'OK' if ok else 'FÖR LÅNGSAMT/STORT'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generera i denna mapp och behåll filerna")
    parser.add_argument("--no-workbook", action="store_true", help="mät utan att skriva arbetsböcker")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = args.keep or Path(temporary)
        compare_folder, overview_folder = root / "compare", root / "overview"
        compare_folder.mkdir(parents=True, exist_ok=True)
        overview_folder.mkdir(parents=True, exist_ok=True)
        compare_files = generate(compare_folder, 1, 10, seed=1)
        overview_files = generate(overview_folder, 80, 3, seed=2)
        print(f"genererade {len(compare_files)} scenarier för compare och {len(overview_files)} för overview "
              f"({len(YEARS)} år × 60 rader vardera) i {root}")
        compare_cmd = tool("compare", *map(str, compare_files))
        overview_cmd = tool("overview", str(overview_folder))
        if not args.no_workbook:
            compare_cmd += ["-o", str(root / "jamforelse.xlsx"), "--force"]
            overview_cmd += ["-o", str(root / "oversikt.xlsx"), "--force"]
        ok = measure("compare, 10 scenarier", compare_cmd, args.runs, COMPARE_LIMIT_S, None)
        ok &= measure("overview, 240 filer", overview_cmd, args.runs, OVERVIEW_LIMIT_S, OVERVIEW_LIMIT_MB)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
