"""Keeping the index in step with the database, and searching on behalf of a user."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from core.db import Database
from core.models import SearchOutbox, User
from core.principals import principals_of_user
from search_api.documents import all_contract_ids, indexed_contracts
from search_api.port import SearchIndex, SearchQuery, SearchResult

OUTBOX_BATCH = 200

# The index has one writer; within a process, sync passes take turns.
_WRITE_LOCK = threading.Lock()


def sync_outbox(database: Database, index: SearchIndex) -> int:
    """Index every contract named in the outbox, then remove those outbox rows.
    Returns how many contracts were written. Safe to run concurrently and repeatedly."""
    written = 0
    with _WRITE_LOCK:
        while True:
            with database.session() as session:
                rows = session.execute(
                    select(SearchOutbox.id, SearchOutbox.contract_id)
                    .order_by(SearchOutbox.id).limit(OUTBOX_BATCH)
                ).all()
                if not rows:
                    return written
                max_id = rows[-1][0]
                ids = sorted({contract_id for _, contract_id in rows})
                documents = indexed_contracts(session, ids)
                found = {d.contract_id for d in documents}
                index.upsert(documents)
                gone = [cid for cid in ids if cid not in found]
                if gone:
                    index.delete(gone)
                # Rows for the same contracts added meanwhile have higher ids and stay.
                session.execute(delete(SearchOutbox).where(SearchOutbox.id <= max_id,
                                                           SearchOutbox.contract_id.in_(ids)))
                written += len(documents)


def rebuild(database: Database, index: SearchIndex) -> int:
    """Rebuild the whole index from the database. An adapter that can build a new index
    beside the live one and swap it in (`rebuild_from`, Elasticsearch) does so, so searches
    never see a half-filled index; otherwise the index is cleared and refilled."""
    count = 0
    rebuild_from = getattr(index, "rebuild_from", None)
    if callable(rebuild_from):
        with _WRITE_LOCK, database.session() as session:
            batches = (indexed_contracts(session, ids) for ids in all_contract_ids(session))
            return int(rebuild_from(batches))
    with _WRITE_LOCK:
        index.clear()
        with database.session() as session:
            for ids in all_contract_ids(session):
                documents = indexed_contracts(session, ids)
                index.upsert(documents)
                count += len(documents)
    return count


@dataclass(slots=True)
class IndexDrift:
    """How the index differs from the database (the source of truth), by contract id."""

    missing: list[int] = field(default_factory=list)  # in the database, not in the index
    stale: list[int] = field(default_factory=list)  # indexed from an older version
    extra: list[int] = field(default_factory=list)  # in the index, gone from the database
    checked: int = 0

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def check_index(database: Database, index: SearchIndex, *, repair: bool = False) -> IndexDrift:
    """Compare every contract's index document with what the database says it should be
    now; with `repair`, write the missing and stale ones and delete the extra ones.

    A contract changed while the check runs may show as stale although its outbox entry
    is about to re-index it; repairing it anyway is harmless (the same document)."""
    drift = IndexDrift()
    with _WRITE_LOCK if repair else contextlib.nullcontext():
        indexed = index.fingerprints()
        with database.session() as session:
            for ids in all_contract_ids(session):
                documents = indexed_contracts(session, ids)
                wrong = []
                for document in documents:
                    found = indexed.pop(document.contract_id, None)
                    if found is None:
                        drift.missing.append(document.contract_id)
                    elif found != document.fingerprint():
                        drift.stale.append(document.contract_id)
                    else:
                        continue
                    wrong.append(document)
                if repair and wrong:
                    index.upsert(wrong)
                drift.checked += len(documents)
        drift.extra.extend(sorted(indexed))
        if repair and drift.extra:
            index.delete(drift.extra)
    return drift


def pending_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(SearchOutbox)) or 0)


def search_as(index: SearchIndex, user: User, query: SearchQuery) -> SearchResult:
    return index.search(query, principals_of_user(user))
