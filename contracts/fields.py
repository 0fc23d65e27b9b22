"""How each extraction field maps onto a contract's columns, in both directions.

Values travel as the JSON of `avtale extract` (ISO dates, {"count","unit"} durations,
{"amount","currency"} money), so suggestions, corrections and the API share one shape.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import TypeAdapter, ValidationError

from core.i18n import N_, MessageError, message
from core.models import Contract, ContractParty, ContractPriceItem
from extraction.model import FIELD_NAMES, Duration, Money, Party, PriceItem


def _reviewable() -> tuple[str, ...]:
    # The notice to terminate for convenience sits beside the notice that stops renewal. It is
    # kept out of extraction's FIELD_NAMES, the fields the labelled fixtures give.
    at = FIELD_NAMES.index("notice_period") + 1
    return (*FIELD_NAMES[:at], "termination_notice", *FIELD_NAMES[at:])


# Every extracted field can be accepted, corrected or rejected by a person, in the order the
# contract page lists them.
REVIEWABLE_FIELDS: tuple[str, ...] = _reviewable()

_DATE_FIELDS = ("signed_date", "effective_date", "end_date")
_DURATION_FIELDS = ("initial_term", "renewal_term", "notice_period", "termination_notice",
                    "payment_terms")
_BOOL_FIELDS = ("perpetual", "auto_renewal")
_TEXT_FIELDS = ("title", "governing_law", "venue")

_durations = TypeAdapter(list[Duration])
_parties = TypeAdapter(list[Party])
_price_items = TypeAdapter(list[PriceItem])


class FieldValueError(MessageError):
    """A value that does not fit its field; the message is safe to show."""


def normalise(field: str, value: Any) -> Any:
    """Validate a JSON value for a field and return its canonical JSON form."""
    if value is None:
        return None
    try:
        if field in _DATE_FIELDS:
            return dt.date.fromisoformat(str(value)).isoformat()
        if field in _DURATION_FIELDS:
            return Duration.model_validate(value).model_dump(mode="json")
        if field in _BOOL_FIELDS:
            if not isinstance(value, bool):
                raise FieldValueError(message(N_("%(field)s must be true or false"),
                                             field=field))
            return value
        if field in _TEXT_FIELDS:
            text = str(value).strip()
            if not text:
                return None
            return text[:500]
        if field == "renewal_count":
            count = int(value)
            if count < 0:
                raise FieldValueError(N_("renewal_count cannot be negative"))
            return count
        if field == "extension_options":
            return _durations.dump_python(_durations.validate_python(value), mode="json")
        if field == "contract_value":
            money = Money.model_validate(value)
            return money.model_dump(mode="json")
        if field == "parties":
            return _parties.dump_python(_parties.validate_python(value), mode="json")
        if field == "price_items":
            return _price_items.dump_python(_price_items.validate_python(value), mode="json")
    except (ValidationError, ValueError, TypeError, InvalidOperation) as error:
        if isinstance(error, FieldValueError):
            raise
        raise FieldValueError(message(N_("invalid value for %(field)s: %(value)s"),
                                      field=field, value=repr(value))) from error
    raise FieldValueError(message(N_("unknown field: %(field)s"), field=field))


def set_on_contract(
    contract: Contract, field: str, value: Any, document_id: int | None = None,
    derived_from: dict[str, Any] | None = None,
) -> None:
    """Write a normalised JSON value into the contract's columns (None clears).
    `document_id` is the document the value was read from, kept on rows that record it.
    `derived_from` says an end date was computed (`Finding.derived_from`); without it the end
    date is stated, which is what every value a person types, accepts or rejects is."""
    value = normalise(field, value)
    if field == "end_date":
        contract.end_date_derived_from = derived_from if value else None
    if field in _DATE_FIELDS:
        setattr(contract, field, dt.date.fromisoformat(value) if value else None)
    elif field in _BOOL_FIELDS:
        setattr(contract, field, bool(value))
    elif field == "title":
        contract.title = value or contract.title
    elif field == "contract_value":
        contract.value_amount = Decimal(str(value["amount"])) if value else None
        contract.value_currency = value["currency"] if value else None
    elif field == "parties":
        contract.parties = [
            ContractParty(name=p["name"], role=p.get("role"), org_number=p.get("org_number"))
            for p in value or []
        ]
    elif field == "price_items":
        contract.price_items = [
            ContractPriceItem(
                description=item["description"][:2000],
                unit=item.get("unit"),
                unit_price=Decimal(item["unit_price"]) if item.get("unit_price") else None,
                currency=item.get("currency"),
                page=item.get("page"),
                document_id=document_id,
            )
            for item in value or []
        ]
    else:
        setattr(contract, field, value)


def get_from_contract(contract: Contract, field: str) -> Any:
    """The contract's current value of a field, as JSON."""
    if field in _DATE_FIELDS:
        date: dt.date | None = getattr(contract, field)
        return date.isoformat() if date else None
    if field == "contract_value":
        if contract.value_amount is None:
            return None
        return {"amount": str(contract.value_amount), "currency": contract.value_currency}
    if field == "parties":
        return [
            {"name": p.name, "role": p.role, "org_number": p.org_number} for p in contract.parties
        ]
    if field == "price_items":
        return [
            {"description": i.description, "unit": i.unit,
             "unit_price": str(i.unit_price) if i.unit_price is not None else None,
             "currency": i.currency, "page": i.page}
            for i in contract.price_items
        ] or None
    return getattr(contract, field)
