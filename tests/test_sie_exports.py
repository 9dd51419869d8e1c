"""SIE files as the accounting programs write them (issue 14): one fixture per export style
and per record a program writes that the commands do not need, read to the same figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from finsam_budget.readers.sie.reader import read_sie
from finsam_budget.statements import compute_statements

HEAD = [
    "#FLAGGA 0",
    '#PROGRAM "Test" 1.0',
    "#FORMAT PC8",
    "#GEN 20240115",
    "#SIETYP 4",
    '#FNAMN "Samordningsförbundet Söder"',
    "#RAR 0 20230101 20231231",
    "#RAR -1 20220101 20221231",
    '#KONTO 1920 "Plusgiro"',
    '#KONTO 2099 "Årets resultat"',
    '#KONTO 3010 "Driftbidrag Försäkringskassan"',
    '#KONTO 4010 "Köpta tjänster"',
    "#IB 0 1920 68299.70",
    "#IB 0 2099 -68299.70",
    "#UB -1 1920 68299.70",
    "#UB -1 2099 -68299.70",
]


def write(tmp_path: Path, lines: list[str], *, end: str = "\r\n", encoding: str = "cp437") -> Path:
    path = tmp_path / "export.se"
    path.write_bytes((end.join(lines) + end).encode(encoding))
    return path


def year(*vouchers: list[str], ub_1920: str = "70299.70") -> list[str]:
    body = [line for voucher in vouchers for line in voucher]
    return [*HEAD, *body, f"#UB 0 1920 {ub_1920}", "#UB 0 2099 -68299.70"]


GRANT = ['#VER A 1 20230131 "Bidrag"', "{", "#TRANS 1920 {} 2000.00", "#TRANS 3010 {} -2000.00", "}"]


def test_bl_administration_rtrans_is_paired_with_the_trans_copy(tmp_path):
    """BL writes #RTRANS with the registration date and signature, the #TRANS copy with the voucher's date."""
    voucher = [
        '#VER A 2 20230131 "Rättelse" 20230826',
        "{",
        '#RTRANS 1920 {} 1000 20230826 "" "" "Anna Andersson"',
        '#TRANS 1920 {} 1000 20230131 ""',
        '#BTRANS 4010 {} 1000 20230826 "" "" "Anna Andersson"',
        '#RTRANS 4010 {} -1000 20230826 "" "" "Anna Andersson"',
        '#TRANS 4010 {} -1000.00 20230131 ""',
        "}",
    ]
    data = read_sie(write(tmp_path, year(GRANT, voucher, ub_1920="71299.70")))
    assert data.transactions["1920"] == Decimal("3000.00")
    assert data.transactions["4010"] == Decimal("-1000")
    assert data.transaction_count == 4 and data.warnings == ()


def test_an_rtrans_whose_next_trans_differs_in_amount_counts_both_with_a_warning(tmp_path):
    voucher = ['#VER A 2 20230131 ""', "{", "#RTRANS 1920 {} 1000", "#TRANS 1920 {} 1001", "#TRANS 4010 {} -2001", "}"]
    data = read_sie(write(tmp_path, year(GRANT, voucher, ub_1920="72300.70")))
    [warning] = data.warnings
    assert warning.line == len(HEAD) + len(GRANT) + 3 and "båda räknas" in warning.message


def test_fortnox_empty_date_text_and_quantity_fields(tmp_path):
    voucher = ['#VER A 1 20230131 "Bidrag" 20230201', "{", '#TRANS 1920 {} 2000.00 "" "" 0', '#TRANS 3010 {} -2000.00 "" "" 0', "}"]
    data = read_sie(write(tmp_path, year(voucher)))
    assert data.transactions == {"1920": Decimal("2000.00"), "3010": Decimal("-2000.00")}


def test_tabs_as_separators(tmp_path):
    lines = [line.replace(" ", "\t") if not line.startswith(('#FNAMN', '#KONTO')) else line for line in year(GRANT)]
    data = read_sie(write(tmp_path, lines))
    assert data.transactions["1920"] == Decimal("2000.00") and data.ub[(0, "1920")] == Decimal("70299.70")


def test_quoted_format_pc8(tmp_path):
    lines = [('#FORMAT "PC8"' if line == "#FORMAT PC8" else line) for line in year(GRANT)]
    data = read_sie(write(tmp_path, lines))
    assert data.format == "PC8" and data.warnings == ()


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_line_ends_lf_crlf_and_cr_read_alike(tmp_path, end):
    data = read_sie(write(tmp_path, year(GRANT), end=end))
    assert data.transactions["1920"] == Decimal("2000.00")
    assert data.accounts["2099"].name == "Årets resultat" and data.warnings == ()


@pytest.mark.parametrize("encoding, name", [("latin-1", "Latin-1"), ("utf-8", "UTF-8")])
def test_latin_1_and_utf_8_are_read_with_a_warning(tmp_path, encoding, name):
    data = read_sie(write(tmp_path, year(GRANT), encoding=encoding))
    assert data.fnamn == "Samordningsförbundet Söder"
    [warning] = data.warnings
    assert f"kodad som {name}" in warning.message


def test_broken_fiscal_year_dates_the_year_before_from_rar_0(tmp_path):
    lines = [line for line in year(GRANT) if not line.startswith("#RAR")]
    lines[6:6] = ["#RAR 0 20220701 20230630"]
    lines = [line.replace("20230131", "20221031") for line in lines]
    statements = compute_statements(read_sie(write(tmp_path, lines)))
    assert [c.heading for c in statements.table("br").columns] == ["2023-06-30", "2022-06-30"]


@pytest.mark.parametrize(
    "record, says",
    [
        ("#SRU 2099", "#SRU: för få fält"),  # Visma Enskild Firma
        ("#PSALDO 0 202301 KASSA {} 10.00", "#PSALDO: kontonumret ska bestå av siffror"),
        ('#OUB 0 KASSA {6 "P1"} 10.00', "#OUB: kontonumret ska bestå av siffror"),
        ("#KTYP 1920 X", "#KTYP: kontotypen"),
    ],
)
def test_records_the_commands_do_not_use_are_warnings_with_their_line(tmp_path, record, says):
    lines = year(GRANT)
    lines.insert(12, record)
    data = read_sie(write(tmp_path, lines))
    [warning] = data.warnings
    assert warning.line == 13 and warning.message.startswith(says) and "hoppades över" in warning.message


def test_pbudget_without_its_object_list_is_read_as_the_account_total_with_a_warning(tmp_path):
    lines = year(GRANT)
    lines.insert(12, "#PBUDGET 0 202301 4010 500.00")
    data = read_sie(write(tmp_path, lines))
    assert data.pbudget == {(0, "202301", "4010"): Decimal("500.00")}
    [warning] = data.warnings
    assert warning.line == 13 and "saknar objektlistan" in warning.message
