"""The search outbox: changes to contracts ask for re-indexing in their own transaction.

`request_index` adds a row; `install_outbox_trigger` makes every session that added such rows
send the "search.sync" job once it has committed. The job drains the outbox, so a crash after
commit only delays indexing until the next drain (which also runs when a worker starts).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from core.jobs import JobQueue
from core.models import SearchOutbox

SYNC_JOB = "search.sync"


def request_index(session: Session, contract_id: int) -> None:
    session.add(SearchOutbox(contract_id=contract_id))


def install_outbox_trigger(sessions: sessionmaker[Session], jobs: JobQueue) -> None:
    def after_flush(session: Session, _context: Any) -> None:
        if any(isinstance(obj, SearchOutbox) for obj in session.new):
            jobs.send_after_commit(session, SYNC_JOB)

    event.listen(sessions, "after_flush", after_flush)
