"""The Swedish words of a driftsredovisning: row labels, column headings, how a forecast was made.

One place for them, so that the workbook, the terminal table and the warnings
name a row or a period the same way.
"""

from __future__ import annotations

from decimal import Decimal

from finsam_budget.money import format_amount

MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

#: The rows of the summary block, as a published driftsredovisning names them.
SUMMARY_LABELS = {
    "costs": "Nettokostnad",
    "income": "Bidrag/Intäkt",
    "result": "Resultat",
    "closing_equity": "Utgående eget kapital",
    "cash": "Likvida medel",
}
TOTAL_LABELS = {
    "members": "Summa medlemsbidrag",
    "income": "Summa intäkter",
    "admin": "Summa administration",
    "development": "Summa utvecklingsinsatser",
    "projects": "Summa projekt",
    "costs": "Summa kostnader",
    "result": "Resultat (intäkter − kostnader)",
}

#: The rows of an SIE file's result accounts that no scenario line lists, by kind.
UNLISTED_LABELS = {
    "income": "Övriga intäkter utan rad i scenariot",
    "cost": "Övriga kostnader utan rad i scenariot",
}
#: How a line's own monthly profile is named in a remark.
PROFILE_WORDS = {"months": "radens månader", "quarters": "radens kvartal", "period": "projektets period"}

DEVIATION_HEADING = "Avvikelse utfall – budget"
SHARE_HEADING = "Avvikelse i %"
FORECAST_DEVIATION_HEADING = "Avvikelse prognos – budget"


def actual_heading(year: int, through: int) -> str:
    """``Utfall jan–aug 2022``; ``Utfall jan 2022`` for January alone."""
    period = MONTHS[0] if through == 1 else f"{MONTHS[0]}–{MONTHS[through - 1]}"
    return f"Utfall {period} {year}"


def report_heading(year: int, through: int) -> str:
    """``Driftsredovisning 2022`` or ``Driftsredovisning jan–aug 2022 (delårsrapport)``."""
    if through < 12:
        return f"Driftsredovisning {actual_heading(year, through).removeprefix('Utfall ')} (delårsrapport)"
    return f"Driftsredovisning {year}"


def budget_heading(year: int) -> str:
    return f"Aktuell budget jan–dec {year}"


def forecast_heading(year: int) -> str:
    return f"Prognos helår {year}"


def previous_heading(year: int) -> str:
    """The column of last year's bokslut: ``Bokslut helår 2021`` for the report of 2022."""
    return f"Bokslut helår {year - 1}"


def months_left_text(through: int) -> str:
    """The months after the actuals: ``sep–dec``, or ``dec``."""
    return "dec" if through == 11 else f"{MONTHS[through]}–dec"


def forecast_method(through: int, *, profiled: bool) -> str:
    """How a forecast the file does not give is estimated; ``profiled`` when a line followed its own profile."""
    text = (
        f"utfall jan–{MONTHS[through - 1]} + återstående budget "
        f"({12 - through}/12 av helårsbudgeten, avrundat till hela kronor"
    )
    if profiled:
        text += (
            f"; på en rad med egna månader eller kvartal, och för ett projekt vars period inte täcker "
            f"hela året, budgeten för {months_left_text(through)} enligt dem"
        )
    return text + ")"


def profile_forecast_method(through: int, profile: str, remaining: Decimal) -> str:
    """How one row's forecast followed its own profile, with the budget of the months left."""
    return (
        f"utfall jan–{MONTHS[through - 1]} + budgeten för {months_left_text(through)} enligt "
        f"{PROFILE_WORDS[profile]} ({format_amount(remaining)} kr)"
    )


def workbook_suffix(year: int, through: int) -> str:
    """``-drift-2022``, or ``-drift-2022-08`` for a delårsrapport, so it does not take the full year's name."""
    return f"-drift-{year}" + (f"-{through:02d}" if through < 12 else "")
