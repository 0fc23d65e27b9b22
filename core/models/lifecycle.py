"""What happened in a contract's life, as people recorded it (not read from its text)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Enum, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.models.base import Base, utcnow
from core.models.users import User


class LifecycleKind(enum.StrEnum):
    NOTICE_GIVEN = "notice_given"  # notice to terminate given (or received) that day
    OPTION_EXERCISED = "option_exercised"  # the next extension option was exercised
    TERMINATED = "terminated"  # ended early, with effect from that day
    RENEWED = "renewed"  # renewed on new terms: the terms were changed with this event


class ContractEvent(Base):
    """One recorded event. Withdrawn events stay (audited) but no longer move deadlines."""

    __tablename__ = "contract_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[LifecycleKind] = mapped_column(Enum(LifecycleKind, native_enum=False,
                                                     length=30))
    # The day it happened: notice given on, option exercised on, termination effective on.
    occurred_on: Mapped[dt.date]
    note: Mapped[str] = mapped_column(Text, default="")
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL")
    )
    recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[dt.datetime | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])
