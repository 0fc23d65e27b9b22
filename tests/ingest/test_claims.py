"""Two workers never process one document at once; a dead worker's document is taken over
once its lease runs out."""

from __future__ import annotations

import datetime as dt

from conftest import cuad_pdf

from avtale.runtime import Runtime
from core.models import Document, DocumentState
from core.models.base import utcnow
from ingest.service import accept_file, claim_document, requeue_unfinished

LEASE = dt.timedelta(minutes=30)


def _accepted(runtime: Runtime) -> int:
    pdf = cuad_pdf("ABILITYINC")
    with runtime.database.session() as session:
        accepted = accept_file(session, files=runtime.files, jobs=runtime.jobs,
                               filename=pdf.name, data=pdf.read_bytes(), uploader=None,
                               max_bytes=10**8)
        return accepted.document.id


def test_a_document_is_claimed_once_until_its_lease_runs_out(runtime: Runtime) -> None:
    document_id = _accepted(runtime)
    runtime.jobs.broker.flush_all()
    now = utcnow()
    with runtime.database.session() as session:
        assert claim_document(session, document_id, now=now, lease=LEASE) == 1
    with runtime.database.session() as session:
        assert claim_document(session, document_id, now=now + LEASE / 2, lease=LEASE) is None
        # A live claim is not re-queued; a stale one is.
        assert requeue_unfinished(session, runtime.jobs, now=now + LEASE / 2,
                                  lease=LEASE) == 0
        assert requeue_unfinished(session, runtime.jobs, now=now + 2 * LEASE,
                                  lease=LEASE) == 1
    with runtime.database.session() as session:
        assert claim_document(session, document_id, now=now + 2 * LEASE, lease=LEASE) == 2
        document = session.get(Document, document_id)
        assert document is not None and document.state is DocumentState.PROCESSING


def test_a_worker_that_lost_its_lease_does_not_save(runtime: Runtime) -> None:
    document_id = _accepted(runtime)
    runtime.jobs.broker.flush_all()
    # Someone else claims it in the middle of our processing: ours must not save.
    with runtime.database.session() as session:
        claim_document(session, document_id, now=utcnow(), lease=LEASE)
    runtime.process_document(document_id)  # sees a live claim and leaves it alone
    with runtime.database.session() as session:
        document = session.get(Document, document_id)
        assert document is not None
        assert document.state is DocumentState.PROCESSING
        assert document.contract_id is None
