"""Accepting uploaded files: store the original, record the document, queue its processing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from core import audit
from core.filestore import FileStore, sha256_of
from core.jobs import JobQueue
from core.models import (
    Contract,
    Document,
    DocumentState,
    User,
    Visibility,
)

PROCESS_JOB = "ingest.process_document"
UPLOAD_CHUNK = 1024 * 1024
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


def release_orphans(session: Session) -> int:
    """Put every half-processed document back in the queue. Only for a process that knows it
    is the sole worker (the embedded in-process default): whatever is `processing` when it
    starts was left by a dead process."""
    result = session.execute(
        update(Document)
        .where(Document.state == DocumentState.PROCESSING)
        .values(state=DocumentState.QUEUED, claimed_at=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def read_upload(stream: BinaryIO, filename: str, max_bytes: int) -> bytes:
    """An uploaded file's bytes, refusing it as soon as it passes the size limit (so a huge
    upload is never held in memory whole). Blocking: call it from a thread-pool route."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(UPLOAD_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise UploadRejectedError(
                f"{filename} is larger than the {max_bytes / 1e6:.0f} MB limit"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def requeue_unfinished(
    session: Session, jobs: JobQueue, *, now: dt.datetime, lease: dt.timedelta,
    queued_older_than: dt.timedelta | None = None,
) -> int:
    """Queue again the documents whose work may have been lost: queued ones (their message
    may have died with an in-process broker; with a real broker a second message is
    harmless, see `claim_document`) and ones whose worker's lease has run out."""
    stale_claim = now - lease
    queued = Document.state == DocumentState.QUEUED
    if queued_older_than is not None:
        queued = and_(queued, Document.updated_at < now - queued_older_than)
    ids = session.scalars(
        select(Document.id).where(or_(
            queued,
            and_(Document.state == DocumentState.PROCESSING,
                 or_(Document.claimed_at.is_(None), Document.claimed_at < stale_claim)),
        )).order_by(Document.id)
    ).all()
    for document_id in ids:
        jobs.send_after_commit(session, PROCESS_JOB, document_id)
    return len(ids)


def claim_document(
    session: Session, document_id: int, *, now: dt.datetime, lease: dt.timedelta
) -> int | None:
    """Atomically take a document for processing; returns the claim's number (the attempt
    count), or None when another worker holds it. Two workers given the same document
    (a re-queue, a redelivered message) cannot both win: the update is conditional."""
    claim = session.execute(
        update(Document)
        .where(
            Document.id == document_id,
            or_(
                Document.state == DocumentState.QUEUED,
                and_(Document.state == DocumentState.PROCESSING,
                     or_(Document.claimed_at.is_(None), Document.claimed_at < now - lease)),
            ),
        )
        .values(state=DocumentState.PROCESSING, claimed_at=now, attempts=Document.attempts + 1)
        .returning(Document.attempts)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    return None if claim is None else int(claim)


def _safe_filename(name: str) -> str:
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip() or "upload.pdf"
    return name[:MAX_FILENAME]
