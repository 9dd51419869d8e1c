"""Hypothesis strategies: random but valid scenarios, as TOML text."""

from __future__ import annotations

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


@st.composite
def scenario_texts(draw, max_lines: int = 6, ore: bool = True) -> str:
    """A valid scenario file with random years, members, lines and equity."""
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
        parts += [f"[income.ovrigt{index}]", f'name = "Övrigt {index}"',
                  f"amounts = {_toml_amounts(draw(_amounts(years, values)))}", ""]
    opening = draw(_amounts(years, values))
    opening[years[0]] = draw(values)
    reserve = draw(_amounts(years, values))
    carry = draw(st.sampled_from(["reserve", "closing"]))
    parts += ["[equity]", f"opening = {_toml_amounts(opening)}", f"reserve = {_toml_amounts(reserve)}",
              f'carry = "{carry}"', ""]
    for section in ("admin", "development", "projects"):
        for index in range(draw(st.integers(0, max_lines))):
            parts += [f"[{section}.l{index}]", f'name = "Rad {index}"',
                      f"amounts = {_toml_amounts(draw(_amounts(years, values)))}", ""]
    return "\n".join(parts)
