"""Turning field values (the JSON shapes of contracts/fields.py) into text for people.

Kept as Jinja filters so templates say `{{ value|field_text(name) }}`; the output is plain
text and autoescaped like everything else.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

DURATION_FIELDS = frozenset({"initial_term", "renewal_term", "notice_period", "payment_terms"})
DATE_FIELDS = frozenset({"signed_date", "effective_date", "end_date"})
BOOL_FIELDS = frozenset({"perpetual", "auto_renewal"})

FIELD_LABELS = {
    "title": "Title",
    "parties": "Parties",
    "signed_date": "Signed",
    "effective_date": "Effective from",
    "end_date": "End date",
    "perpetual": "Perpetual",
    "initial_term": "Initial term",
    "auto_renewal": "Renews automatically",
    "renewal_term": "Renewal term",
    "renewal_count": "Number of renewals",
    "extension_options": "Extension options",
    "notice_period": "Notice period",
    "governing_law": "Governing law",
    "venue": "Venue",
    "contract_value": "Contract value",
    "payment_terms": "Payment terms",
    "price_items": "Price list",
}


def duration_text(value: Any) -> str:
    if not isinstance(value, dict) or "count" not in value:
        return "" if value is None else str(value)
    count, unit = value.get("count"), value.get("unit", "")
    return f"{count} {unit}{'' if count == 1 else 's'}"


def money_text(amount: Any, currency: Any = None) -> str:
    if amount is None:
        return ""
    try:
        number = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return f"{amount} {currency or ''}".strip()
    # Norwegian style groups thousands with a (thin) space; it reads well in English too.
    grouped = f"{number:,.2f}".replace(",", "\u202f")
    return f"{grouped} {currency or ''}".strip()


def date_text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def field_text(value: Any, field: str) -> str:
    """A field's JSON value as one line of text; "" when there is no value."""
    if value is None:
        return ""
    if field in DURATION_FIELDS:
        return duration_text(value)
    if field in BOOL_FIELDS:
        return "yes" if value else "no"
    if field == "contract_value" and isinstance(value, dict):
        text = money_text(value.get("amount"), value.get("currency"))
        if value.get("excluding_vat") is True:
            text += " excl. VAT"
        return text
    if field == "extension_options" and isinstance(value, list):
        return ", ".join(duration_text(option) for option in value)
    if field == "parties" and isinstance(value, list):
        return "; ".join(party_text(party) for party in value)
    if field == "price_items" and isinstance(value, list):
        return "; ".join(price_item_text(item) for item in value)
    return str(value)


_SAYS_PER = re.compile(r"(?i)(?:(?:per|pr\.?|each|a|an|à)(?:\s|$)|/)")


def price_item_text(item: Any) -> str:
    if not isinstance(item, dict):
        return str(item)
    price = money_text(item.get("unit_price"), item.get("currency"))
    unit = str(item.get("unit") or "").strip()
    # Price lists often write the unit with its "per" ("per m² per år", "pr. time").
    per = "" if not unit else f" {unit}" if _SAYS_PER.match(unit) else f" per {unit}"
    return f"{item.get('description', '')}: {price}{per}" if price else str(item.get("description"))


def party_text(party: Any) -> str:
    if not isinstance(party, dict):
        return str(party)
    extra = ", ".join(str(party[k]) for k in ("role", "org_number") if party.get(k))
    return f"{party.get('name', '')} ({extra})" if extra else str(party.get("name", ""))


def confidence_text(value: Any) -> str:
    if value is None:
        return ""
    return f"{float(value) * 100:.0f}%"


def label(field: str) -> str:
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def field_kind(field: str) -> str:
    """Which inputs a field's correction form has (see web/review_forms.py)."""
    if field in DATE_FIELDS:
        return "date"
    if field in DURATION_FIELDS:
        return "duration"
    if field in BOOL_FIELDS:
        return "bool"
    if field == "contract_value":
        return "money"
    if field in ("parties", "extension_options", "price_items"):
        return "lines"
    if field == "renewal_count":
        return "number"
    return "text"


def form_defaults(field: str, value: Any) -> dict[str, str]:
    """Pre-filled inputs of a field's correction form (see web/review_forms.py)."""
    if value is None:
        return {}
    if field in DURATION_FIELDS and isinstance(value, dict):
        return {"count": str(value.get("count", "")), "unit": str(value.get("unit", ""))}
    if field == "contract_value" and isinstance(value, dict):
        return {"amount": str(value.get("amount", "")), "currency": str(value.get("currency", ""))}
    if field in BOOL_FIELDS:
        return {"value": "true" if value else "false"}
    if field == "extension_options" and isinstance(value, list):
        return {"value": "\n".join(duration_text(option) for option in value)}
    if field == "parties" and isinstance(value, list):
        lines = [
            " | ".join(str(p.get(k) or "") for k in ("name", "role", "org_number")).rstrip(" |")
            for p in value if isinstance(p, dict)
        ]
        return {"value": "\n".join(lines)}
    if field == "price_items" and isinstance(value, list):
        keys = ("description", "unit", "unit_price", "currency")
        lines = [
            " | ".join(str(item.get(k) or "") for k in keys).rstrip(" |")
            for item in value if isinstance(item, dict)
        ]
        return {"value": "\n".join(lines)}
    return {"value": str(value)}


def quoted(text: str) -> str:
    """Text in one pair of quotes: a search for the phrase "notice period" is shown as
    “notice period”, not “"notice period"”."""
    inner = text.strip()
    if len(inner) >= 2 and inner[0] in "\"“«" and inner[-1] in "\"”»" and not any(
        c in "\"“”«»" for c in inner[1:-1]
    ):
        inner = inner[1:-1]
    return f"“{inner}”"


FILTERS: dict[str, Callable[..., str]] = {
    "quoted": quoted,
    "field_text": field_text,
    "duration_text": duration_text,
    "money_text": money_text,
    "date_text": date_text,
    "confidence_text": confidence_text,
    "label": label,
    "field_kind": field_kind,
}
