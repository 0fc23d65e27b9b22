from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.models.base import Base, Timestamped, utcnow
from core.models.lifecycle import ContractEvent
from core.models.suppliers import Category, Supplier
from core.models.users import User


class Visibility(enum.StrEnum):
    ORGANISATION = "organisation"  # everyone signed in may see it
    RESTRICTED = "restricted"  # only the owner, admins and the principals in contract_access


class Contract(Timestamped, Base):
    """A contract's accepted facts. Suggested values live in `FieldValue` until reviewed."""

    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    supplier_id: Mapped[int | None] = mapped_column(
        ForeignKey("suppliers.id", ondelete="SET NULL"), index=True
    )
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL"), index=True
    )
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    visibility: Mapped[Visibility] = mapped_column(
        Enum(Visibility, native_enum=False, length=20), default=Visibility.ORGANISATION
    )
    source: Mapped[str] = mapped_column(String(20), default="upload")  # upload | manual
    language: Mapped[str | None] = mapped_column(String(5))
    notes: Mapped[str] = mapped_column(Text, default="")

    signed_date: Mapped[dt.date | None]
    effective_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]
    # Set when `end_date` was computed from a start and a term rather than read (as
    # `Finding.derived_from`: {"effective_date": "2024-04-01", "initial_term": {...}}): the
    # deadline engine then reads it as an anniversary. Null: stated, or typed by a person.
    end_date_derived_from: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    perpetual: Mapped[bool] = mapped_column(default=False)
    auto_renewal: Mapped[bool] = mapped_column(default=False)
    # Durations are {"count": int, "unit": "day|week|month|year"}.
    initial_term: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    renewal_term: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    renewal_count: Mapped[int | None]
    extension_options: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    notice_period: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # stops the renewal
    # Notice to terminate at will or for convenience, when stated apart from `notice_period`.
    # Shown, not counted: no deadline rests on it (see contracts.deadlines).
    termination_notice: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    governing_law: Mapped[str | None] = mapped_column(String(200))
    venue: Mapped[str | None] = mapped_column(String(300))
    value_amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    value_currency: Mapped[str | None] = mapped_column(String(3))
    payment_terms: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    # The deadline engine's result for `deadlines_as_of` (contracts.deadlines), stored because
    # search, lists and watches filter and sort on it. Every date a user sees comes from here;
    # the daily pass (contracts.daily_refresh) recomputes it when the calendar moves on.
    computed_end_date: Mapped[dt.date | None] = mapped_column(index=True)  # initial term end
    current_term_end: Mapped[dt.date | None] = mapped_column(index=True)  # after renewals
    next_renewal_date: Mapped[dt.date | None]
    ends_on: Mapped[dt.date | None]  # when it ends if nobody acts; None: renews without end
    notice_deadline: Mapped[dt.date | None] = mapped_column(index=True)
    review_date: Mapped[dt.date | None]
    # active | expiring | expired | unknown (nothing dates the contract)
    status: Mapped[str] = mapped_column(
        String(20), default="unknown", server_default="unknown", index=True
    )
    deadlines_as_of: Mapped[dt.date | None] = mapped_column(index=True)
    deadlines: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Archived contracts leave search, lists and watches but stay restorable (soft, audited).
    archived_at: Mapped[dt.datetime | None] = mapped_column(index=True)

    supplier: Mapped[Supplier | None] = relationship()
    category: Mapped[Category | None] = relationship()
    owner: Mapped[User | None] = relationship()
    parties: Mapped[list[ContractParty]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="ContractParty.id"
    )
    access: Mapped[list[ContractAccess]] = relationship(cascade="all, delete-orphan")
    price_items: Mapped[list[ContractPriceItem]] = relationship(
        cascade="all, delete-orphan", order_by="ContractPriceItem.id"
    )
    events: Mapped[list[ContractEvent]] = relationship(
        cascade="all, delete-orphan", order_by="ContractEvent.id"
    )


class ContractParty(Base):
    __tablename__ = "contract_parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    role: Mapped[str | None] = mapped_column(String(50))
    org_number: Mapped[str | None] = mapped_column(String(40))

    contract: Mapped[Contract] = relationship(back_populates="parties")


class ContractAccess(Base):
    """A principal ("user:7", later "group:3") allowed to see a restricted contract."""

    __tablename__ = "contract_access"

    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), primary_key=True
    )
    principal: Mapped[str] = mapped_column(String(100), primary_key=True)


class ReviewState(enum.StrEnum):
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    CORRECTED = "corrected"
    REJECTED = "rejected"


class FieldValue(Base):
    """One extracted value of a contract field, with evidence, awaiting or past review."""

    __tablename__ = "field_values"
    __table_args__ = (UniqueConstraint("contract_id", "field", name="uq_field_values_field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL")
    )
    field: Mapped[str] = mapped_column(String(50))
    value: Mapped[Any] = mapped_column(JSON)
    confidence: Mapped[float | None]
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # For a value the machine computed from others (`Finding.derived_from`); null when read.
    derived_from: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    review_state: Mapped[ReviewState] = mapped_column(
        Enum(ReviewState, native_enum=False, length=20), default=ReviewState.SUGGESTED
    )
    # What a reviewer set when correcting; `value` keeps what the machine read.
    corrected_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    reviewed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    reviewed_at: Mapped[dt.datetime | None]
    extracted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ContractPriceItem(Base):
    __tablename__ = "contract_price_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL")
    )
    description: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(50))
    unit_price: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    currency: Mapped[str | None] = mapped_column(String(3))
    page: Mapped[int | None]
