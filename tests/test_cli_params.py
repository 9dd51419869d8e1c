"""Command-line values: the click ParamTypes of cli/params.py, their Swedish messages and exit 2."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from finsam_budget.cli import main
from finsam_budget.cli.params import KRONOR, MONTH, PERCENT, YEAR

DRIFT = Path(__file__).parent / "data" / "drift"
D = Decimal


@pytest.mark.parametrize(
    ("text", "share"), [("10", D("0.10")), ("7,5 %", D("0.075")), ("7.5%", D("0.075")), ("0", D(0))]
)
def test_percent_is_a_share(text, share):
    assert PERCENT.convert(text, None, None) == share


@pytest.mark.parametrize(("text", "amount"), [("50000", D(50000)), ("50 000", D(50000)), ("1 250,50", D("1250.50"))])
def test_kronor_is_a_decimal_amount(text, amount):
    value = KRONOR.convert(text, None, None)
    assert value == amount and isinstance(value, Decimal)


def test_month_is_year_and_month():
    assert MONTH.convert("2022-08", None, None) == (2022, 8)
    assert MONTH.convert("2022-8", None, None) == (2022, 8)


def test_year_is_an_int():
    assert YEAR.convert("2023", None, None) == 2023


@pytest.mark.parametrize(
    ("param_type", "text", "message"),
    [
        (PERCENT, "tio", 'väntade en procentsats, t.ex. "10" eller "7,5 %", fick "tio"'),
        (PERCENT, "-5", "procentsatsen kan inte vara negativ, fick -5"),
        (KRONOR, "-1", "beloppet kan inte vara negativt, fick -1"),
        (KRONOR, "1.5e3", "1.5e3"),
        (MONTH, "2022-13", 'väntade år och månad, t.ex. "2022-08", fick "2022-13"'),
        (MONTH, "aug", 'väntade år och månad, t.ex. "2022-08", fick "aug"'),
        (YEAR, "22", 'väntade ett år med fyra siffror, t.ex. "2023", fick "22"'),
    ],
)
def test_a_bad_value_fails_in_swedish(param_type, text, message):
    with pytest.raises(click.BadParameter) as caught:
        param_type.convert(text, None, None)
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--through", "aug", 'väntade år och månad, t.ex. "2022-08", fick "aug"'),
        ("--year", "tjugo", 'väntade ett år med fyra siffror, t.ex. "2023", fick "tjugo"'),
        ("--threshold-percent", "tio", "väntade en procentsats"),
        ("--threshold-amount", "-5", "beloppet kan inte vara negativt"),
    ],
)
def test_drift_option_with_a_bad_value_is_exit_2_naming_the_option(tmp_path, option, value, message):
    result = CliRunner().invoke(
        main,
        ["drift", str(DRIFT / "exempelbygd.toml"), "--actuals", str(DRIFT / "utfall-2022.toml"),
         "-o", str(tmp_path / "d.xlsx"), option, value],
    )
    assert result.exit_code == 2 and option in result.output and message in result.output
    assert not (tmp_path / "d.xlsx").exists()


def test_drift_help_shows_the_defaults_of_the_thresholds():
    result = CliRunner().invoke(main, ["drift", "--help"])
    assert "PROCENT" in result.output and "KRONOR" in result.output and "ÅÅÅÅ-MM" in result.output
    assert "10" in result.output and "50000" in result.output
