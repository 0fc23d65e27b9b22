"""Reading the small per-field correction forms into the JSON shapes of contracts/fields.py.

Inputs by field kind (the template renders the matching inputs):
- dates: `value` as YYYY-MM-DD; durations: `count` + `unit`; money: `amount` + `currency`;
- yes/no: `value` "true"/"false"; extension options: `value`, one "count unit" a line;
- parties: `value`, one "name | role | org number" a line; price_items: `value`, one
  "description | unit | unit price | currency" a line; anything else: `value` as text.
An empty form means "no value". Validation of the result is `contracts.fields.normalise`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from contracts.schemas import MAX_DURATION_COUNT as MAX_COUNT
from core.i18n import N_, MessageError, message
from web.formatting import BOOL_FIELDS, DURATION_FIELDS

UNITS = ("day", "week", "month", "year")
_DURATION_LINE = re.compile(r"^\s*(\d+)\s*([a-zA-Z]+?)s?\s*$")
_NOT_AN_AMOUNT = N_("not an amount: %(text)s")


class FormValueError(MessageError):
    """The form cannot be read as a value; the message is safe to show (a msgid, or a
    message with its values: pages show it in the reader's language)."""


def parse_amount(text: str) -> Decimal | None:
    """"1 250 000,50" and "1250000.50" alike: spaces group thousands, a lone comma is the
    decimal separator (as Norwegians write it)."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", text)
    if not cleaned:
        return None
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as error:
        raise FormValueError(message(_NOT_AN_AMOUNT, text=repr(text))) from error
    if not amount.is_finite() or amount < 0:
        raise FormValueError(message(_NOT_AN_AMOUNT, text=repr(text)))
    return amount


def _duration(count: str, unit: str) -> dict[str, Any] | None:
    count, unit = count.strip(), unit.strip().lower()
    if not count and not unit:
        return None
    if not (count.isascii() and count.isdigit()) or not 0 < int(count) <= MAX_COUNT:
        raise FormValueError(message(
            N_("the count must be a whole number from 1 to %(max)s, not %(count)s"),
            max=MAX_COUNT, count=repr(count)))
    if unit.endswith("s"):
        unit = unit[:-1]
    if unit not in UNITS:
        raise FormValueError(message(N_("the unit must be one of %(units)s"),
                                     units=", ".join(UNITS)))
    return {"count": int(count), "unit": unit}


def field_value_from_form(field: str, form: Mapping[str, str]) -> Any:
    def text(name: str = "value") -> str:
        return str(form.get(name, "")).strip()

    if field in DURATION_FIELDS:
        return _duration(text("count"), text("unit"))
    if field == "contract_value":
        amount = parse_amount(text("amount"))
        if amount is None:
            return None
        currency = text("currency").upper()
        if not re.fullmatch(r"[A-Z]{3}", currency):
            raise FormValueError(N_("give the currency as a three-letter code, e.g. NOK"))
        return {"amount": str(amount), "currency": currency}
    if field in BOOL_FIELDS:
        choice = text().lower()
        if choice not in ("true", "false"):
            raise FormValueError(N_("choose yes or no"))
        return choice == "true"
    if field == "extension_options":
        options = []
        for line in text().splitlines():
            if not line.strip():
                continue
            match = _DURATION_LINE.match(line)
            if match is None:
                raise FormValueError(message(
                    N_("write each option as e.g. '1 year', not %(line)s"),
                    line=repr(line.strip())))
            options.append(_duration(match.group(1), match.group(2)))
        return options or None
    if field == "parties":
        parties = []
        for line in text().splitlines():
            if not line.strip():
                continue
            name, role, org_number = ([part.strip() for part in line.split("|")] + ["", ""])[:3]
            if not name:
                raise FormValueError(message(N_("a party needs a name: %(line)s"),
                                             line=repr(line.strip())))
            parties.append({"name": name, "role": role or None, "org_number": org_number or None})
        return parties or None
    if field == "price_items":
        items = []
        for line in text().splitlines():
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")] + ["", "", ""]
            description, unit, price, currency = parts[:4]
            if not description:
                raise FormValueError(message(
                    N_("a price line needs a description: %(line)s"), line=repr(line.strip())))
            amount = parse_amount(price) if price else None
            items.append({"description": description, "unit": unit or None,
                          "unit_price": str(amount) if amount is not None else None,
                          "currency": currency.upper() or None})
        return items or None
    # Dates, the renewal count and text fields: as typed; normalise() checks them.
    return text() or None
