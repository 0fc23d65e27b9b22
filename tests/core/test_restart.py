"""Killing the process loses nothing: a new runtime on the same data directory and database
finishes what a dead one left queued or half-done, and drains the search outbox."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import cuad_pdf
from sqlalchemy import select

from avtale.runtime import Runtime
from core.models import Contract, Document, DocumentState, SearchOutbox
from core.outbox import request_index
from core.settings import Settings
from ingest.pipeline import MAX_ATTEMPTS
from ingest.service import accept_file
from search_api.port import SearchQuery
from search_api.service import pending_count

SERVICES = "ABILITYINC"  # an 11-page services agreement
CONSULTING = "ADUROBIOTECH"


def accept(runtime: Runtime, pdf: Path) -> int:
    with runtime.database.session() as session:
        accepted = accept_file(
            session, files=runtime.files, jobs=runtime.jobs, filename=pdf.name,
            data=pdf.read_bytes(), uploader=None, max_bytes=runtime.settings.max_upload_bytes,
        )
        assert not accepted.duplicate
        return accepted.document.id


def document(runtime: Runtime, document_id: int) -> Document:
    with runtime.database.session() as session:
        found = session.get(Document, document_id)
        assert found is not None
        return found


def set_state(runtime: Runtime, document_id: int, state: DocumentState, attempts: int) -> None:
    with runtime.database.session() as session:
        found = session.get(Document, document_id)
        assert found is not None
        found.state = state
        found.attempts = attempts


def restart(settings: Settings) -> Runtime:
    """A new process on the same data directory and database: start the worker, let it work."""
    runtime = Runtime.build(settings)
    runtime.start_worker()
    runtime.jobs.wait_idle(timeout_seconds=120)
    return runtime


def search_ids(runtime: Runtime, text: str) -> list[int]:
    result = runtime.search_index.search(
        SearchQuery(text=text, today=dt.date.today()), frozenset({"org"})
    )
    return [hit.contract_id for hit in result.hits]


def test_queued_and_half_processed_documents_are_finished_after_a_restart(
    settings: Settings,
) -> None:
    dead = Runtime.build(settings)
    queued_id = accept(dead, cuad_pdf(SERVICES))
    processing_id = accept(dead, cuad_pdf(CONSULTING))
    # The process died while working on the second document (after one attempt) and before
    # it got to the first; its in-process queue died with it.
    set_state(dead, processing_id, DocumentState.PROCESSING, attempts=1)
    dead.close()

    runtime = restart(settings)
    try:
        for document_id in (queued_id, processing_id):
            done = document(runtime, document_id)
            assert done.state is DocumentState.READY, done.failure_reason
            assert done.contract_id is not None
            assert done.page_count
        assert document(runtime, processing_id).attempts == 2
        with runtime.database.session() as session:
            assert pending_count(session) == 0
        contract_id = document(runtime, queued_id).contract_id
        assert contract_id in search_ids(runtime, '"Services Agreement"')
    finally:
        runtime.close()


def test_a_document_that_keeps_killing_the_worker_is_failed_not_retried_forever(
    settings: Settings,
) -> None:
    dead = Runtime.build(settings)
    document_id = accept(dead, cuad_pdf(SERVICES))
    set_state(dead, document_id, DocumentState.PROCESSING, attempts=MAX_ATTEMPTS)
    dead.close()

    runtime = restart(settings)
    try:
        failed = document(runtime, document_id)
        assert failed.state is DocumentState.FAILED
        assert failed.failure_reason and "interrupted" in failed.failure_reason
    finally:
        runtime.close()


def test_a_pending_search_outbox_row_is_drained_on_start(settings: Settings) -> None:
    dead = Runtime.build(settings)
    with dead.database.session() as session:
        contract = Contract(title="Rammeavtale renhold Vestland", source="manual")
        session.add(contract)
        session.flush()
        request_index(session, contract.id)
        contract_id = contract.id
    dead.close()  # its "search.sync" job was in the in-process queue and is gone

    runtime = restart(settings)
    try:
        with runtime.database.session() as session:
            assert session.scalars(select(SearchOutbox)).all() == []
        assert search_ids(runtime, "renhold") == [contract_id]
    finally:
        runtime.close()


def test_a_runtime_restarted_in_the_same_process_can_write_the_index(
    settings: Settings,
) -> None:
    first = restart(settings)
    first_id = accept(first, cuad_pdf(SERVICES))
    first.jobs.wait_idle(timeout_seconds=120)
    first.sync_search()
    assert document(first, first_id).state is DocumentState.READY
    first.close()

    second = restart(settings)
    try:
        second_id = accept(second, cuad_pdf(CONSULTING))
        second.jobs.wait_idle(timeout_seconds=120)
        second.sync_search()
        contract_id = document(second, second_id).contract_id
        assert contract_id is not None
        assert contract_id in search_ids(second, "consulting")
        assert second.search_index.count() == 2
    finally:
        second.close()


KILLED_WORKER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path

    from avtale.runtime import Runtime
    from core.models import Document, DocumentState
    from core.settings import Settings
    from ingest.service import accept_file

    runtime = Runtime.build(Settings())
    pdf = Path(sys.argv[1])
    with runtime.database.session() as session:
        accepted = accept_file(session, files=runtime.files, jobs=runtime.jobs,
                               filename=pdf.name, data=pdf.read_bytes(), uploader=None,
                               max_bytes=10**8)
        document_id = accepted.document.id
    # What the pipeline's first step commits before the slow part.
    with runtime.database.session() as session:
        document = session.get(Document, document_id)
        document.state = DocumentState.PROCESSING
        document.attempts += 1
    print(document_id, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_worker_killed_mid_document_loses_nothing(settings: Settings) -> None:
    environment = {
        **os.environ,
        "AVTALE_ENVIRONMENT": "test",
        "AVTALE_DATA_DIR": str(settings.data_dir),
        "AVTALE_DATABASE_URL": settings.resolved_database_url,
        "AVTALE_BROKER_URL": "",
        "AVTALE_SECRET_KEY": settings.secret_key,
    }
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WORKER, str(cuad_pdf(SERVICES))],
        env=environment, capture_output=True, text=True, timeout=120, check=False,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    document_id = int(killed.stdout.split()[0])

    runtime = restart(settings)
    try:
        done = document(runtime, document_id)
        assert done.state is DocumentState.READY, done.failure_reason
        assert done.attempts == 2
        assert runtime.files.exists(done.sha256)
    finally:
        runtime.close()


def test_an_empty_index_is_rebuilt_from_the_database_on_start(settings: Settings) -> None:
    import shutil

    first = Runtime.build(settings)
    with first.database.session() as session:
        contract = Contract(title="Kept in the database")
        session.add(contract)
        session.flush()
        request_index(session, contract.id)
    first.sync_search()
    assert first.search_index.count() == 1
    first.close()
    shutil.rmtree(settings.index_dir)  # lost, or emptied by a schema upgrade

    second = restart(settings)
    try:
        assert second.search_index.count() == 1
    finally:
        second.close()
