"""Turning field values (the JSON shapes of contracts/fields.py) into text for people.

Kept as Jinja filters so templates say `{{ value|field_text(name) }}`; the output is plain
text and autoescaped like everything else. Words and formats follow the page's language
(web/i18n.py): in Norwegian dates read 01.03.2027 and amounts "1 234,50 kr".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from contracts.deadlines import DerivedEnd, Step
from spend.problems import message_of_reason
from web.i18n import N_, Np_, babel_locale, current_language, gettext, ngettext, render_current

DURATION_FIELDS = frozenset({"initial_term", "renewal_term", "notice_period",
                             "termination_notice", "payment_terms"})
DATE_FIELDS = frozenset({"signed_date", "effective_date", "end_date"})
BOOL_FIELDS = frozenset({"perpetual", "auto_renewal"})

FIELD_LABELS = {
    "title": N_("Title"),
    "parties": N_("Parties"),
    "signed_date": N_("Signed"),
    "effective_date": N_("Effective from"),
    "end_date": N_("End date"),
    "perpetual": N_("Perpetual"),
    "initial_term": N_("Initial term"),
    "auto_renewal": N_("Renews automatically"),
    "renewal_term": N_("Renewal term"),
    "renewal_count": N_("Number of renewals"),
    "extension_options": N_("Extension options"),
    "notice_period": N_("Notice period"),
    "termination_notice": N_("Notice to terminate for convenience"),
    "governing_law": N_("Governing law"),
    "venue": N_("Venue"),
    "contract_value": N_("Contract value"),
    "payment_terms": N_("Payment terms"),
    "price_items": N_("Price list"),
    # What people recorded in the contract's life, named as a source of a deadline.
    "notice_given_on": N_("Notice given"),
    "options_exercised": N_("Option exercised"),
    "terminated_on": N_("Terminated early"),
}


def duration_text(value: Any) -> str:
    if not isinstance(value, dict) or "count" not in value:
        return "" if value is None else str(value)
    count, unit = value.get("count"), value.get("unit", "")
    if isinstance(count, int) and unit in _UNIT_WORDS:
        singular, plural = _UNIT_WORDS[unit]
        return ngettext(singular, plural, count) % {"num": count}
    return f"{count} {unit}{'' if count == 1 else 's'}"


_UNIT_WORDS = {
    "day": Np_("%(num)d day", "%(num)d days"),
    "week": Np_("%(num)d week", "%(num)d weeks"),
    "month": Np_("%(num)d month", "%(num)d months"),
    "year": Np_("%(num)d year", "%(num)d years"),
}


def money_text(amount: Any, currency: Any = None) -> str:
    if amount is None:
        return ""
    try:
        number = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return f"{amount} {currency or ''}".strip()
    if current_language() == "nb":
        code = str(currency or "").strip().upper()
        if len(code) == 3 and code.isalpha():
            return str(format_currency(number, code, locale=babel_locale()))
        grouped = format_decimal(number, format="#,##0.00", locale=babel_locale())
        return f"{grouped} {currency or ''}".strip()
    # Norwegian style groups thousands with a (thin) space; it reads well in English too.
    grouped = f"{number:,.2f}".replace(",", "\u202f")
    return f"{grouped} {currency or ''}".strip()


def date_text(value: Any) -> str:
    """A date as the page's language writes it: 2027-03-01 in English, 01.03.2027 in
    Norwegian. Accepts dates and ISO strings (deadline results travel as JSON)."""
    if value is None or value == "":
        return ""
    day = value
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(day, dt.datetime):
        day = day.date()
    if not isinstance(day, dt.date):
        return str(value)
    if current_language() == "nb":
        return str(format_date(day, "dd.MM.yyyy", locale=babel_locale()))
    return day.isoformat()


_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


def period_text(value: Any) -> str:
    """A spend period as the reader reads it: the month 2025-12 as "Dec 2025" ("des. 2025"
    in Norwegian), the quarter 2025-Q4 as "Q4 2025" ("K4 2025"). Exports and the API keep
    the ISO form, which sorts and parses; anything else (a year, a name) stays as it is."""
    text = str(value)
    if month := _MONTH.fullmatch(text):
        year, number = int(month[1]), int(month[2])
        pattern = "MMM y"
    elif quarter := _QUARTER.fullmatch(text):
        year, number = int(quarter[1]), int(quarter[2]) * 3
        pattern = "QQQ y"
    else:
        return text
    if not 1 <= number <= 12:
        return text
    return str(format_date(dt.date(year, number, 1), pattern, locale=babel_locale()))


def moment_text(value: Any, seconds: bool = False) -> str:
    """A date and time of day as the page's language writes the date: 2026-12-03 17:22 in
    English, 03.12.2026 17:22 in Norwegian (the clock reads the same in both)."""
    if not isinstance(value, dt.datetime):
        return date_text(value)
    return f"{date_text(value)} {value.strftime('%H:%M:%S' if seconds else '%H:%M')}"


def field_text(value: Any, field: str, derived_from: Any = None) -> str:
    """A field's JSON value as one line of text; "" when there is no value. `derived_from`
    (`Finding.derived_from`'s shape) says an end date was computed, and from what."""
    if value is None:
        return ""
    if field in DURATION_FIELDS:
        return duration_text(value)
    if field in BOOL_FIELDS:
        return gettext("yes") if value else gettext("no")
    if field == "end_date" and isinstance(derived_from, dict):
        return computed_end_text(value, derived_from)
    if field in DATE_FIELDS:
        return date_text(value)
    if field == "contract_value" and isinstance(value, dict):
        text = money_text(value.get("amount"), value.get("currency"))
        if value.get("excluding_vat") is True:
            text = gettext("%(amount)s excl. VAT") % {"amount": text}
        return text
    if field == "extension_options" and isinstance(value, list):
        return ", ".join(duration_text(option) for option in value)
    if field == "parties" and isinstance(value, list):
        return "; ".join(party_text(party) for party in value)
    if field == "price_items" and isinstance(value, list):
        return "; ".join(price_item_text(item) for item in value)
    return str(value)


def computed_end_text(end: Any, derived_from: dict[str, Any]) -> str:
    """"2026-04-01, computed: 2024-04-01 + 2 years": an end date that was not stated but
    worked out from a start and a term, with both parts (as its evidence shows them)."""
    how = DerivedEnd.from_json(derived_from)
    if how is None:
        return date_text(end)
    return gettext("%(end)s, computed: %(start)s + %(term)s") % {
        "end": date_text(end), "start": date_text(how.start),
        "term": duration_text(how.term.model_dump(mode="json")),
    }


_SAYS_PER = re.compile(r"(?i)(?:(?:per|pr\.?|each|a|an|à)(?:\s|$)|/)")


def price_item_text(item: Any) -> str:
    if not isinstance(item, dict):
        return str(item)
    price = money_text(item.get("unit_price"), item.get("currency"))
    unit = str(item.get("unit") or "").strip()
    # Price lists often write the unit with its "per" ("per m² per år", "pr. time").
    per = "" if not unit else f" {unit}" if _SAYS_PER.match(unit) \
        else " " + gettext("per %(unit)s") % {"unit": unit}
    return f"{item.get('description', '')}: {price}{per}" if price else str(item.get("description"))


def party_text(party: Any) -> str:
    if not isinstance(party, dict):
        return str(party)
    extra = ", ".join(party_role_text(party[k]) if k == "role" else str(party[k])
                      for k in ("role", "org_number") if party.get(k))
    return f"{party.get('name', '')} ({extra})" if extra else str(party.get("name", ""))


# The roles extraction gives parties (extraction/parties/words.py), stored in English. A role
# a person typed in other words is shown as typed.
PARTY_ROLES = {
    "supplier": N_("supplier"), "customer": N_("customer"), "consultant": N_("consultant"),
    "licensor": N_("licensor"), "licensee": N_("licensee"), "distributor": N_("distributor"),
    "franchisor": N_("franchisor"), "franchisee": N_("franchisee"), "sponsor": N_("sponsor"),
    "endorser": N_("endorser"), "agent": N_("agent"), "lender": N_("lender"),
    "borrower": N_("borrower"), "landlord": N_("landlord"), "tenant": N_("tenant"),
    "employer": N_("employer"), "employee": N_("employee"), "promoter": N_("promoter"),
    "affiliate": N_("affiliate"),
}
# Where a contract came from (contracts.source).
CONTRACT_SOURCES = {"upload": N_("read from an uploaded document"),
                    "manual": N_("entered by hand")}


def party_role_text(role: Any) -> str:
    text = str(role)
    known = PARTY_ROLES.get(text.strip().lower())
    return gettext(known) if known else text


def source_text(source: Any) -> str:
    text = str(source)
    return gettext(CONTRACT_SOURCES[text]) if text in CONTRACT_SOURCES else text


def explanation_text(step: Any) -> str:
    """A line of a deadline explanation (its JSON, see contracts/deadlines/types.py) in the
    page's language: the engine says it as a msgid with dates and durations as values."""
    if not isinstance(step, dict):
        return str(step)
    return render_current(Step.from_json(step).message)


def spend_problem_text(reason: Any) -> str:
    """Why a spend row was refused (stored in English, see spend/problems.py), in the page's
    language."""
    return render_current(message_of_reason(str(reason)))


def confidence_text(value: Any) -> str:
    if value is None:
        return ""
    return f"{float(value) * 100:.0f}%"


def label(field: str) -> str:
    return gettext(FIELD_LABELS.get(field, field.replace("_", " ").capitalize()))


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


# Statuses, document and review states, inbox states and roles: stored in English, shown in
# the page's language.
STATE_WORDS = {
    "active": N_("active"), "expiring": N_("expiring"), "expired": N_("expired"),
    "unknown": N_("unknown"), "queued": N_("queued"), "processing": N_("processing"),
    "ready": N_("ready"), "failed": N_("failed"), "suggested": N_("suggested"),
    "accepted": N_("accepted"), "corrected": N_("corrected"), "rejected": N_("rejected"),
    "open": N_("open"), "done": N_("done"), "dismissed": N_("dismissed"),
    "snoozed": N_("snoozed"), "admin": N_("admin"), "editor": N_("editor"),
    "viewer": N_("viewer"), "amendment": N_("amendment"), "appendix": N_("appendix"),
    "renewal": N_("renewal"), "pending": N_("pending"), "sent": N_("sent"),
    "withdrawn": N_("withdrawn"),
    # Spend imports and where spend leaks off contract.
    "needs_mapping": N_("needs_mapping"), "remapped": N_("remapped"),
    "contract not in force": N_("contract not in force"), "no contract": N_("no contract"),
}
# Supplier risk: levels, register status flags and indicator names, stored in English.
RISK_WORDS = {
    "unknown": N_("unknown"), "low": N_("low"), "medium": N_("medium"), "high": N_("high"),
    "bankruptcy": N_("bankruptcy"), "winding_up": N_("winding up"),
    "forced_dissolution": N_("forced dissolution"), "deleted": N_("deleted"),
    "insolvency": N_("insolvency"), "dissolved": N_("dissolved"),
    "accounts_overdue": N_("accounts overdue"),
    "equity ratio": N_("equity ratio"), "current ratio": N_("current ratio"),
    "operating margin": N_("operating margin"), "revenue change": N_("revenue change"),
    "negative equity": N_("negative equity"),
    "loss two years running": N_("loss two years running"),
    "accounts not filed on time": N_("accounts not filed on time"),
}
UNIT_PLURALS = {"day": N_("days"), "week": N_("weeks"), "month": N_("months"),
                "year": N_("years")}


def state_text(value: Any) -> str:
    text = str(getattr(value, "value", value))
    return gettext(STATE_WORDS[text]) if text in STATE_WORDS else text


def risk_text(value: Any) -> str:
    text = str(value)
    return gettext(RISK_WORDS[text]) if text in RISK_WORDS else text.replace("_", " ")


def unit_text(unit: str) -> str:
    return gettext(UNIT_PLURALS[unit]) if unit in UNIT_PLURALS else f"{unit}s"


def document_url(document_id: int) -> str:
    # The originals endpoint checks that the reader may see the document's contract.
    return f"/api/v1/documents/{document_id}/file"


FILTERS: dict[str, Callable[..., str]] = {
    "state_text": state_text,
    "status_text": state_text,
    "role_text": state_text,
    "risk_text": risk_text,
    "unit_text": unit_text,
    "document_url": document_url,
    "quoted": quoted,
    "field_text": field_text,
    "duration_text": duration_text,
    "money_text": money_text,
    "date_text": date_text,
    "period_text": period_text,
    "moment_text": moment_text,
    "confidence_text": confidence_text,
    "explanation_text": explanation_text,
    "party_role_text": party_role_text,
    "spend_problem_text": spend_problem_text,
    "source_text": source_text,
    "label": label,
    "field_kind": field_kind,
}
