"""Delivering alerts: each pending delivery is claimed, sent and recorded, one at a time
(read, checked and rendered a batch at a time); a send's record and the next one's claim
share a transaction.

Retry policy: a failed attempt is tried again after 1, 2, 4, ... minutes (doubling, at most
6 hours apart) until MAX_ATTEMPTS, then the delivery is `failed` with the last error; a
channel that refuses for good (an unknown recipient) fails at once.

No duplicates: a delivery is claimed (attempts + 1, next attempt pushed back) and committed
*before* anything is sent, by a conditional UPDATE that only one process can win, and it is
marked sent right after. A process that dies between sending and recording leaves a claim
that is retried once its backoff has run out: the only window in which a message can be
sent twice, and the stable Message-ID lets mail clients fold such a twin into one.

Permissions and facts are re-checked at send time, when the batch is read (moments before
the claim): a recipient who may no longer see the contract gets nothing (the alert is
withdrawn), and an event whose date changed or passed is not announced as ahead. A withdrawal
that lands in between changes the delivery's state, and the claim then finds nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from email.message import EmailMessage

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from core.db import Database
from core.models import (
    AlertDelivery,
    AlertPreferences,
    AlertState,
    DeliveryState,
    DigestFrequency,
)
from core.principals import may_see
from watchers import repository
from watchers.alert_view import current_event, view_of
from watchers.channels import Channels, DeliveryError, PermanentDeliveryError
from watchers.email_message import alert_email
from watchers.events import NEWS_KINDS, ContractEvent
from watchers.scheduling import DATE_CHANGED, NOT_VISIBLE, withdraw
from watchers.unsubscribe import unsubscribe_url
from watchers.webhook_message import alert_webhook_body, signed_headers

MAX_ATTEMPTS = 10
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_RETRY = dt.timedelta(hours=6)
BATCH = 200
WATCH_OFF = "the watch was switched off"
PASSED_BEFORE_SENDING = "the event date passed before the alert could be sent"


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands timestamps back without their zone; every stored one is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait after the `attempts`-th failed attempt."""
    wait: dt.timedelta = FIRST_RETRY * 2 ** max(attempts - 1, 0)
    return min(wait, LONGEST_RETRY)


@dataclasses.dataclass
class DeliveryCounts:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    withdrawn: int = 0


@dataclasses.dataclass(frozen=True)
class _Outgoing:
    delivery_id: int
    attempts: int  # with this attempt; the claim expects one fewer
    channel: str
    email: EmailMessage | None = None
    webhook_url: str = ""
    webhook_body: bytes = b""
    webhook_secret: str = ""


def deliver_due(
    database: Database, channels: Channels, *, now: dt.datetime, today: dt.date
) -> DeliveryCounts:
    """Deliver what is due, a batch at a time: the batch's alerts are read, checked and
    rendered together in one transaction; then each delivery is claimed right before it is
    sent, in the transaction that records the one sent before it (one commit a message)."""
    counts = DeliveryCounts()
    seen: set[int] = set()
    while True:
        with database.session() as session:
            ids = [i for i in repository.due_delivery_ids(session, now, BATCH) if i not in seen]
            seen.update(ids)
            ready = _prepare(session, channels, ids, now, today, counts)
        if not ids:
            return counts
        outcome: _Outcome | None = None
        for outgoing in ready:
            claimed = _record_and_claim(database, outcome, outgoing, now)
            outcome = _send_and_judge(channels, outgoing, now, counts) if claimed else None
        _record_and_claim(database, outcome, None, now)


def _prepare(
    session: Session, channels: Channels, delivery_ids: list[int], now: dt.datetime,
    today: dt.date, counts: DeliveryCounts,
) -> list[_Outgoing]:
    deliveries = repository.deliveries_with_context(session, delivery_ids)
    preferences = repository.preferences_of_users(
        session, {delivery.alert.user_id for delivery in deliveries})
    ready = []
    for delivery in deliveries:
        outgoing = _outgoing(session, channels, delivery, preferences, now, today, counts)
        if outgoing is not None:
            ready.append(outgoing)
    return ready


def _outgoing(
    session: Session, channels: Channels, delivery: AlertDelivery,
    preferences: dict[int, AlertPreferences], now: dt.datetime, today: dt.date,
    counts: DeliveryCounts,
) -> _Outgoing | None:
    """The message of one delivery, if it may go out now (checked as it is read)."""
    if delivery.state is not DeliveryState.PENDING or as_utc(delivery.next_attempt_at) > now:
        return None
    alert = delivery.alert
    preference = preferences.get(alert.user_id)
    if delivery.digest_id is not None or (
        delivery.channel == "email" and preference is not None
        and preference.digest is not DigestFrequency.OFF
    ):
        return None  # the digest sends this one (see watchers.digests)
    user = alert.watch.user
    event = still_deliverable(delivery, today)
    if event is None:
        counts.withdrawn += 1
        return None

    attempts = delivery.attempts + 1
    unsubscribe = (unsubscribe_url(channels.base_url, channels.secret_key, alert.watch_id)
                   if channels.secret_key else None)
    view = view_of(alert, event, preference, channels.base_url, today, unsubscribe,
                   user_language=user.language)
    if delivery.channel == "email":
        message = alert_email(view, to=user.email, mail_from=channels.mail_from,
                              base_url=channels.base_url, now=now)
        return _Outgoing(delivery.id, attempts, delivery.channel, email=message)
    if delivery.channel.startswith("webhook:"):
        hook = repository.webhook(session, int(delivery.channel.split(":", 1)[1]))
        if hook is None or not hook.active or hook.user_id != user.id:
            delivery.state = DeliveryState.WITHDRAWN
            delivery.last_error = "the webhook was removed"
            counts.withdrawn += 1
            return None
        return _Outgoing(delivery.id, attempts, delivery.channel, webhook_url=hook.url,
                         webhook_body=alert_webhook_body(view, alert.user_id),
                         webhook_secret=hook.secret)
    delivery.state = DeliveryState.FAILED
    delivery.last_error = f"unknown channel {delivery.channel!r}"
    counts.failed += 1
    return None


@dataclasses.dataclass(frozen=True)
class _Outcome:
    """How one attempt ended, to be recorded with the next claim."""

    delivery_id: int
    values: dict[str, object]


def _record_and_claim(
    database: Database, outcome: _Outcome | None, outgoing: _Outgoing | None,
    now: dt.datetime,
) -> bool:
    """Record how the previous attempt ended and take `outgoing` for this attempt, in one
    transaction committed before anything is sent. Only one process can win the claim's
    conditional UPDATE, and only if nobody changed the delivery since it was read (another
    scheduler, a withdrawal). The record is committed as soon as it would be on its own
    (right after the send, before the next one), so the twice-sent window is no wider."""
    with database.engine.begin() as connection:
        if outcome is not None:
            connection.execute(update(AlertDelivery)
                               .where(AlertDelivery.id == outcome.delivery_id)
                               .values(**outcome.values))
        if outgoing is None:
            return False
        claimed = connection.execute(_CLAIM, {
            "claimed_id": outgoing.delivery_id, "attempts_before": outgoing.attempts - 1,
            "attempts": outgoing.attempts, "next_attempt_at": now + backoff(outgoing.attempts),
        })
    return claimed.rowcount == 1


# Built once: the statement is the same for every claim, only its values differ.
_CLAIM = (
    update(AlertDelivery)
    .where(AlertDelivery.id == bindparam("claimed_id"),
           AlertDelivery.state == DeliveryState.PENDING,
           AlertDelivery.attempts == bindparam("attempts_before"))
    .values(attempts=bindparam("attempts"), next_attempt_at=bindparam("next_attempt_at"))
)


def _send_and_judge(
    channels: Channels, outgoing: _Outgoing, now: dt.datetime, counts: DeliveryCounts,
) -> _Outcome:
    try:
        _send(channels, outgoing, now)
    except DeliveryError as error:
        permanent = isinstance(error, PermanentDeliveryError)
        failed = permanent or outgoing.attempts >= MAX_ATTEMPTS
        values: dict[str, object] = {"last_error": str(error)[:2000]}
        if failed:
            values["state"] = DeliveryState.FAILED
            counts.failed += 1
        else:
            counts.retrying += 1  # pending, its next attempt already pushed back
        return _Outcome(outgoing.delivery_id, values)
    counts.sent += 1
    return _Outcome(outgoing.delivery_id,
                    {"state": DeliveryState.SENT, "sent_at": now, "last_error": None})


def still_deliverable(delivery: AlertDelivery, today: dt.date) -> ContractEvent | None:
    """The alert's event if this delivery may still go out now; otherwise None, with the
    delivery (and, where it no longer holds, its alert) stopped and the reason recorded.
    Checked at send time: permissions and dates may have changed since the alert was
    armed."""
    alert = delivery.alert
    user = alert.watch.user
    if alert.state is not AlertState.DUE:
        delivery.state = DeliveryState.WITHDRAWN
        return None
    if not alert.watch.active:
        withdraw(alert, WATCH_OFF)
        return None
    if not (user.active and may_see(user, alert.contract)):
        withdraw(alert, NOT_VISIBLE)
        return None
    event = current_event(alert)
    if event is None:
        withdraw(alert, DATE_CHANGED)
        return None
    if alert.event_date < today and alert.event_kind not in NEWS_KINDS:
        alert.state = AlertState.MISSED
        for pending in alert.deliveries:
            if pending.state is DeliveryState.PENDING:
                pending.state = DeliveryState.WITHDRAWN
                pending.last_error = PASSED_BEFORE_SENDING
        return None
    return event


def _send(channels: Channels, outgoing: _Outgoing, now: dt.datetime) -> None:
    if outgoing.email is not None:
        if channels.mailer is None:
            raise DeliveryError("no mailer is configured")
        channels.mailer.send(outgoing.email)
        return
    if channels.webhooks is None:
        raise DeliveryError("no webhook sender is configured")
    headers = signed_headers(outgoing.webhook_body, outgoing.webhook_secret, now)
    channels.webhooks.post(outgoing.webhook_url, outgoing.webhook_body, headers)
