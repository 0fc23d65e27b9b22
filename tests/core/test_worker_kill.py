"""`kill -9` of an `avtale worker` in the middle of a batch of 100 documents on the Redis
broker, then a new worker: every document ends ready or failed, once, with one contract
each and one index entry per contract, and none is left queued or processing.

The killed worker's claims are fresh when the new one starts; they are taken over once the
(short, for the test) lease runs out unrenewed. Its prefetched Redis messages are not needed:
the new worker re-sends what the database says is unfinished.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pdf_factory import contract_pdf
from redis_db import clean_redis
from sqlalchemy import func, select

from avtale.runtime import Runtime
from core.models import Contract, Document, DocumentState
from core.settings import Settings
from ingest.service import accept_file
from search_api.service import pending_count

pytestmark = pytest.mark.redis

# A database of its own (test_redis_broker uses 13), flushed before and after.
REDIS_URL = os.environ.get("AVTALE_TEST_REDIS_KILL_URL", "redis://127.0.0.1:6379/12")
DOCUMENTS = 100
BROKEN = 5  # of them not PDFs at all: they must end failed, with a reason
KILL_AFTER = 30  # documents finished when the worker is killed
LEASE_SECONDS = 3
WORKER_THREADS = 2
WORKER_COMMAND = [sys.executable, "-c", "from avtale.cli import main; main()", "worker"]


@pytest.fixture
def redis_url() -> Iterator[str]:
    with clean_redis(REDIS_URL) as url:
        yield url


def wait_for(condition: Callable[[], bool], timeout: float, what: str,
             worker: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if worker is not None and worker.poll() is not None:
            pytest.fail(f"the worker exited ({worker.returncode}) while waiting for {what}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


def states(runtime: Runtime) -> dict[DocumentState, int]:
    with runtime.database.session() as session:
        rows = session.execute(select(Document.state, func.count()).group_by(Document.state))
        return {state: count for state, count in rows.all()}


def finished(runtime: Runtime) -> int:
    counts = states(runtime)
    return counts.get(DocumentState.READY, 0) + counts.get(DocumentState.FAILED, 0)


def start_worker(settings: Settings, log: Path) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "AVTALE_ENVIRONMENT": "test",
        "AVTALE_DATA_DIR": str(settings.data_dir),
        "AVTALE_DATABASE_URL": settings.resolved_database_url,
        "AVTALE_BROKER_URL": settings.broker_url,
        "AVTALE_SECRET_KEY": settings.secret_key,
        "AVTALE_PROCESSING_LEASE_SECONDS": str(LEASE_SECONDS),
        "AVTALE_WORKER_THREADS": str(WORKER_THREADS),
        "AVTALE_ALERT_PASS_MINUTES": "0",
    }
    with log.open("ab") as output:
        # A session of its own, so the cleanup can end its reader children with it.
        return subprocess.Popen(WORKER_COMMAND, env=environment, stdout=output,
                                stderr=output, start_new_session=True)


def end(worker: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    if worker.poll() is None:
        os.kill(worker.pid, sig)
    worker.wait(timeout=60)


def end_group(worker: subprocess.Popen[bytes]) -> None:
    """Whatever the worker left running (its fork server, a reader child)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker.pid, signal.SIGKILL)


def test_a_worker_killed_mid_batch_loses_and_repeats_nothing(
    redis_url: str, tmp_path: Path, database_url: str
) -> None:
    settings = Settings(
        environment="test", data_dir=tmp_path / "data", database_url=database_url,
        broker_url=redis_url, secret_key="test-secret-key-that-is-long-enough",
        processing_lease_seconds=LEASE_SECONDS, alert_pass_minutes=0,
    )
    log = tmp_path / "worker.log"
    runtime = Runtime.build(settings)  # only stores and looks; the workers do the work
    workers: list[subprocess.Popen[bytes]] = []
    try:
        for number in range(DOCUMENTS):
            data = (f"not a pdf, number {number}".encode() if number < BROKEN else contract_pdf([
                f"SERVICES AGREEMENT No. {number}\n\nThis agreement is made between "
                f"Leverandør {number} AS and Fjordbyen kommune. It starts on 1 March 2025 "
                "and runs for two years."]))
            with runtime.database.session() as session:
                accepted = accept_file(session, files=runtime.files, jobs=runtime.jobs,
                                       filename=f"contract-{number}.pdf", data=data,
                                       uploader=None, max_bytes=settings.max_upload_bytes)
                assert not accepted.duplicate

        workers.append(start_worker(settings, log))
        wait_for(lambda: finished(runtime) >= KILL_AFTER, 120, f"{KILL_AFTER} documents",
                 workers[0])
        end(workers[0], signal.SIGKILL)
        assert workers[0].returncode == -signal.SIGKILL
        at_kill = states(runtime)
        assert finished(runtime) < DOCUMENTS, "the batch was over before the kill"

        workers.append(start_worker(settings, log))
        wait_for(lambda: finished(runtime) == DOCUMENTS, 180, "every document", workers[1])

        def drained() -> bool:
            with runtime.database.session() as session:
                return pending_count(session) == 0
        wait_for(drained, 60, "the search outbox", workers[1])
        end(workers[1], signal.SIGTERM)

        with runtime.database.session() as session:
            documents = session.scalars(select(Document)).all()
            contract_ids = set(session.scalars(select(Contract.id)).all())
        ready = [d for d in documents if d.state is DocumentState.READY]
        failed = [d for d in documents if d.state is DocumentState.FAILED]
        assert len(ready) == DOCUMENTS - BROKEN, (at_kill, [d.failure_reason for d in failed])
        assert len(failed) == BROKEN and all(d.failure_reason for d in failed)
        # One contract per ready document, and no contract without its document.
        assert sorted(d.contract_id for d in ready if d.contract_id) == sorted(contract_ids)
        assert len(contract_ids) == len(ready)
        # Processed again only where the kill interrupted the work (the documents it left
        # processing, at most one per worker thread); everything else was claimed once.
        retaken = [d for d in documents if d.attempts > 1]
        interrupted = at_kill.get(DocumentState.PROCESSING, 0)
        assert interrupted <= WORKER_THREADS
        assert len(retaken) == interrupted, ([(d.id, d.attempts) for d in retaken], at_kill)
        assert all(d.attempts in (1, 2) for d in documents)
        # One index entry per contract (the reader picks up the worker's last commit).
        wait_for(lambda: runtime.search_index.count() == len(contract_ids), 10,
                 "the index to show every contract")
        assert set(runtime.search_index.fingerprints()) == contract_ids
    finally:
        for worker in workers:
            end_group(worker)
            if worker.poll() is None:
                worker.wait(timeout=30)
        runtime.close()
        if log.exists():  # shown by pytest when the test fails
            print(log.read_text(errors="replace")[-5000:])
