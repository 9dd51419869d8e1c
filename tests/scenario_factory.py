"""Small scenario files for tests, written as TOML text."""

from __future__ import annotations

from pathlib import Path

#: The federation, its members, their contributions and the equity: what every test scenario starts with.
HEAD = """\
format = 1
federation = "Samordningsförbundet Test"
title = "Budgetplan 2022"
years = [2021, 2022, 2023]
budget_year = 2022

[members.fk]
name = "Försäkringskassan"
share = "1/2"

[members.region]
name = "Region Test"
share = "1/2"

[income.fk]
name = "Försäkringskassan"
member = "fk"
amounts = { 2021 = 1000000, 2022 = 1000000, 2023 = 1000000 }

[income.region]
name = "Region Test"
member = "region"
amounts = { 2021 = 1000000, 2022 = 1000000, 2023 = 1000000 }

[equity]
opening = { 2021 = 500000 }
reserve = { 2021 = 300000, 2022 = 300000, 2023 = 300000 }
carry = "reserve"
"""

BASE = HEAD + """
[admin.kansli]
name = "Kansli"
amounts = { 2021 = 600000, 2022 = 600000, 2023 = 600000 }

[development.utbildning]
name = "Metodutbildningar"
amounts = { 2021 = 200000, 2022 = 200000, 2023 = 200000 }

[projects.jobbsam]
name = "JobbSam"
amounts = { 2021 = 1200000, 2022 = 1200000, 2023 = 1200000 }
"""


def write(tmp_path: Path, text: str = BASE, name: str = "scenario.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def replace(old: str, new: str, text: str = BASE) -> str:
    """The base scenario with one piece of text replaced (the piece must be there)."""
    assert old in text, old
    return text.replace(old, new, 1)
