"""Amounts and dates as ledgers write them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from spend.values import UnreadableValueError, parse_amount, parse_date


@pytest.mark.parametrize(("text", "decimal_comma", "expected"), [
    ("1500", False, "1500"),
    ("100565.40", False, "100565.40"),
    ("-0.01", False, "-0.01"),
    ("£1,234.50", False, "1234.50"),
    ("1,234", False, "1234"),
    ("1,234", True, "1.234"),
    ("1 234,50", True, "1234.50"),
    ("1.234,50", False, "1234.50"),
    ("1.234.567", True, "1234567"),
    ("kr 12 500,00", True, "12500.00"),
    ("NOK 1 000", True, "1000"),
    ("(500.00)", False, "-500.00"),
    ("250,00-", True, "-250.00"),
    ("€ -12,5", True, "-12.5"),
    ("1\u00a0250,75", True, "1250.75"),
    ("12.50", True, "12.50"),
    ("99,5", False, "99.5"),
])
def test_amounts(text: str, decimal_comma: bool, expected: str) -> None:
    assert parse_amount(text, decimal_comma=decimal_comma) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "  ", "abc", "12,3,4,5", "1.2.3x"])
def test_not_amounts(text: str) -> None:
    with pytest.raises(UnreadableValueError):
        parse_amount(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("07/04/2015", dt.date(2015, 4, 7)),
    ("05.03.2024", dt.date(2024, 3, 5)),
    ("2024-03-07", dt.date(2024, 3, 7)),
    ("2024-03-07T00:00:00", dt.date(2024, 3, 7)),
    ("07/04/15", dt.date(2015, 4, 7)),
    ("15-Jul-2014", dt.date(2014, 7, 15)),
    ("07/04/2015 00:00:00", dt.date(2015, 4, 7)),
    (dt.datetime(2016, 1, 2, 13, 0), dt.date(2016, 1, 2)),
])
def test_dates_are_day_first_or_iso(text: object, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("00:00:00", "no date (00:00:00)"), ("", "no date"),
    ("31/02/2015", "does not exist"), ("13/13/2015", "does not exist"),
    ("soon", "not a date"),
])
def test_no_date_or_a_bad_one_says_which(text: str, reason: str) -> None:
    with pytest.raises(UnreadableValueError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_date(text)
