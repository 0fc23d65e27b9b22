"""Processing one document: read, extract, save suggestions, link, queue indexing.

Idempotent and restartable: the document's state is in the database, a finished document is
skipped, and a failure of one document marks only that document as failed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from contracts.amendments import AMENDING_RELATIONS, amended_contract, apply_amendment
from contracts.service import record_change
from contracts.suggestions import apply_extraction
from core.db import Database
from core.filestore import FileStore
from core.models import Contract, Document, DocumentPage, DocumentState, User, Visibility
from core.models.base import utcnow
from extraction.lineage import lineage_of
from extraction.model import Extraction
from ingest.lease import kept_claim
from ingest.pdf_reader import PageLimits, PdfText, UnreadableDocumentError
from ingest.sandbox import ProcessLimits, run_limited
from ingest.service import claim_document
from suppliers.supplier_side import NO_ORGANISATION, Organisation

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
DEFAULT_LEASE = dt.timedelta(minutes=2)
READ_AND_EXTRACT = "ingest.sandbox_work:read_and_extract"
SAVE_ATTEMPTS = 3


def process_document(
    database: Database,
    files: FileStore,
    document_id: int,
    *,
    lease: dt.timedelta = DEFAULT_LEASE,
    today: Callable[[], dt.date] = dt.date.today,
    nlp_model: str | None = None,
    page_limits: PageLimits = PageLimits(),
    process_limits: ProcessLimits = ProcessLimits(),
    organisation: Organisation = NO_ORGANISATION,
) -> None:
    with database.session() as session:
        document = session.get(Document, document_id)
        if document is None or document.state in (DocumentState.READY, DocumentState.FAILED):
            return
        if document.attempts >= MAX_ATTEMPTS:
            _fail(document, "processing was interrupted too many times; upload it again or "
                            "contact an administrator")
            return
        claim = claim_document(session, document_id, now=utcnow(), lease=lease)
        if claim is None:
            return  # another worker has it
        sha256 = document.sha256
    # Renewed while we work, so a short lease frees the document soon if this process dies.
    with kept_claim(database, document_id, claim, lease):
        _read_and_save(database, files, document_id, claim, sha256, today=today,
                       nlp_model=nlp_model, page_limits=page_limits,
                       process_limits=process_limits, organisation=organisation)


def _read_and_save(
    database: Database, files: FileStore, document_id: int, claim: int, sha256: str, *,
    today: Callable[[], dt.date], nlp_model: str | None, page_limits: PageLimits,
    process_limits: ProcessLimits, organisation: Organisation,
) -> None:
    try:
        pdf, extracted = run_limited(
            READ_AND_EXTRACT, (files.get(sha256), page_limits, nlp_model), process_limits
        )
        extraction = Extraction.model_validate(extracted)
    except UnreadableDocumentError as error:
        _mark_failed(database, document_id, str(error))
        return
    except FileNotFoundError:
        _mark_failed(database, document_id, "the stored original file is missing")
        return
    except Exception:
        log.exception("document %s could not be processed", document_id)
        _mark_failed(database, document_id,
                     "an unexpected error stopped processing; the file is kept and an "
                     "administrator can retry it")
        return
    # Content-addressed, so storing it before the transaction is harmless if that fails.
    searchable = files.put(pdf.searchable_pdf) if pdf.searchable_pdf else None
    for attempt in range(SAVE_ATTEMPTS):
        try:
            with database.session() as session:
                document = session.get(Document, document_id, with_for_update=True)
                if document is None or document.attempts != claim:
                    return  # our lease ran out and another worker took the document over
                document.searchable_sha256 = searchable
                _save(session, document, pdf, extraction, today(), organisation)
            return
        except IntegrityError:
            # Two documents of one new supplier saved at once: the other created it first.
            # A fresh transaction finds it and links to it.
            if attempt == SAVE_ATTEMPTS - 1:
                log.exception("document %s could not be saved", document_id)
                _mark_failed(database, document_id,
                             "saving the extracted values failed; an administrator can "
                             "retry it")


def _save(session: Session, document: Document, pdf: PdfText, extraction: Extraction,
          today: dt.date, organisation: Organisation) -> None:
    if document.pages:
        # Re-processing: the old pages must be gone before the new ones (same numbers) go in.
        document.pages = []
        session.flush()
    document.pages = [
        DocumentPage(number=i + 1, text=text, ocr=(i + 1) in pdf.ocr_pages)
        for i, text in enumerate(pdf.pages)
    ]
    document.page_count = len(pdf.pages)
    document.language = extraction.language
    document.ocr_pages = pdf.ocr_pages
    document.ocr_languages = pdf.ocr_languages_json()
    document.extraction = extraction.model_dump(mode="json")
    contract = _contract_of(session, document, pdf, extraction)
    if contract is None:
        title = extraction.title.value if extraction.title else _title_from(document.filename)
        contract = Contract(
            title=title[:500],
            owner_id=document.uploaded_by_id,
            visibility=Visibility(document.requested_visibility),
            source="upload",
        )
        session.add(contract)
        session.flush()
        document.contract_id = contract.id
        apply_extraction(session, contract, document.id, extraction, today, organisation)
    elif document.relation in AMENDING_RELATIONS:
        apply_amendment(session, contract, document, extraction, today)
    elif document.relation == "appendix":
        # Its text joins the contract's (search); its own dates and title are not the
        # contract's.
        record_change(session, contract, None, "contract.appendix_added", today,
                      {"document_id": document.id})
    else:
        apply_extraction(session, contract, document.id, extraction, today, organisation)
    document.state = DocumentState.READY
    document.failure_reason = None


def _contract_of(session: Session, document: Document, pdf: PdfText,
                 extraction: Extraction) -> Contract | None:
    """The contract the document belongs to: the one it was uploaded onto, else, for an
    amendment or renewal that names its contract's date, that contract; None for a new one.
    What the document is (amendment, appendix, renewal) comes from the upload if it was
    said there, else from its heading."""
    lineage = lineage_of(pdf.pages[0], extraction.language) if pdf.pages else None
    if lineage is not None and document.relation in (None, lineage.relation):
        document.relation = lineage.relation
        document.relation_number = lineage.number
        document.relation_quote = lineage.quote[:1000]
    if document.contract_id is not None:
        return session.get(Contract, document.contract_id)
    if (lineage is None or lineage.parent_date is None
            or document.relation not in AMENDING_RELATIONS):
        return None
    uploader = session.get(User, document.uploaded_by_id) if document.uploaded_by_id else None
    parties = [party.name for party in extraction.parties.value or []] \
        if extraction.parties else []
    contract = amended_contract(session, uploader, lineage.parent_date, parties)
    if contract is not None:
        document.contract_id = contract.id
    return contract


def _title_from(filename: str) -> str:
    stem = filename.rsplit(".", 1)[0]
    return " ".join(stem.replace("_", " ").split()) or "Untitled contract"


def _mark_failed(database: Database, document_id: int, reason: str) -> None:
    with database.session() as session:
        document = session.get(Document, document_id)
        if document is not None:
            _fail(document, reason)


def _fail(document: Document, reason: str) -> None:
    document.state = DocumentState.FAILED
    document.failure_reason = reason
