"""Merging duplicate suppliers: the survivor takes over the duplicate's contracts, spend
lines, aliases and name (as an alias, so the old spelling still finds it), the merge is
audited, and the moved contracts are queued for re-indexing. The caller owns the
transaction and asks spend to re-check contract coverage (the "spend.rematch" job)."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core import audit
from core.models import (
    Contract,
    SpendLine,
    SpendRollup,
    Supplier,
    SupplierAlias,
    SupplierSuggestion,
    User,
)
from core.outbox import request_index
from core.spend_rollup import lock_for_writing
from suppliers.names import normalise_name

# Job names of the layers above, sent by name (suppliers does not import spend).
SPEND_REMATCH_JOB = "spend.rematch"


class MergeRefusedError(ValueError):
    """A merge that would lose information; the message says why."""


def merge(session: Session, survivor: Supplier, duplicate: Supplier, actor: User) -> list[int]:
    """Fold `duplicate` into `survivor`; returns the ids of the contracts that moved."""
    if survivor.id == duplicate.id:
        raise MergeRefusedError("a supplier cannot be merged into itself")
    if survivor.org_number and duplicate.org_number \
            and survivor.org_number != duplicate.org_number:
        raise MergeRefusedError(
            f"{survivor.name} has org number {survivor.org_number} and {duplicate.name} "
            f"{duplicate.org_number}: two registered companies are not duplicates")
    moved = list(session.scalars(select(Contract.id).where(Contract.supplier_id == duplicate.id)))
    session.execute(update(Contract).where(Contract.supplier_id == duplicate.id)
                    .values(supplier_id=survivor.id))
    lines = session.scalar(select(func.count()).where(SpendLine.supplier_id == duplicate.id))
    session.execute(update(SpendLine).where(SpendLine.supplier_id == duplicate.id)
                    .values(supplier_id=survivor.id))
    # The lines' monthly sums (spend.rollup) move with them, or they would vanish with the
    # duplicate until the re-match.
    lock_for_writing(session)
    session.execute(update(SpendRollup).where(SpendRollup.supplier_id == duplicate.id)
                    .values(supplier_id=survivor.id))
    session.execute(update(SupplierSuggestion)
                    .where(SupplierSuggestion.supplier_id == duplicate.id)
                    .values(supplier_id=survivor.id))
    known = {a.normalized for a in survivor.aliases}
    taken = [(a.alias, a.normalized) for a in duplicate.aliases]
    taken.append((duplicate.name, normalise_name(duplicate.name) or duplicate.name.lower()))
    org_number = duplicate.org_number
    detail = {"survivor": survivor.name, "duplicate_id": duplicate.id,
              "duplicate": duplicate.name, "duplicate_org_number": org_number,
              "contracts": moved, "spend_lines": int(lines or 0)}
    session.delete(duplicate)
    session.flush()  # the duplicate's aliases go first: their normalised names are unique
    for alias, normalized in taken:
        if normalized not in known:
            survivor.aliases.append(SupplierAlias(alias=alias, normalized=normalized))
            known.add(normalized)
    if survivor.org_number is None and org_number:
        survivor.org_number = org_number
    for contract_id in moved:
        request_index(session, contract_id)
    audit.record(session, actor_id=actor.id, action="supplier.merged", entity_type="supplier",
                 entity_id=survivor.id, detail=detail)
    return moved
