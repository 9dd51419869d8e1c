"""Amounts as people type them: the one parser of Swedish amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finsam_budget.money import (
    AmountError,
    parse_amount,
    parse_share,
    parse_swedish_amount,
)


@pytest.mark.parametrize("text", ["-", "–", " - ", "  -   ", "- kr", "\u2212"])
def test_excels_accounting_zero_dash_is_zero(text):
    assert parse_swedish_amount(text) == Decimal(0)


@pytest.mark.parametrize("text", ["--", "-–", "—x", "- 5 -", "–5"])
def test_other_dashes_are_still_refused(text):
    with pytest.raises(AmountError):
        parse_swedish_amount(text)


def test_swedish_amounts_still_parse():
    assert parse_swedish_amount("1 399 148,50") == Decimal("1399148.50")
    assert parse_swedish_amount("-14 247") == Decimal(-14247)


@pytest.mark.parametrize("text", ["١٢٣", "１２", "1２"])
def test_amounts_take_ascii_digits_only(text):
    with pytest.raises(AmountError):
        parse_amount(text)
    with pytest.raises(AmountError):
        parse_swedish_amount(text)


def test_shares_take_ascii_digits_only():
    with pytest.raises(AmountError):
        parse_share("١/٢")
