"""Background jobs on Dramatiq, addressed by name.

Capabilities never import each other's actors: they send "search.sync" or
"ingest.process_document" by name, and the composition root registers the handlers. Jobs are
sent only after the sending transaction commits, and dropped if it rolls back, so a worker
never sees a row that does not exist yet.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import dramatiq
from dramatiq.brokers.stub import StubBroker
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

log = logging.getLogger(__name__)

QUEUE = "avtale"
_PENDING_KEY = "avtale.pending_jobs"

JobHandler = Callable[..., None]


class UnknownJobError(LookupError):
    pass


def make_broker(url: str) -> dramatiq.Broker:
    if not url:
        return StubBroker()
    if url.startswith(("redis://", "rediss://", "unix://")):
        from dramatiq.brokers.redis import RedisBroker

        return RedisBroker(url=url, namespace="avtale")  # type: ignore[no-untyped-call]
    if url.startswith(("amqp://", "amqps://")):
        from dramatiq.brokers.rabbitmq import RabbitmqBroker

        return RabbitmqBroker(url=url)
    raise ValueError(f"unsupported AVTALE_BROKER_URL scheme: {url.split(':', 1)[0]!r}")


class JobQueue:
    def __init__(self, broker_url: str = "") -> None:
        self.broker = make_broker(broker_url)
        self.in_process = isinstance(self.broker, StubBroker)
        self.broker.declare_queue(QUEUE)
        self._worker: dramatiq.Worker | None = None
        self._reported_failures = 0

    def register(self, name: str, handler: JobHandler, *, max_retries: int = 3) -> None:
        declare = dramatiq.actor(
            actor_name=name,
            queue_name=QUEUE,
            broker=self.broker,
            max_retries=max_retries,
            min_backoff=500,
            max_backoff=30_000,
        )
        declare(handler)

    def send(self, name: str, *args: Any) -> None:
        if name not in self.broker.actors:
            raise UnknownJobError(f"no job named {name!r} is registered")
        self.broker.enqueue(
            dramatiq.Message(queue_name=QUEUE, actor_name=name, args=args, kwargs={}, options={})
        )

    def send_after_commit(self, session: Session, name: str, *args: Any) -> None:
        if name not in self.broker.actors:
            raise UnknownJobError(f"no job named {name!r} is registered")
        if not session.in_transaction():
            # Tie the job to a transaction now: a rollback before anything was written ends
            # no transaction and fires no event, which would leave the job for a later commit.
            session.begin()
        pending: list[tuple[str, tuple[Any, ...]]] | None = session.info.get(_PENDING_KEY)
        if pending is None:
            pending = []
            session.info[_PENDING_KEY] = pending
            event.listen(session, "after_commit", self._flush_pending)
            # The end of the outermost transaction (after commit, rollback or close) drops what
            # was not sent; a rolled-back savepoint ("after_rollback" fires for it too) does
            # not, since the outer transaction may still commit.
            event.listen(session, "after_transaction_end", _drop_pending)
        if (name, args) not in pending:
            pending.append((name, args))

    def _flush_pending(self, session: Session) -> None:
        pending: list[tuple[str, tuple[Any, ...]]] = session.info.get(_PENDING_KEY) or []
        session.info[_PENDING_KEY] = []
        for name, args in pending:
            self.send(name, *args)

    def start_worker(self, threads: int = 1) -> None:
        if self._worker is None:
            # The timeout is how long an idle thread waits before it looks at its stop flag:
            # stopping takes two of them. An in-process queue wakes its threads at once when a
            # job arrives, so a short wait costs nothing and lets a runtime close in ~40 ms
            # instead of 200 (a test suite builds and closes hundreds of them); a remote
            # broker is polled, so it keeps the longer wait.
            timeout = 20 if self.in_process else 100
            self._worker = dramatiq.Worker(self.broker, queues={QUEUE}, worker_threads=threads,
                                           worker_timeout=timeout)
            self._worker.start()

    def stop_worker(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker = None

    def wait_idle(self, timeout_seconds: float = 120) -> None:
        """Block until the in-process queue is drained (tests and the `ingest` CLI), then
        raise the error of a job that failed for good since the last wait, once."""
        if not isinstance(self.broker, StubBroker):
            raise RuntimeError("wait_idle only works with the in-process broker")
        # Dramatiq's own fail-fast would re-raise an old failure on every later wait.
        self.broker.join(QUEUE, timeout=int(timeout_seconds * 1000), fail_fast=False)
        if self._worker is not None:
            self._worker.join()
        failed = self.broker.dead_letters_by_queue[QUEUE][self._reported_failures:]
        self._reported_failures += len(failed)
        if failed:
            error = getattr(failed[0], "_exception", None)
            raise error or RuntimeError(f"job {failed[0].actor_name} failed")

    def close(self) -> None:
        self.stop_worker()
        self.broker.close()


def _drop_pending(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info[_PENDING_KEY] = []
