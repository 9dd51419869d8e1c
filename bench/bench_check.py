"""`check` on the Gotland example as a whole process against `python -c "import tomllib, decimal"`.

Target (issue: core): median wall time at most 3× the baseline, measured in the same run.
Usage: python bench/bench_check.py [--runs N]
"""

from __future__ import annotations

import argparse
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
from timing import ratio_report, tool

LIMIT = 3.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    _, _, _, ok = ratio_report(
        "check gotland-2022",
        tool("check", "scenarios/gotland-2022.toml"),
        [sys.executable, "-c", "import tomllib, decimal"],
        LIMIT,
        args.runs,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
