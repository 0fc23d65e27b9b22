"""A worker's claim on a document, kept alive while it works.

The claim is renewed every third of the lease, so the lease can be short: a worker killed
mid-document (`kill -9`, a lost machine) stops renewing, and after one lease another worker
takes the document over. Without renewal the lease would have to outlast the slowest
document (a long scan), and a dead worker's document would wait that long.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import update

from core.db import Database
from core.models import Document, DocumentState
from core.models.base import utcnow

log = logging.getLogger(__name__)

# Renewing more often than this is only load on the database.
MIN_RENEW_SECONDS = 0.5


def renew_claim(database: Database, document_id: int, claim: int) -> bool:
    """Move the claim's time to now; False when the claim is no longer ours (taken over
    after our lease ran out, or the document is finished)."""
    with database.session() as session:
        result = session.execute(
            update(Document)
            .where(Document.id == document_id, Document.attempts == claim,
                   Document.state == DocumentState.PROCESSING)
            .values(claimed_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))


@contextmanager
def kept_claim(database: Database, document_id: int, claim: int,
               lease: dt.timedelta) -> Iterator[None]:
    """Renew the claim in a background thread for as long as the block runs."""
    stop = threading.Event()
    every = max(lease.total_seconds() / 3, MIN_RENEW_SECONDS)

    def renew() -> None:
        while not stop.wait(every):
            try:
                if not renew_claim(database, document_id, claim):
                    return
            except Exception:
                # A database hiccup: the next renewal may succeed before the lease runs out.
                log.warning("renewing the claim on document %s failed", document_id,
                            exc_info=True)

    thread = threading.Thread(target=renew, name=f"lease-{document_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
