"""Watches, saved searches, alerts and their deliveries (the `watchers` capability's tables).

An alert is one due event of one contract for one watch, keyed by (watch, contract, event
kind, event date, lead time) under a unique constraint: that key, not the scheduler's memory,
is what makes a rerun, a catch-up or a second scheduler create nothing twice.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Enum,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.models.base import Base, Timestamped, utcnow
from core.models.contracts import Contract
from core.models.users import User

DEFAULT_LEAD_DAYS: tuple[int, ...] = (90, 30, 7)


class WatchOrigin(enum.StrEnum):
    DEFAULT = "default"  # the contract owner's watch, kept in step with ownership
    USER = "user"  # made (or changed) by the user: the scheduler never touches it


class AlertState(enum.StrEnum):
    DUE = "due"  # created, delivered (or being delivered) on the watch's channels
    MISSED = "missed"  # the event date had passed before an alert could go out
    WITHDRAWN = "withdrawn"  # the date changed or the recipient lost sight of the contract


class InboxState(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    DISMISSED = "dismissed"


class DeliveryState(enum.StrEnum):
    PENDING = "pending"  # not yet sent; `next_attempt_at` says when to try
    SENT = "sent"
    FAILED = "failed"  # gave up after the last attempt; `last_error` says why
    WITHDRAWN = "withdrawn"  # the alert was withdrawn before it went out


class DigestFrequency(enum.StrEnum):
    OFF = "off"  # one e-mail per alert
    DAILY = "daily"
    WEEKLY = "weekly"  # collected through the week, sent on Mondays


class AlertPreferences(Base):
    """A user's choices for alerts; a user without a row has the defaults."""

    __tablename__ = "alert_preferences"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(5), default="en")  # en | nb
    lead_days: Mapped[list[int]] = mapped_column(JSON, default=lambda: list(DEFAULT_LEAD_DAYS))
    # SHA-256 of the secret in the personal iCal feed URL; None = no feed (or revoked).
    calendar_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Alert e-mails one by one, or collected into a daily or weekly digest.
    digest: Mapped[DigestFrequency] = mapped_column(
        Enum(DigestFrequency, native_enum=False, length=10), default=DigestFrequency.OFF,
        server_default=DigestFrequency.OFF.name,
    )


class SavedSearch(Timestamped, Base):
    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    query: Mapped[str] = mapped_column(Text, default="")
    # The search filters as the search API takes them (suppliers, categories, statuses, ...).
    filters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Shared searches are listed for (and may be watched by) everyone in the organisation;
    # only the owner changes them.
    shared: Mapped[bool] = mapped_column(default=False)

    owner: Mapped[User] = relationship()


class Watch(Timestamped, Base):
    """A user following one contract, or every contract a saved search finds."""

    __tablename__ = "watches"
    __table_args__ = (
        CheckConstraint(
            "(contract_id IS NULL) <> (saved_search_id IS NULL)", name="one_target"
        ),
        # One watch per user and contract; saved-search watches (contract_id NULL) are not
        # constrained by it, since NULLs are distinct on SQLite and PostgreSQL alike.
        UniqueConstraint("user_id", "contract_id", name="uq_watches_user_contract"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    contract_id: Mapped[int | None] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), index=True
    )
    saved_search_id: Mapped[int | None] = mapped_column(
        ForeignKey("saved_searches.id", ondelete="CASCADE"), index=True
    )
    origin: Mapped[WatchOrigin] = mapped_column(
        Enum(WatchOrigin, native_enum=False, length=20), default=WatchOrigin.USER
    )
    active: Mapped[bool] = mapped_column(default=True)
    event_kinds: Mapped[list[str]] = mapped_column(JSON)
    # Days before each event; None = the user's default lead times.
    lead_days: Mapped[list[int] | None] = mapped_column(JSON)
    channels: Mapped[list[str]] = mapped_column(JSON)
    # For "match" watches on a saved search: contracts changed up to this moment have been
    # tested against the search (None: since the watch was made).
    matched_through: Mapped[dt.datetime | None]

    user: Mapped[User] = relationship()
    contract: Mapped[Contract | None] = relationship()
    saved_search: Mapped[SavedSearch | None] = relationship()


class Alert(Base):
    __tablename__ = "alerts"
    __table_args__ = (
        UniqueConstraint(
            "watch_id", "contract_id", "event_kind", "event_date", "lead_days",
            name="uq_alerts_key",
        ),
        Index("ix_alerts_user_inbox", "user_id", "inbox_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    watch_id: Mapped[int] = mapped_column(ForeignKey("watches.id", ondelete="CASCADE"))
    # The recipient, copied from the watch so that the inbox is one indexed query.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), index=True
    )
    event_kind: Mapped[str] = mapped_column(String(20))
    event_date: Mapped[dt.date]
    lead_days: Mapped[int]  # 0 for a missed event
    state: Mapped[AlertState] = mapped_column(
        Enum(AlertState, native_enum=False, length=20), default=AlertState.DUE
    )
    inbox_state: Mapped[InboxState] = mapped_column(
        Enum(InboxState, native_enum=False, length=20), default=InboxState.OPEN
    )
    snoozed_until: Mapped[dt.date | None]
    read_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    withdrawn_reason: Mapped[str | None] = mapped_column(String(200))

    watch: Mapped[Watch] = relationship()
    contract: Mapped[Contract] = relationship()
    deliveries: Mapped[list[AlertDelivery]] = relationship(
        back_populates="alert", cascade="all, delete-orphan", order_by="AlertDelivery.id"
    )


class AlertDelivery(Base):
    """One alert on one channel (e-mail, webhook): at most one row, so at most one send."""

    __tablename__ = "alert_deliveries"
    __table_args__ = (
        UniqueConstraint("alert_id", "channel", name="uq_alert_deliveries_channel"),
        Index("ix_alert_deliveries_due", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(20))
    state: Mapped[DeliveryState] = mapped_column(
        Enum(DeliveryState, native_enum=False, length=20), default=DeliveryState.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[dt.datetime | None]
    # An e-mail that goes out inside a digest: set when the digest is put together, after
    # which only the digest sends it.
    digest_id: Mapped[int | None] = mapped_column(
        ForeignKey("alert_digests.id", ondelete="SET NULL"), index=True
    )

    alert: Mapped[Alert] = relationship(back_populates="deliveries")
    digest: Mapped[AlertDigest | None] = relationship(back_populates="deliveries")


class AlertDigest(Base):
    """One digest e-mail: the alert e-mails of one user for one day or week, sent as one.

    Keyed by (user, frequency, period start) so that a pass run twice, a catch-up after
    downtime or a second scheduler makes one digest per period, never two. Claimed and
    retried like a delivery (see `watchers.digests`)."""

    __tablename__ = "alert_digests"
    __table_args__ = (
        UniqueConstraint("user_id", "frequency", "period_start", name="uq_alert_digests_period"),
        Index("ix_alert_digests_due", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    frequency: Mapped[DigestFrequency] = mapped_column(
        Enum(DigestFrequency, native_enum=False, length=10)
    )
    period_start: Mapped[dt.date]
    state: Mapped[DeliveryState] = mapped_column(
        Enum(DeliveryState, native_enum=False, length=20), default=DeliveryState.PENDING
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()
    deliveries: Mapped[list[AlertDelivery]] = relationship(
        back_populates="digest", order_by="AlertDelivery.id"
    )


class Webhook(Timestamped, Base):
    """A user's HTTP endpoint for alerts; bodies are signed with its own secret."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    # Kept in clear: HMAC needs the secret itself, not a hash of it.
    secret: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(default=True)
