"""`finsam-budget statements` through CliRunner: output, exit codes, files written."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from finsam_budget.cli import main
from tests.example_bokslut import EXAMPLE
from tests.test_statements import small_ledger

SCENARIO = "scenarios/exempel-bokslut-2022.toml"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_statements_prints_key_figures_and_writes(tmp_path):
    target = tmp_path / "bokslut.xlsx"
    result = run("statements", EXAMPLE, "-o", target)
    assert result.exit_code == 0, result.output
    assert "Samordningsförbundet Exempeldalen: bokslut 2022" in result.output
    assert "Årets resultat                     171 953,10      95 000" in result.output
    assert "Soliditet                              65,4 %      73,6 %" in result.output
    assert "Marginal (+) / över taket (−)      -71 953,10      80 000" in result.output
    assert "Kontroller: alla 7 stämmer" in result.output
    assert f"Skrev {target}" in result.output
    assert target.read_bytes()[:2] == b"PK"


def test_statements_with_scenario(tmp_path):
    result = run("statements", EXAMPLE, "--scenario", SCENARIO, "-o", tmp_path / "b.xlsx")
    assert result.exit_code == 0, result.output
    assert "Tak för eget kapital                  800 000     780 000" in result.output


def test_default_output_is_beside_in_workbooks(tmp_path, monkeypatch):
    sie = small_ledger().write(tmp_path, name="forbundet-2022.se")
    monkeypatch.chdir(tmp_path)
    result = run("statements", sie)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "workbooks" / "forbundet-2022-bokslut.xlsx").is_file()


def test_unreadable_sie_is_exit_2_with_file_and_line(tmp_path):
    text = small_ledger().text().replace("   #TRANS 5111 {} 900000.00", "   #TRANS 5111 {} 900001.00")
    path = tmp_path / "obalans.se"
    path.write_bytes(text.encode("cp437"))
    target = tmp_path / "ut.xlsx"
    result = run("statements", path, "-o", target)
    assert result.exit_code == 2
    assert f"Fel: {path}:" in result.output and "balanserar inte" in result.output
    assert not target.exists()


def test_missing_file_is_exit_2(tmp_path):
    result = run("statements", tmp_path / "finns-inte.se")
    assert result.exit_code == 2 and "finns inte" in result.output


def test_identity_that_does_not_hold_is_exit_1_with_the_difference(tmp_path):
    text = small_ledger().text(vouchers=False).replace("#UB 0 2440 -800000.00", "#UB 0 2440 -799000.00")
    path = tmp_path / "fel.se"
    path.write_bytes(text.encode("cp437"))
    result = run("statements", path, "-o", tmp_path / "fel.xlsx")
    assert result.exit_code == 1
    assert (
        "FEL  Balansräkningen 2022-12-31: tillgångar = eget kapital, avsättningar och skulder: differens 1 000 kr"
        in result.output
    )
    assert (tmp_path / "fel.xlsx").is_file()  # written anyway, with the difference on the sheet


def test_bad_mapping_is_exit_2_located(tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        'format = 1\nkind = "mapping"\n[lines.x]\nname = "X"\ngroup = "nej"\naccounts = ["3"]\n',
        encoding="utf-8",
    )
    result = run("statements", EXAMPLE, "--mapping", mapping, "-o", tmp_path / "u.xlsx")
    assert result.exit_code == 2
    assert f'{mapping}:5: [lines.x].group: väntade "income", "costs"' in result.output


def test_a_mapping_file_regroups(tmp_path):
    mapping = tmp_path / "m.toml"
    text = Path("scenarios/mappning-kommunbas.toml").read_text(encoding="utf-8")
    mapping.write_text(
        text.replace('name = "Personalkostnader"', 'name = "Löner och arvoden"'), encoding="utf-8"
    )
    target = tmp_path / "u.xlsx"
    result = run("statements", EXAMPLE, "--mapping", mapping, "-o", target)
    assert result.exit_code == 0, result.output
    import openpyxl

    labels = [row[0].value for row in openpyxl.load_workbook(target)["Resultaträkning"].iter_rows()]
    assert "Löner och arvoden" in labels and "Personalkostnader" not in labels


def test_unmapped_accounts_are_exit_1_and_named(tmp_path):
    ledger = small_ledger()
    ledger.voucher("20220301", "Internt", ("9110", 2500), ("1930", -2500))
    result = run("statements", ledger.write(tmp_path), "-o", tmp_path / "u.xlsx")
    assert result.exit_code == 1
    assert "9110 (2 500 kr)" in result.output


def test_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "u.xlsx"
    target.write_bytes(b"tidigare")
    result = run("statements", EXAMPLE, "-o", target)
    assert result.exit_code == 2 and "finns redan; använd --force" in result.output
    assert target.read_bytes() == b"tidigare"
    assert run("statements", EXAMPLE, "-o", target, "--force").exit_code == 0


def test_warnings_go_to_stderr_once_and_to_the_kontroller_sheet(tmp_path):
    sie = small_ledger().write(tmp_path, encoding="latin-1")
    result = CliRunner().invoke(main, ["statements", str(sie), "-o", str(tmp_path / "u.xlsx")])
    assert result.exit_code == 0
    assert "Latin-1" in result.stderr and "Varning: " in result.stderr
    assert result.stderr.count("filen är kodad som Latin-1") == 1
    assert "Varningar: 2 (se bladet Kontroller)" in result.stdout  # the encoding, and equity over the cap


def test_help_is_swedish_with_an_example():
    result = run("statements", "--help")
    assert (
        "Exempel:" in result.output
        and "finsam-budget statements scenarios/exempel-bokslut-2022.se" in result.output
    )
