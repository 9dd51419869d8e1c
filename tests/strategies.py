"""Hypothesis strategies: random but valid scenarios, as TOML text."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

AMOUNT = st.integers(min_value=0, max_value=5_000_000_00).map(lambda ore: Decimal(ore).scaleb(-2))
WHOLE = st.integers(min_value=0, max_value=50_000_000).map(Decimal)


def _amounts(years, values):
    return st.lists(st.one_of(st.none(), values), min_size=len(years), max_size=len(years)).map(
        lambda xs: {y: x for y, x in zip(years, xs) if x is not None}
    )


def _toml_amounts(amounts: dict) -> str:
    return "{ " + ", ".join(f'{y} = "{a}"' for y, a in amounts.items()) + " }"


def _toml_list(values) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


@st.composite
def _line_figures(draw, years, values) -> list[str]:
    """A line's year figures, each year drawn as absent, one amount, 4 quarters or 12 months."""
    amounts, quarters, months = {}, {}, {}
    for year in years:
        form = draw(st.sampled_from(["none", "amount", "quarters", "months"]))
        if form == "amount":
            amounts[year] = draw(values)
        elif form == "quarters":
            quarters[year] = draw(st.lists(values, min_size=4, max_size=4))
        elif form == "months":
            months[year] = draw(st.lists(values, min_size=12, max_size=12))
    lines = [f"amounts = {_toml_amounts(amounts)}"]
    if quarters:
        lines.append("quarters = { " + ", ".join(f"{y} = {_toml_list(q)}" for y, q in quarters.items()) + " }")
    if months:
        lines.append("months = { " + ", ".join(f"{y} = {_toml_list(m)}" for y, m in months.items()) + " }")
    return lines


@st.composite
def _project_period(draw, years) -> list[str]:
    """A period somewhere around the plan's years, sometimes with a grant and a budget factor."""
    first = date(years[0] - 1, 1, 1)
    start = first + timedelta(days=draw(st.integers(0, 365 * (len(years) + 1))))
    end = start + timedelta(days=draw(st.integers(0, 365 * 4)))
    lines = [f"period = {{ start = {start.isoformat()}, end = {end.isoformat()} }}"]
    if draw(st.booleans()):
        lines.append(f"granted = {draw(st.integers(0, 20_000_000))}")
        if draw(st.booleans()):
            lines.append(f'budget_factor = "{draw(st.sampled_from(["0.95", "0.9", "1", "0.875"]))}"')
    return lines


SCHEDULES = st.one_of(
    st.sampled_from(['"quarterly-in-advance"', '"monthly"', '"yearly-january"']),
    st.lists(st.integers(1, 12), min_size=1, max_size=12, unique=True).map(str),
)


@st.composite
def scenario_texts(
    draw, max_lines: int = 6, ore: bool = True, periods: bool = False, cash: bool = False
) -> str:
    """A valid scenario file with random years, members, lines and equity.

    ``periods``: lines may give years as quarters or months, projects a period and a
    grant; ``cash``: a ``[cash]`` table with random payment schedules.
    """
    first = draw(st.integers(min_value=2015, max_value=2030))
    years = list(range(first, first + draw(st.integers(min_value=1, max_value=5))))
    values = AMOUNT if ore else WHOLE
    member_count = draw(st.sampled_from([2, 3]))
    shares = ["1/2", "1/2"] if member_count == 2 else ["1/2", "1/4", "1/4"]
    parts = [
        "format = 1",
        'federation = "Samordningsförbundet Prov"',
        'title = "Budgetplan"',
        f"years = {years}",
        f"budget_year = {draw(st.sampled_from(years))}",
        "",
    ]
    for index, share in enumerate(shares):
        parts += [f"[members.m{index}]", f'name = "Medlem {index}"', f'share = "{share}"', ""]
    for index in range(member_count):
        amounts = draw(_amounts(years, values))
        parts += [f"[income.m{index}]", f'name = "Bidrag {index}"', f'member = "m{index}"',
                  f"amounts = {_toml_amounts(amounts)}", ""]
    for index in range(draw(st.integers(0, 2))):
        parts += [f"[income.ovrigt{index}]", f'name = "Övrigt {index}"']
        if periods:
            parts += draw(_line_figures(years, values)) + [""]
        else:
            parts += [f"amounts = {_toml_amounts(draw(_amounts(years, values)))}", ""]
    opening = draw(_amounts(years, values))
    opening[years[0]] = draw(values)
    reserve = draw(_amounts(years, values))
    carry = draw(st.sampled_from(["reserve", "closing"]))
    parts += ["[equity]", f"opening = {_toml_amounts(opening)}", f"reserve = {_toml_amounts(reserve)}",
              f'carry = "{carry}"', ""]
    for section in ("admin", "development", "projects"):
        for index in range(draw(st.integers(0, max_lines))):
            parts += [f"[{section}.l{index}]", f'name = "Rad {index}"']
            if periods:
                parts += draw(_line_figures(years, values))
                if section == "projects" and draw(st.booleans()):
                    parts += draw(_project_period(years))
                parts.append("")
            else:
                parts += [f"amounts = {_toml_amounts(draw(_amounts(years, values)))}", ""]
    if cash:
        parts += ["[cash]", f'opening = "{draw(values)}"', f"contributions = {draw(SCHEDULES)}",
                  f"other_income = {draw(SCHEDULES)}", ""]
    return "\n".join(parts)
