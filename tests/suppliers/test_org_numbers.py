"""Org numbers are checked by the country that issued them."""

from __future__ import annotations

import pytest

from suppliers.org_numbers import country_code, org_number


@pytest.mark.parametrize(("value", "country", "stored"), [
    ("923 609 016", "NO", "923609016"),
    ("NO 923.609.016 MVA", "NO", "923609016"),
    ("923609016", None, "923609016"),            # nine digits: Norwegian whoever asks
    ("01234567", "GB", "01234567"),
    ("sc123456", "GB", "SC123456"),
    ("1234567", "GB", "01234567"),               # leading zero left out
    ("HRB 12345", "DE", "HRB 12345"),            # other registries as typed
    ("12345678", None, "12345678"),
    ("", "NO", None),
    (None, None, None),
])
def test_accepted_numbers(value: str | None, country: str | None, stored: str | None) -> None:
    assert org_number(value, country) == stored


@pytest.mark.parametrize(("value", "country", "message"), [
    ("923609017", "NO", "check digit"),
    ("923609017", None, "check digit"),
    ("12345", "NO", "nine digits"),
    ("SC1234567", "GB", "UK company number"),
    ("ABC12345", "GB", "UK company number"),
])
def test_refused_numbers(value: str, country: str | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        org_number(value, country)


def test_country_codes() -> None:
    assert country_code(" no ") == "NO"
    assert country_code("UK") == "GB"
    assert country_code("") is None
    with pytest.raises(ValueError, match="two-letter"):
        country_code("Narnia")
