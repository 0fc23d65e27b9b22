"""A supplier's org number as a person or a register file gives it, checked by the country
that issued it: Norwegian numbers must pass MOD11, UK company numbers have eight characters,
other countries' numbers are kept as text. Errors are ValueErrors safe to show."""

from __future__ import annotations

import re

from extraction.org_numbers import is_valid_norwegian_org_number

NORWAY = "NO"
UNITED_KINGDOM = "GB"
# Companies House: eight digits (England and Wales), or two letters and six digits (SC
# Scotland, NI Northern Ireland, OC LLPs...). Leading zeros are often left out when typed.
_UK_NUMBER = re.compile(r"(?:[A-Z]{2}\d{6}|\d{1,8})")
_COUNTRY = re.compile(r"[A-Z]{2}")
_COUNTRY_ALIASES = {"UK": UNITED_KINGDOM, "NORWAY": NORWAY, "NORGE": NORWAY,
                    "UNITED KINGDOM": UNITED_KINGDOM, "GREAT BRITAIN": UNITED_KINGDOM}


def country_code(value: str | None) -> str | None:
    """ISO 3166-1 alpha-2, upper case; "UK" and the two countries' names are accepted."""
    text = (value or "").strip().upper()
    if not text:
        return None
    text = _COUNTRY_ALIASES.get(text, text)
    if not _COUNTRY.fullmatch(text):
        raise ValueError(f"country {value!r} is not a two-letter country code such as NO or GB")
    return text


def org_number(value: str | None, country: str | None) -> str | None:
    """The number in its stored form, or None when empty."""
    text = (value or "").strip()
    if not text:
        return None
    compact = re.sub(r"[\s.\-]", "", text).upper().removeprefix("NO").removesuffix("MVA")
    if country == NORWAY or (country is None and re.fullmatch(r"\d{9}", compact)):
        return _norwegian(text, compact)
    if country == UNITED_KINGDOM:
        return _uk(text)
    if len(text) > 40:
        raise ValueError(f"org number {text[:40]}... is longer than 40 characters")
    return text


def _norwegian(text: str, compact: str) -> str:
    if not re.fullmatch(r"\d{9}", compact):
        raise ValueError(f"org number {text} is not a Norwegian organisation number "
                         "(nine digits, such as 923 609 016)")
    if not is_valid_norwegian_org_number(compact):
        raise ValueError(f"org number {text} is not a valid Norwegian organisation number "
                         "(its check digit does not match; look for a typo)")
    return compact


def _uk(text: str) -> str:
    compact = re.sub(r"\s", "", text).upper()
    if not _UK_NUMBER.fullmatch(compact):
        raise ValueError(f"org number {text} is not a UK company number "
                         "(eight characters, such as 01234567 or SC123456)")
    return compact.zfill(8)
