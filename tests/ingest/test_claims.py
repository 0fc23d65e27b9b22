"""Two workers never process one document at once; a dead worker's document is taken over
once its lease runs out."""

from __future__ import annotations

import datetime as dt
import time

from conftest import cuad_pdf

from avtale.runtime import Runtime
from core.models import Document, DocumentState
from core.models.base import utcnow
from ingest.lease import kept_claim, renew_claim
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


def _claimed_at(runtime: Runtime, document_id: int) -> dt.datetime:
    with runtime.database.session() as session:
        document = session.get(Document, document_id)
        assert document is not None and document.claimed_at is not None
        return document.claimed_at


def test_a_renewed_claim_is_not_taken_over_however_long_the_work(runtime: Runtime) -> None:
    document_id = _accepted(runtime)
    runtime.jobs.broker.flush_all()
    with runtime.database.session() as session:
        claim = claim_document(session, document_id, now=utcnow() - 2 * LEASE, lease=LEASE)
    assert claim == 1
    # Without renewal this claim has run out: another worker could take the document.
    assert renew_claim(runtime.database, document_id, claim)
    with runtime.database.session() as session:
        assert claim_document(session, document_id, now=utcnow(), lease=LEASE) is None
        assert requeue_unfinished(session, runtime.jobs, now=utcnow(), lease=LEASE) == 0


def test_a_claim_taken_over_is_no_longer_renewed(runtime: Runtime) -> None:
    document_id = _accepted(runtime)
    runtime.jobs.broker.flush_all()
    with runtime.database.session() as session:
        first = claim_document(session, document_id, now=utcnow() - 2 * LEASE, lease=LEASE)
        second = claim_document(session, document_id, now=utcnow(), lease=LEASE)
    assert (first, second) == (1, 2)
    assert first is not None and not renew_claim(runtime.database, document_id, first)


def test_a_claim_is_renewed_while_the_work_runs(runtime: Runtime) -> None:
    document_id = _accepted(runtime)
    runtime.jobs.broker.flush_all()
    short = dt.timedelta(seconds=1.5)
    with runtime.database.session() as session:
        claim = claim_document(session, document_id, now=utcnow() - dt.timedelta(hours=1),
                               lease=short)
    assert claim is not None
    stale = _claimed_at(runtime, document_id)
    with kept_claim(runtime.database, document_id, claim, short):
        # Waits for the renewal thread, however slow the machine; no time is asserted.
        give_up = time.monotonic() + 60
        while _claimed_at(runtime, document_id) == stale:
            assert time.monotonic() < give_up, "the claim was never renewed"
            time.sleep(0.05)
    renewed = _claimed_at(runtime, document_id)
    assert renewed > stale
