"""The personal iCal feed: every deadline the user watches, behind a secret, revocable URL.

The URL carries a random token; only its SHA-256 is stored, so the database alone cannot
rebuild anyone's feed URL, and making a new one revokes the old. The feed is computed on
each request, so it only ever holds contracts the user may see at the moment of fetching.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets
from urllib.parse import urlsplit

import icalendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import AlertPreferences, Contract, User
from core.models.watchers import DEFAULT_LEAD_DAYS
from core.principals import may_see, principals_of_user
from search_api.port import SearchIndex
from watchers import repository
from watchers.events import ContractEvent, events_of_contract
from watchers.saved_search_matching import matching_contract_ids
from watchers.watches import watches_of
from watchers.wording import language_of

FEED_PATH = "/api/v1/calendar/{token}.ics"


@dataclasses.dataclass(frozen=True)
class FeedEntry:
    contract: Contract
    event: ContractEvent
    lead_days: tuple[int, ...]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_feed_url(session: Session, user: User, base_url: str) -> str:
    """A fresh feed URL; the previous one stops working."""
    token = secrets.token_urlsafe(32)
    preferences = repository.preferences_of(session, user.id)
    if preferences is None:
        preferences = AlertPreferences(user_id=user.id, language="en",
                                       lead_days=list(DEFAULT_LEAD_DAYS))
        session.add(preferences)
    preferences.calendar_token_hash = _hash(token)
    session.flush()
    return base_url.rstrip("/") + FEED_PATH.format(token=token)


def revoke_feed(session: Session, user: User) -> None:
    preferences = repository.preferences_of(session, user.id)
    if preferences is not None:
        preferences.calendar_token_hash = None
        session.flush()


def user_of_feed(session: Session, token: str) -> User | None:
    user = session.scalar(
        select(User).join(AlertPreferences, AlertPreferences.user_id == User.id)
        .where(AlertPreferences.calendar_token_hash == _hash(token))
    )
    return user if user is not None and user.active else None


def feed_entries(
    session: Session, user: User, today: dt.date, search_index: SearchIndex | None
) -> list[FeedEntry]:
    preferences = repository.preferences_of(session, user.id)
    default_leads = tuple(preferences.lead_days if preferences and preferences.lead_days
                          else DEFAULT_LEAD_DAYS)
    found: dict[tuple[int, str, dt.date], FeedEntry] = {}
    for watch in watches_of(session, user):
        if not watch.active:
            continue
        if watch.contract is not None:
            contracts = [watch.contract]
        elif (watch.saved_search is not None and search_index is not None
              and (watch.saved_search.shared or watch.saved_search.owner_id == user.id)):
            ids = matching_contract_ids(search_index, watch.saved_search,
                                        principals_of_user(user), today)
            contracts = list(repository.contracts_by_id(session, ids).values())
        else:
            continue
        leads = tuple(watch.lead_days or default_leads)
        for contract in contracts:
            if not may_see(user, contract):
                continue
            for event in events_of_contract(contract):
                if event.kind in watch.event_kinds:
                    key = (contract.id, event.kind, event.on)
                    found.setdefault(key, FeedEntry(contract, event, leads))
    return sorted(found.values(), key=lambda e: (e.event.on, e.contract.id))


def ical_feed(
    entries: list[FeedEntry], *, base_url: str, language: str | None, now: dt.datetime,
    uid_base_url: str | None = None,
) -> bytes:
    """`base_url` starts the links to the contracts; the entries' UIDs take their host
    from `uid_base_url` (the configured one), so they stay the same whichever address the
    calendar app fetches the feed from."""
    lang = language_of(language)
    host = urlsplit(uid_base_url or base_url).hostname or "avtale.localhost"
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Avtale//Contract deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Avtale: frister" if lang == "nb" else "Avtale: deadlines")
    for entry in entries:
        event, contract = entry.event, entry.contract
        url = f"{base_url.rstrip('/')}/contracts/{contract.id}"
        item = icalendar.Event()
        # Stable per contract, event and date: a calendar app updates rather than doubles
        # an entry on every refresh, and a moved date is a new entry replacing the old.
        item.add("uid", f"contract-{contract.id}-{event.kind}-{event.on.isoformat()}@{host}")
        item.add("dtstamp", now)
        item.add("dtstart", event.on)
        item.add("dtend", event.on + dt.timedelta(days=1))
        item.add("summary", f"{event.label(lang)}: {contract.title}")
        what = event.what_to_do(lang)
        item.add("description", f"{what[:1].upper()}{what[1:]}.\n{url}")
        item.add("url", url)
        item.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        for lead in entry.lead_days:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{event.label(lang)}: {contract.title}")
            alarm.add("trigger", -dt.timedelta(days=lead))
            item.add_component(alarm)
        calendar.add_component(item)
    return bytes(calendar.to_ical())
