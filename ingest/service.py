"""Accepting uploaded files: store the original, record the document, queue its processing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from core import audit
from core.filestore import FileStore, StagedFile
from core.jobs import JobQueue
from core.models import (
    Contract,
    Document,
    DocumentState,
    User,
    Visibility,
)

PROCESS_JOB = "ingest.process_document"
MAX_FILENAME = 500


class UploadRejectedError(ValueError):
    """The upload cannot be accepted at all; safe to show."""


class UploadTooLargeError(UploadRejectedError):
    """A file passes the size limit, or an upload has too many files (HTTP 413)."""


class MalformedUploadError(UploadRejectedError):
    """The request body is not a well-formed upload form (HTTP 400)."""


def too_large_message(filename: str, max_bytes: int) -> str:
    # In bytes, the unit of the setting, so an administrator can compare and change it.
    return (f"{filename} is larger than the upload limit of {max_bytes} bytes per file "
            "(AVTALE_MAX_UPLOAD_BYTES)")


@dataclass(frozen=True)
class Accepted:
    document: Document
    duplicate: bool
    # This upload put the original in the file store: if its transaction does not commit,
    # the file must go too (`forget_stored`), or it stays behind with no document.
    newly_stored: bool = False


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
    relation: str | None = None,
) -> Accepted:
    """Store one file's bytes (files from disk; uploads are staged as they arrive and go
    through `accept_staged`). The same bytes twice are one document (a duplicate)."""
    if len(data) > max_bytes:
        raise UploadTooLargeError(too_large_message(filename, max_bytes))
    return accept_staged(session, files=files, jobs=jobs, filename=filename,
                         staged=files.stage_bytes(data), uploader=uploader, max_bytes=max_bytes,
                         contract=contract, visibility=visibility, relation=relation)


def accept_files(
    session: Session,
    *,
    files: FileStore,
    jobs: JobQueue,
    uploads: Sequence[tuple[str, StagedFile]],
    uploader: User | None,
    max_bytes: int,
    contract: Contract | None = None,
    visibility: Visibility = Visibility.ORGANISATION,
    relation: str | None = None,
) -> list[Accepted]:
    """`accept_staged` for each (filename, staged file); all or nothing: on an error the
    originals stored so far are removed again."""
    accepted: list[Accepted] = []
    try:
        for filename, staged in uploads:
            accepted.append(accept_staged(
                session, files=files, jobs=jobs, filename=filename, staged=staged,
                uploader=uploader, max_bytes=max_bytes, contract=contract,
                visibility=visibility, relation=relation,
            ))
    except BaseException:
        forget_stored(files, accepted)
        raise
    return accepted


def forget_stored(files: FileStore, accepted: Sequence[Accepted]) -> None:
    """Remove the originals these uploads stored: for a transaction that did not commit."""
    for item in accepted:
        if item.newly_stored:
            files.remove(item.document.sha256)


def accept_staged(
    session: Session,
    *,
    files: FileStore,
    jobs: JobQueue,
    filename: str,
    staged: StagedFile,
    uploader: User | None,
    max_bytes: int,
    contract: Contract | None = None,
    visibility: Visibility = Visibility.ORGANISATION,
    relation: str | None = None,
) -> Accepted:
    """Store one staged upload (the staged file is moved into the store or deleted). The same
    bytes twice are one document (a duplicate)."""
    if staged.size > max_bytes:
        files.discard(staged)
        raise UploadTooLargeError(too_large_message(filename, max_bytes))
    digest = staged.sha256
    existing = session.scalar(select(Document).where(Document.sha256 == digest))
    if existing is not None:
        files.discard(staged)
        return Accepted(document=existing, duplicate=True)
    document_id = _insert_unless_present(session, {
        "sha256": digest,
        "filename": _safe_filename(filename),
        "size_bytes": staged.size,
        "state": DocumentState.QUEUED,
        "uploaded_by_id": uploader.id if uploader else None,
        "contract_id": contract.id if contract else None,
        "requested_visibility": visibility.value,
        # "amendment", "appendix" or "renewal" of `contract`, as the uploader said.
        "relation": relation,
    })
    if document_id is None:
        # The same bytes uploaded at the same moment: the other upload's row won. Its file
        # is its own to adopt (or to remove, should its transaction fail), so ours goes.
        files.discard(staged)
        return Accepted(document=_stored(session, digest), duplicate=True)
    # Adopted only now that this transaction holds the digest's row: no other upload can
    # adopt or remove the same file until it commits or rolls back.
    newly_stored = files.adopt(staged)
    document = session.get_one(Document, document_id)
    audit.record(session, actor_id=uploader.id if uploader else None, action="document.uploaded",
                 entity_type="document", entity_id=document.id,
                 detail={"filename": document.filename, "sha256": digest,
                         "contract_id": document.contract_id})
    jobs.send_after_commit(session, PROCESS_JOB, document.id)
    return Accepted(document=document, duplicate=False, newly_stored=newly_stored)


def _insert_unless_present(session: Session, values: dict[str, object]) -> int | None:
    """Insert the document row; None when a row with its digest exists or is being inserted
    by a transaction that then commits. ON CONFLICT DO NOTHING waits for that transaction
    and leaves ours usable, with no savepoint (SQLite's driver would commit on releasing
    one, breaking an upload's all-or-nothing)."""
    bind = session.get_bind()
    insert = pg_insert if bind.dialect.name == "postgresql" else sqlite_insert
    statement = (insert(Document).values(**values)
                 .on_conflict_do_nothing(index_elements=["sha256"])
                 .returning(Document.id))
    inserted = session.execute(statement).scalar_one_or_none()
    return None if inserted is None else int(inserted)


def _stored(session: Session, digest: str) -> Document:
    # A new statement sees the row the conflicting transaction committed (READ COMMITTED
    # on PostgreSQL; SQLite has one writer, so it committed before our insert ran).
    return session.execute(select(Document).where(Document.sha256 == digest)
                           .execution_options(populate_existing=True)).scalar_one()


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
