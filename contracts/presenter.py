"""Shaping a contract for the API and the pages."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from contracts import repository
from contracts.amendments import documents_in_order
from contracts.review import effective_value
from contracts.schemas import (
    CategoryRef,
    ContractEventOut,
    ContractOut,
    DocumentRef,
    FieldValueOut,
    SupplierRef,
)
from contracts.stored_deadlines import contract_status
from core.models import Contract, ContractEvent, FieldValue
from extraction.model import Duration, Party
from suppliers.supplier_side import supplier_unclear


def contract_out(session: Session, contract: Contract) -> ContractOut:
    def duration(value: dict[str, Any] | None) -> Duration | None:
        return Duration.model_validate(value) if value else None

    supplier = contract.supplier
    category = contract.category
    documents = repository.documents_of(session, contract.id)
    field_rows = repository.field_values_of(session, contract.id)
    return ContractOut(
        id=contract.id,
        title=contract.title,
        status=contract_status(contract),
        source=contract.source,
        visibility=contract.visibility.value,
        owner_email=contract.owner.email if contract.owner else None,
        shared_with=repository.emails_of_principals(
            session, [a.principal for a in contract.access]
        ),
        supplier=SupplierRef(id=supplier.id, name=supplier.name, org_number=supplier.org_number)
        if supplier else None,
        supplier_unclear=supplier_unclear(contract),
        category=CategoryRef(id=category.id, name=category.name, path=category.path)
        if category else None,
        parties=[Party(name=p.name, role=p.role, org_number=p.org_number)
                 for p in contract.parties],
        signed_date=contract.signed_date,
        effective_date=contract.effective_date,
        end_date=contract.end_date,
        end_date_derived=contract.end_date is not None
        and contract.end_date_derived_from is not None,
        end_date_derived_from=contract.end_date_derived_from if contract.end_date else None,
        perpetual=contract.perpetual,
        auto_renewal=contract.auto_renewal,
        initial_term=duration(contract.initial_term),
        renewal_term=duration(contract.renewal_term),
        renewal_count=contract.renewal_count,
        extension_options=[Duration.model_validate(o) for o in contract.extension_options]
        if contract.extension_options else None,
        notice_period=duration(contract.notice_period),
        termination_notice=duration(contract.termination_notice),
        governing_law=contract.governing_law,
        venue=contract.venue,
        value_amount=contract.value_amount,
        value_currency=contract.value_currency,
        payment_terms=duration(contract.payment_terms),
        notes=contract.notes,
        deadlines=contract.deadlines,
        current_term_end=contract.current_term_end,
        next_renewal_date=contract.next_renewal_date,
        ends_on=contract.ends_on,
        notice_deadline=contract.notice_deadline,
        archived_at=contract.archived_at,
        events=[event_out(e) for e in contract.events],
        documents=[
            DocumentRef(id=d.id, filename=d.filename, state=d.state.value,
                        failure_reason=d.failure_reason, page_count=d.page_count,
                        sha256=d.sha256, content_type=d.content_type,
                        ocr_pages=d.ocr_pages or [],
                        ocr_languages=d.ocr_languages_by_page(),
                        searchable_pdf=d.searchable_sha256 is not None,
                        relation=d.relation, relation_number=d.relation_number,
                        relation_quote=d.relation_quote)
            for d in documents_in_order(documents)
        ],
        fields=[field_value_out(row) for row in _in_field_order(field_rows)],
        created_at=contract.created_at,
        updated_at=contract.updated_at,
    )


def event_out(event: ContractEvent) -> ContractEventOut:
    recorder = event.recorded_by
    return ContractEventOut(
        id=event.id, kind=event.kind.value, occurred_on=event.occurred_on, note=event.note,
        document_id=event.document_id, recorded_by_email=recorder.email if recorder else None,
        recorded_at=event.recorded_at, withdrawn_at=event.withdrawn_at,
    )


def field_value_out(row: FieldValue) -> FieldValueOut:
    return FieldValueOut(
        id=row.id,
        field=row.field,
        value=row.value,
        corrected_value=row.corrected_value,
        effective_value=effective_value(row),
        confidence=row.confidence,
        evidence=row.evidence or [],
        derived_from=row.derived_from,
        review_state=row.review_state.value,
        document_id=row.document_id,
        reviewed_at=row.reviewed_at,
    )


def _in_field_order(rows: dict[str, FieldValue]) -> list[FieldValue]:
    from contracts.fields import REVIEWABLE_FIELDS

    return [rows[name] for name in REVIEWABLE_FIELDS if name in rows]
