"""What the public registers say about a supplier, and the risk thresholds admins set.

One row per supplier and register. A refresh that fails keeps the last good figures and only
records the failure and when to try again (backoff), so a register outage never blanks a
supplier's risk picture.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.models.base import Base, Timestamped
from core.models.suppliers import Supplier


class SupplierRegisterRecord(Timestamped, Base):
    __tablename__ = "supplier_register_records"
    __table_args__ = (UniqueConstraint("supplier_id", "register",
                                       name="uq_supplier_register_records_supplier_register"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    register: Mapped[str] = mapped_column(String(40))  # brreg | companies_house
    identifier: Mapped[str] = mapped_column(String(40))  # org number / company number
    # The last good answer: entity facts, status flags, yearly key figures.
    entity: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status_flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    accounts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    fetched_at: Mapped[dt.datetime | None]
    # The risk assessed from that answer, kept to notice when it rises.
    risk_level: Mapped[str | None] = mapped_column(String(10))
    failures: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[dt.datetime | None]

    supplier: Mapped[Supplier] = relationship()


class RiskThresholds(Base):
    """The admin-adjusted risk thresholds (one row); none = the documented defaults."""

    __tablename__ = "risk_thresholds"

    id: Mapped[int] = mapped_column(primary_key=True)
    values: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)


class SupplierRiskChange(Base):
    """A supplier's risk rose or a status flag appeared, as one refresh or register load
    found it: the news alerts are raised for. Its id is part of the alerts' unique key, so
    each change alerts each watch of each contract once, however often passes run."""

    __tablename__ = "supplier_risk_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    register: Mapped[str] = mapped_column(String(40))
    # The level kept before the refresh and the one it found; equal when only flags changed.
    previous_level: Mapped[str | None] = mapped_column(String(10))
    level: Mapped[str] = mapped_column(String(10))
    new_flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    detected_at: Mapped[dt.datetime] = mapped_column(index=True)

    supplier: Mapped[Supplier] = relationship()
