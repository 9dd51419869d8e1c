"""Hostile input (issue 16): bounded time and memory, no silent substitutions, inputs never overwritten.

One test per item; the slow cases only have a generous deadline that catches a
hang (the speed itself is measured by ``bench/bench_hostile.py``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_budget.cli import main
from finsam_budget.cli.output import terminal_text
from finsam_budget.money import AmountError, parse_amount, parse_share
from finsam_budget.problems import InputError
from finsam_budget.readers.actuals import read_actuals
from finsam_budget.readers.mapping_file import load_mapping
from finsam_budget.readers.rules_file import load_rules
from finsam_budget.readers.scenario import read_scenario
from finsam_budget.readers.sie.encoding import detect_encoding
from finsam_budget.readers.sie.reader import read_sie
from finsam_budget.readers.source_file import LIMITS, NOT_REGULAR
from tests.scenario_factory import BASE, replace, write

ROOT = Path(__file__).resolve().parents[1]
SIE = ROOT / "scenarios" / "exempel-bokslut-2022.se"
HANG = 30  # seconds: only a hang fails


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail instead of hanging."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def timeout(signum: int, frame: object) -> None:
        raise TimeoutError(f"more than {HANG} s")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(HANG)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def errors(path: Path) -> list[str]:
    scenario, problems = read_scenario(path)
    assert scenario is None
    return [str(p) for p in problems]


# -- 1. no backtracking over long lines -------------------------------------------


def test_a_4000_space_multiline_string_is_checked_at_once(tmp_path, deadline):
    text = replace('name = "Kansli"', 'name = "Kansli"\nnote = """' + " " * 4000 + '"""')
    code, _ = run("check", write(tmp_path, text))
    assert code in (0, 1)


def test_a_bracket_and_4000_spaces_is_a_located_syntax_error(tmp_path, deadline):
    code, output = run("check", write(tmp_path, BASE + "\n[" + " " * 4000 + "\n"))
    assert code == 2 and "ogiltig TOML" in output


def test_a_rules_file_with_long_lines_is_read_at_once(tmp_path, deadline):
    path = tmp_path / "regler.toml"
    path.write_text('format = 1\nkind = "rules"\n[[equity_cap]]\nshare = "20%"' + " " * 3000 + "\n", encoding="utf-8")
    assert load_rules(path)[0].share == parse_share("20%")


# -- 2. exponent strings -----------------------------------------------------------


@pytest.mark.parametrize("text", ["1e-1000000", "1e-100000000", "1E2", "0.5e0", "1" * 16 + "/2", "1/" + "9" * 16])
def test_a_share_with_an_exponent_or_too_many_digits_is_refused_at_once(text, deadline):
    with pytest.raises(AmountError, match="ingen exponent"):
        parse_share(text)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('share = "1/2"\n\n[members.region]', 'share = "1e-1000000"\n\n[members.region]'),
        ('name = "JobbSam"', 'name = "JobbSam"\ngranted = { 2022 = 1000000 }\nbudget_factor = "1e-1000000"'),
    ],
)
def test_exponent_shares_in_a_scenario_are_located_errors(tmp_path, deadline, old, new):
    found = errors(write(tmp_path, replace(old, new)))
    assert any("1e-1000000" in p and ".toml:" in p for p in found), found


def test_an_exponent_cap_share_in_a_rules_file_is_a_located_error(tmp_path, deadline):
    path = tmp_path / "regler.toml"
    path.write_text('format = 1\nkind = "rules"\n[[equity_cap]]\nshare = "1e-100000000"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rules(path)
    assert caught.value.problems[0].line == 4


# -- 3. unbounded reads and blocking files ----------------------------------------


def _fifo(tmp_path: Path, name: str) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs named pipes")
    path = tmp_path / name
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("s.toml", lambda p: read_scenario(p)[1]),
        ("a.csv", read_actuals),
        ("a.xlsx", read_actuals),
        ("r.toml", load_rules),
        ("m.toml", load_mapping),
        ("b.se", read_sie),
    ],
)
def test_a_fifo_is_refused_at_once(tmp_path, deadline, name, read):
    path = _fifo(tmp_path, name)
    try:
        problems = read(path)
    except InputError as exc:
        problems = exc.problems
    assert [p.message for p in problems] == [NOT_REGULAR]


@pytest.mark.parametrize("command", ["check", "plan", "statements"])
def test_dev_zero_and_a_symlink_to_it_are_refused(tmp_path, deadline, command):
    if not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    link = tmp_path / "noll.toml"
    link.symlink_to("/dev/zero")
    for path in ("/dev/zero", link):
        code, output = run(command, path, "-o", tmp_path / "x.xlsx") if command != "check" else run(command, path)
        assert code == 2 and NOT_REGULAR in output


def test_extends_dev_zero_and_a_fifo_are_located_errors(tmp_path, deadline):
    fifo = _fifo(tmp_path, "bas.toml")
    for base in ("/dev/zero", fifo.name):
        found = errors(write(tmp_path, f'extends = "{base}"\ntitle = "x"\n', name="d.toml"))
        assert any(NOT_REGULAR in p for p in found), found


def test_a_file_over_its_cap_is_refused_before_reading(tmp_path):
    path = tmp_path / "regler.toml"
    with path.open("wb") as handle:
        handle.truncate(LIMITS["rules"] + 1)  # sparse: large, but nothing to read
    with pytest.raises(InputError, match="större än 1 MB"):
        load_rules(path)


def test_overview_skips_a_fifo_in_a_folder(tmp_path, deadline):
    write(tmp_path, BASE, name="a.toml")
    _fifo(tmp_path, "b.toml")
    code, output = run("overview", tmp_path)
    assert code in (0, 1) and "1 scenarier" in output


# -- 4. SIE amounts on the fast path -----------------------------------------------


def _sie_with_trans(tmp_path: Path, amount: str) -> Path:
    text = SIE.read_bytes().decode("cp437")
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip().startswith("#TRANS"))
    account = lines[first].split()[1]
    lines[first] = f"   #TRANS {account} {{}} {amount}\r"
    path = tmp_path / "bok.se"
    path.write_bytes("\n".join(lines).encode("utf-8"))
    return path


@pytest.mark.parametrize("amount", ["99999999999999", "-1000000000000", "\u0661\u0662\u0663", "１２３"])
def test_sie_fast_path_refuses_what_the_checked_path_refuses(tmp_path, amount):
    with pytest.raises(InputError) as caught:
        read_sie(_sie_with_trans(tmp_path, amount))
    assert any("#TRANS" in p.message and p.line for p in caught.value.problems)


# -- 5. ASCII digits only ---------------------------------------------------------------


def test_a_full_width_year_key_does_not_replace_the_year(tmp_path):
    text = replace("amounts = { 2021 = 600000, 2022 = 600000", 'amounts = { 2021 = 600000, 2022 = 900000, "２０２２" = 5')
    found = errors(write(tmp_path, text))
    assert any("２０２２" in p for p in found), found


@pytest.mark.parametrize("text", ["３００００", "𝟑𝟎𝟎𝟎𝟎", "\u0663\u0660\u0660", "1e3"])
def test_amount_strings_take_ascii_digits_only(text):
    with pytest.raises(AmountError):
        parse_amount(text)


def test_an_id_with_a_trailing_newline_is_refused(tmp_path):
    text = replace("[admin.kansli]", '[admin."kansli\\n"]')
    found = errors(write(tmp_path, text))
    assert any("id får bara" in p for p in found), found


def test_a_csv_line_id_with_unicode_digits_is_refused(tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("line;amount\nadmin.kansli;３００００\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_actuals(path)


@pytest.mark.parametrize(("option", "value"), [("--year", "２０２２"), ("--through", "２０２２-08")])
def test_command_line_years_take_ascii_digits_only(tmp_path, option, value):
    actuals = tmp_path / "a.csv"
    actuals.write_text("line;amount\nadmin.kansli;1\n", encoding="utf-8")
    code, output = run("drift", write(tmp_path), "--actuals", actuals, option, value)
    assert code == 2 and "väntade " in output


# -- 6. inputs and special files are never overwritten --------------------------------


def test_the_scenario_itself_is_never_overwritten(tmp_path):
    scenario = write(tmp_path)
    before = scenario.read_bytes()
    code, output = run("plan", scenario, "-o", scenario, "--force")
    assert code == 2 and "indatafiler" in output and scenario.read_bytes() == before


def test_an_extends_base_is_never_overwritten(tmp_path):
    base = write(tmp_path, name="bas.toml")
    derived = write(tmp_path, 'extends = "bas.toml"\ntitle = "Utkast"\n', name="utkast.toml")
    code, output = run("plan", derived, "-o", base, "--force")
    assert code == 2 and "indatafiler" in output and base.read_text(encoding="utf-8") == BASE


def test_the_sie_file_and_the_actuals_are_never_overwritten(tmp_path):
    sie = tmp_path / "ok.se"
    sie.write_bytes(SIE.read_bytes())
    code, output = run("statements", sie, "-o", sie, "--force")
    assert code == 2 and "indatafiler" in output and sie.read_bytes() == SIE.read_bytes()
    actuals = tmp_path / "a.csv"
    actuals.write_text("line;amount\nadmin.kansli;1\n", encoding="utf-8")
    code, output = run("drift", write(tmp_path), "--actuals", actuals, "-o", actuals, "--force")
    assert code == 2 and "indatafiler" in output and actuals.read_text(encoding="utf-8").startswith("line")


def test_a_device_is_never_a_target(tmp_path):
    if not Path("/dev/null").exists():
        pytest.skip("needs /dev/null")
    code, output = run("plan", write(tmp_path), "-o", "/dev/null", "--force")
    assert code == 2 and "inte en vanlig fil" in output and Path("/dev/null").is_char_device()


# -- 7. terminal escapes --------------------------------------------------------------


def test_control_characters_are_shown_not_sent():
    assert terminal_text("a\x1b]0;x\x07b\x1b[1A\x1b[2K\u202ec\x9b\n\td") == (
        "a\\u001b]0;x\\u0007b\\u001b[1A\\u001b[2K\\u202ec\\u009b\n\td"
    )


def test_a_title_with_escapes_reaches_the_terminal_escaped(tmp_path):
    text = BASE.replace('title = "Budgetplan 2022"', 'title = "B\\u001b]0;pwn\\u0007\\u001b[2K"')
    _, output = run("check", write(tmp_path, text))
    assert "\x1b" not in output and "\x07" not in output and "\\u001b]0;pwn" in output


def test_every_echo_in_the_cli_goes_through_safe_echo():
    for path in (ROOT / "finsam_budget" / "cli").glob("*.py"):
        if path.name != "output.py":
            assert "click.echo(" not in path.read_text(encoding="utf-8"), path


# -- 8. xlsx actuals: what is seen is what counts ------------------------------------------


def _workbook(tmp_path: Path, build) -> Path:  # type: ignore[no-untyped-def]
    import xlsxwriter

    path = tmp_path / "utfall.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    build(workbook)
    workbook.close()
    return path


def test_the_active_visible_sheet_is_read_and_a_hidden_one_is_named(tmp_path):
    def build(workbook) -> None:  # type: ignore[no-untyped-def]
        hidden = workbook.add_worksheet("Gammalt")
        hidden.write_row(0, 0, ["line", "amount"])
        hidden.write_row(1, 0, ["admin.kansli", 1])
        hidden.hide()
        shown = workbook.add_worksheet("Utfall")
        shown.write_row(0, 0, ["line", "amount"])
        shown.write_row(1, 0, ["admin.kansli", 2])
        shown.activate()

    actuals = read_actuals(_workbook(tmp_path, build))
    assert actuals.amounts["admin.kansli"] == Decimal(2)
    assert any("'Gammalt'" in w.message for w in actuals.warnings)


def test_a_formula_contradicting_its_cached_value_is_a_located_error(tmp_path):
    def build(workbook) -> None:  # type: ignore[no-untyped-def]
        sheet = workbook.add_worksheet()
        sheet.write_row(0, 0, ["line", "amount"])
        sheet.write(1, 0, "admin.kansli")
        sheet.write_formula(1, 1, "=400000*2", None, 5)

    with pytest.raises(InputError) as caught:
        read_actuals(_workbook(tmp_path, build))
    (problem,) = caught.value.problems
    assert problem.row == 2 and "B2" in problem.message and "800 000" in problem.message


def test_a_formula_without_a_cached_value_is_a_located_error(tmp_path):
    def build(workbook) -> None:  # type: ignore[no-untyped-def]
        sheet = workbook.add_worksheet()
        sheet.write_row(0, 0, ["line", "amount"])
        sheet.write(1, 0, "admin.kansli")
        sheet.write_formula(1, 1, "=SUM(C1:C3)", None, "")

    with pytest.raises(InputError) as caught:
        read_actuals(_workbook(tmp_path, build))
    assert any("B2" in p.message for p in caught.value.problems)


def test_a_formula_agreeing_with_its_cached_value_counts(tmp_path):
    def build(workbook) -> None:  # type: ignore[no-untyped-def]
        sheet = workbook.add_worksheet()
        sheet.write_row(0, 0, ["line", "amount", "x"])
        sheet.write_row(1, 0, ["admin.kansli", None, 300])
        sheet.write_formula(1, 1, "=(C2+100)*2", None, 800)

    assert read_actuals(_workbook(tmp_path, build)).amounts["admin.kansli"] == Decimal(800)


# -- 9. linear growth (a hang only; the bench measures) ---------------------------------


def test_many_bad_amounts_are_all_reported_in_time(tmp_path, deadline):
    lines = [f'[admin.a{i}]\nname = "A{i}"\namounts = {{ 2022 = "x{i}" }}\n' for i in range(5000)]
    found = errors(write(tmp_path, BASE + "\n" + "\n".join(lines)))
    assert len(found) >= 5000


def test_a_derived_scenario_with_many_lines_is_merged_in_time(tmp_path, deadline):
    write(tmp_path, name="bas.toml")
    lines = [f'[projects.p{i}]\nname = "P{i}"\namounts = {{ 2022 = 1 }}\n' for i in range(10_000)]
    scenario, _ = read_scenario(write(tmp_path, 'extends = "bas.toml"\ntitle = "U"\n' + "\n".join(lines), name="d.toml"))
    assert scenario is not None and len(scenario.projects) == 10_001


def test_a_large_mapping_is_read_in_time(tmp_path, deadline):
    lines = [f'[lines.k{i}]\nname = "K{i}"\ngroup = "costs"\naccounts = ["{40000 + i * 10}-{40000 + i * 10 + 9}"]\n'
             for i in range(4000)]
    path = tmp_path / "m.toml"
    path.write_text('format = 1\nkind = "mapping"\n' + "\n".join(lines), encoding="utf-8")
    assert len(load_mapping(path).lines) == 4000


# -- 10. internal errors become located messages ------------------------------------------


def test_a_long_extends_chain_is_a_located_error(tmp_path, deadline):
    write(tmp_path, name="f0.toml")
    for i in range(1, 1100):
        write(tmp_path, f'extends = "f{i - 1}.toml"\n', name=f"f{i}.toml")
    found = errors(tmp_path / "f1099.toml")
    assert any("extends-kedjan är längre än" in p for p in found), found


def test_an_integer_of_5000_digits_is_a_located_error_in_every_toml_reader(tmp_path):
    huge = "9" * 5000
    path = write(tmp_path, BASE.replace("amounts = { 2021 = 600000", f"amounts = {{ 2021 = {huge}"))
    assert any("orimligt många siffror" in p for p in errors(path))
    rules = tmp_path / "r.toml"
    rules.write_text(f'format = 1\nkind = "rules"\n[[equity_cap]]\nup_to = {huge}\nshare = "1/5"\n', encoding="utf-8")
    with pytest.raises(InputError, match="orimligt många siffror"):
        load_rules(rules)


def test_an_output_name_of_300_characters_is_a_swedish_error(tmp_path):
    code, output = run("plan", write(tmp_path), "-o", tmp_path / ("x" * 300 + ".xlsx"))
    assert code == 2 and "filnamnet är för långt" in output


def test_a_workbooks_file_in_the_way_is_a_swedish_error(tmp_path, monkeypatch):
    scenario = write(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "workbooks").write_text("", encoding="utf-8")
    code, output = run("plan", scenario)
    assert code == 2 and "workbooks: är en fil" in output


def test_a_file_name_that_is_not_utf8_is_written_to_the_workbook(tmp_path):
    if sys.platform == "win32" or os.fsencode("\udcff") != b"\xff":
        pytest.skip("needs a byte file system")
    odd = tmp_path / os.fsdecode(b"a\xff.toml")
    odd.write_text(BASE, encoding="utf-8")
    other = write(tmp_path, name="b.toml")
    code, output = run("compare", odd, other, "-o", tmp_path / "j.xlsx")
    assert code in (0, 1) and "internt fel" not in output
    code, output = run("overview", tmp_path, "-o", tmp_path / "o.xlsx")
    assert code in (0, 1) and "internt fel" not in output


def test_a_compounded_adjustment_beyond_the_limit_is_a_located_error(tmp_path):
    """+1000 % compounded over ten years gives 2,6 × 10^16 kr: refused, not written as a float."""
    text = BASE.replace("[admin.kansli]", '[admin.sen]\nname = "Sen"\namounts = { 2031 = 1000000 }\n\n[admin.kansli]')
    text += '\n[[adjust]]\ntarget = "admin"\npercent = "1000"\nfrom = 2022\ncompound = true\n'
    text = text.replace("years = [2021, 2022, 2023]", f"years = {list(range(2021, 2032))}")
    found = errors(write(tmp_path, text))
    assert any("[[adjust]] nr 1: percent" in p and "±10^12" in p and ".toml:" in p for p in found), found


# -- 11. interrupted runs -------------------------------------------------------------------


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_write_exits_128_plus_the_signal_and_leaves_no_tmp(tmp_path, signum, code):
    from tests.test_interrupted_write import big_scenario

    scenario = tmp_path / "stor.toml"
    scenario.write_text(big_scenario(4000), encoding="utf-8")
    target = tmp_path / "ut.xlsx"
    command = [sys.executable, "-m", "finsam_budget", "plan", str(scenario), "-o", str(target)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".ut.xlsx.*.tmp")):
        assert process.poll() is None, "the command ended before it started writing"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=HANG)
    assert process.returncode == code, stderr
    assert "Avbrutet" in stderr.decode()
    assert not list(tmp_path.glob(".*.tmp")) and not target.exists()


# -- 12. SIE trust --------------------------------------------------------------------------


def test_every_line_boundary_cut_of_the_example_is_detected(tmp_path):
    data = SIE.read_bytes()
    cuts = [i + 1 for i, byte in enumerate(data) if byte == 0x0A][:-1]
    accepted = []
    for cut in cuts:
        path = tmp_path / "cut.se"
        path.write_bytes(data[:cut])
        try:
            read_sie(path)
        except InputError:
            continue
        accepted.append(data[:cut].count(b"\n"))
    assert accepted == []


def test_a_second_rar_0_is_an_error(tmp_path):
    text = SIE.read_bytes().replace(b"#RAR 0 ", b"#RAR 0 20300101 20301231\n#RAR 0 ", 1)
    path = tmp_path / "rar.se"
    path.write_bytes(text)
    with pytest.raises(InputError, match="räkenskapsår 0 anges en gång till"):
        read_sie(path)


def test_an_overlapping_rar_is_an_error(tmp_path):
    lines = SIE.read_bytes().split(b"\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(b"#RAR -1"))
    lines[index] = b"#RAR -1 20210101 20220630"
    path = tmp_path / "rar.se"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(InputError, match="överlappar"):
        read_sie(path)


def test_cp437_box_drawing_is_detected_as_pc8(tmp_path):
    path = tmp_path / "ram.se"
    path.write_bytes(("#FNAMN \"┌──┼──┐ ╓─╖ Test\"\n").encode("cp437"))
    assert detect_encoding(str(path)).encoding == "cp437"
