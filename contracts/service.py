"""Contracts: creating and editing them, who may see them, and keeping deadlines current.

Every change goes through here so that three things always happen together: the deadlines
are recomputed (one place: `contracts.deadlines`), the change is audited, and the contract
is queued for re-indexing through the search outbox.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from contracts import fields, repository, validation
from contracts.schemas import ContractCreate, ContractFields
from contracts.stored_deadlines import refresh_deadlines
from core import audit
from core.i18n import N_, MessageError, message, message_of
from core.models import (
    Category,
    Contract,
    ContractAccess,
    FieldValue,
    ReviewState,
    Role,
    User,
    Visibility,
)
from core.models.base import utcnow
from core.outbox import request_index
from core.principals import may_edit, may_see, principals_of_user, user_principal
from suppliers.linking import link_supplier
from suppliers.supplier_side import NO_ORGANISATION, Organisation, follow_parties, parties_of


class ContractNotFoundError(LookupError):
    """No such contract, or the user may not see it (the two are indistinguishable)."""


class ContractPermissionError(PermissionError):
    pass


class ContractInputError(MessageError):
    """A request that cannot be applied; the message is safe to show (in English as `str()`,
    in the reader's language from `.message`)."""


def visible_contract(session: Session, user: User, contract_id: int) -> Contract:
    contract = repository.get_contract(session, contract_id)
    if contract is None or not may_see(user, contract):
        raise ContractNotFoundError(f"contract {contract_id} not found")
    return contract


def visible_contracts(
    session: Session, user: User, page: int, page_size: int, include_archived: bool = False
) -> tuple[int, Sequence[Contract]]:
    visible = repository.visible_clause(principals_of_user(user))
    if not include_archived:
        visible = visible & Contract.archived_at.is_(None)
    total = session.scalar(select(func.count()).select_from(Contract).where(visible)) or 0
    contracts = session.scalars(
        select(Contract).where(visible).order_by(Contract.id.desc())
        .offset((page - 1) * page_size).limit(page_size)
        .options(selectinload(Contract.supplier))
    ).all()
    return int(total), contracts


def editable_contract(session: Session, user: User, contract_id: int) -> Contract:
    contract = visible_contract(session, user, contract_id)
    if not may_edit(user, contract):
        raise ContractPermissionError(N_("you may view this contract but not change it"))
    return contract


def create_contract(
    session: Session, actor: User, data: ContractCreate, today: dt.date, source: str = "manual",
    organisation: Organisation = NO_ORGANISATION,
) -> Contract:
    if actor.role not in (Role.ADMIN, Role.EDITOR):
        raise ContractPermissionError(N_("only editors and admins can create contracts"))
    contract = Contract(title=data.title, owner_id=actor.id, source=source)
    session.add(contract)
    _apply_fields(session, contract, data, actor, organisation)
    session.flush()
    _record_human_decisions(session, contract, data, actor)
    record_change(session, contract, actor, "contract.created", today, _changes(data))
    return contract


def update_contract(
    session: Session, actor: User, contract: Contract, patch: ContractFields, today: dt.date,
    organisation: Organisation = NO_ORGANISATION,
) -> Contract:
    if not may_edit(actor, contract):
        raise ContractPermissionError(N_("you may view this contract but not change it"))
    _apply_fields(session, contract, patch, actor, organisation)
    _record_human_decisions(session, contract, patch, actor)
    record_change(session, contract, actor, "contract.updated", today, _changes(patch))
    return contract


def record_change(
    session: Session,
    contract: Contract,
    actor: User | None,
    action: str,
    today: dt.date,
    detail: dict[str, Any] | None = None,
) -> None:
    refresh_deadlines(contract, today)
    session.flush()
    audit.record(session, actor_id=actor.id if actor else None, action=action,
                 entity_type="contract", entity_id=contract.id, detail=detail)
    request_index(session, contract.id)


_DIRECT_FIELDS = (
    "signed_date", "effective_date", "end_date", "perpetual", "auto_renewal", "initial_term",
    "renewal_term", "renewal_count", "extension_options", "notice_period",
    "termination_notice", "governing_law", "venue", "payment_terms", "parties",
)


def _apply_fields(session: Session, contract: Contract, data: ContractFields, actor: User,
                  organisation: Organisation) -> None:
    sent = data.model_fields_set
    parties_before = parties_of(contract)
    if "title" in sent and data.title:
        contract.title = data.title
    if "notes" in sent:
        contract.notes = data.notes or ""
    sent_json = data.model_dump(mode="json", include=sent & set(_DIRECT_FIELDS))
    for name, value in sent_json.items():
        try:
            fields.set_on_contract(contract, name, value)
        except fields.FieldValueError as error:
            raise ContractInputError(str(error)) from error
    if "value_amount" in sent or "value_currency" in sent:
        amount = data.value_amount if "value_amount" in sent else contract.value_amount
        currency = data.value_currency if "value_currency" in sent else contract.value_currency
        if amount is not None and not currency:
            raise ContractInputError(N_("value_currency is required with value_amount"))
        contract.value_amount = amount
        contract.value_currency = currency if amount is not None else None
    if "supplier_name" in sent:
        contract.supplier = (
            link_supplier(session, data.supplier_name, data.supplier_org_number)
            if data.supplier_name else None
        )
    elif "parties" in sent:
        follow_parties(session, contract, parties_before, organisation)
    if "category_id" in sent:
        if data.category_id is not None and session.get(Category, data.category_id) is None:
            raise ContractInputError(message(N_("unknown category_id: %(id)s"),
                                             id=data.category_id))
        contract.category_id = data.category_id
    if "category_path" in sent:
        contract.category = category_by_path(session, data.category_path or "")
    if "owner_email" in sent:
        contract.owner_id = _user_id(session, data.owner_email) if data.owner_email else None
    if "visibility" in sent and data.visibility:
        contract.visibility = Visibility(data.visibility)
    if "allowed_user_emails" in sent:
        emails = [e.strip().lower() for e in data.allowed_user_emails or []]
        users = repository.users_by_email(session, emails)
        missing = set(emails) - {u.email for u in users}
        if missing:
            raise ContractInputError(message(N_("unknown users: %(emails)s"),
                                                  emails=", ".join(sorted(missing))))
        contract.access = [
            ContractAccess(principal=user_principal(u.id)) for u in users
        ]
    if contract.perpetual and contract.end_date is not None:
        raise ContractInputError(N_("a perpetual contract cannot also have an end date"))
    if sent & set(DATE_FIELDS):
        check_dates_in_order(contract)


DATE_FIELDS = ("signed_date", "effective_date", "end_date")


def check_dates_in_order(contract: Contract) -> None:
    """Only when a person sets a date: extracted dates may disagree until reviewed."""
    try:
        validation.dates_in_order(contract.signed_date, contract.effective_date,
                                  contract.end_date)
    except ValueError as error:
        raise ContractInputError(message_of(error)) from error


def _record_human_decisions(
    session: Session, contract: Contract, patch: ContractFields, actor: User
) -> None:
    """A field a person set is a correction (of a suggestion, or of a miss when nothing was
    read), so a later extraction of this or another document must not overwrite it."""
    sent = patch.model_fields_set
    mapping = {name: name for name in _DIRECT_FIELDS} | {
        "title": "title", "value_amount": "contract_value", "value_currency": "contract_value"
    }
    touched = {mapping[name] for name in sent if name in mapping}
    rows = repository.field_values_of(session, contract.id)
    for name in sorted(touched):
        row = rows.get(name)
        if row is None:
            row = FieldValue(contract_id=contract.id, field=name, value=None, evidence=[])
            session.add(row)
        row.review_state = ReviewState.CORRECTED
        row.corrected_value = fields.get_from_contract(contract, name)
        row.reviewed_by_id = actor.id
        row.reviewed_at = utcnow()


def category_by_path(session: Session, path: str) -> Category | None:
    """The category at "IT / Software / Licences", creating missing levels."""
    names = [part.strip() for part in path.split("/") if part.strip()]
    parent: Category | None = None
    for name in names:
        found = repository.category_child(session, parent.id if parent else None, name)
        if found is None:
            found = Category(name=name[:200], parent=parent)
            session.add(found)
            session.flush()
        parent = found
    return parent


def _user_id(session: Session, email: str) -> int:
    users = repository.users_by_email(session, [email.strip().lower()])
    if not users:
        raise ContractInputError(message(N_("unknown user: %(email)s"), email=email))
    return users[0].id


def _changes(data: ContractFields) -> dict[str, Any]:
    return {"changes": data.model_dump(mode="json", exclude_unset=True)}
