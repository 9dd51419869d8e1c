"""The sentences the figures say, in plain Swedish a treasurer would keep.

Pure functions of amounts, so that each wording can be tested with figures
written by hand: the result against the budget, the largest deviations, the cost
shares, the equity against the cap, the balanskravsresultat and the five-year
overview. Amounts are whole kronor or öre as given, with a true minus sign.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from finsam_budget.money import format_amount_print, format_percent

NBSP = "\u00a0"


def kr(amount: Decimal) -> str:
    """``1 336 000 kr``, ``−120 000 kr`` (never broken across lines)."""
    return f"{format_amount_print(amount)}{NBSP}kr"


def percent(share: Decimal) -> str:
    """``38,2 %``; a whole percentage without decimals (``20 %``)."""
    decimals = 0 if (share * 100) == (share * 100).to_integral_value() else 1
    return format_percent(share, decimals).replace(" ", NBSP)


# --- Result and budget ------------------------------------------------------------


def result_sentence(year: int, result: Decimal) -> str:
    """The year's result as a surplus, a deficit or nothing."""
    if result > 0:
        return f"Förbundets resultat för {year} är ett överskott på {kr(result)}."
    if result < 0:
        return f"Förbundets resultat för {year} är ett underskott på {kr(-result)}."
    return f"Förbundets resultat för {year} är {kr(result)}: intäkterna och kostnaderna är lika stora."


def budget_sentence(result: Decimal, budget: Decimal) -> str:
    """The result against the budgeted result."""
    difference = result - budget
    if difference > 0:
        return f"Budgeten räknade med ett resultat på {kr(budget)}; utfallet blev {kr(difference)} bättre än budgeterat."  # noqa: E501
    if difference < 0:
        return f"Budgeten räknade med ett resultat på {kr(budget)}; utfallet blev {kr(-difference)} sämre än budgeterat."  # noqa: E501
    return f"Resultatet blev precis det budgeterade, {kr(budget)}."


@dataclass(frozen=True)
class Deviation:
    """A line of the driftsredovisning beyond the marking thresholds, either way."""

    label: str
    is_cost: bool
    actual: Decimal
    budget: Decimal
    deviation: Decimal  # positive when favourable
    share: Decimal | None  # of the budget's size; None without a budget


def deviations_intro(limits: str, count: int) -> str:
    """``limits`` as ``Thresholds.describe()`` words them."""
    if count == 0:
        return f"Ingen rad i driftsredovisningen avviker från budgeten med {limits}."
    return f"Rader i driftsredovisningen som avviker från budgeten med {limits}, största först:"


def deviation_sentence(item: Deviation) -> str:
    """``Projekt JobbVägen: 1 350 000 kr mot budgeterade 1 200 000 kr, 150 000 kr (12,5 %) mer än budgeterat.``"""
    size = kr(abs(item.deviation))
    if item.share is not None:
        size += f" ({percent(abs(item.share))})"
    over = (item.deviation < 0) == item.is_cost  # a cost above budget, or income above budget
    direction = "mer" if over else "mindre"
    what = "kostnad" if item.is_cost else "intäkt"
    if item.budget == 0:
        return f"{item.label}: {kr(item.actual)} utan budgeterad {what}."
    return f"{item.label}: {kr(item.actual)} mot budgeterade {kr(item.budget)}, {size} {direction} än budgeterat."


# --- Cost shares ------------------------------------------------------------------


def shares_sentence(admin: Decimal, development: Decimal, projects: Decimal, admin_budget: Decimal | None) -> str:
    """The administration's share of the costs, then the structural and individual insatser."""
    budget = f" (budget {percent(admin_budget)})" if admin_budget is not None else ""
    return (
        f"Administrationens andel av förbundets kostnader var {percent(admin)}{budget}. "
        f"Strukturinriktade insatser (utvecklingsinsatser) stod för {percent(development)} "
        f"och individinriktade insatser (projekt) för {percent(projects)} av kostnaderna."
    )


# --- Equity against the cap -------------------------------------------------------


def cap_sentences(
    year: int, equity: Decimal, contributions: Decimal, cap_share: Decimal, cap: Decimal
) -> list[str]:
    """Eget kapital against Nationella rådets recommended cap, with what an excess means."""
    sentences = [
        f"Eget kapital vid utgången av {year} är {kr(equity)}.",
        f"Nationella rådets rekommendation sätter gränsen för ett rimligt eget kapital till "
        f"{percent(cap_share)} av årets bidrag från medlemmarna ({kr(contributions)}), "
        f"det vill säga {kr(cap)}.",
    ]
    if equity < 0:
        sentences.append(
            "Det egna kapitalet är negativt. Ett samordningsförbund får inte skuldsätta sig; "
            "underskottet måste återställas."
        )
    elif equity > cap:
        sentences.append(
            f"Det egna kapitalet ligger {kr(equity - cap)} över den nivån. Kapital över den rekommenderade "
            "nivån kan minska medlemmarnas, och därmed statens, tilldelning till förbundet kommande år; "
            "förbundet bör planera hur överskottet ska användas till insatser."
        )
    elif equity == cap:
        sentences.append("Det egna kapitalet ligger precis på den nivån.")
    else:
        sentences.append(f"Det egna kapitalet ligger {kr(cap - equity)} under den nivån, inom rekommendationen.")
    return sentences


# --- Balanskravsresultat ----------------------------------------------------------

KL_BALANCE = "kommunallagen (2017:725) 11 kap. 5 §"
KL_RESTORE = "kommunallagen 11 kap. 12 §"
KL_EXCEPTION = "11 kap. 13 §"


def balanskrav_sentences(year: int, result: Decimal, gains: Decimal, balanskrav: Decimal) -> list[str]:
    """The balanskravsutredning in words; for a negative result, how it must be restored."""
    if gains:
        first = (
            f"Årets resultat är {kr(result)}. Efter avdrag för realisationsvinster på {kr(gains)} "
            f"är balanskravsresultatet {kr(balanskrav)}."
        )
    else:
        first = (
            f"Årets resultat är {kr(result)}. Förbundet har inga realisationsvinster att räkna av, "
            f"så balanskravsresultatet är också {kr(balanskrav)}."
        )
    if balanskrav > 0:
        return [first, f"Balanskravet enligt {KL_BALANCE} är uppfyllt: intäkterna överstiger kostnaderna."]
    if balanskrav == 0:
        return [first, f"Balanskravet enligt {KL_BALANCE} är uppfyllt: intäkterna täcker kostnaderna."]
    return [
        first,
        f"Balanskravet enligt {KL_BALANCE} är inte uppfyllt.",
        f"Enligt {KL_RESTORE} ska ett negativt balanskravsresultat regleras och det egna kapitalet "
        f"återställas under de närmast följande tre åren, det vill säga senast {year + 3}. "
        f"Styrelsen kan besluta att inte återställa det om det finns synnerliga skäl ({KL_EXCEPTION}), "
        "till exempel att underskottet var planerat för att använda eget kapital över den rekommenderade nivån.",
    ]


# --- Five-year overview -----------------------------------------------------------


def five_year_sentence(
    years: Sequence[int], results: Sequence[Decimal], equity: Sequence[Decimal | None]
) -> str:
    """How the result and the equity moved over the years the file has (``years`` oldest first)."""
    if len(years) < 2:
        return f"Filen har bara resultat för {years[0]}; femårsöversikten fylls på år för år." if years else ""
    low = min(range(len(years)), key=lambda i: (results[i], years[i]))
    high = max(range(len(years)), key=lambda i: (results[i], -years[i]))
    text = (
        f"Under {years[0]}–{years[-1]} har årets resultat legat mellan {kr(results[low])} ({years[low]}) "
        f"och {kr(results[high])} ({years[high]})."
    )
    known = [(y, e) for y, e in zip(years, equity) if e is not None]
    if len(known) >= 2:
        (first_year, first), (last_year, last) = known[0], known[-1]
        verb = "ökat" if last > first else "minskat" if last < first else "varit oförändrat"
        amounts = f" från {kr(first)} ({first_year}) till {kr(last)} ({last_year})" if last != first else ""
        text += f" Det egna kapitalet har {verb}{amounts}."
    return text
