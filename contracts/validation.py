"""Checks on what people type into a contract, shared by the API schemas, review corrections
and the service: each raises `ContractValueError`, a ValueError whose English text the API
shows and whose message (core/i18n.py) the pages show in the reader's language."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from core.i18n import N_, Message, MessageError, message
from extraction.model import Duration
from extraction.org_numbers import is_valid_norwegian_org_number

# Outside these years a date is a typo (20255 for 2025), and date arithmetic on it (terms,
# renewals) would overflow.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
# A term, notice period or option longer than a century is a typo too.
MAX_DURATION = {"day": 36_600, "week": 5_220, "month": 1_200, "year": 100}

# What a message calls a field ("the end date 2019-01-01 is before ..."); the start of a
# sentence, so in lower case.
FIELD_NAMES = {
    "signed_date": N_("the signed date"),
    "effective_date": N_("the effective date"),
    "end_date": N_("the end date"),
    "initial_term": N_("the initial term"),
    "renewal_term": N_("the renewal term"),
    "notice_period": N_("the notice period"),
    "termination_notice": N_("the notice to terminate for convenience"),
    "payment_terms": N_("the payment terms"),
    "supplier_org_number": N_("the supplier org number"),
}
AN_EXTENSION_OPTION = N_("an extension option")


class ContractValueError(MessageError):
    """A value typed for a contract that cannot be right."""


def field_name(field: str) -> Message:
    return Message(FIELD_NAMES.get(field, "the " + field.replace("_", " ")))


def party_org_number(name: str) -> Message:
    return message(N_("the org number of %(name)s"), name=name)


def _named(label: str | Message) -> Message:
    return label if isinstance(label, Message) else Message(label)


def check_date(label: str | Message, value: dt.date) -> dt.date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ContractValueError(message(
            N_("%(label)s %(date)s is not a plausible date (the year must be between "
               "%(earliest)s and %(latest)s)"),
            label=_named(label), date=value, earliest=EARLIEST_YEAR, latest=LATEST_YEAR))
    return value


def check_duration(label: str | Message, value: Duration) -> Duration:
    if value.count <= 0:
        raise ContractValueError(message(
            N_("%(label)s must be at least %(least)s, not %(count)s"),
            label=_named(label), least=Duration(count=1, unit=value.unit), count=value.count))
    if value.count > MAX_DURATION[value.unit]:
        raise ContractValueError(message(
            N_("%(label)s of %(duration)s is longer than a century"),
            label=_named(label), duration=value))
    return value


def org_number(label: str | Message, value: str) -> str:
    """Nine digits (spaces, dots or dashes between groups allowed) are a Norwegian org number
    and must pass its MOD11 check; they come back as the bare digits. Other registries'
    numbers (UK, EIN) are kept as typed."""
    text = value.strip()
    compact = re.sub(r"[\s.\-]", "", text)
    if re.fullmatch(r"\d{9}", compact):
        if not is_valid_norwegian_org_number(compact):
            raise ContractValueError(message(
                N_("%(label)s %(number)s is not a valid Norwegian organisation number "
                   "(its check digit does not match; look for a typo)"),
                label=_named(label), number=text))
        return compact
    return text


_STARTS = (("effective_date", N_("the end date %(end)s is before the effective date %(start)s")),
           ("signed_date", N_("the end date %(end)s is before the signing date %(start)s")))


def dates_in_order(
    signed: dt.date | None, effective: dt.date | None, end: dt.date | None
) -> None:
    if end is None:
        return
    starts = {"effective_date": effective, "signed_date": signed}
    for name, said in _STARTS:
        start = starts[name]
        if start is not None and end < start:
            raise ContractValueError(message(said, end=end, start=start))


def check_typed(field: str, value: Any) -> Any:
    """A value a person typed for a field (normalised JSON, see contracts.fields), checked
    as the API schema checks it; extracted values are not held to this (the machine's
    reading stays visible, however odd, until someone reviews it)."""
    if value is None:
        return None
    label = field_name(field)
    if field in ("signed_date", "effective_date", "end_date"):
        check_date(label, dt.date.fromisoformat(value))
    elif field in ("initial_term", "renewal_term", "notice_period", "termination_notice",
                   "payment_terms"):
        check_duration(label, Duration.model_validate(value))
    elif field == "extension_options":
        for option in value:
            check_duration(AN_EXTENSION_OPTION, Duration.model_validate(option))
    elif field == "parties":
        return [
            party | {"org_number": org_number(party_org_number(party["name"]),
                                              party["org_number"])}
            if party.get("org_number") else party
            for party in value
        ]
    return value
