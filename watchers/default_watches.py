"""Every active contract's owner watches it, by default.

Default watches are materialised (rows with origin "default"), not implied: an alert's
unique key needs a watch id, the contract page can list who watches, and the owner can
change a default watch's lead times or channels (which makes it theirs, origin "user") or
switch it off, like any other watch. Each scheduler pass brings them in step with ownership:
a new owner gets one, a former owner's is paused (not deleted, so its alert history stays)
and resumes should the contract come back to them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from core.models import Watch, WatchOrigin
from watchers import repository
from watchers.events import EVENT_KINDS

DEFAULT_CHANNELS: tuple[str, ...] = ("email",)


def sync_default_watches(session: Session, now: dt.datetime) -> int:
    """Create and pause default watches to match ownership; returns how many were created."""
    created = 0
    for contract in repository.contracts_lacking_owner_watch(session):
        if (contract.deadlines or {}).get("status") == "expired":
            continue  # an ended contract has nothing left to watch for
        assert contract.owner_id is not None
        session.add(default_watch(contract.owner_id, contract.id, now))
        created += 1
    for watch, owner_id in repository.default_watches_out_of_step(session):
        watch.active = owner_id == watch.user_id
    session.flush()
    return created


def default_watch(user_id: int, contract_id: int, now: dt.datetime) -> Watch:
    return Watch(
        user_id=user_id,
        contract_id=contract_id,
        origin=WatchOrigin.DEFAULT,
        active=True,
        event_kinds=list(EVENT_KINDS),
        lead_days=None,  # follows the owner's default lead times
        channels=list(DEFAULT_CHANNELS),
        created_at=now,
        updated_at=now,
    )
