"""Jobs by name on the in-process broker, and sending only after the transaction commits."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from avtale.runtime import Runtime
from core.jobs import QUEUE, JobQueue, UnknownJobError, make_broker
from core.models import AuditEvent

JOB = "test.record"


class Recorder:
    """A job handler that remembers its calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []
        self._lock = threading.Lock()

    def __call__(self, *args: object) -> None:
        with self._lock:
            self.calls.append(args)


@pytest.fixture
def queue() -> Iterator[JobQueue]:
    jobs = JobQueue("")
    yield jobs
    jobs.close()


@pytest.fixture
def recorder(runtime: Runtime) -> Recorder:
    handler = Recorder()
    runtime.jobs.register(JOB, handler)
    return handler


def queued(jobs: JobQueue) -> int:
    return int(jobs.broker.queues[QUEUE].qsize())


def run_queued(jobs: JobQueue) -> None:
    jobs.start_worker()
    jobs.wait_idle(timeout_seconds=30)


def write_something(session: Session) -> None:
    session.add(AuditEvent(action="test.write", entity_type="test"))
    session.flush()


def audit_rows(runtime: Runtime) -> int:
    with runtime.database.session() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def test_in_process_broker_runs_a_registered_job_by_name(queue: JobQueue) -> None:
    assert queue.in_process
    handler = Recorder()
    queue.register("contract.remind", handler)
    queue.start_worker()
    queue.send("contract.remind", 42, "notice")
    queue.send("contract.remind", 43, "expiry")
    queue.wait_idle(timeout_seconds=30)
    assert sorted(handler.calls) == [(42, "notice"), (43, "expiry")]


def test_a_failing_job_does_not_stop_the_worker(queue: JobQueue) -> None:
    def broken(_contract_id: int) -> None:
        raise RuntimeError("boom")

    handler = Recorder()
    queue.register("test.broken", broken, max_retries=0)
    queue.register("test.ok", handler)
    queue.start_worker()
    queue.send("test.broken", 1)
    # wait_idle reports a failed job to its caller (so tests see job errors) ...
    with pytest.raises(RuntimeError, match="boom"):
        queue.wait_idle(timeout_seconds=30)
    # ... and the worker goes on with the next job.
    queue.send("test.ok", 2)
    deadline = time.monotonic() + 30
    while not handler.calls and time.monotonic() < deadline:
        time.sleep(0.01)
    assert handler.calls == [(2,)]
    queue.wait_idle(timeout_seconds=30)  # the old failure was reported once, not again


def test_unknown_job_name_is_refused(queue: JobQueue, runtime: Runtime) -> None:
    with pytest.raises(UnknownJobError, match=r"no\.such\.job"):
        queue.send("no.such.job", 1)
    with runtime.database.session() as session, pytest.raises(UnknownJobError):
        runtime.jobs.send_after_commit(session, "no.such.job", 1)
    assert queued(queue) == 0
    assert queued(runtime.jobs) == 0


def test_unsupported_broker_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="'kafka'"):
        make_broker("kafka://127.0.0.1:9092")


def test_send_after_commit_sends_only_once_committed(
    runtime: Runtime, recorder: Recorder
) -> None:
    with runtime.database.session() as session:
        write_something(session)
        runtime.jobs.send_after_commit(session, JOB, 7)
        runtime.jobs.send_after_commit(session, JOB, 7)  # the same job twice is sent once
        runtime.jobs.send_after_commit(session, JOB, 8)
        assert queued(runtime.jobs) == 0
    assert queued(runtime.jobs) == 2
    run_queued(runtime.jobs)
    assert sorted(recorder.calls) == [(7,), (8,)]
    assert audit_rows(runtime) == 1


def test_send_after_commit_is_dropped_on_rollback(runtime: Runtime, recorder: Recorder) -> None:
    with pytest.raises(RuntimeError), runtime.database.session() as session:
        write_something(session)
        runtime.jobs.send_after_commit(session, JOB, 7)
        raise RuntimeError("the endpoint failed after queueing")
    assert audit_rows(runtime) == 0
    assert queued(runtime.jobs) == 0
    run_queued(runtime.jobs)
    assert recorder.calls == []


def test_a_rolled_back_job_is_not_sent_by_the_next_commit(
    runtime: Runtime, recorder: Recorder
) -> None:
    # The same session object is used for a second unit of work after a rollback, both when
    # the first had written something and when it had not touched the database yet.
    session = runtime.database.sessions()
    try:
        write_something(session)
        runtime.jobs.send_after_commit(session, JOB, "written, rolled back")
        session.rollback()
        runtime.jobs.send_after_commit(session, JOB, "nothing written, rolled back")
        session.rollback()
        runtime.jobs.send_after_commit(session, JOB, "closed without commit")
        session.close()
        write_something(session)
        runtime.jobs.send_after_commit(session, JOB, "committed")
        session.commit()
        session.commit()  # an empty second commit sends nothing again
    finally:
        session.close()
    run_queued(runtime.jobs)
    assert recorder.calls == [("committed",)]


def test_a_rolled_back_savepoint_keeps_the_outer_transactions_jobs(
    runtime: Runtime, recorder: Recorder
) -> None:
    with runtime.database.session() as session:
        write_something(session)
        runtime.jobs.send_after_commit(session, JOB, "outer")
        savepoint = session.begin_nested()
        write_something(session)
        savepoint.rollback()
    assert audit_rows(runtime) == 1
    run_queued(runtime.jobs)
    assert recorder.calls == [("outer",)]


def test_jobs_of_separate_sessions_are_independent(runtime: Runtime, recorder: Recorder) -> None:
    first = runtime.database.sessions()
    second = runtime.database.sessions()
    try:
        write_something(first)
        runtime.jobs.send_after_commit(first, JOB, "first")
        runtime.jobs.send_after_commit(second, JOB, "second")
        second.rollback()
        first.commit()
    finally:
        first.close()
        second.close()
    run_queued(runtime.jobs)
    assert recorder.calls == [("first",)]
