"""Watches a user makes, changes and ends; only ever on contracts they may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from contracts.service import ContractNotFoundError, visible_contract
from core.models import SavedSearch, User, Watch, WatchOrigin
from core.principals import may_see
from watchers import repository
from watchers.errors import ConflictError, NotFoundError
from watchers.schemas import WatchIn, WatchPatch


def watches_of(session: Session, user: User) -> Sequence[Watch]:
    """The user's watches, leaving out contracts they may no longer see."""
    return [
        watch for watch in repository.watches_of_user(session, user)
        if watch.contract is None or may_see(user, watch.contract)
    ]


def watch_of(session: Session, user: User, watch_id: int) -> Watch:
    watch = repository.watch_of_user(session, user, watch_id)
    if watch is None or (watch.contract is not None and not may_see(user, watch.contract)):
        raise NotFoundError(f"watch {watch_id} not found")
    return watch


def create_watch(session: Session, user: User, data: WatchIn, now: dt.datetime) -> Watch:
    if data.contract_id is not None:
        try:
            visible_contract(session, user, data.contract_id)
        except ContractNotFoundError as error:
            raise NotFoundError(str(error)) from error
        existing = repository.watch_on_contract(session, user.id, data.contract_id)
        if existing is not None:
            raise ConflictError(
                f"you already watch contract {data.contract_id} (watch {existing.id}); "
                "change that one instead"
            )
    else:
        assert data.saved_search_id is not None
        saved_search_visible_to(session, user, data.saved_search_id)
    watch = Watch(
        user_id=user.id, contract_id=data.contract_id, saved_search_id=data.saved_search_id,
        origin=WatchOrigin.USER, active=True, event_kinds=list(data.event_kinds),
        lead_days=data.lead_days, channels=list(data.channels), created_at=now, updated_at=now,
    )
    session.add(watch)
    session.flush()
    return watch


def update_watch(session: Session, watch: Watch, patch: WatchPatch) -> Watch:
    sent = patch.model_fields_set
    if "event_kinds" in sent and patch.event_kinds:
        watch.event_kinds = list(patch.event_kinds)
    if "lead_days" in sent:
        watch.lead_days = patch.lead_days  # None: back to the user's default lead times
    if "channels" in sent and patch.channels is not None:
        watch.channels = list(patch.channels)
    if "active" in sent and patch.active is not None:
        watch.active = patch.active
    # A default watch the owner changed is theirs now: ownership sync leaves it alone.
    watch.origin = WatchOrigin.USER
    session.flush()
    return watch


def end_watch(session: Session, user: User, watch: Watch) -> None:
    """Stop watching. On a contract the user owns the watch is kept, switched off, so that
    the owner's default watch does not come back with the next scheduler pass."""
    contract = watch.contract
    if contract is not None and contract.owner_id == user.id:
        watch.active = False
        watch.origin = WatchOrigin.USER
    else:
        session.delete(watch)
    session.flush()


def saved_search_visible_to(session: Session, user: User, saved_search_id: int) -> SavedSearch:
    saved = session.get(SavedSearch, saved_search_id)
    if saved is None or not (saved.shared or saved.owner_id == user.id):
        raise NotFoundError(f"saved search {saved_search_id} not found")
    return saved
