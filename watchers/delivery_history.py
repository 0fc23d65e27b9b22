"""What was sent to whom over which channel, when, and what failed: the delivery history.

A user sees the deliveries of their own alerts, on contracts they may still see; an admin
sees everyone's. Newest first, filterable by channel (email, webhook) and state.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.models import Alert, AlertDelivery, Contract, DeliveryState, Role, User
from core.principals import may_see

CHANNELS = ("email", "webhook")
STATES = tuple(state.value for state in DeliveryState)
LIMIT = 500


@dataclasses.dataclass(frozen=True)
class DeliveryRecord:
    delivery: AlertDelivery
    recipient: str
    # When a pending delivery is tried next (None once it is settled).
    next_attempt_at: dt.datetime | None


def delivery_history(
    session: Session, user: User, *, channel: str | None = None, state: str | None = None,
    limit: int = LIMIT,
) -> list[DeliveryRecord]:
    """Raises ValueError for an unknown channel or state (the caller answers 422)."""
    query = (
        select(AlertDelivery)
        .join(Alert, Alert.id == AlertDelivery.alert_id)
        .order_by(AlertDelivery.id.desc())
        .options(selectinload(AlertDelivery.alert).selectinload(Alert.contract)
                 .selectinload(Contract.access),
                 selectinload(AlertDelivery.alert).selectinload(Alert.watch))
    )
    admin = user.role is Role.ADMIN
    if not admin:
        query = query.where(Alert.user_id == user.id)
    if channel:
        if channel not in CHANNELS:
            raise ValueError(f"channel is one of {', '.join(CHANNELS)}")
        query = query.where(AlertDelivery.channel == "email" if channel == "email"
                            else AlertDelivery.channel.like("webhook:%"))
    if state:
        if state not in STATES:
            raise ValueError(f"state is one of {', '.join(STATES)}")
        query = query.where(AlertDelivery.state == DeliveryState(state))
    rows: Sequence[AlertDelivery] = session.scalars(query.limit(limit)).all()
    recipients = _emails(session, {d.alert.user_id for d in rows})
    return [
        DeliveryRecord(d, recipients.get(d.alert.user_id, ""),
                       d.next_attempt_at if d.state is DeliveryState.PENDING else None)
        for d in rows if admin or may_see(user, d.alert.contract)
    ]


def _emails(session: Session, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    return dict(session.execute(select(User.id, User.email).where(User.id.in_(user_ids)))
                .tuples().all())
