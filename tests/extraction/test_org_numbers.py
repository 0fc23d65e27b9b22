from __future__ import annotations

import pytest

from extraction.org_numbers import (
    find_org_numbers,
    is_valid_norwegian_org_number,
    norwegian_check_digit,
)


@pytest.mark.parametrize(
    "number", ["923609016", "923 609 016", "926018159", "883 016 610", "974760673"]
)
def test_valid_norwegian_numbers(number: str) -> None:
    assert is_valid_norwegian_org_number(number)


@pytest.mark.parametrize("number", ["923609017", "12345678", "9236090160", "abcdefghi", ""])
def test_invalid_norwegian_numbers(number: str) -> None:
    assert not is_valid_norwegian_org_number(number)


def test_check_digit_with_rest_one_has_no_valid_number() -> None:
    # 8 digits whose weighted sum leaves rest 1 would need check digit 10: never issued.
    candidates = [f"{n:08d}" for n in range(80000000, 80000200)]
    assert any(norwegian_check_digit(c) is None for c in candidates)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Fjordkode AS, org.nr. 923 609 016, heretter", "no", "923609016"),
        ("Org.nr: 923609016", "no", "923609016"),
        ("organisasjonsnummer 923 609 016", "no", "923609016"),
        ("Foretaksregisteret NO 923 609 016 MVA", "no", "923609016"),
        ("(org. nr. 923.609.016)", "no", "923609016"),
        ("NO 923609016 MVA", "no", "923609016"),
        ("Org. nr: 923609016", "no", "923609016"),
        ("Leverandør AS, NO-923 609 016 MVA", "no", "923609016"),
        ("MVA-nr. 923609016", "no", "923609016"),
        ("registered in England with company number 01234567", "uk", "01234567"),
        ("Company No. SC123456", "uk", "SC123456"),
        ("registration number 1234567", "uk", "01234567"),
        ("EIN 12-3456789", "ein", "12-3456789"),
        ("Federal Tax ID: 12-3456789", "ein", "12-3456789"),
        ("Employer Identification Number 98-7654321", "ein", "98-7654321"),
    ],
)
def test_find_org_numbers(text: str, kind: str, value: str) -> None:
    found = find_org_numbers(text)
    assert [(n.kind, n.value) for n in found] == [(kind, value)]
    assert text[found[0].start : found[0].end]


def test_invalid_org_number_is_not_reported() -> None:
    assert find_org_numbers("org.nr. 923 609 017") == []


def test_span_limits_search() -> None:
    text = "A AS org.nr. 923 609 016 og B AS org.nr. 926 018 159"
    found = find_org_numbers(text, start=25)
    assert [n.value for n in found] == ["926018159"]
