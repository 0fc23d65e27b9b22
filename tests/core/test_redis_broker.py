"""Jobs through a real Redis server: a worker thread picks up jobs sent after commit, and a real
PDF goes through the whole pipeline with the worker that `Runtime.start_worker` runs."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import cuad_pdf
from redis_db import clean_redis

from avtale.runtime import Runtime
from core.jobs import JobQueue
from core.models import AuditEvent, Document, DocumentState
from core.settings import Settings
from ingest.service import accept_file
from search_api.port import SearchQuery
from search_api.service import pending_count

pytestmark = pytest.mark.redis

# A database of its own, flushed before and after each test, keeps these tests apart from
# anything else using the server.
REDIS_URL = os.environ.get("AVTALE_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def redis_url() -> Iterator[str]:
    with clean_redis(REDIS_URL) as url:
        yield url


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


def test_worker_thread_runs_a_job_sent_after_commit(redis_url: str, runtime: Runtime) -> None:
    jobs = JobQueue(redis_url)
    assert not jobs.in_process
    done = threading.Event()
    calls: list[tuple[int, str]] = []

    def remind(contract_id: int, kind: str) -> None:
        calls.append((contract_id, kind))
        done.set()

    jobs.register("test.remind", remind)
    jobs.start_worker()
    try:
        with runtime.database.session() as session:
            session.add(AuditEvent(action="test.write", entity_type="test"))
            session.flush()
            jobs.send_after_commit(session, "test.remind", 42, "notice")
            # The worker is running, but nothing has been sent before the commit.
            assert not done.wait(0.5)
        assert done.wait(30), "the job sent after commit never ran"
        assert calls == [(42, "notice")]

        with pytest.raises(RuntimeError), runtime.database.session() as session:
            jobs.send_after_commit(session, "test.remind", 43, "rolled back")
            raise RuntimeError("rollback")
        jobs.send("test.remind", 44, "sent directly")
        wait_for(lambda: len(calls) == 2, 30, "the directly sent job")
        assert calls == [(42, "notice"), (44, "sent directly")]
    finally:
        jobs.close()


def test_pdf_goes_through_the_pipeline_on_the_redis_broker(
    redis_url: str, tmp_path: Path, database_url: str
) -> None:
    settings = Settings(
        environment="test",
        data_dir=tmp_path / "data",
        database_url=database_url,
        broker_url=redis_url,
        secret_key="test-secret-key-that-is-long-enough",
    )
    runtime = Runtime.build(settings)
    try:
        assert not runtime.jobs.in_process
        runtime.start_worker()
        pdf = cuad_pdf("ABILITYINC")
        with runtime.database.session() as session:
            accepted = accept_file(
                session, files=runtime.files, jobs=runtime.jobs, filename=pdf.name,
                data=pdf.read_bytes(), uploader=None, max_bytes=settings.max_upload_bytes,
            )
            document_id = accepted.document.id

        def state() -> DocumentState:
            with runtime.database.session() as session:
                document = session.get(Document, document_id)
                assert document is not None
                return document.state

        wait_for(lambda: state() in (DocumentState.READY, DocumentState.FAILED), 120,
                 "the document to be processed")
        with runtime.database.session() as session:
            document = session.get(Document, document_id)
            assert document is not None
            assert document.state is DocumentState.READY, document.failure_reason
            assert document.page_count == 11
            contract_id = document.contract_id
        assert contract_id is not None

        # The search outbox is drained by the "search.sync" job the pipeline sent.
        def indexed() -> bool:
            with runtime.database.session() as session:
                return pending_count(session) == 0
        wait_for(indexed, 60, "the search outbox to be drained")
        result = runtime.search_index.search(
            SearchQuery(text='"Services Agreement"', today=dt.date.today()), frozenset({"org"})
        )
        assert [hit.contract_id for hit in result.hits] == [contract_id]
    finally:
        runtime.close()

