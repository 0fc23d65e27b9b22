"""Retrying a failed document: back in the queue with a clean slate, audited.

A document fails for reasons that can go away (a bug fixed since, OCR installed, a worker
killed too often); uploading the same bytes again finds the same, failed document, so a
retry is the way to process it again.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from core import audit
from core.jobs import JobQueue
from core.models import Document, DocumentState, Role, User
from ingest.service import PROCESS_JOB


class RetryRefusedError(ValueError):
    """The document is not failed; the message is safe to show."""


class RetryPermissionError(PermissionError):
    pass


def retry_hint(document_id: int) -> str:
    return (f"an admin can retry it: POST /api/v1/documents/{document_id}/retry, the Retry "
            f"button on its status page, or `avtale documents retry {document_id}`")


def retry_document(session: Session, jobs: JobQueue, document: Document,
                   actor: User | None) -> Document:
    """Queue a failed document again. `actor` None is the operator at the command line."""
    if actor is not None and actor.role is not Role.ADMIN:
        raise RetryPermissionError("only admins can retry a document")
    if document.state is not DocumentState.FAILED:
        raise RetryRefusedError(
            f"document {document.id} is {document.state.value}; only a failed document "
            "can be retried")
    previous = document.failure_reason
    document.state = DocumentState.QUEUED
    document.failure_reason = None
    document.attempts = 0
    document.claimed_at = None
    audit.record(session, actor_id=actor.id if actor else None, action="document.retried",
                 entity_type="document", entity_id=document.id,
                 detail={"previous_reason": previous})
    jobs.send_after_commit(session, PROCESS_JOB, document.id)
    return document
