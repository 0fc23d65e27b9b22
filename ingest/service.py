"""Accepting uploaded files: store the original, record the document, queue its processing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.filestore import FileStore, sha256_of
from core.jobs import JobQueue
from core.models import (
    UNFINISHED_STATES,
    Contract,
    Document,
    DocumentState,
    User,
    Visibility,
)

PROCESS_JOB = "ingest.process_document"
MAX_FILENAME = 500


class UploadRejectedError(ValueError):
    """The upload cannot be accepted at all (e.g. too large); safe to show."""


@dataclass(frozen=True)
class Accepted:
    document: Document
    duplicate: bool


def accept_file(
    session: Session,
    *,
    files: FileStore,
    jobs: JobQueue,
    filename: str,
    data: bytes,
    uploader: User | None,
    max_bytes: int,
    contract: Contract | None = None,
    visibility: Visibility = Visibility.ORGANISATION,
) -> Accepted:
    """Store one uploaded file. The same bytes twice are one document (a duplicate)."""
    if len(data) > max_bytes:
        raise UploadRejectedError(
            f"{filename} is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB"
        )
    digest = sha256_of(data)
    existing = session.scalar(select(Document).where(Document.sha256 == digest))
    if existing is not None:
        return Accepted(document=existing, duplicate=True)
    files.put(data)
    document = Document(
        sha256=digest,
        filename=_safe_filename(filename),
        size_bytes=len(data),
        state=DocumentState.QUEUED,
        uploaded_by_id=uploader.id if uploader else None,
        contract_id=contract.id if contract else None,
        requested_visibility=visibility.value,
    )
    session.add(document)
    session.flush()
    audit.record(session, actor_id=uploader.id if uploader else None, action="document.uploaded",
                 entity_type="document", entity_id=document.id,
                 detail={"filename": document.filename, "sha256": digest,
                         "contract_id": document.contract_id})
    jobs.send_after_commit(session, PROCESS_JOB, document.id)
    return Accepted(document=document, duplicate=False)


def requeue_unfinished(session: Session, jobs: JobQueue) -> int:
    """Queue again every document a dead process left queued or half-processed."""
    ids = session.scalars(
        select(Document.id).where(Document.state.in_(UNFINISHED_STATES)).order_by(Document.id)
    ).all()
    for document_id in ids:
        jobs.send_after_commit(session, PROCESS_JOB, document_id)
    return len(ids)


def _safe_filename(name: str) -> str:
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip() or "upload.pdf"
    return name[:MAX_FILENAME]
