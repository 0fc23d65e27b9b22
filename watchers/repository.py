"""Queries for watches, saved searches, alerts and deliveries. No commits here."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from contracts.repository import visible_clause
from core.models import (
    Alert,
    AlertDelivery,
    AlertDigest,
    AlertPreferences,
    AlertState,
    Contract,
    DeliveryState,
    DigestFrequency,
    EvaluationRequirement,
    InboxState,
    SavedSearch,
    SearchOutbox,
    User,
    Watch,
    WatchOrigin,
    Webhook,
)
from core.principals import principals_of_user

EMAIL = "email"


def contracts_lacking_owner_watch(session: Session) -> Sequence[Contract]:
    """Owned contracts whose owner has no watch on them (default or their own)."""
    owner_watch = and_(Watch.contract_id == Contract.id, Watch.user_id == Contract.owner_id)
    return session.scalars(
        select(Contract)
        .outerjoin(Watch, owner_watch)
        .where(Contract.owner_id.is_not(None), Watch.id.is_(None))
        .order_by(Contract.id)
    ).all()


def default_watches_out_of_step(session: Session) -> Sequence[tuple[Watch, int | None]]:
    """Default watches whose activity disagrees with ownership, with the contract's owner."""
    rows = session.execute(
        select(Watch, Contract.owner_id)
        .join(Contract, Contract.id == Watch.contract_id)
        .where(
            Watch.origin == WatchOrigin.DEFAULT,
            or_(
                and_(Watch.active.is_(True),
                     or_(Contract.owner_id.is_(None), Contract.owner_id != Watch.user_id)),
                and_(Watch.active.is_(False), Contract.owner_id == Watch.user_id),
            ),
        )
    )
    return [(watch, owner_id) for watch, owner_id in rows]


def active_contract_watches(session: Session) -> Sequence[Watch]:
    return session.scalars(
        select(Watch)
        .where(Watch.active.is_(True), Watch.contract_id.is_not(None))
        .order_by(Watch.id)
        .options(
            selectinload(Watch.contract).selectinload(Contract.access),
            selectinload(Watch.user),
        )
    ).all()


def active_saved_search_watches(session: Session) -> Sequence[Watch]:
    return session.scalars(
        select(Watch)
        .where(Watch.active.is_(True), Watch.saved_search_id.is_not(None))
        .order_by(Watch.id)
        .options(selectinload(Watch.saved_search), selectinload(Watch.user))
    ).all()


def contracts_by_id(session: Session, ids: Iterable[int]) -> dict[int, Contract]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    contracts = session.scalars(
        select(Contract).where(Contract.id.in_(wanted)).options(selectinload(Contract.access))
    )
    return {contract.id: contract for contract in contracts}


def alerts_by_watch_and_contract(
    session: Session, watch_ids: Sequence[int]
) -> dict[tuple[int, int], list[Alert]]:
    found: dict[tuple[int, int], list[Alert]] = defaultdict(list)
    # Chunked: SQLite caps the number of bound parameters in one statement.
    for start in range(0, len(watch_ids), 500):
        chunk = watch_ids[start:start + 500]
        alerts = session.scalars(
            select(Alert).where(Alert.watch_id.in_(chunk)).options(selectinload(Alert.deliveries))
        )
        for alert in alerts:
            found[(alert.watch_id, alert.contract_id)].append(alert)
    return found


def contracts_requiring_evaluation(session: Session) -> set[int]:
    return set(session.scalars(select(EvaluationRequirement.contract_id)))


def preferences_by_user(session: Session) -> dict[int, AlertPreferences]:
    return {p.user_id: p for p in session.scalars(select(AlertPreferences))}


def preferences_of_users(session: Session, user_ids: Iterable[int]) -> dict[int, AlertPreferences]:
    wanted = sorted(set(user_ids))
    if not wanted:
        return {}
    found = session.scalars(select(AlertPreferences).where(AlertPreferences.user_id.in_(wanted)))
    return {p.user_id: p for p in found}


def preferences_of(session: Session, user_id: int) -> AlertPreferences | None:
    return session.get(AlertPreferences, user_id)


def active_webhooks_by_user(session: Session) -> dict[int, list[Webhook]]:
    found: dict[int, list[Webhook]] = defaultdict(list)
    for hook in session.scalars(select(Webhook).where(Webhook.active.is_(True))):
        found[hook.user_id].append(hook)
    return found


def _digest_readers() -> Select[int]:
    return select(AlertPreferences.user_id).where(
        AlertPreferences.digest != DigestFrequency.OFF)


def due_delivery_ids(session: Session, now: dt.datetime, limit: int) -> list[int]:
    """Pending deliveries to send one by one: not the e-mails that wait for a digest."""
    return list(
        session.scalars(
            select(AlertDelivery.id)
            .join(Alert, Alert.id == AlertDelivery.alert_id)
            .where(AlertDelivery.state == DeliveryState.PENDING,
                   AlertDelivery.next_attempt_at <= now,
                   AlertDelivery.digest_id.is_(None),
                   or_(AlertDelivery.channel != EMAIL,
                       Alert.user_id.not_in(_digest_readers())))
            .order_by(AlertDelivery.next_attempt_at, AlertDelivery.id)
            .limit(limit)
        )
    )


def deliveries_awaiting_digest(
    session: Session, now: dt.datetime
) -> list[tuple[int, DigestFrequency, int]]:
    """(user id, digest frequency, delivery id) of every pending e-mail of a user who reads
    digests that no digest has taken yet."""
    rows = session.execute(
        select(Alert.user_id, AlertPreferences.digest, AlertDelivery.id)
        .join(Alert, Alert.id == AlertDelivery.alert_id)
        .join(AlertPreferences, AlertPreferences.user_id == Alert.user_id)
        .where(AlertDelivery.state == DeliveryState.PENDING,
               AlertDelivery.channel == EMAIL,
               AlertDelivery.digest_id.is_(None),
               AlertDelivery.next_attempt_at <= now,
               AlertPreferences.digest != DigestFrequency.OFF)
        .order_by(Alert.user_id, AlertDelivery.id)
    )
    return [(user_id, frequency, delivery_id) for user_id, frequency, delivery_id in rows]


def digest_exists(
    session: Session, user_id: int, frequency: DigestFrequency, period_start: dt.date
) -> bool:
    return session.scalar(
        select(AlertDigest.id).where(AlertDigest.user_id == user_id,
                                     AlertDigest.frequency == frequency,
                                     AlertDigest.period_start == period_start)
    ) is not None


def due_digest_ids(session: Session, now: dt.datetime) -> list[int]:
    return list(session.scalars(
        select(AlertDigest.id)
        .where(AlertDigest.state == DeliveryState.PENDING, AlertDigest.next_attempt_at <= now)
        .order_by(AlertDigest.next_attempt_at, AlertDigest.id)
    ))


def digest_with_context(session: Session, digest_id: int) -> AlertDigest | None:
    alert = selectinload(AlertDigest.deliveries).selectinload(AlertDelivery.alert)
    return session.scalar(
        select(AlertDigest)
        .where(AlertDigest.id == digest_id)
        .options(
            selectinload(AlertDigest.user),
            alert.selectinload(Alert.contract).selectinload(Contract.access),
            alert.selectinload(Alert.watch).selectinload(Watch.user),
            alert.selectinload(Alert.watch).selectinload(Watch.saved_search),
            alert.selectinload(Alert.deliveries),
        )
    )


def deliveries_with_context(
    session: Session, delivery_ids: Sequence[int]
) -> Sequence[AlertDelivery]:
    """The deliveries with everything sending one needs, in one round of queries."""
    if not delivery_ids:
        return []
    return session.scalars(
        select(AlertDelivery)
        .where(AlertDelivery.id.in_(delivery_ids))
        .order_by(AlertDelivery.next_attempt_at, AlertDelivery.id)
        .options(
            selectinload(AlertDelivery.alert).selectinload(Alert.contract)
            .selectinload(Contract.access),
            selectinload(AlertDelivery.alert).selectinload(Alert.watch)
            .selectinload(Watch.user),
            selectinload(AlertDelivery.alert).selectinload(Alert.deliveries),
        )
    ).all()


def inbox_of(
    session: Session, user: User, states: Sequence[InboxState], today: dt.date
) -> Sequence[Alert]:
    """The user's alerts in these inbox states, snoozed ones hidden until their day."""
    return session.scalars(
        select(Alert)
        .where(
            Alert.user_id == user.id,
            Alert.inbox_state.in_(states),
            Alert.state.in_((AlertState.DUE, AlertState.MISSED)),
            or_(Alert.snoozed_until.is_(None), Alert.snoozed_until <= today),
        )
        .order_by(Alert.event_date, Alert.id)
        .options(selectinload(Alert.contract).selectinload(Contract.access),
                 selectinload(Alert.deliveries))
    ).all()


def open_alert_count(session: Session, user: User, today: dt.date) -> int:
    """How many alerts `inbox_of` would list as open, counted by the database: the page
    header shows this on every page, so it must not load the alerts themselves."""
    counted = session.scalar(
        select(func.count(Alert.id))
        .join(Contract, Contract.id == Alert.contract_id)
        .where(
            Alert.user_id == user.id,
            Alert.inbox_state == InboxState.OPEN,
            Alert.state.in_((AlertState.DUE, AlertState.MISSED)),
            or_(Alert.snoozed_until.is_(None), Alert.snoozed_until <= today),
            visible_clause(principals_of_user(user)),
        )
    )
    return int(counted or 0)


def alert_of_user(session: Session, user: User, alert_id: int) -> Alert | None:
    return session.scalar(
        select(Alert)
        .where(Alert.id == alert_id, Alert.user_id == user.id)
        .options(selectinload(Alert.contract).selectinload(Contract.access),
                 selectinload(Alert.deliveries))
    )


def watches_of_user(session: Session, user: User) -> Sequence[Watch]:
    return session.scalars(
        select(Watch).where(Watch.user_id == user.id).order_by(Watch.id)
        .options(selectinload(Watch.contract).selectinload(Contract.access))
    ).all()


def watch_of_user(session: Session, user: User, watch_id: int) -> Watch | None:
    return session.scalar(
        select(Watch).where(Watch.id == watch_id, Watch.user_id == user.id)
        .options(selectinload(Watch.contract).selectinload(Contract.access))
    )


def watch_on_contract(session: Session, user_id: int, contract_id: int) -> Watch | None:
    return session.scalar(
        select(Watch).where(Watch.user_id == user_id, Watch.contract_id == contract_id)
    )


def saved_searches_visible_to(session: Session, user: User) -> Sequence[SavedSearch]:
    return session.scalars(
        select(SavedSearch)
        .where(or_(SavedSearch.owner_id == user.id, SavedSearch.shared.is_(True)))
        .order_by(SavedSearch.name, SavedSearch.id)
    ).all()


def webhook(session: Session, webhook_id: int) -> Webhook | None:
    return session.get(Webhook, webhook_id)


def change_high_water(session: Session) -> dt.datetime | None:
    """The latest contract change the search index has certainly seen: the newest
    `updated_at`, but short of any change still waiting in the search outbox."""
    newest: dt.datetime | None = session.scalar(select(func.max(Contract.updated_at)))
    waiting: dt.datetime | None = session.scalar(select(func.min(SearchOutbox.created_at)))
    if newest is None:
        return None
    if waiting is not None:
        # The outbox row is written in the same flush as the change, a moment after it.
        return min(as_utc(newest), as_utc(waiting) - dt.timedelta(seconds=1))
    return as_utc(newest)


def contracts_changed_between_pages(
    session: Session, after: dt.datetime, through: dt.datetime, page: int
) -> Iterator[Sequence[Contract]]:
    """Contracts changed in (after, through], by id, a page at a time."""
    last_id = 0
    while True:
        found = session.scalars(
            select(Contract)
            .where(Contract.updated_at > after, Contract.updated_at <= through,
                   Contract.id > last_id)
            .order_by(Contract.id)
            .limit(page)
            .options(selectinload(Contract.access))
        ).all()
        if not found:
            return
        yield found
        last_id = found[-1].id


def as_utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
