"""Checks on what people type into a contract, shared by the API schemas, review corrections
and the service: each raises ValueError with a message that is safe to show."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from extraction.model import Duration
from extraction.org_numbers import is_valid_norwegian_org_number

# Outside these years a date is a typo (20255 for 2025), and date arithmetic on it (terms,
# renewals) would overflow.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
# A term, notice period or option longer than a century is a typo too.
MAX_DURATION = {"day": 36_600, "week": 5_220, "month": 1_200, "year": 100}


def check_date(label: str, value: dt.date) -> dt.date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(
            f"{label} {value.isoformat()} is not a plausible date "
            f"(the year must be between {EARLIEST_YEAR} and {LATEST_YEAR})"
        )
    return value


def check_duration(label: str, value: Duration) -> Duration:
    if value.count <= 0:
        raise ValueError(f"{label} must be at least 1 {value.unit}, not {value.count}")
    if value.count > MAX_DURATION[value.unit]:
        raise ValueError(f"{label} of {value.count} {value.unit}s is longer than a century")
    return value


def org_number(label: str, value: str) -> str:
    """Nine digits (spaces, dots or dashes between groups allowed) are a Norwegian org number
    and must pass its MOD11 check; they come back as the bare digits. Other registries'
    numbers (UK, EIN) are kept as typed."""
    text = value.strip()
    compact = re.sub(r"[\s.\-]", "", text)
    if re.fullmatch(r"\d{9}", compact):
        if not is_valid_norwegian_org_number(compact):
            raise ValueError(
                f"{label} {text} is not a valid Norwegian organisation number "
                "(its check digit does not match; look for a typo)"
            )
        return compact
    return text


def dates_in_order(
    signed: dt.date | None, effective: dt.date | None, end: dt.date | None
) -> None:
    if end is None:
        return
    for label, start in (("effective date", effective), ("signing date", signed)):
        if start is not None and end < start:
            raise ValueError(
                f"the end date {end.isoformat()} is before the {label} {start.isoformat()}"
            )


def check_typed(field: str, value: Any) -> Any:
    """A value a person typed for a field (normalised JSON, see contracts.fields), checked
    as the API schema checks it; extracted values are not held to this (the machine's
    reading stays visible, however odd, until someone reviews it)."""
    if value is None:
        return None
    label = "the " + field.replace("_", " ")
    if field in ("signed_date", "effective_date", "end_date"):
        check_date(label, dt.date.fromisoformat(value))
    elif field in ("initial_term", "renewal_term", "notice_period", "payment_terms"):
        check_duration(label, Duration.model_validate(value))
    elif field == "extension_options":
        for option in value:
            check_duration("an extension option", Duration.model_validate(option))
    elif field == "parties":
        return [
            party | {"org_number": org_number(f"the org number of {party['name']}",
                                              party["org_number"])}
            if party.get("org_number") else party
            for party in value
        ]
    return value
