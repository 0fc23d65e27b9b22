"""Amendments and renewals of a contract: which contract a document amends, and how its
changed terms become the contract's.

An amendment restates only what it changes (usually the end date, the notice period, the
price), and it dates and titles itself, so only the terms below are taken from it; the
contract keeps its own title, parties and dates. A term the amendment changes becomes a
suggestion again even where a person had decided it: the later signed document governs, and
a reviewer confirms what was read from it (the previous decision stays in the audit log).
The deadlines follow through `record_change`, which runs the deadline engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from contracts import fields, repository
from contracts.service import record_change
from core.models import Contract, Document, FieldValue, ReviewState, User
from core.models.base import utcnow
from core.principals import may_edit
from extraction.model import Extraction
from suppliers.names import normalise_name

AMENDING_RELATIONS = ("amendment", "renewal")
RELATIONS = ("amendment", "appendix", "renewal")
# The terms an amendment or renewal changes. Not its title, parties or dates: those are the
# amendment's own ("Amendment No. 2", signed on the day of the amendment).
AMENDABLE_FIELDS = (
    "end_date", "perpetual", "auto_renewal", "renewal_term", "renewal_count",
    "extension_options", "notice_period", "contract_value", "payment_terms", "price_items",
)


def apply_amendment(session: Session, contract: Contract, document: Document,
                    extraction: Extraction, today: dt.date) -> list[str]:
    """The terms `document` (an amendment or renewal of `contract`) changes, written onto the
    contract as suggestions; returns the fields changed. A term already set by a later
    amendment (a higher number) is left to it, so the effective terms are the latest
    amendment's whatever order the files arrive in."""
    existing = repository.field_values_of(session, contract.id)
    changed: list[str] = []
    previous: dict[str, Any] = {}
    for name in AMENDABLE_FIELDS:
        found = extraction.finding(name)
        if found is None:
            continue
        row = existing.get(name)
        if row is not None and _set_by_later_amendment(session, row, document):
            continue
        value = fields.normalise(name, found.model_dump(mode="json")["value"])
        previous[name] = {"value": fields.normalise(name, fields.get_from_contract(contract, name)),
                          "review_state": row.review_state.value if row else None}
        if row is None:
            row = FieldValue(contract_id=contract.id, field=name)
            session.add(row)
        row.document_id = document.id
        row.value = value
        row.confidence = found.confidence
        row.evidence = [e.model_dump(mode="json") for e in found.evidence]
        row.derived_from = found.derived_from
        row.extracted_at = utcnow()
        row.review_state = ReviewState.SUGGESTED
        row.corrected_value = None
        row.reviewed_by_id = None
        row.reviewed_at = None
        fields.set_on_contract(contract, name, value, document.id, found.derived_from)
        changed.append(name)
    if "end_date" in changed and contract.end_date is not None and "perpetual" not in changed:
        contract.perpetual = False  # an amendment that sets an end date ends "until further"
    record_change(session, contract, None, "contract.amended", today,
                  {"document_id": document.id, "relation": document.relation,
                   "number": document.relation_number, "fields": changed,
                   "previous": previous})
    return changed


def amended_contract(session: Session, uploader: User | None, parent_date: dt.date,
                     party_names: Sequence[str]) -> Contract | None:
    """The one contract an amendment names by its date ("... Agreement dated March 1, 2020")
    among those the uploader may change, with a party in common when the amendment names
    parties; None when there is none or more than one (a person then attaches it)."""
    if uploader is None:
        return None  # nobody whose right to change that contract could be checked
    candidates = [
        contract for contract in session.scalars(
            select(Contract).where(
                Contract.archived_at.is_(None),
                or_(Contract.signed_date == parent_date, Contract.effective_date == parent_date),
            ).order_by(Contract.id)
        )
        if may_edit(uploader, contract)
    ]
    wanted = {normalise_name(name) for name in party_names if name.strip()}
    if wanted:
        candidates = [c for c in candidates
                      if wanted & {normalise_name(p.name) for p in c.parties}]
    return candidates[0] if len(candidates) == 1 else None


def _set_by_later_amendment(session: Session, row: FieldValue, document: Document) -> bool:
    if row.document_id is None or row.document_id == document.id:
        return False
    source = session.get(Document, row.document_id)
    return (source is not None and source.relation in AMENDING_RELATIONS
            and source.relation_number is not None and document.relation_number is not None
            and source.relation_number > document.relation_number)


def documents_in_order(documents: Sequence[Document]) -> list[Document]:
    """A contract's documents as a reader files them: the contract itself, then its
    amendments and renewals by number, then appendices by number; uploads in order within."""
    def key(document: Document) -> tuple[int, int, int]:
        rank = {None: 0, "amendment": 1, "renewal": 1, "appendix": 2}.get(document.relation, 3)
        return rank, document.relation_number or 0, document.id

    return sorted(documents, key=key)
