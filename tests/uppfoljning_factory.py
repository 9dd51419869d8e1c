"""Small follow-up files for the tests: one insats, one period, figures that add up unless changed."""

from __future__ import annotations

BASE = """\
format = 1
kind = "uppfoljning"
federation = "Samordningsförbundet Prov"

[insats.steget]
name = "Steget"
line = "projects.steget"
goals = { arbete_studier = ">= 20 %", ater_remittent = "<= 25 %" }

[insats.steget.period."2023"]
aktiva_start = 40
nya = 30
deltagare = 70
avslutade = 28
aktiva_slut = 42

[insats.steget.period."2023".avslut]
arbete_studier = 7
fortsatt_rehabilitering = 9
sjukdom = 6
ater_remittent = 4
ovrigt = 2
"""


def followup_text(replace: dict[str, str] | None = None, extra: str = "") -> str:
    """The base file with lines replaced (``"nya = 30": "nya = 31"``) and text added at the end."""
    text = BASE
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    return text + extra
