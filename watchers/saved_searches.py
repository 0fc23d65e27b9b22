"""Saved searches: private to their owner, or shared with the organisation (read-only for
everyone else)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from core.models import SavedSearch, User
from search_api.query_language import parse_query
from watchers import repository
from watchers.errors import InputError, NotAllowedError
from watchers.percolator import forget_search
from watchers.saved_search_matching import query_of
from watchers.schemas import SavedSearchIn, SavedSearchPatch
from watchers.watches import saved_search_visible_to


def saved_searches_of(session: Session, user: User) -> Sequence[SavedSearch]:
    return repository.saved_searches_visible_to(session, user)


def saved_search_of(session: Session, user: User, saved_search_id: int) -> SavedSearch:
    return saved_search_visible_to(session, user, saved_search_id)


def create_saved_search(
    session: Session, user: User, data: SavedSearchIn, today: dt.date
) -> SavedSearch:
    saved = SavedSearch(owner_id=user.id, name=data.name.strip(), query=data.query,
                        filters=data.filters.model_dump(mode="json", exclude_defaults=True),
                        shared=data.shared)
    _check_runnable(saved, today)
    session.add(saved)
    session.flush()
    return saved


def update_saved_search(
    session: Session, user: User, saved: SavedSearch, patch: SavedSearchPatch, today: dt.date
) -> SavedSearch:
    _owner_only(user, saved)
    forget_search(saved)  # the percolator parses it afresh
    sent = patch.model_fields_set
    if "name" in sent and patch.name:
        saved.name = patch.name.strip()
    if "query" in sent and patch.query is not None:
        saved.query = patch.query
    if "filters" in sent and patch.filters is not None:
        saved.filters = patch.filters.model_dump(mode="json", exclude_defaults=True)
    if "shared" in sent and patch.shared is not None:
        saved.shared = patch.shared
    _check_runnable(saved, today)
    session.flush()
    return saved


def delete_saved_search(session: Session, user: User, saved: SavedSearch) -> None:
    """Deleting a search ends every watch on it (the rows cascade)."""
    _owner_only(user, saved)
    forget_search(saved)
    session.delete(saved)
    session.flush()


def _owner_only(user: User, saved: SavedSearch) -> None:
    if saved.owner_id != user.id:
        raise NotAllowedError("only the owner of a saved search can change it")


def _check_runnable(saved: SavedSearch, today: dt.date) -> None:
    """Refuse at save time what the search port would refuse at every scheduler pass."""
    try:
        query_of(saved, today)
        parse_query(saved.query)
    except ValueError as error:
        raise InputError(f"the search cannot be run: {error}") from error
