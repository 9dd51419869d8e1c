"""`plan` on the Gotland example as a whole process against
`python -c "import xlsxwriter, click, babel.numbers"`.

Target (issue: plan workbook): median wall time at most 2× the baseline, measured in the same run.
Usage: python bench/bench_plan.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from timing import ratio_report, tool

LIMIT = 2.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, "gotland.xlsx")
        _, _, _, ok = ratio_report(
            "plan gotland-2022",
            tool("plan", "scenarios/gotland-2022.toml", "-o", target, "--force"),
            [sys.executable, "-c", "import xlsxwriter, click, babel.numbers"],
            LIMIT,
            args.runs,
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
