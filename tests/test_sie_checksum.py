"""#KSUMMA: own test vectors (the CRC of files built here, zlib.crc32 as the reference) and
one negative test per rule of what is fed (issue 14)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from finsam_budget.problems import InputError
from finsam_budget.readers.sie.checksum import checksum, record_content
from finsam_budget.readers.sie.reader import read_sie
from finsam_budget.readers.sie.tokens import tokenize

# The records between the opening #KSUMMA and the closing one, as an exporter writes them.
BODY = [
    '#PROGRAM "Bokf\\"öring\\" AB" 4.2',
    '#FORMAT PC8',
    "#GEN 20240115",
    "#SIETYP 4",
    '#FNAMN "Samordningsförbundet Test"',
    "#ORGNR 222000-1234",
    "#RAR 0 20230101 20231231",
    '#DIM 6 "Projekt"',
    '#OBJEKT 6 "P1" "Enter"',
    '#KONTO 1930 "Företagskonto"',
    '#KONTO 3010 "Driftbidrag"',
    "#IB 0 1930 1000.00",
    "#UB 0 1930 1500.00",
    '#VER A 1 20230115 "Bidrag"',
    "{",
    '   #TRANS 1930 {6 "P1"} 500.00',
    '   #TRANS 3010 {} -500.00 20230115 "Bidrag från FK"',
    "}",
]
# What the rules feed, written out by hand: label and field contents, nothing between.
FED = (
    '#PROGRAMBokf"öring" AB4.2'
    "#FORMATPC8"
    "#GEN20240115"
    "#SIETYP4"
    "#FNAMNSamordningsförbundet Test"
    "#ORGNR222000-1234"
    "#RAR02023010120231231"
    "#DIM6Projekt"
    "#OBJEKT6P1Enter"
    "#KONTO1930Företagskonto"
    "#KONTO3010Driftbidrag"
    "#IB019301000.00"
    "#UB019301500.00"
    "#VERA120230115Bidrag"
    "#TRANS19306P1500.00"
    "#TRANS3010-500.0020230115Bidrag från FK"
)


def write(tmp_path: Path, value: int, body: list[str] = BODY, encoding: str = "cp437", end: str = "\r\n") -> Path:
    lines = ["#FLAGGA 0", "#KSUMMA", *body, f"#KSUMMA {value}"]
    path = tmp_path / "bok.se"
    path.write_bytes((end.join(lines) + end).encode(encoding))
    return path


def reference(text: str, encoding: str = "cp437") -> int:
    return zlib.crc32(text.encode(encoding))


def test_zlib_is_the_sie_crc():
    # The standard's CRC-32 (0xEDB88320, init and final XOR 0xFFFFFFFF) gives 0xCBF43926 for "123456789".
    assert zlib.crc32(b"123456789") == 0xCBF43926


def test_the_rules_feed_label_and_field_contents_only():
    assert "".join(record_content(line) for line in BODY if line.strip() not in "{}") == FED


def test_a_file_built_here_matches_its_reference_crc_with_an_info(tmp_path):
    data = read_sie(write(tmp_path, reference(FED)))
    [info] = [w for w in data.warnings if w.severity == "info"]
    assert "#KSUMMA stämmer" in info.message and info.line == len(BODY) + 3


@pytest.mark.parametrize("encoding", ["cp437", "latin-1", "utf-8"])
def test_the_crc_is_over_the_bytes_of_the_files_encoding(tmp_path, encoding):
    data = read_sie(write(tmp_path, reference(FED, encoding), encoding=encoding))
    assert any(w.severity == "info" and "#KSUMMA stämmer" in w.message for w in data.warnings)


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_line_ends_are_not_fed(tmp_path, end):
    data = read_sie(write(tmp_path, reference(FED), end=end))
    assert any(w.severity == "info" for w in data.warnings)


def mismatch(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_sie(path)
    [problem] = [p for p in caught.value.problems if p.severity == "error"]
    assert "#KSUMMA stämmer inte" in problem.message and "ändrats efter exporten" in problem.message
    return str(problem)


def test_a_changed_digit_is_an_error_that_the_file_was_changed(tmp_path):
    changed = [line.replace("222000-1234", "222000-1235") for line in BODY]
    mismatch(write(tmp_path, reference(FED), body=changed))


def test_the_block_braces_are_not_fed(tmp_path):
    with_braces = FED.replace("Bidrag#TRANS", "Bidrag{#TRANS").replace("FK", "FK}")
    mismatch(write(tmp_path, reference(with_braces)))


def test_the_separators_are_not_fed(tmp_path):
    spaced = "".join(
        " ".join(f if isinstance(f, str) else "".join(f) for f in tokenize(line))
        for line in BODY
        if line.strip() not in "{}"
    )
    assert spaced != FED
    mismatch(write(tmp_path, reference(spaced)))


def test_the_quotes_and_object_braces_are_not_fed(tmp_path):
    quoted = FED.replace("#OBJEKT6P1Enter", '#OBJEKT6"P1""Enter"').replace("#TRANS19306P1", "#TRANS1930{6P1}")
    mismatch(write(tmp_path, reference(quoted)))


def test_checksum_in_batches_equals_one_crc_over_everything():
    records = [f'#TRANS {1000 + i} {{}} {i}.00 "rad {i}"' for i in range(10_000)]
    assert checksum(records, "cp437") == reference("".join(record_content(r) for r in records))
