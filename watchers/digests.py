"""Digests: a user who chose daily or weekly digests gets their alert e-mails as one mail
per day or week instead of one mail per alert.

Each pass first collects: every pending alert e-mail of a digest reader that no digest holds
yet goes into this period's digest (period = the day, or the week from Monday), made at the
first pass of the period that finds something to send. A period has at most one digest (a
unique key), so a pass run twice or a second scheduler adds nothing; what comes due after
the period's digest was made waits for the next one. A scheduler that was down catches up
with one digest holding everything that came due meanwhile, not one per missed period.

Then it sends, like single deliveries (see `watchers.delivery`): the digest is claimed
(attempts + 1, next attempt pushed back) and committed before anything is sent, and marked
sent with its e-mails right after. Its contents are fixed once collected, so a resend after
a crash carries the same alerts and the same Message-ID. Permissions and dates are checked
again at send time: an alert the reader may no longer see, or whose date changed or passed,
is left out (and a digest left empty is not sent).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.db import Database
from core.models import AlertDelivery, AlertDigest, DeliveryState, DigestFrequency
from watchers import repository
from watchers.alert_view import AlertView, view_of
from watchers.channels import Channels, DeliveryError, PermanentDeliveryError
from watchers.delivery import MAX_ATTEMPTS, as_utc, backoff, still_deliverable
from watchers.digest_message import digest_email, digest_view
from watchers.unsubscribe import unsubscribe_url
from watchers.wording import language_of

NOTHING_LEFT = "nothing left to send: every alert in it was withdrawn before sending"


@dataclasses.dataclass
class DigestCounts:
    collected: int = 0  # digests put together in this pass
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    withdrawn: int = 0


def period_start(frequency: DigestFrequency, today: dt.date) -> dt.date:
    if frequency is DigestFrequency.WEEKLY:
        return today - dt.timedelta(days=today.weekday())
    return today


def collect_digests(
    database: Database, *, now: dt.datetime, today: dt.date, counts: DigestCounts
) -> None:
    with database.session() as session:
        waiting = repository.deliveries_awaiting_digest(session, now)
    by_reader: dict[tuple[int, DigestFrequency], list[int]] = defaultdict(list)
    for user_id, frequency, delivery_id in waiting:
        by_reader[(user_id, frequency)].append(delivery_id)
    for (user_id, frequency), delivery_ids in by_reader.items():
        try:
            with database.session() as session:
                if _collect(session, user_id, frequency, delivery_ids, now, today):
                    counts.collected += 1
        except IntegrityError:
            continue  # another pass made this period's digest first


def _collect(
    session: Session, user_id: int, frequency: DigestFrequency, delivery_ids: list[int],
    now: dt.datetime, today: dt.date,
) -> bool:
    start = period_start(frequency, today)
    if repository.digest_exists(session, user_id, frequency, start):
        return False  # this period's digest has gone (or is going): the next one takes these
    digest = AlertDigest(user_id=user_id, frequency=frequency, period_start=start,
                         state=DeliveryState.PENDING, attempts=0, next_attempt_at=now,
                         created_at=now)
    session.add(digest)
    session.flush()
    # Only e-mails still untaken: a concurrent pass may have collected some already.
    session.execute(
        update(AlertDelivery)
        .where(AlertDelivery.id.in_(delivery_ids), AlertDelivery.digest_id.is_(None),
               AlertDelivery.state == DeliveryState.PENDING)
        .values(digest_id=digest.id)
        .execution_options(synchronize_session=False)
    )
    return True


@dataclasses.dataclass(frozen=True)
class _Claimed:
    digest_id: int
    attempts: int
    delivery_ids: list[int]
    message_to: str
    views: list[AlertView]
    frequency: DigestFrequency
    period_start: dt.date
    language: str


def deliver_digests(
    database: Database, channels: Channels, *, now: dt.datetime, today: dt.date,
    counts: DigestCounts,
) -> None:
    with database.session() as session:
        ids = repository.due_digest_ids(session, now)
    for digest_id in ids:
        _deliver_one(database, channels, digest_id, now, today, counts)


def _deliver_one(
    database: Database, channels: Channels, digest_id: int, now: dt.datetime, today: dt.date,
    counts: DigestCounts,
) -> None:
    with database.session() as session:
        claimed = _claim(session, channels, digest_id, now, today, counts)
    if claimed is None:
        return
    view = digest_view(claimed.digest_id, claimed.frequency.value, claimed.period_start,
                       claimed.language, claimed.views, channels.base_url)
    message = digest_email(view, to=claimed.message_to, mail_from=channels.mail_from,
                           base_url=channels.base_url, now=now)
    try:
        if channels.mailer is None:
            raise DeliveryError("no mailer is configured")
        channels.mailer.send(message)
    except DeliveryError as error:
        final = isinstance(error, PermanentDeliveryError) or claimed.attempts >= MAX_ATTEMPTS
        with database.session() as session:
            _record(session, claimed, DeliveryState.FAILED if final else DeliveryState.PENDING,
                    error=str(error)[:2000], sent_at=None)
        if final:
            counts.failed += 1
        else:
            counts.retrying += 1
        return
    with database.session() as session:
        _record(session, claimed, DeliveryState.SENT, error=None, sent_at=now)
    counts.sent += 1


def _claim(
    session: Session, channels: Channels, digest_id: int, now: dt.datetime, today: dt.date,
    counts: DigestCounts,
) -> _Claimed | None:
    digest = repository.digest_with_context(session, digest_id)
    if digest is None or digest.state is not DeliveryState.PENDING:
        return None
    if as_utc(digest.next_attempt_at) > now:
        return None
    preferences = repository.preferences_of(session, digest.user_id)
    views: list[AlertView] = []
    included: list[int] = []
    for delivery in digest.deliveries:
        if delivery.state is not DeliveryState.PENDING:
            continue
        event = still_deliverable(delivery, today)
        if event is None:
            continue
        alert = delivery.alert
        unsubscribe = (unsubscribe_url(channels.base_url, channels.secret_key, alert.watch_id)
                       if channels.secret_key else None)
        views.append(view_of(alert, event, preferences, channels.base_url, today, unsubscribe))
        included.append(delivery.id)
    if not views:
        digest.state = DeliveryState.WITHDRAWN
        digest.last_error = NOTHING_LEFT
        counts.withdrawn += 1
        return None
    attempts = digest.attempts + 1
    won = session.execute(
        update(AlertDigest)
        .where(AlertDigest.id == digest.id, AlertDigest.state == DeliveryState.PENDING,
               AlertDigest.attempts == digest.attempts)
        .values(attempts=attempts, next_attempt_at=now + backoff(attempts))
        .execution_options(synchronize_session=False)
    )
    if won.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        return None  # another scheduler took it
    session.execute(
        update(AlertDelivery).where(AlertDelivery.id.in_(included))
        .values(attempts=AlertDelivery.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    return _Claimed(
        digest_id=digest.id, attempts=attempts, delivery_ids=included,
        message_to=digest.user.email, views=views, frequency=digest.frequency,
        period_start=digest.period_start,
        language=language_of(preferences.language if preferences else None),
    )


def _record(
    session: Session, claimed: _Claimed, state: DeliveryState, *, error: str | None,
    sent_at: dt.datetime | None,
) -> None:
    digest = session.get(AlertDigest, claimed.digest_id)
    assert digest is not None
    digest.state = state
    digest.last_error = error
    digest.sent_at = sent_at
    session.execute(
        update(AlertDelivery)
        .where(AlertDelivery.id.in_(claimed.delivery_ids),
               AlertDelivery.state == DeliveryState.PENDING)
        .values(state=state, last_error=error, sent_at=sent_at)
        .execution_options(synchronize_session=False)
    )
