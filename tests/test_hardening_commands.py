"""Hardening across the commands: same input → same bytes, hostile text in SIE files stays
text, output only where asked, and fuzzed SIE, mapping and rules files end cleanly."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_budget.cli import main
from tests.scenario_factory import BASE, write
from tests.test_fuzz_readers import byte_edit, edit
from tests.test_text_injection import assert_no_injected_formula

ROOT = Path(__file__).resolve().parents[1]
SCEN = ROOT / "scenarios"
SIE = SCEN / "exempel-bokslut-2022.se"
COMMANDS = {
    "plan": ["plan", str(SCEN / "gotland-2022.toml")],
    "drift": ["drift", str(SCEN / "gotland-2022.toml"), "--actuals", str(SCEN / "exempel-drift-2022.toml")],
    "statements": ["statements", str(SIE), "--scenario", str(SCEN / "exempel-bokslut-2022.toml")],
    "compare": ["compare", str(SCEN / "gotland-2022.toml"), str(SCEN / "gotland-2022-utan-jobbsam.toml")],
    "overview": ["overview", str(SCEN / "gotland-2022.toml"), str(SCEN / "exempel-bokslut-2022.toml")],
}


def invoke(args):
    return CliRunner().invoke(main, args)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_gives_byte_identical_output(command, tmp_path):
    outputs = []
    for name in ("a.xlsx", "b.xlsx"):
        result = invoke(COMMANDS[command] + ["-o", str(tmp_path / name)])
        assert result.exit_code in (0, 1), result.output
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


def test_hostile_names_in_sie_and_scenario_stay_text_in_the_statements(tmp_path):
    text = SIE.read_bytes().decode("cp437")
    text = text.replace('#KONTO 1930 "Bankkonto"', '#KONTO 1930 "=HYPERLINK(\\"http://x\\")"')
    text = text.replace('#FNAMN "', '#FNAMN "@titel', 1)
    sie = tmp_path / "fientlig.se"
    sie.write_bytes(text.encode("cp437"))
    scenario = (SCEN / "exempel-bokslut-2022.toml").read_text(encoding="utf-8")
    scenario = scenario.replace('name = "Försäkringskassan"\nmember', 'name = "-2+3"\nmember', 1)
    scenario_path = tmp_path / "fientlig.toml"
    scenario_path.write_text(scenario, encoding="utf-8")
    target = tmp_path / "bokslut.xlsx"
    result = invoke(["statements", str(sie), "--scenario", str(scenario_path), "-o", str(target)])
    assert result.exit_code in (0, 1), result.output
    assert assert_no_injected_formula(target) >= 1
    # Without a scenario the federation's name comes from the SIE file's #FNAMN.
    result = invoke(["statements", str(sie), "-o", str(tmp_path / "utan.xlsx")])
    assert result.exit_code in (0, 1), result.output
    assert assert_no_injected_formula(tmp_path / "utan.xlsx") >= 1


def test_a_scenario_cannot_choose_where_output_goes(tmp_path, monkeypatch):
    text = BASE.replace('title = "Budgetplan 2022"', 'title = "../../../tmp/utanför"').replace(
        'federation = "Samordningsförbundet Test"', 'federation = "/etc/passwd"')
    scenario = write(tmp_path, text, "s.toml")
    monkeypatch.chdir(tmp_path)
    before = {p for p in tmp_path.rglob("*")}
    assert invoke(["plan", str(scenario)]).exit_code == 0
    assert {p for p in tmp_path.rglob("*")} - before == {tmp_path / "workbooks", tmp_path / "workbooks" / "s.xlsx"}


def _ends_cleanly(args, target: Path, inputs: dict[Path, bytes]) -> None:
    result = invoke(args + ["-o", str(target)])
    assert isinstance(result.exception, SystemExit) or result.exception is None, repr(result.exception)
    assert result.exit_code in (0, 1, 2)
    if result.exit_code == 2:
        assert "Fel" in result.output
    assert target.exists() == (result.exit_code in (0, 1))
    for path, data in inputs.items():
        assert path.read_bytes() == data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(byte_edit, min_size=1, max_size=3))
def test_statements_on_fuzzed_sie_ends_cleanly(edits):
    data = edit(SIE.read_bytes(), edits)
    with tempfile.TemporaryDirectory() as folder:
        sie = Path(folder, "bok.se")
        sie.write_bytes(data)
        _ends_cleanly(["statements", str(sie)], Path(folder, "ut.xlsx"), {sie: data})


MAPPING = (SCEN / "mappning-kommunbas.toml").read_bytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(byte_edit, min_size=1, max_size=3))
def test_statements_with_a_fuzzed_mapping_ends_cleanly(edits):
    data = edit(MAPPING, edits)
    with tempfile.TemporaryDirectory() as folder:
        mapping = Path(folder, "m.toml")
        mapping.write_bytes(data)
        _ends_cleanly(["statements", str(SIE), "--mapping", str(mapping)], Path(folder, "ut.xlsx"), {mapping: data})


RULES = b'format = 1\nkind = "rules"\n\n[[equity_cap]]\nup_to = 3000000\nshare = "25%"\n\n[[equity_cap]]\nshare = "20%"\n'


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(byte_edit, min_size=1, max_size=3))
def test_plan_with_a_fuzzed_rules_file_ends_cleanly(edits):
    data = edit(RULES, edits)
    with tempfile.TemporaryDirectory() as folder:
        rules = Path(folder, "regler.toml")
        rules.write_bytes(data)
        result = invoke(["check", "--rules", str(rules), str(SCEN / "gotland-2022.toml")])
        assert isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code in (0, 1, 2)
        assert rules.read_bytes() == data
