"""Damaged follow-up files (TOML and CSV) never crash `uppfoljning`: exit 0, 1 or 2 with Swedish words."""

from __future__ import annotations

import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_budget.cli import main
from tests.test_fuzz_readers import byte_edit, edit
from tests.test_uppfoljning_reader import CSV

TOML_TEXT = Path("scenarios/exempel-uppfoljning-2022.toml").read_bytes()


def run_uppfoljning(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "uppf" + suffix)
        path.write_bytes(data)
        target = Path(folder, "ut.xlsx")
        result = CliRunner().invoke(main, ["uppfoljning", str(path), "-o", str(target)])
        assert isinstance(result.exception, SystemExit) or result.exception is None, repr(result.exception)
        assert result.exit_code in (0, 1, 2)
        if result.exit_code == 2:
            assert "Fel" in result.output
        assert target.exists() == (result.exit_code in (0, 1))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(byte_edit, min_size=1, max_size=4))
def test_toml_followup_fuzz(edits):
    run_uppfoljning(edit(TOML_TEXT, edits), ".toml")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(byte_edit, min_size=1, max_size=4))
def test_csv_followup_fuzz(edits):
    run_uppfoljning(edit(CSV.encode("utf-8"), edits), ".csv")
