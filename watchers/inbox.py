"""The in-app inbox: a user's alerts, only for contracts they may see now; done, snoozed,
dismissed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import cast

from sqlalchemy.orm import Session

from core.models import Alert, InboxState, User
from core.principals import may_see
from watchers import repository
from watchers.alert_view import current_event
from watchers.errors import InputError, NotFoundError
from watchers.events import ContractEvent, EventKind

OPEN_STATES = (InboxState.OPEN,)
ALL_STATES = (InboxState.OPEN, InboxState.DONE, InboxState.DISMISSED)


@dataclasses.dataclass(frozen=True)
class InboxEntry:
    alert: Alert
    event: ContractEvent


def inbox(
    session: Session, user: User, today: dt.date, *, include_closed: bool = False
) -> list[InboxEntry]:
    states = ALL_STATES if include_closed else OPEN_STATES
    return [
        InboxEntry(alert, _event_of(alert))
        for alert in repository.inbox_of(session, user, states, today)
        if may_see(user, alert.contract)
    ]


def open_count(session: Session, user: User, today: dt.date) -> int:
    """What the page header shows next to the inbox link: one COUNT query, the same
    alerts and the same visibility rule as `inbox`."""
    return repository.open_alert_count(session, user, today)


def alert_of(session: Session, user: User, alert_id: int) -> Alert:
    alert = repository.alert_of_user(session, user, alert_id)
    if alert is None or not may_see(user, alert.contract):
        raise NotFoundError(f"alert {alert_id} not found")
    return alert


def mark_done(alert: Alert) -> None:
    alert.inbox_state = InboxState.DONE
    alert.snoozed_until = None


def dismiss(alert: Alert) -> None:
    alert.inbox_state = InboxState.DISMISSED
    alert.snoozed_until = None


def snooze(alert: Alert, until: dt.date, today: dt.date) -> None:
    if until <= today:
        raise InputError("snooze until a day after today")
    alert.inbox_state = InboxState.OPEN
    alert.snoozed_until = until


def reopen(alert: Alert) -> None:
    alert.inbox_state = InboxState.OPEN
    alert.snoozed_until = None


def entry_of(alert: Alert) -> InboxEntry:
    return InboxEntry(alert, _event_of(alert))


def _event_of(alert: Alert) -> ContractEvent:
    """The event as it stands on the contract; the alert's own date when it has moved."""
    kind = cast(EventKind, alert.event_kind)
    return current_event(alert) or ContractEvent(alert.contract_id, kind, alert.event_date)
