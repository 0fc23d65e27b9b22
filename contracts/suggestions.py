"""Turning an extraction into suggested field values on a contract.

A suggestion is shown as the contract's value until someone reviews it (so search and
deadlines work from the first upload), but it is marked unreviewed. Re-extraction replaces
suggestions and never touches a value a person accepted, corrected or rejected.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from contracts import fields, repository
from contracts.service import record_change
from core.models import Contract, FieldValue, ReviewState
from core.models.base import utcnow
from extraction.model import Extraction
from suppliers.linking import link_supplier
from suppliers.supplier_side import NO_ORGANISATION, Organisation, choose_supplier, parties_of


def apply_extraction(
    session: Session,
    contract: Contract,
    document_id: int | None,
    extraction: Extraction,
    today: dt.date,
    organisation: Organisation = NO_ORGANISATION,
) -> None:
    existing = repository.field_values_of(session, contract.id)
    for name in fields.REVIEWABLE_FIELDS:
        found = extraction.finding(name)
        row = existing.get(name)
        if row is not None and row.review_state is not ReviewState.SUGGESTED:
            continue  # a person decided; the machine does not overrule
        if found is None:
            if row is not None and row.document_id == document_id:
                # This document no longer yields the value: its suggestion goes, and with it
                # the value it put on the contract. Another document's suggestion stays.
                session.delete(row)
                if name != "title":
                    fields.set_on_contract(contract, name, None)
            continue
        value = fields.normalise(name, found.model_dump(mode="json")["value"])
        evidence = [e.model_dump(mode="json") for e in found.evidence]
        if row is None:
            row = FieldValue(contract_id=contract.id, field=name)
            session.add(row)
        row.document_id = document_id
        row.value = value
        row.confidence = found.confidence
        row.evidence = evidence
        row.derived_from = found.derived_from
        row.extracted_at = utcnow()
        if name != "title" or value:
            fields.set_on_contract(contract, name, value, document_id, found.derived_from)
    if contract.perpetual and contract.end_date is not None:
        perpetual_row = existing.get("perpetual")
        if perpetual_row is not None and perpetual_row.review_state is not ReviewState.SUGGESTED:
            # A person said perpetual; the end date awaits review.
            fields.set_on_contract(contract, "end_date", None)
        else:
            contract.perpetual = False  # conflicting suggestions: the stated end date wins
    contract.language = extraction.language
    if contract.supplier is None:
        # From the parties as they now stand: a person's correction of them counts.
        chosen = choose_supplier(parties_of(contract), organisation)
        if chosen is not None:
            contract.supplier = link_supplier(session, chosen.name, chosen.org_number)
    record_change(session, contract, None, "contract.extracted", today,
                  {"document_id": document_id})
