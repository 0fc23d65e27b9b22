"""Arming alerts: for each watched contract, create what is due, record what was missed,
withdraw what no longer holds. Idempotent: the alerts' unique key is the memory."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from core.models import (
    Alert,
    AlertDelivery,
    AlertPreferences,
    AlertState,
    Contract,
    DeliveryState,
    User,
    Watch,
    WatchOrigin,
    Webhook,
)
from core.models.watchers import DEFAULT_LEAD_DAYS
from core.principals import may_see
from watchers.due import MISSED_LEAD_DAYS, DueAlert, Missed, decide
from watchers.evaluation_events import EVALUATION, evaluation_events
from watchers.events import MATCH, SUPPLIER_RISK, events_of_contract

DATE_CHANGED = "the date changed"
NO_LONGER_MATCHES = "the contract no longer matches the saved search"
NOT_VISIBLE = "the recipient may no longer see the contract"
SUPERSEDED = "a nearer lead time of the same event came due"


@dataclasses.dataclass
class ArmingCounts:
    created: int = 0
    missed: int = 0
    withdrawn: int = 0
    rearmed: int = 0

    def add(self, other: ArmingCounts) -> None:
        self.created += other.created
        self.missed += other.missed
        self.withdrawn += other.withdrawn
        self.rearmed += other.rearmed


@dataclasses.dataclass(frozen=True)
class Recipient:
    user: User
    preferences: AlertPreferences | None
    webhooks: Sequence[Webhook]

    def lead_days(self, watch: Watch) -> list[int]:
        if watch.lead_days:
            return list(watch.lead_days)
        if self.preferences is not None and self.preferences.lead_days:
            return list(self.preferences.lead_days)
        return list(DEFAULT_LEAD_DAYS)


def arm_watch(
    session: Session,
    watch: Watch,
    contract: Contract,
    recipient: Recipient,
    existing: list[Alert],
    today: dt.date,
    now: dt.datetime,
    *,
    still_matches: bool = True,
    evaluation_required: bool = True,
) -> ArmingCounts:
    """Arm one watch for one contract. `still_matches` is False for a saved-search watch's
    contract that the search no longer finds: its pending alerts are withdrawn.
    `evaluation_required` False (the pass knows the contract requires no evaluation) saves
    the query that would find none."""
    counts = ArmingCounts()
    visible = recipient.user.active and may_see(recipient.user, contract) and still_matches
    evaluations = evaluation_events(session, contract, today) if evaluation_required else []
    events = [e for e in [*events_of_contract(contract), *evaluations]
              if e.kind in watch.event_kinds or _owner_reminded(watch, e.kind)]
    current = {(event.kind, event.on) for event in events} if visible else set()
    by_key = {(a.event_kind, a.event_date, a.lead_days): a for a in existing}
    lead_days = recipient.lead_days(watch)
    watching_since = watch.created_at.date()

    for event in events if visible else []:
        decision = decide(event.on, lead_days, today, watching_since)
        same_event = [a for a in existing if (a.event_kind, a.event_date) == (event.kind, event.on)]
        if isinstance(decision, DueAlert):
            alert = by_key.get((event.kind, event.on, decision.lead_days))
            if alert is None:
                alert = new_alert(watch, contract, event.kind, event.on, decision.lead_days,
                                   AlertState.DUE, now)
                alert.deliveries = deliveries_for(watch, recipient, now)
                session.add(alert)
                existing.append(alert)
                counts.created += 1
            elif alert.state is AlertState.WITHDRAWN:
                _rearm(alert, now)
                counts.rearmed += 1
            for older in same_event:
                if older is not alert and older.lead_days > decision.lead_days:
                    counts.withdrawn += _withdraw_unsent(older, SUPERSEDED)
        elif isinstance(decision, Missed) and _never_alerted(same_event, by_key, event.kind,
                                                            event.on):
            missed = new_alert(watch, contract, event.kind, event.on, MISSED_LEAD_DAYS,
                                AlertState.MISSED, now)
            session.add(missed)
            existing.append(missed)
            counts.missed += 1

    reason = DATE_CHANGED if visible else NOT_VISIBLE if still_matches else NO_LONGER_MATCHES
    for alert in existing:
        if alert.state is not AlertState.DUE or (alert.event_kind, alert.event_date) in current:
            continue
        if alert.event_kind in (MATCH, SUPPLIER_RISK) and visible:
            continue  # a match or a risk change is news about the contract, not its dates
        # A past event that left the stored deadlines (the contract renewed) is history;
        # only what is still ahead, or still waiting to go out, is withdrawn.
        if alert.event_date >= today or _has_pending(alert):
            withdraw(alert, reason)
            counts.withdrawn += 1
    return counts


def _owner_reminded(watch: Watch, kind: str) -> bool:
    """Default watches made before evaluation reminders existed still remind the owner."""
    return kind == EVALUATION and watch.origin is WatchOrigin.DEFAULT


def _never_alerted(
    same_event: list[Alert], by_key: dict[tuple[str, dt.date, int], Alert], kind: str,
    on: dt.date,
) -> bool:
    alerted = any(a.state is not AlertState.WITHDRAWN for a in same_event)
    return not alerted and (kind, on, MISSED_LEAD_DAYS) not in by_key


def withdraw(alert: Alert, reason: str) -> None:
    """Stop an alert: nothing more goes out for it; what was sent stays on record."""
    alert.state = AlertState.WITHDRAWN
    alert.withdrawn_reason = reason
    for delivery in alert.deliveries:
        if delivery.state is DeliveryState.PENDING:
            delivery.state = DeliveryState.WITHDRAWN


def _withdraw_unsent(alert: Alert, reason: str) -> int:
    """An alert for a farther lead time that never went out gives way to the nearer one."""
    if alert.state is not AlertState.DUE:
        return 0
    if any(d.state is DeliveryState.SENT for d in alert.deliveries):
        return 0
    withdraw(alert, reason)
    return 1


def _rearm(alert: Alert, now: dt.datetime) -> None:
    """The same event and date are back (a date changed back, the contract became visible
    again): deliver what never went out; what was sent is not sent again."""
    alert.state = AlertState.DUE
    alert.withdrawn_reason = None
    for delivery in alert.deliveries:
        if delivery.state is DeliveryState.WITHDRAWN:
            delivery.state = DeliveryState.PENDING
            delivery.next_attempt_at = now


def _has_pending(alert: Alert) -> bool:
    return any(d.state is DeliveryState.PENDING for d in alert.deliveries)


def new_alert(
    watch: Watch, contract: Contract, kind: str, on: dt.date, lead_days: int,
    state: AlertState, now: dt.datetime,
) -> Alert:
    return Alert(
        watch_id=watch.id, user_id=watch.user_id, contract_id=contract.id, event_kind=kind,
        event_date=on, lead_days=lead_days, state=state, created_at=now,
    )


def deliveries_for(
    watch: Watch, recipient: Recipient, now: dt.datetime
) -> list[AlertDelivery]:
    channels: list[str] = []
    if "email" in watch.channels:
        channels.append("email")
    if "webhook" in watch.channels:
        channels.extend(f"webhook:{hook.id}" for hook in recipient.webhooks)
    return [AlertDelivery(channel=channel, state=DeliveryState.PENDING, attempts=0,
                          next_attempt_at=now) for channel in channels]
