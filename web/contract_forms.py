"""The main-facts form of a contract (new contract and edit), read into ContractFields.

Editing sends only what changed: an unchanged field that was extracted must stay as it was
reviewed, since `update_contract` treats every field it is sent as a human correction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import ValidationError

from contracts.schemas import ContractCreate, ContractFields, ContractOut
from web.i18n import N_, Message, MessageError, Np_
from web.review_forms import FormValueError, parse_amount

FACT_NAMES: tuple[str, ...] = (
    "title", "supplier_name", "supplier_org_number", "category_path", "signed_date",
    "effective_date", "end_date", "value_amount", "value_currency", "owner_email",
    "visibility", "allowed_user_emails", "notes",
)
FACT_LABELS = {
    "title": N_("Title"), "supplier_name": N_("Supplier"),
    "supplier_org_number": N_("Supplier org number"), "category_path": N_("Category"),
    "signed_date": N_("Signed"), "effective_date": N_("Effective from"),
    "end_date": N_("End date"), "value_amount": N_("Value"), "value_currency": N_("Currency"),
    "owner_email": N_("Owner"), "visibility": N_("Visibility"),
    "allowed_user_emails": N_("Also visible to (e-mails, when restricted)"), "notes": N_("Notes"),
}
_Facts = TypeVar("_Facts", bound=ContractFields)
# Changed together or not at all: the service reads them as one thing.
_PAIRS = (("supplier_name", "supplier_org_number"), ("value_amount", "value_currency"))


def current_facts(contract: ContractOut) -> dict[str, str]:
    supplier, category = contract.supplier, contract.category
    return {
        "title": contract.title,
        "supplier_name": supplier.name if supplier else "",
        "supplier_org_number": (supplier.org_number or "") if supplier else "",
        "category_path": category.path if category else "",
        "signed_date": _iso(contract.signed_date),
        "effective_date": _iso(contract.effective_date),
        "end_date": _iso(contract.end_date),
        "value_amount": str(contract.value_amount) if contract.value_amount is not None else "",
        "value_currency": contract.value_currency or "",
        "owner_email": contract.owner_email or "",
        "visibility": contract.visibility,
        "allowed_user_emails": ", ".join(contract.shared_with),
        "notes": contract.notes,
    }


def submitted_facts(form: Mapping[str, str]) -> dict[str, str]:
    facts = {name: str(form.get(name) or "").strip() for name in FACT_NAMES}
    facts["value_currency"] = facts["value_currency"].upper()
    facts["allowed_user_emails"] = ", ".join(_emails(facts["allowed_user_emails"]))
    facts["notes"] = str(form.get("notes") or "").replace("\r\n", "\n").strip()
    return facts


def create_from_form(form: Mapping[str, str]) -> ContractCreate:
    facts = submitted_facts(form)
    if not facts["title"]:
        raise FormValueError("a contract needs a title")
    data = {name: _parsed(name, value) for name, value in facts.items() if value}
    return _validated(ContractCreate, data)


def patch_from_form(form: Mapping[str, str], current: Mapping[str, str]) -> ContractFields:
    facts = submitted_facts(form)
    if not facts["title"]:
        raise FormValueError("a contract needs a title")
    changed = {name for name in FACT_NAMES if not _same(name, facts[name], current[name])}
    for pair in _PAIRS:
        if changed & set(pair):
            changed |= set(pair)
    data = {name: _parsed(name, facts[name]) for name in changed}
    if data.get("visibility") is None:
        data.pop("visibility", None)
    return _validated(ContractFields, data)


def not_kept(submitted: Mapping[str, str], saved: Mapping[str, str]) -> list[Message]:
    """What a person typed that the contract does not show after saving, each as a sentence
    (a supplier name given with another supplier's org number, for one)."""
    facts = submitted_facts(submitted)
    notes = []
    for name in FACT_NAMES:
        typed, now = facts[name], saved[name]
        if not typed or _same(name, typed, now):
            continue
        said = {"field": Message(FACT_LABELS[name]), "typed": typed, "now": now}
        if not now:
            notes.append(Message(N_("%(field)s “%(typed)s” was not kept."), said))
        elif name == "supplier_name" and saved["supplier_org_number"]:
            notes.append(Message(
                N_("%(field)s “%(typed)s” was not kept: the contract shows “%(now)s” "
                   "(org number %(number)s is registered to it)."),
                said | {"number": saved["supplier_org_number"]}))
        else:
            notes.append(Message(
                N_("%(field)s “%(typed)s” was not kept: the contract shows “%(now)s”."), said))
    return notes


def _same(name: str, submitted: str, current: str) -> bool:
    """The same fact, however it was written ("IT/Software" is "IT / Software")."""
    if name == "value_amount":
        try:
            return parse_amount(submitted) == (Decimal(current) if current else None)
        except FormValueError:
            return False
    if name == "category_path":
        return _path(submitted) == _path(current)
    if name == "supplier_org_number":
        return re.sub(r"[\s.\-]", "", submitted) == re.sub(r"[\s.\-]", "", current)
    if name == "owner_email":
        return submitted.lower() == current.lower()
    return submitted == current


def _path(text: str) -> list[str]:
    return [part.strip() for part in text.split("/") if part.strip()]


def _parsed(name: str, value: str) -> Any:
    if not value:
        if name == "allowed_user_emails":
            return []
        return "" if name == "notes" else None
    if name == "value_amount":
        return parse_amount(value)
    if name == "allowed_user_emails":
        return _emails(value)
    return value


def _emails(text: str) -> list[str]:
    return sorted({e.strip().lower() for e in text.replace("\n", ",").split(",") if e.strip()})


def _validated(model: type[_Facts], data: dict[str, Any]) -> _Facts:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problem = error.errors()[0]
        where = FACT_LABELS.get(str(problem["loc"][0]), "") if problem["loc"] else ""
        said = _problem_message(problem)
        raise FormValueError(
            Message(N_("%(field)s: %(problem)s"), {"field": Message(where), "problem": said})
            if where else said
        ) from error


# Pydantic's own complaints about the form's inputs, by its error type, in our words.
_PYDANTIC_PROBLEMS = {
    "date_from_datetime_parsing": N_("give a date as YYYY-MM-DD"),
    "date_parsing": N_("give a date as YYYY-MM-DD"),
    "date_type": N_("give a date as YYYY-MM-DD"),
    "string_pattern_mismatch": N_("not in the expected form"),
    "greater_than_equal": N_("cannot be negative"),
    "decimal_max_digits": N_("the number is too large"),
    "decimal_max_places": N_("at most two decimals"),
    "literal_error": N_("not one of the choices"),
}
_TOO_LONG = Np_("at most %(num)d character", "at most %(num)d characters")


def _problem_message(problem: Any) -> Message:
    cause = (problem.get("ctx") or {}).get("error")
    if isinstance(cause, MessageError):
        # Our own checks (contracts.validation) say what is wrong in a sentence of their own.
        return cause.message
    kind = str(problem.get("type", ""))
    if kind == "string_too_long":
        limit = int((problem.get("ctx") or {}).get("max_length", 0))
        return Message(_TOO_LONG[0], {"num": limit}, _TOO_LONG[1])
    if kind in _PYDANTIC_PROBLEMS:
        return Message(_PYDANTIC_PROBLEMS[kind])
    return Message(str(problem["msg"]).removeprefix("Value error, "))


def _iso(value: Any) -> str:
    return value.isoformat() if value is not None else ""
