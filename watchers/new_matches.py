""""Tell me when a new or changed contract matches": each pass tests the contracts changed
since a watch's last pass against its saved search, one contract at a time through the
search port's `contract_ids` filter (which works on every engine; see DESIGN.md).

A watch remembers how far it has looked (`Watch.matched_through`, a contract `updated_at`).
It never looks past a change still waiting in the search outbox: the index would not show
that change yet, and the next pass picks it up once it does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

from core.models import Alert, AlertState, Contract, Watch
from core.principals import may_see, principals_of_user
from search_api.port import SearchIndex
from watchers import repository
from watchers.due import MISSED_LEAD_DAYS
from watchers.events import MATCH
from watchers.saved_search_matching import matches
from watchers.scheduling import Recipient, deliveries_for, new_alert


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
    created = 0
    changed_cache: dict[dt.datetime, Sequence[Contract]] = {}
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
        if since not in changed_cache:
            changed_cache[since] = repository.contracts_changed_between(session, since, through)
        recipient = recipient_of(watch)
        principals = principals_of_user(watch.user)
        for contract in changed_cache[since]:
            if not (watch.user.active and may_see(watch.user, contract)):
                continue
            key = (MATCH, today, MISSED_LEAD_DAYS)
            known = existing[(watch.id, contract.id)]
            if any((a.event_kind, a.event_date, a.lead_days) == key for a in known):
                continue
            if not matches(index, saved, contract.id, principals, today):
                continue
            alert = new_alert(watch, contract, MATCH, today, MISSED_LEAD_DAYS, AlertState.DUE,
                              now)
            alert.deliveries = deliveries_for(watch, recipient, now)
            session.add(alert)
            known.append(alert)
            created += 1
        watch.matched_through = through
    return created
