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
from contracts.suppliers import link_supplier
from core.models import Contract, FieldValue, ReviewState
from core.models.base import utcnow
from extraction.model import Extraction, Party

# Roles that make a party the supplier side of the contract.
SUPPLIER_ROLES = frozenset(
    {"supplier", "licensor", "vendor", "seller", "service provider", "provider", "contractor",
     "consultant", "manufacturer", "distributor", "franchisor", "lessor", "landlord",
     "endorser", "developer", "reseller", "agent", "sponsor"}
)


def apply_extraction(
    session: Session,
    contract: Contract,
    document_id: int | None,
    extraction: Extraction,
    today: dt.date,
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
        row.extracted_at = utcnow()
        if name != "title" or value:
            fields.set_on_contract(contract, name, value, document_id)
    if contract.perpetual and contract.end_date is not None:
        perpetual_row = existing.get("perpetual")
        if perpetual_row is not None and perpetual_row.review_state is not ReviewState.SUGGESTED:
            contract.end_date = None  # a person said perpetual; the end date awaits review
        else:
            contract.perpetual = False  # conflicting suggestions: the stated end date wins
    contract.language = extraction.language
    if contract.supplier_id is None and extraction.parties is not None:
        supplier_party = pick_supplier(extraction.parties.value)
        if supplier_party is not None:
            contract.supplier = link_supplier(session, supplier_party.name,
                                              supplier_party.org_number)
    record_change(session, contract, None, "contract.extracted", today,
                  {"document_id": document_id})


def pick_supplier(parties: list[Party]) -> Party | None:
    """The party on the supplier side: by role, else the second party named (contracts
    usually name the customer first), else the only one."""
    for party in parties:
        if party.role and party.role.lower() in SUPPLIER_ROLES:
            return party
    if len(parties) >= 2:
        return parties[1]
    return parties[0] if parties else None
