"""Hostile and large inputs: time at two sizes, growing at most ×2.2 per doubling.

Each case runs the real command as a whole process (``python -m finsam_budget``)
on a generated file, at a size and at twice that size:

* a valid scenario whose multi-line string holds N spaces (``check``; 4 000 spaces
  must take under 0.5 s),
* a scenario with N bad amounts (``check``, every one a located error),
* a derived scenario (``extends``) adding N lines to its base (``check``),
* a mapping file with N lines (``statements --mapping``),
* a scenario with N lines with accounts (``statements --scenario``).

Usage: python bench/bench_hostile.py [--runs N]; exit 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))
from timing import ROOT, tool

sys.path.insert(0, str(ROOT))
from tests.scenario_factory import HEAD  # the small test federation the tests use

#: Largest allowed ratio of the time at 2N to the time at N.
GROWTH = 2.2
#: The 4 000-space scenario is checked in under this many seconds.
SPACES_LIMIT = 0.5
SIE = ROOT / "scenarios" / "exempel-bokslut-2022.se"

def spaces(folder: Path, n: int) -> list[str]:
    path = folder / f"spaces-{n}.toml"
    path.write_text(HEAD + f'\n[admin.kansli]\nname = "Kansli"\nnote = """{" " * n}"""\n'
                    "amounts = { 2021 = 1, 2022 = 1, 2023 = 1 }\n", encoding="utf-8")
    return ["check", str(path)]


def bad_amounts(folder: Path, n: int) -> list[str]:
    path = folder / f"bad-{n}.toml"
    lines = [f'[admin.a{i}]\nname = "A{i}"\namounts = {{ 2022 = "x{i}" }}\n' for i in range(n)]
    path.write_text(HEAD + "\n" + "\n".join(lines), encoding="utf-8")
    return ["check", str(path)]


def extends_merge(folder: Path, n: int) -> list[str]:
    base = folder / f"base-{n}.toml"
    base.write_text(HEAD + '\n[admin.kansli]\nname = "Kansli"\namounts = { 2022 = 1 }\n', encoding="utf-8")
    derived = folder / f"derived-{n}.toml"
    lines = [f'[projects.p{i}]\nname = "P{i}"\namounts = {{ 2021 = 1, 2022 = 1, 2023 = 1 }}\n' for i in range(n)]
    derived.write_text(f'extends = "{base.name}"\ntitle = "Utkast"\n\n' + "\n".join(lines), encoding="utf-8")
    return ["check", str(derived)]


def mapping(folder: Path, n: int) -> list[str]:
    path = folder / f"mapping-{n}.toml"
    lines = [
        f'[lines.k{i}]\nname = "K{i}"\ngroup = "costs"\naccounts = ["{40000 + i * 10}-{40000 + i * 10 + 9}"]\n'
        for i in range(n)
    ]
    fixed = (
        '[lines.bidrag]\nname = "Bidrag"\ngroup = "income"\naccounts = ["3"]\ncontributions = true\n'
        '[lines.kostnader]\nname = "Kostnader"\ngroup = "costs"\naccounts = ["4-8"]\n'
        '[lines.fin]\nname = "Fin"\ngroup = "financial_income"\naccounts = ["83"]\n'
        '[lines.anl]\nname = "Anl"\ngroup = "fixed_assets"\naccounts = ["10-13"]\n'
        '[lines.ford]\nname = "Ford"\ngroup = "receivables"\naccounts = ["14-18"]\n'
        '[lines.kassa]\nname = "Kassa"\ngroup = "cash"\naccounts = ["19"]\n'
        '[lines.ek]\nname = "EK"\ngroup = "equity"\naccounts = ["20-2098"]\n'
        '[lines.res]\nname = "Res"\ngroup = "closing"\naccounts = ["2099"]\n'
        '[lines.skuld]\nname = "Skuld"\ngroup = "short_term_liabilities"\naccounts = ["21-29"]\n'
    )
    path.write_text('format = 1\nkind = "mapping"\n\n' + fixed + "\n".join(lines), encoding="utf-8")
    return ["statements", str(SIE), "--mapping", str(path), "-o", str(folder / f"m-{n}.xlsx"), "--force"]


def scenario_accounts(folder: Path, n: int) -> list[str]:
    path = folder / f"accounts-{n}.toml"
    source = (ROOT / "scenarios" / "exempel-bokslut-2022.toml").read_text(encoding="utf-8")
    lines = [
        f'[development.d{i}]\nname = "D{i}"\namounts = {{ 2022 = 1 }}\naccounts = ["{600000 + i}"]\n'
        for i in range(n)
    ]
    path.write_text(source + "\n" + "\n".join(lines), encoding="utf-8")
    return ["statements", str(SIE), "--scenario", str(path), "-o", str(folder / f"s-{n}.xlsx"), "--force"]


#: name, generator, the smaller size
CASES: list[tuple[str, Callable[[Path, int], list[str]], int]] = [
    ("mellanslag i en flerradssträng (check)", spaces, 2_000),
    ("felaktiga belopp (check)", bad_amounts, 5_000),
    ("extends som lägger till rader (check)", extends_merge, 10_000),
    ("mappningsfil (statements --mapping)", mapping, 2_000),
    ("scenariorader med konton (statements --scenario)", scenario_accounts, 2_000),
]


def best_time(command: list[str], runs: int) -> float:
    """The median wall time of ``runs`` runs of the command (it may exit 1 or 2: bad input is the point)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1, 2) or b"internt fel" in done.stderr:
            raise SystemExit(f"{' '.join(command)}: slutkod {done.returncode}\n{done.stderr.decode()[-2000:]}")
    return statistics.median(times)


def measure(runs: int = 3) -> list[tuple[str, int, float, float]]:
    """(case, smaller size, seconds at it, seconds at twice it) for every case."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, make, size in CASES:
            small = best_time(tool(*make(root, size)), runs)
            large = best_time(tool(*make(root, 2 * size)), runs)
            rows.append((name, size, small, large))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    failed = False
    for name, size, small, large in measure(args.runs):
        ratio = large / small
        ok = ratio <= GROWTH and (make_limit_ok(name, large))
        failed |= not ok
        print(f"{name}: {size} → {small:.2f} s, {2 * size} → {large:.2f} s (×{ratio:.2f}) {'OK' if ok else 'MISSAT'}")
    return 1 if failed else 0


def make_limit_ok(name: str, large: float) -> bool:
    """The 4 000-space scenario must also be fast in absolute terms."""
    return large < SPACES_LIMIT if name == CASES[0][0] else True


if __name__ == "__main__":
    sys.exit(main())
