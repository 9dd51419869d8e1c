"""Every workbook kind and every command's terminal output on the examples equals its golden file.

The commands run once per test session (a fixture), not at collection time, so that a
crash is one failing test and ``--collect-only`` writes nothing. A failure shows the
first differing lines. After an intended change, regenerate with ``python -m tests.golden``
and review ``git diff tests/golden/`` before committing.
"""

from __future__ import annotations

import difflib

import pytest

from tests.golden import CASES, GOLDEN, produce

NAMES = sorted(
    [f"{case.name}.transcript.txt" for case in CASES] + [f"{case.name}.workbook.txt" for case in CASES if case.workbook]
)


@pytest.fixture(scope="module")
def produced() -> dict[str, str]:
    return dict(produce())


@pytest.mark.parametrize("name", NAMES)
def test_output_equals_golden_file(produced, name):
    stored = GOLDEN / name
    assert stored.exists(), f"tests/golden/{name} saknas: kör python -m tests.golden"
    expected = stored.read_text(encoding="utf-8")
    actual = produced[name]
    if actual != expected:
        diff = "".join(
            list(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "now"))[:80]
        )
        pytest.fail(f"{name} skiljer sig från golden-filen:\n{diff}")


def test_every_golden_file_is_produced():
    assert sorted(p.name for p in GOLDEN.glob("*.txt") if p.name not in NAMES) == []
