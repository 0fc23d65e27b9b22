"""Queueing a supplier's contracts for re-indexing, through the search outbox: every
contract's index document carries its supplier's risk level and last evaluation score
(search_api.figures), so a change to either must reach the contracts' documents. The caller
owns the transaction."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import Contract
from core.outbox import request_index


def reindex_contracts_of(session: Session, supplier_id: int) -> list[int]:
    """Queue every contract of the supplier, archived ones included (they are indexed too);
    returns their ids."""
    contract_ids = list(session.scalars(
        select(Contract.id).where(Contract.supplier_id == supplier_id).order_by(Contract.id)))
    for contract_id in contract_ids:
        request_index(session, contract_id)
    return contract_ids
