"""A contract's life: notice given, options exercised, early termination, renewal on new
terms, archiving and deletion.

Each recorded event is an input of the deadline engine (`terms_of` reads them through
`lifecycle_inputs`), so recording one moves every date shown, re-indexes the contract and,
through the stored deadlines, stops or re-arms its alerts. Withdrawing an event undoes its
effect; both are audited. The entry point owns the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from contracts.recorded_events import lifecycle_inputs
from contracts.schemas import ContractFields
from contracts.service import (
    ContractInputError,
    ContractPermissionError,
    record_change,
    update_contract,
)
from core import audit
from core.i18n import N_, message
from core.models import (
    Contract,
    ContractEvent,
    Document,
    DocumentPage,
    LifecycleKind,
    Role,
    User,
)
from core.models.base import utcnow
from core.outbox import request_index
from core.principals import may_edit

EARLIEST_EVENT = dt.date(1900, 1, 1)
LATEST_EVENT = dt.date(2200, 12, 31)


def _check_editor(actor: User, contract: Contract) -> None:
    if not may_edit(actor, contract):
        raise ContractPermissionError(N_("you may view this contract but not change it"))


def record_event(
    session: Session,
    actor: User,
    contract: Contract,
    *,
    kind: LifecycleKind,
    occurred_on: dt.date,
    today: dt.date,
    note: str = "",
    document_id: int | None = None,
    new_terms: ContractFields | None = None,
) -> ContractEvent:
    _check_editor(actor, contract)
    if not EARLIEST_EVENT <= occurred_on <= LATEST_EVENT:
        raise ContractInputError(message(
            N_("the date must be between %(earliest)s and %(latest)s"),
            earliest=EARLIEST_EVENT.year, latest=LATEST_EVENT.year))
    if document_id is not None and session.scalar(
        select(Document.id).where(Document.id == document_id,
                                  Document.contract_id == contract.id)
    ) is None:
        raise ContractInputError(message(
            N_("document %(id)s is not a document of this contract"), id=document_id))
    if kind is LifecycleKind.OPTION_EXERCISED:
        _check_an_option_is_left(contract)
    if kind is LifecycleKind.RENEWED:
        if new_terms is None or not new_terms.model_fields_set:
            raise ContractInputError(
                N_("renewed on new terms: give the new terms (e.g. the new end date)")
            )
        update_contract(session, actor, contract, new_terms, today)
    elif new_terms is not None and new_terms.model_fields_set:
        raise ContractInputError(N_("new terms go with a renewal on new terms only"))
    event = ContractEvent(
        contract_id=contract.id, kind=kind, occurred_on=occurred_on, note=note.strip(),
        document_id=document_id, recorded_by_id=actor.id,
    )
    contract.events.append(event)
    session.flush()  # its id orders it after the events recorded earlier the same day
    record_change(session, contract, actor, f"contract.{kind.value}", today,
                  {"occurred_on": occurred_on.isoformat(), "note": event.note})
    return event


def _check_an_option_is_left(contract: Contract) -> None:
    offered = len([o for o in contract.extension_options or [] if o.get("count", 0) > 0])
    exercised = lifecycle_inputs(contract.events).options_exercised
    if exercised >= offered:
        raise ContractInputError(
            N_("this contract has no extension option left to exercise")
            if offered else N_("this contract has no extension options")
        )


def withdraw_event(
    session: Session, actor: User, contract: Contract, event_id: int, today: dt.date
) -> ContractEvent:
    _check_editor(actor, contract)
    event = next((e for e in contract.events if e.id == event_id), None)
    if event is None:
        raise ContractInputError(message(
            N_("event %(id)s is not an event of this contract"), id=event_id))
    if event.withdrawn_at is None:
        event.withdrawn_at = utcnow()
        event.withdrawn_by_id = actor.id
        record_change(session, contract, actor, "contract.event_withdrawn", today,
                      {"event_id": event.id, "kind": event.kind.value})
    return event


def archive(session: Session, actor: User, contract: Contract, today: dt.date) -> None:
    _check_editor(actor, contract)
    if contract.archived_at is None:
        contract.archived_at = utcnow()
        record_change(session, contract, actor, "contract.archived", today)


def restore(session: Session, actor: User, contract: Contract, today: dt.date) -> None:
    _check_editor(actor, contract)
    if contract.archived_at is not None:
        contract.archived_at = None
        record_change(session, contract, actor, "contract.restored", today)


def delete_contract(session: Session, actor: User, contract: Contract) -> Sequence[str]:
    """Delete for good (admins only, audited). Returns the SHA-256 of the originals that
    belonged only to this contract, for the caller to remove after commit."""
    if actor.role is not Role.ADMIN:
        raise ContractPermissionError(N_("only administrators can delete contracts; archive it"))
    documents = session.scalars(select(Document).where(Document.contract_id == contract.id)).all()
    hashes = [d.sha256 for d in documents]
    audit.record(session, actor_id=actor.id, action="contract.deleted", entity_type="contract",
                 entity_id=contract.id,
                 detail={"title": contract.title, "documents": hashes})
    document_ids = [d.id for d in documents]
    if document_ids:
        session.execute(delete(DocumentPage).where(DocumentPage.document_id.in_(document_ids)))
        session.execute(delete(Document).where(Document.id.in_(document_ids)))
    request_index(session, contract.id)  # the outbox finds it gone and deletes it
    session.delete(contract)
    session.flush()
    return hashes
