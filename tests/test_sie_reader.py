"""Tests for the SIE reader: one behaviour per test, SIE files written into tmp_path."""

from __future__ import annotations

import dataclasses
import re
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_budget.problems import InputError
from finsam_budget.readers.sie.reader import SieAccount, read_sie

HEAD = """#FLAGGA 0
#PROGRAM "Testprogram" 2.1
#FORMAT PC8
#GEN 20240115
#SIETYP 4
#FNAMN "Samordningsförbundet Test"
#ORGNR 222000-1234
#RAR 0 20230101 20231231
#RAR -1 20220101 20221231
#KPTYP "Kommun-Bas 13"
"""

CHART = """#KONTO 1930 "Företagskonto"
#KONTO 2099 "Årets resultat"
#KONTO 3010 "Driftbidrag"
#KONTO 4010 "Lön"
"""


#: What a file needs besides its head and chart to be a whole year (a file with nothing for year 0
#: is read as cut short): one opening balance.
YEAR_0 = "#IB 0 1930 0.00\n"


def write(tmp_path: Path, text: str, encoding: str = "cp437", name: str = "bok.se") -> Path:
    """Write an SIE text; a head-and-chart text gets ``YEAR_0``, a type 4 text without vouchers is type 3."""
    if text.strip() and not any(record in text for record in ("#IB 0", "#UB 0", "#RES 0", "#VER")):
        text += YEAR_0
    if "#VER" not in text:
        text = text.replace("#SIETYP 4\n", "#SIETYP 3\n")
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_sie(path)
    return [str(p) for p in caught.value.problems]


def line_of(text: str, fragment: str) -> int:
    """The 1-based number of the first line containing ``fragment``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


# -- encodings ----------------------------------------------------------------------


def test_pc8_names_decode_without_warning(tmp_path):
    path = write(tmp_path, HEAD + CHART + '#KONTO 6110 "Kontorsmateriel Ökad Åtgång"\n')
    assert b"F\x94retagskonto" in path.read_bytes()  # really code page 437
    data = read_sie(path)
    assert data.accounts["1930"].name == "Företagskonto"
    assert data.accounts["2099"].name == "Årets resultat"
    assert data.accounts["6110"].name == "Kontorsmateriel Ökad Åtgång"
    assert data.fnamn == "Samordningsförbundet Test"
    assert data.encoding == "cp437"
    assert data.warnings == ()


def test_latin1_file_is_read_right_with_a_warning(tmp_path):
    path = write(tmp_path, HEAD + CHART, encoding="latin-1")
    data = read_sie(path)
    assert data.accounts["1930"].name == "Företagskonto"
    assert data.accounts["2099"].name == "Årets resultat"
    assert data.encoding == "latin-1"
    assert [w.severity for w in data.warnings] == ["warning"]
    assert "Latin-1" in data.warnings[0].message and "PC8" in data.warnings[0].message


def test_utf8_file_is_read_right_with_a_warning(tmp_path):
    path = write(tmp_path, HEAD + CHART, encoding="utf-8")
    data = read_sie(path)
    assert data.accounts["1930"].name == "Företagskonto"
    assert data.encoding == "utf-8"
    assert "UTF-8" in data.warnings[0].message


def test_utf8_with_byte_order_mark_is_read(tmp_path):
    path = write(tmp_path, HEAD + CHART, encoding="utf-8-sig")
    data = read_sie(path)
    assert data.flagga == 0
    assert data.accounts["2099"].name == "Årets resultat"


# -- identification, chart and balances ---------------------------------------------


def test_identification_records(tmp_path):
    data = read_sie(write(tmp_path, HEAD + '#VER A 1 20230115 ""\n{\n#TRANS 1930 {} 0.00\n}\n'))
    assert (data.program, data.program_version) == ("Testprogram", "2.1")
    assert data.format == "PC8"
    assert data.gen_date == date(2024, 1, 15)
    assert data.sietyp == 4
    assert data.orgnr == "222000-1234"
    assert data.kptyp == "Kommun-Bas 13"
    assert data.rar[0] == (date(2023, 1, 1), date(2023, 12, 31))
    assert data.rar[-1] == (date(2022, 1, 1), date(2022, 12, 31))


def test_account_type_and_sru_join_the_account(tmp_path):
    data = read_sie(write(tmp_path, HEAD + CHART + "#KTYP 1930 T\n#SRU 1930 7281\n"))
    assert data.accounts["1930"] == SieAccount("1930", "Företagskonto", "T", "7281")
    assert data.accounts["4010"] == SieAccount("4010", "Lön", None, None)


def test_balances_keep_the_file_signs(tmp_path):
    text = HEAD + CHART + "#IB 0 1930 1000.50\n#UB 0 1930 1500.50\n#IB -1 2099 -300\n#RES 0 3010 -2000.00\n"
    data = read_sie(write(tmp_path, text))
    assert data.ib[(0, "1930")] == Decimal("1000.50")
    assert data.ub[(0, "1930")] == Decimal("1500.50")
    assert data.ib[(-1, "2099")] == Decimal("-300")
    assert data.res[(0, "3010")] == Decimal("-2000.00")  # income is a credit in SIE


def test_period_balances_take_the_account_totals_only(tmp_path):
    text = (
        HEAD
        + CHART
        + (
            "#PSALDO 0 202301 4010 {} 500.00\n"
            '#PSALDO 0 202301 4010 {1 "10"} 200.00\n'
            '#PSALDO 0 202301 4010 {1 "20"} 300.00\n'
            "#PBUDGET 0 202302 4010 {} 450.00\n"
        )
    )
    data = read_sie(write(tmp_path, text))
    assert dict(data.psaldo) == {(0, "202301", "4010"): Decimal("500.00")}
    assert dict(data.pbudget) == {(0, "202302", "4010"): Decimal("450.00")}


def test_budget_rows_with_objects_are_kept_apart_per_object_list(tmp_path):
    text = HEAD + CHART + (
        "#PBUDGET 0 202302 4010 {} 450.00\n"
        '#PBUDGET 0 202302 4010 {6 "P1" 1 "10"} 300.00\n'
        '#PBUDGET 0 202302 4010 {1 "10" 6 "P1"} 100.00\n'
        '#PSALDO 0 202302 4010 {6 "P1"} 300.00\n'
    )
    data = read_sie(write(tmp_path, text))
    assert dict(data.pbudget) == {(0, "202302", "4010"): Decimal("450.00")}
    assert dict(data.object_pbudget) == {(0, "202302", "4010", (("1", "10"), ("6", "P1"))): Decimal("400.00")}


def test_dimensions_objects_and_object_balances(tmp_path):
    text = (
        HEAD
        + CHART
        + (
            '#DIM 1 "Kostnadsställe"\n#DIM 6 "Projekt"\n#OBJEKT 6 "P1" "Jobbsam"\n'
            '#OIB 0 1930 {6 "P1"} 10.00\n#OUB 0 1930 {1 "10" 6 "P1"} 20.00\n'
        )
    )
    data = read_sie(write(tmp_path, text))
    assert data.dims == {"1": "Kostnadsställe", "6": "Projekt"}
    assert data.objects == {("6", "P1"): "Jobbsam"}
    assert data.oib[(0, "1930", (("6", "P1"),))] == Decimal("10.00")
    assert data.oub[(0, "1930", (("1", "10"), ("6", "P1")))] == Decimal("20.00")


def test_sie_data_is_read_only(tmp_path):
    data = read_sie(write(tmp_path, HEAD + CHART))
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.fnamn = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        data.accounts["9999"] = SieAccount("9999", "x")  # type: ignore[index]


# -- vouchers -------------------------------------------------------------------------

VOUCHERS = """#IB 0 1930 1000.00
#UB 0 1930 1100.00
#VER A 1 20230115 "Driftbidrag" 20230116
{
   #TRANS 1930 {} 500.00
   #TRANS 3010 {} -500.00 20230115 "Bidrag FK"
}
#VER A 2 20230120 "Lön"
{
   #TRANS 4010 {} 400.00
   #TRANS 1930 {} -400.00
}
"""


def test_balanced_vouchers_are_summed_per_account(tmp_path):
    data = read_sie(write(tmp_path, HEAD + CHART + VOUCHERS))
    assert dict(data.transactions) == {
        "1930": Decimal("100.00"),
        "3010": Decimal("-500.00"),
        "4010": Decimal("400.00"),
    }
    assert data.voucher_count == 2
    assert data.transaction_count == 4


def test_unbalanced_voucher_is_an_error_with_its_line_and_difference(tmp_path):
    text = (
        HEAD
        + CHART
        + VOUCHERS.replace("#UB 0 1930 1100.00", "#UB 0 1930 1200.00")
        .replace("#VER A 2 20230120", "#VER A 17 20230120")
        .replace("#TRANS 1930 {} -400.00", "#TRANS 1930 {} -300.00")
    )
    problems = problems_of(write(tmp_path, text))
    assert (
        f"{tmp_path / 'bok.se'}:{line_of(text, '#VER A 17')}: #VER A 17 balanserar inte: differens 100,00 kr"
        in problems
    )
    assert len(problems) == 1  # 1930 still adds up: 1000 + 500 - 300 = 1200


def test_ib_plus_transactions_not_ub_is_an_error_naming_account_and_ub_line(tmp_path):
    text = HEAD + CHART + VOUCHERS.replace("#UB 0 1930 1100.00", "#UB 0 1930 1090.00")
    (problem,) = problems_of(write(tmp_path, text))
    assert f":{line_of(text, '#UB 0 1930')}: konto 1930:" in problem
    assert "differens 10,00 kr" in problem


def test_balance_check_needs_vouchers(tmp_path):
    data = read_sie(write(tmp_path, HEAD + CHART + "#IB 0 1930 1000.00\n#UB 0 1930 5000.00\n"))
    assert data.ub[(0, "1930")] == Decimal("5000.00")


def test_balance_check_needs_closing_balances(tmp_path):
    """Opening balances and vouchers but no #UB 0: the statements build UB from them."""
    text = HEAD + CHART + '#IB 0 1930 1000.00\n#VER A 1 20230115 "x"\n{\n#TRANS 1930 {} 500.00\n#TRANS 3010 {} -500.00\n}\n'
    data = read_sie(write(tmp_path, text))
    assert data.transactions["1930"] == Decimal("500.00") and not data.ub


def test_rtrans_counts_once_and_its_trans_copy_is_skipped(tmp_path):
    text = (
        HEAD
        + CHART
        + """#VER A 1 20230115 "Rättad"
{
   #TRANS 1930 {} 500.00
   #BTRANS 3010 {} -400.00 20230115 "Borttagen rad" 1 "Anna"
   #RTRANS 3010 {} -500.00 20230115 "Tillagd rad" 1 "Anna"
   #TRANS 3010 {} -500.00 20230115 "Tillagd rad" 1 "Anna"
}
"""
    )
    data = read_sie(write(tmp_path, text))
    assert data.transactions["3010"] == Decimal("-500.00")
    assert data.transaction_count == 2
    assert data.warnings == ()


def test_rtrans_without_its_copy_counts_with_a_warning(tmp_path):
    text = (
        HEAD
        + CHART
        + """#VER A 1 20230115 "Rättad"
{
   #TRANS 1930 {} 500.00
   #RTRANS 3010 {} -500.00
}
"""
    )
    data = read_sie(write(tmp_path, text))
    assert data.transactions["3010"] == Decimal("-500.00")
    assert data.warnings[0].line == line_of(text, "#RTRANS")


def test_voucher_dated_outside_the_year_is_a_warning(tmp_path):
    text = HEAD + CHART + VOUCHERS.replace("#VER A 2 20230120", "#VER A 2 20240120")
    data = read_sie(write(tmp_path, text))
    assert data.warnings[0].line == line_of(text, "#VER A 2")
    assert "utanför räkenskapsåret" in data.warnings[0].message


# -- syntax -------------------------------------------------------------------------


def test_quoted_strings_with_escaped_quote_and_backslash(tmp_path):
    data = read_sie(write(tmp_path, HEAD + '#KONTO 1930 "Konto \\"Nord\\" \\\\ Syd"\n'))
    assert data.accounts["1930"].name == 'Konto "Nord" \\ Syd'


def test_object_lists_in_transactions(tmp_path):
    text = (
        HEAD
        + CHART
        + """#VER A 1 20230115 "Projekt"
{
   #TRANS 4010 {1 "100" 6 "P 1"} 250.00
   #TRANS 4010 {1 100} 250.00
   #TRANS 1930 {} -500.00
}
"""
    )
    data = read_sie(write(tmp_path, text))
    assert data.transactions["4010"] == Decimal("500.00")


def test_quoted_account_and_amount_in_transactions(tmp_path):
    text = (
        HEAD
        + CHART
        + """#VER A 1 20230115 "x"
{
   #TRANS "1930" {} "500.00" "" "Text med \\"citat\\""
   #TRANS 3010 {} -500.00
}
"""
    )
    data = read_sie(write(tmp_path, text))
    assert data.transactions == {"1930": Decimal("500.00"), "3010": Decimal("-500.00")}


def test_tabs_and_crlf_between_fields(tmp_path):
    text = (HEAD + CHART + VOUCHERS).replace(" ", "\t").replace("\n", "\r\n")
    text = text.replace('"Samordningsförbundet\tTest"', '"Samordningsförbundet Test"')
    data = read_sie(write(tmp_path, text))
    assert data.fnamn == "Samordningsförbundet Test"
    assert data.transactions["1930"] == Decimal("100.00")


def test_unknown_records_are_skipped_and_counted(tmp_path):
    text = HEAD + '#NYPOST 1 2\n#NYPOST 3\n#ANNAN x\n#ADRESS "Kalle" "Gata 1"\n#VALUTA SEK\n' + CHART
    data = read_sie(write(tmp_path, text))
    assert data.unknown_records == {"#ANNAN": 1, "#NYPOST": 2}  # standard records are not unknown
    assert [w.line for w in data.warnings] == [line_of(text, "#ANNAN"), line_of(text, "#NYPOST")]
    assert "2 gånger" in data.warnings[1].message
    assert data.accounts["1930"].name == "Företagskonto"


def test_ksumma_that_does_not_match_is_a_located_error(tmp_path):
    # Verified since issue 14; the vectors and one test per rule are in test_sie_checksum.py.
    text = "#FLAGGA 0\n#KSUMMA\n" + HEAD.removeprefix("#FLAGGA 0\n") + CHART + "#KSUMMA 1234567890\n"
    (problem,) = problems_of(write(tmp_path, text))
    assert f":{line_of(text, '#KSUMMA 1234567890')}: #KSUMMA stämmer inte" in problem
    assert "ändrats efter exporten" in problem


def test_an_opening_ksumma_without_the_closing_one_is_a_cut_file(tmp_path):
    text = "#FLAGGA 0\n#KSUMMA\n" + HEAD.removeprefix("#FLAGGA 0\n") + CHART
    (problem,) = problems_of(write(tmp_path, text))
    assert ":2:" in problem and "avkortad" in problem


def test_every_cut_of_a_file_with_a_checksum_is_refused(tmp_path):
    """A budget file (#PBUDGET only, no vouchers) cut at any line boundary: the checksum catches it."""
    from click.testing import CliRunner

    from finsam_budget.cli import main

    whole = tmp_path / "budget.se"
    result = CliRunner().invoke(main, ["export-sie", "scenarios/exempel-bokslut-2022.toml", "-o", str(whole)])
    assert result.exit_code == 0
    lines = whole.read_bytes().split(b"\r\n")
    accepted = []
    for cut in range(1, len(lines) - 1):
        part = tmp_path / f"cut{cut}.se"
        part.write_bytes(b"\r\n".join(lines[:cut]) + b"\r\n")
        try:
            read_sie(part)
        except InputError:
            continue
        accepted.append(cut)
    assert accepted == []


def test_broken_quoting_is_a_located_error(tmp_path):
    text = HEAD + '#KONTO 1930 "Företagskonto\n' + CHART
    (problem,) = problems_of(write(tmp_path, text))
    assert f":{line_of(text, 'Företagskonto')}: #KONTO: citattecknet" in problem


def test_block_never_closed_is_a_located_error(tmp_path):
    text = HEAD + CHART + '#VER A 1 20230115 "x"\n{\n   #TRANS 1930 {} 0.00\n'
    (problem,) = problems_of(write(tmp_path, text))
    assert f":{line_of(text, '{')}: blocket {{ för #VER A 1 stängs aldrig med }}" in problem


def test_closing_brace_without_block_is_a_located_error(tmp_path):
    text = HEAD + CHART + "}\n"
    (problem,) = problems_of(write(tmp_path, text))
    assert f":{line_of(text, '}')}: }} utan öppet {{-block" in problem


def test_unclosed_object_list_is_a_located_error(tmp_path):
    text = HEAD + CHART + '#VER A 1 20230115 "x"\n{\n   #TRANS 1930 {1 "10" 0.00\n}\n'
    (problem,) = problems_of(write(tmp_path, text))
    assert f":{line_of(text, '#TRANS')}: #TRANS: objektlistan" in problem


def test_transaction_outside_a_voucher_is_an_error(tmp_path):
    text = HEAD + CHART + "#TRANS 1930 {} 10.00\n"
    (problem,) = problems_of(write(tmp_path, text))
    assert f":{line_of(text, '#TRANS')}: #TRANS: står utanför" in problem


def test_invalid_dates_are_located_errors(tmp_path):
    text = (
        HEAD.replace("#GEN 20240115", "#GEN 20241315").replace(
            "#RAR -1 20220101 20221231", "#RAR -1 2022011 20221231"
        )
        + CHART
        + '#VER A 1 20230230 "x"\n{\n}\n'
    )
    problems = problems_of(write(tmp_path, text))
    # #GEN is not used for any figure: its bad date is a warning, after the errors.
    assert [re.search(r"\.se:([0-9]+):", p).group(1) for p in problems] == [
        str(line_of(text, "#RAR -1")),
        str(line_of(text, "#VER")),
        str(line_of(text, "#GEN")),
    ]
    assert "varning: #GEN" in problems[2] and "20241315 är inget giltigt datum" in problems[2]


def test_non_numeric_amounts_and_bad_account_numbers_are_located(tmp_path):
    text = (
        HEAD
        + CHART
        + '#IB 0 1930 12,50\n#UB 0 19X0 1.00\n#VER A 1 20230115 "x"\n{\n   #TRANS 1930 {} abc\n}\n'
    )
    problems = problems_of(write(tmp_path, text))
    assert any(f':{line_of(text, "#IB")}: #IB: väntade ett belopp, fick "12,50"' in p for p in problems)
    assert any(f":{line_of(text, '#UB')}: #UB: kontonumret ska bestå av siffror" in p for p in problems)
    assert any(f':{line_of(text, "#TRANS")}: #TRANS: väntade ett belopp, fick "abc"' in p for p in problems)


@pytest.mark.parametrize("amount", ["1e3", "1_000", "NaN", "Infinity", "12,50", '""'])
def test_amounts_must_be_plain_decimals(tmp_path, amount):
    text = HEAD + CHART + f'#VER A 1 20230115 "x"\n{{\n   #TRANS 1930 {{}} {amount}\n}}\n'
    problems = problems_of(write(tmp_path, text))
    assert any(f":{line_of(text, '#TRANS')}: #TRANS: väntade ett belopp" in p for p in problems)


@pytest.mark.parametrize(
    "amount", ["999999999999.99", "-999999999999.99", "+12.5", "12.", ".5", "-.05", "0001", "1250"]
)
def test_plain_amounts_on_the_fast_path_read_as_the_checked_path_reads_them(tmp_path, amount):
    rows = f"   #TRANS 4010 {{}} {amount}\n   #TRANS 1930 {{}} {-Decimal(amount)}\n"
    fast = read_sie(write(tmp_path, HEAD + CHART + f'#VER A 1 20230115 "x"\n{{\n{rows}}}\n', name="a.se"))
    # A text with an escaped quote sends the rows through the tokenizer and the checked parse.
    escaped = rows.replace("\n", ' 20230115 "a\\"b"\n')
    checked = read_sie(write(tmp_path, HEAD + CHART + f'#VER A 1 20230115 "x"\n{{\n{escaped}}}\n', name="b.se"))
    assert fast.transactions == checked.transactions == {"1930": -Decimal(amount), "4010": Decimal(amount)}


@pytest.mark.parametrize("amount", ["1000000000000", "1000000000000.00", "12.505", "\u0661\u0662", "１２"])
def test_amounts_the_fast_path_leaves_to_the_checked_path_are_refused_there(tmp_path, amount):
    text = HEAD + CHART + f'#VER A 1 20230115 "x"\n{{\n   #TRANS 1930 {{}} {amount}\n}}\n'
    problems = problems_of(write(tmp_path, text, encoding="utf-8"))
    assert any(f":{line_of(text, '#TRANS')}: #TRANS: " in p for p in problems)


@pytest.mark.parametrize(
    "ver",
    [
        '#VER A 1 20231332 "Hyra"',  # the ordinary shape: taken without the tokenizer
        '#VER A 1 20231332 "Hyra \\"mars\\""',  # an escaped quote: through the tokenizer
    ],
)
def test_a_bad_voucher_date_is_the_same_located_error_on_either_path(tmp_path, ver):
    text = HEAD + CHART + f"{ver}\n{{\n   #TRANS 1930 {{}} 10.00\n   #TRANS 4010 {{}} -10.00\n}}\n"
    problems = problems_of(write(tmp_path, text))
    assert problems[0].endswith(f":{line_of(text, '#VER')}: #VER: verifikationsdatumet 20231332 är inget giltigt datum")


def test_an_ordinary_ver_inside_an_open_block_closes_it_with_an_error(tmp_path):
    text = HEAD + CHART + '#VER A 1 20230115 "x"\n{\n   #TRANS 1930 {} 10.00\n#VER A 2 20230116 "y"\n{\n}\n'
    problems = problems_of(write(tmp_path, text))
    assert any(f":{line_of(text, '{')}: blocket {{ för #VER A 1 stängs aldrig med }}" in p for p in problems)


def test_problems_include_the_warnings_after_the_errors(tmp_path):
    text = HEAD + CHART + "#OKAND 1\n}\n"
    problems = problems_of(write(tmp_path, text, encoding="latin-1"))
    assert "} utan öppet" in problems[0]
    assert all("varning: " in p for p in problems[1:]) and len(problems) == 3


def test_all_problems_are_collected(tmp_path):
    text = HEAD + '#KONTO 1930 "x\n#KONTO A1 "y"\n#IB 0 1930 nan\n}\n'
    assert len(problems_of(write(tmp_path, text))) == 4


def test_a_ten_megabyte_line_gives_a_located_error(tmp_path):
    text = HEAD + "#FNAMN " + "x" * 10_000_000 + "\n" + CHART
    (problem,) = problems_of(write(tmp_path, text))
    assert f":{line_of(HEAD, '#KPTYP') + 1}: raden är längre än" in problem


def test_a_long_line_below_the_limit_is_parsed(tmp_path):
    data = read_sie(write(tmp_path, HEAD + '#KONTO 1930 "' + "å" * 500_000 + '"\n'))
    assert len(data.accounts["1930"].name) == 500_000


def test_a_file_with_no_records_is_an_error(tmp_path):
    (problem,) = problems_of(write(tmp_path, "\n\n"))
    assert "inga SIE-poster" in problem


# -- property: balanced vouchers keep IB + transactions = UB -------------------------

amounts = st.integers(min_value=-10_000_000, max_value=10_000_000)  # öre


@st.composite
def ledgers(draw):
    """A chart of accounts, opening balances and balanced vouchers (amounts in öre)."""
    balance = draw(
        st.lists(st.sampled_from(["1510", "1930", "1940", "2099", "2440", "2890"]), min_size=1, unique=True)
    )
    result = draw(
        st.lists(st.sampled_from(["3010", "3020", "4010", "5010", "6530", "8310"]), min_size=1, unique=True)
    )
    accounts = balance + result
    vouchers = []
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        rows = draw(st.lists(st.tuples(st.sampled_from(accounts), amounts), min_size=1, max_size=5))
        rows.append((draw(st.sampled_from(accounts)), -sum(a for _, a in rows)))
        vouchers.append(rows)
    opening = {a: draw(amounts) for a in balance}
    return balance, result, opening, vouchers


def sie_amount(ore: int) -> str:
    return f"{'-' if ore < 0 else ''}{abs(ore) // 100}.{abs(ore) % 100:02d}"


def transaction_line(account: str, ore: int, shape: int) -> str:
    """A #TRANS row in one of the shapes writers use, so that every reading path is exercised."""
    amount = sie_amount(ore)
    return [
        f"   #TRANS {account} {{}} {amount}",
        f'   #TRANS {account} {{}} {amount} 20230301 "Rad {{åäö}}"',
        f'\t#TRANS\t{account}\t{{1 "10" 6 "P 1"}}\t{amount}\t20230301',
        f'   #TRANS "{account}" {{}} "{amount}" "" "Text med \\"citat\\""',
    ][shape % 4]


def ledger_text(balance, result, opening, vouchers, closing_delta=0) -> str:
    moved: dict[str, int] = {}
    for rows in vouchers:
        for account, amount in rows:
            moved[account] = moved.get(account, 0) + amount
    lines = [HEAD.rstrip("\n")]
    lines += [f'#KONTO {a} "Konto {a} åäö"' for a in balance + result]
    for i, a in enumerate(balance):
        delta = closing_delta if i == 0 else 0
        lines += [
            f"#IB 0 {a} {sie_amount(opening[a])}",
            f"#UB 0 {a} {sie_amount(opening[a] + moved.get(a, 0) + delta)}",
        ]
    for n, rows in enumerate(vouchers, 1):
        lines += [f'#VER A {n} 20230301 "Verifikation {n}"', "{"]
        lines += [transaction_line(a, x, n + i) for i, (a, x) in enumerate(rows)] + ["}"]
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledger=ledgers(), data=st.data())
def test_balanced_vouchers_keep_ib_plus_transactions_equal_to_ub(ledger, data):
    balance, result, opening, vouchers = ledger
    with tempfile.TemporaryDirectory() as folder:
        read = read_sie(write(Path(folder), ledger_text(*ledger)))
        for account in balance:
            moved = read.transactions.get(account, Decimal(0))
            assert read.ib[(0, account)] + moved == read.ub[(0, account)]
        assert read.voucher_count == len(vouchers)

        # One amount changed by a non-zero number of öre is always caught.
        delta = data.draw(st.integers(min_value=-100_000, max_value=100_000).filter(bool))
        if data.draw(st.booleans()):
            v = data.draw(st.integers(min_value=0, max_value=len(vouchers) - 1))
            r = data.draw(st.integers(min_value=0, max_value=len(vouchers[v]) - 1))
            changed = [list(rows) for rows in vouchers]
            account, amount = changed[v][r]
            changed[v][r] = (account, amount + delta)
            text = ledger_text(balance, result, opening, changed)
            # the voucher no longer balances, whatever the account
            expected = f"#VER A {v + 1} balanserar inte"
        else:
            text = ledger_text(balance, result, opening, vouchers, closing_delta=delta)
            expected = f"konto {balance[0]}:"
        with pytest.raises(InputError) as caught:
            read_sie(write(Path(folder), text))
        assert any(expected in p.message for p in caught.value.problems)


def test_a_missing_file_or_a_folder_is_a_located_problem(tmp_path):
    assert problems_of(tmp_path / "finns-inte.se") == [f"{tmp_path}/finns-inte.se: filen finns inte"]
    assert problems_of(tmp_path) == [f"{tmp_path}: är en mapp, inte en fil"]


def test_amounts_beyond_limits_or_with_more_than_ore_are_located_errors(tmp_path):
    text = HEAD + CHART + (
        "#VER A 1 20220115 \"Stor\"\n{\n#TRANS 1930 {} 1000000000000.00\n#TRANS 3511 {} -1000000000000.00\n}\n"
        "#VER A 2 20220116 \"Öre\"\n{\n#TRANS 1930 {} 1.005\n#TRANS 3511 {} -1.005\n}\n"
        "#VER A 3 20220117 \"Objekt\"\n{\n#TRANS 1930 {1 \"10\"} 1.125\n#TRANS 3511 {} -1.125\n}\n"
    )
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        read_sie(path)
    messages = [(p.line, p.message) for p in caught.value.problems]
    big = line_of(text, "#TRANS 1930 {} 1000000000000.00")
    assert any(line == big and "10^12" in message for line, message in messages), messages
    ore = line_of(text, "#TRANS 1930 {} 1.005")
    assert any(line == ore and "två decimaler" in message for line, message in messages), messages
    objects = line_of(text, '#TRANS 1930 {1 "10"} 1.125')
    assert any(line == objects and "två decimaler" in message for line, message in messages), messages


def test_object_rows_are_summed_per_account_and_sorted_object_list(tmp_path):
    text = (
        HEAD
        + '#DIM 1 "Resultatenhet"\n#DIM 6 "Projekt"\n#UNDERDIM 7 "Delprojekt" 6\n#OBJEKT 6 "ENTER" "Enter"\n'
        + CHART
        + '#VER A 1 20230115 "x"\n{\n'
        + '   #TRANS 4010 {6 "ENTER" 1 "10"} 300.00\n'
        + '   #TRANS 4010 {1 "10" 6 "ENTER"} 200.00 20230115 "Hyra"\n'
        + '   #RTRANS 4010 {6 "ENTER"} 100.00 20230901 "" "" "Anna"\n'
        + '   #TRANS 4010 {6 "ENTER"} 100.00 20230115 ""\n'
        + "   #TRANS 1930 {} -600.00\n}\n"
    )
    data = read_sie(write(tmp_path, text))
    assert data.object_transactions == {
        ("4010", (("1", "10"), ("6", "ENTER"))): Decimal("500.00"),
        ("4010", (("6", "ENTER"),)): Decimal("100.00"),
    }
    assert data.transactions["4010"] == Decimal("600.00")
    assert data.dims == {"1": "Resultatenhet", "6": "Projekt", "7": "Delprojekt"} and data.underdims == {"7": "6"}
