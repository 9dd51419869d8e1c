"""Fuzzing the scenario reader and the commands on it: never a traceback, never half a file.

Valid files are mutated (deleted lines, wrong types, huge and negative numbers,
NaN and inf, duplicate tables, non-UTF-8 bytes, BOM, CRLF). The invariant: the
command ends with exit 0, 1 or 2 and a Swedish message, no output file exists
unless the run succeeded, and the input file is never modified.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_budget.cli import main
from finsam_budget.plan.engine import compute_plan
from finsam_budget.readers.scenario import read_scenario
from finsam_budget.rules import run_rules

GOTLAND = Path("scenarios/gotland-2022.toml").read_text(encoding="utf-8")
LINES = GOTLAND.splitlines()

NASTY_VALUES = [
    "1.5", "-1", "1e30", "99999999999999999999", '"nan"', '"inf"', '"-inf"', "nan", "inf", '"1.234"',
    "true", '"abc"', "[]", "{}", '{ 2022 = "x" }', "{ 1999 = 5 }", '"1/0"', '"0%"', '"150%"', "2022-01-01",
    '""', '"=HYPERLINK(\\"x\\")"', "-9223372036854775809", "{ 2022 = 1e3 }",
]

mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, len(LINES) - 1)),
    st.tuples(st.just("value"), st.integers(0, len(LINES) - 1), st.sampled_from(NASTY_VALUES)),
    st.tuples(st.just("duplicate"), st.integers(0, len(LINES) - 1)),
    st.tuples(st.just("bytes"), st.integers(0, len(GOTLAND)), st.binary(min_size=1, max_size=4)),
    st.tuples(st.just("truncate"), st.integers(0, len(GOTLAND))),
)


def mutate(mutations, bom: bool, crlf: bool) -> bytes:
    lines = list(LINES)
    raw_edits = []
    for m in mutations:
        kind = m[0]
        if kind == "delete" and lines:
            del lines[m[1] % len(lines)]
        elif kind == "value" and lines:
            index = m[1] % len(lines)
            if "=" in lines[index]:
                lines[index] = lines[index].split("=", 1)[0] + "= " + m[2]
        elif kind == "duplicate" and lines:
            index = m[1] % len(lines)
            lines.insert(index, lines[index])
        else:
            raw_edits.append(m)
    data = "\n".join(lines).encode("utf-8")
    for m in raw_edits:
        if m[0] == "bytes":
            at = m[1] % (len(data) + 1)
            data = data[:at] + m[2] + data[at:]
        elif m[0] == "truncate":
            data = data[: m[1]]
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    if bom:
        data = b"\xef\xbb\xbf" + data
    return data


@settings(max_examples=300, deadline=None)
@given(st.lists(mutation, min_size=1, max_size=4), st.booleans(), st.booleans())
def test_reader_and_engine_never_raise(mutations, bom, crlf):
    data = mutate(mutations, bom, crlf)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "s.toml")
        path.write_bytes(data)
        scenario, problems = read_scenario(path)
        if scenario is None:
            assert problems and all(p.message for p in problems)
        else:
            run_rules(compute_plan(scenario))
        assert path.read_bytes() == data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, min_size=1, max_size=3), st.booleans(), st.booleans())
def test_commands_end_cleanly_and_write_only_on_success(mutations, bom, crlf):
    data = mutate(mutations, bom, crlf)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "s.toml")
        path.write_bytes(data)
        target = Path(folder, "ut.xlsx")
        for args in (["check", str(path)], ["check", "--json", str(path)], ["plan", str(path), "-o", str(target)]):
            result = CliRunner().invoke(main, args)
            # click's runner reports sys.exit(0) as no exception at all
            assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
            assert result.exit_code in (0, 1, 2)
            if result.exit_code == 2:
                assert "Fel: " in result.output
        assert target.exists() == (result.exit_code in (0, 1))
        assert [p.name for p in Path(folder).iterdir() if p.name.endswith(".tmp")] == []
        assert path.read_bytes() == data
