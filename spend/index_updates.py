"""Queueing the contracts whose spend figures moved for re-indexing, through the search
outbox like every other index write: each contract's index document carries its spend
(search_api.figures), so a change of which lines belong to a contract, or of the newest
spend line the 12 months are counted from, must reach the index. The caller owns the
transaction; the outbox rows commit (or roll back) with the change itself."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session

from core.models import SpendLine
from core.outbox import request_index
from search_api.figures import newest_spend_date


@contextmanager
def reindexing_changed_contracts(session: Session, scope: ColumnElement[bool]) -> Iterator[None]:
    """Around a change of the lines in `scope` (matching, deleting): afterwards every
    contract that gained or lost lines among them is queued. Contracts whose lines stayed
    the same are not, so a full rematch after a contract edit re-indexes only what moved."""
    before = _lines_by_contract(session, scope)
    yield
    after = _lines_by_contract(session, scope)
    request_reindex(session, (cid for cid in before.keys() | after.keys()
                              if before.get(cid) != after.get(cid)))


@contextmanager
def reindexing_when_newest_moves(session: Session) -> Iterator[None]:
    """Around an import: when the newest spend line moved, every contract's 12 months did,
    so every contract with spend is queued."""
    newest = newest_spend_date(session)
    yield
    if newest_spend_date(session) != newest:
        request_reindex(session, _lines_by_contract(session, true()))


def request_reindex(session: Session, contract_ids: Iterable[int]) -> None:
    for contract_id in sorted(set(contract_ids)):
        request_index(session, contract_id)


def _lines_by_contract(session: Session, scope: ColumnElement[bool]) -> dict[int, tuple[int, int]]:
    """Per contract, how many lines of `scope` it has and the sum of their ids: equal before
    and after only when the same lines stayed with it (lines' amounts and dates never change
    in place; a corrected file is new lines)."""
    session.flush()
    rows = session.execute(
        select(SpendLine.contract_id, func.count(), func.sum(SpendLine.id))
        .where(scope, SpendLine.contract_id.is_not(None))
        .group_by(SpendLine.contract_id)
    )
    return {int(cid): (int(count), int(total or 0))
            for cid, count, total in rows if cid is not None}
