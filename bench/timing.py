"""Shared timing helpers for the bench scripts: median wall time of whole processes."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def compile_package() -> None:
    """Write the package's byte-code, as `pip install .` does.

    An editable install under PYTHONDONTWRITEBYTECODE=1 would otherwise compile
    every module from source on every run, which no installed tool does.
    """
    import compileall

    compileall.compile_dir(str(ROOT / "finsam_budget"), quiet=1)


compile_package()


def median_wall(command: list[str], runs: int = 15, cwd: Path = ROOT) -> float:
    """Median wall time in seconds of running ``command`` ``runs`` times (after one warm-up)."""
    subprocess.run(command, cwd=cwd, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def tool(*args: str) -> list[str]:
    """The finsam-budget command run as a whole process with this Python."""
    return [sys.executable, "-m", "finsam_budget", *args]


def ratio_report(
    name: str, ours: list[str], baseline: list[str], limit: float, runs: int
) -> tuple[float, float, float, bool]:
    """Time both commands interleaved in the same run; print and return (ours, base, ratio, ok).

    A run of the baseline, then one of ours, and so on: a machine that slows down or
    speeds up during the measurement weighs on both alike.
    """
    for command in (baseline, ours):  # warm-up
        subprocess.run(command, cwd=ROOT, capture_output=True)
    base_times: list[float] = []
    my_times: list[float] = []
    for _ in range(runs):
        for command, times in ((baseline, base_times), (ours, my_times)):
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, capture_output=True)
            times.append(time.perf_counter() - start)
    base, mine = statistics.median(base_times), statistics.median(my_times)
    ratio = mine / base
    ok = ratio <= limit
    print(f"{name}: median {mine * 1000:.0f} ms, baseline median {base * 1000:.0f} ms, "
          f"kvot {ratio:.2f} (gräns {limit:g}×) {'OK' if ok else 'FÖR LÅNGSAMT'}")
    return mine, base, ratio, ok
