""""Tell me when a new or changed contract matches": each pass tests the contracts changed
since a watch's last pass against its saved search, through the percolator
(`watchers.percolator`: the search evaluated in Python against the contract's index
document, the port's `contract_ids` filter for what only the engine can decide).

A watch remembers how far it has looked (`Watch.matched_through`, a contract `updated_at`).
It never looks past a change still waiting in the search outbox: the index would not show
that change yet, and the next pass picks it up once it does.

Contracts are the outer loop and watches the inner one: each changed contract is built and
analysed once, however many watches look at it, and only a page of them is held at a time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

from core.models import Alert, AlertState, SavedSearch, Watch
from core.principals import principals_of_user
from search_api.documents import indexed_contracts
from search_api.port import SearchIndex
from watchers import repository
from watchers.due import MISSED_LEAD_DAYS
from watchers.events import MATCH
from watchers.percolator import ContractPercolation, SearchWords
from watchers.scheduling import Recipient, deliveries_for, new_alert

PAGE = 200


@dataclasses.dataclass(frozen=True)
class _Looking:
    watch: Watch
    saved: SavedSearch
    since: dt.datetime
    principals: frozenset[str]


def arm_new_matches(
    session: Session,
    watches: Sequence[Watch],
    index: SearchIndex,
    existing: dict[tuple[int, int], list[Alert]],
    recipient_of: Callable[[Watch], Recipient],
    today: dt.date,
    now: dt.datetime,
) -> int:
    through = repository.change_high_water(session)
    if through is None:
        return 0
    looking = _watches_looking(watches, through)
    if not looking:
        return 0
    created = 0
    key = (MATCH, today, MISSED_LEAD_DAYS)
    earliest = min(entry.since for entry in looking)
    searches = SearchWords(entry.saved for entry in looking)
    for page in repository.contracts_changed_between_pages(session, earliest, through, PAGE):
        documents = {d.contract_id: d for d in indexed_contracts(session, [c.id for c in page])}
        for contract in page:
            percolation = ContractPercolation(index, documents[contract.id], today, searches)
            changed_at = repository.as_utc(contract.updated_at)
            for entry in looking:
                if changed_at <= entry.since or not entry.watch.user.active:
                    continue
                known = existing[(entry.watch.id, contract.id)]
                if any((a.event_kind, a.event_date, a.lead_days) == key for a in known):
                    continue
                # Who may see it is checked first, on the contract's index document.
                if not percolation.matches(entry.saved, entry.principals):
                    continue
                alert = new_alert(entry.watch, contract, MATCH, today, MISSED_LEAD_DAYS,
                                  AlertState.DUE, now)
                alert.deliveries = deliveries_for(entry.watch, recipient_of(entry.watch), now)
                session.add(alert)
                known.append(alert)
                created += 1
    for entry in looking:
        entry.watch.matched_through = through
    return created


def _watches_looking(watches: Sequence[Watch], through: dt.datetime) -> list[_Looking]:
    """The match watches with changes to look at; a search its owner stopped sharing finds
    nothing more for anyone else (such a watch just moves on)."""
    looking = []
    for watch in watches:
        saved = watch.saved_search
        if MATCH not in watch.event_kinds or saved is None:
            continue
        since = repository.as_utc(watch.matched_through or watch.created_at)
        if since >= through:
            continue
        if not (saved.shared or saved.owner_id == watch.user_id):
            watch.matched_through = through
            continue
        looking.append(_Looking(watch, saved, since, principals_of_user(watch.user)))
    return looking
