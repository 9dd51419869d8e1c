"""A file that is missing, a folder, unreadable or not UTF-8 reads the same in every reader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from finsam_budget.problems import InputError, Problem
from finsam_budget.readers.actuals import read_actuals
from finsam_budget.readers.mapping_file import load_mapping
from finsam_budget.readers.rules_file import load_rules
from finsam_budget.readers.scenario import read_scenario
from finsam_budget.readers.sie.reader import read_sie


def _raised(load: Callable[[Path], object]) -> Callable[[Path], list[Problem]]:
    def problems(path: Path) -> list[Problem]:
        with pytest.raises(InputError) as caught:
            load(path)
        return caught.value.problems

    return problems


#: kind → (file suffix, how it is read)
READERS: dict[str, tuple[str, Callable[[Path], list[Problem]]]] = {
    "scenario": (".toml", lambda path: read_scenario(path)[1]),
    "actuals-toml": (".toml", _raised(read_actuals)),
    "actuals-csv": (".csv", _raised(read_actuals)),
    "actuals-xlsx": (".xlsx", _raised(read_actuals)),
    "mapping": (".toml", _raised(load_mapping)),
    "rules": (".toml", _raised(load_rules)),
    "sie": (".se", _raised(read_sie)),
}
TOML_READERS = [kind for kind, (suffix, _) in READERS.items() if suffix == ".toml"]


@pytest.mark.parametrize("kind", sorted(READERS))
def test_a_missing_file(tmp_path, kind):
    suffix, read = READERS[kind]
    path = tmp_path / f"saknas{suffix}"
    assert [str(p) for p in read(path)] == [f"{path}: filen finns inte"]


@pytest.mark.parametrize("kind", sorted(READERS))
def test_a_folder(tmp_path, kind):
    suffix, read = READERS[kind]
    path = tmp_path / f"mapp{suffix}"
    path.mkdir()
    assert [str(p) for p in read(path)] == [f"{path}: är en mapp, inte en fil"]


@pytest.mark.parametrize("kind", sorted(READERS))
def test_an_unreadable_path(tmp_path, kind):
    suffix, read = READERS[kind]
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    path = tmp_path / "fil" / f"inne{suffix}"  # a file where a folder should be
    assert [str(p) for p in read(path)] == [f"{path}: kan inte läsas: en del av sökvägen är inte en mapp"]


@pytest.mark.parametrize("kind", sorted(TOML_READERS))
def test_a_toml_file_that_is_not_utf8(tmp_path, kind):
    suffix, read = READERS[kind]
    path = tmp_path / f"fil{suffix}"
    path.write_bytes('format = 1\n# ok\ntitle = "Samordningsförbundet"\n'.encode("cp1252"))
    assert [str(p) for p in read(path)] == [f"{path}:3: filen är inte UTF-8-kodad; spara den som UTF-8"]


@pytest.mark.parametrize("kind", sorted(TOML_READERS))
def test_a_byte_order_mark_is_harmless(tmp_path, kind):
    suffix, read = READERS[kind]
    path = tmp_path / f"fil{suffix}"
    path.write_bytes(b"\xef\xbb\xbfformat = 1\nokand = 1\n")
    assert any(p.key == "okand" and p.line == 2 for p in read(path))


def test_a_csv_file_that_is_neither_utf8_nor_windows_1252(tmp_path):
    path = tmp_path / "utfall.csv"
    path.write_bytes(b"line;amount\nincome.fk;1\x81\n")
    [problem] = _raised(read_actuals)(path)
    assert problem.line == 2 and problem.message.startswith("filen är inte UTF-8-kodad")
