"""Spend: invoice and payment lines imported from the organisation's ledger, and their links
to suppliers, categories and contracts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.models.base import Base, Timestamped, utcnow


class SpendImport(Base):
    """One file as it was imported: what it held, what was added and what was refused."""

    __tablename__ = "spend_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    header_signature: Mapped[str | None] = mapped_column(String(64))
    mapping: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # done | needs_mapping | failed
    status: Mapped[str] = mapped_column(String(20), default="done")
    rows_read: Mapped[int] = mapped_column(default=0)
    rows_imported: Mapped[int] = mapped_column(default=0)
    rows_already_imported: Mapped[int] = mapped_column(default=0)
    rows_rejected: Mapped[int] = mapped_column(default=0)
    rows_without_date: Mapped[int] = mapped_column(default=0)
    # Counts per reason are complete; the listed rows stop at a cap so a broken file of a
    # million rows does not make a million-entry JSON document.
    problem_counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    problems: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    imported_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SpendLine(Base):
    """One invoice or payment line. Credits are negative amounts."""

    __tablename__ = "spend_lines"
    __table_args__ = (
        Index("ix_spend_lines_supplier_month", "supplier_id", "month"),
        Index("ix_spend_lines_category_month", "category_id", "month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Hash of the line's content and its occurrence in the file: the same line read again
    # from the same or an overlapping file has the same key and is not added twice.
    natural_key: Mapped[str] = mapped_column(String(64), unique=True)
    import_id: Mapped[int | None] = mapped_column(
        ForeignKey("spend_imports.id", ondelete="SET NULL"), index=True
    )
    source_file: Mapped[str] = mapped_column(String(500))
    line_number: Mapped[int]

    date: Mapped[dt.date | None] = mapped_column(index=True)
    month: Mapped[str | None] = mapped_column(String(7))  # "2015-07", for period reports
    supplier_name: Mapped[str] = mapped_column(String(300), default="", index=True)
    supplier_ref: Mapped[str | None] = mapped_column(String(100))  # the ledger's supplier id
    supplier_org_number: Mapped[str | None] = mapped_column(String(40))
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    category_text: Mapped[str | None] = mapped_column(String(300))
    account: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    quantity: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    unit: Mapped[str | None] = mapped_column(String(50))
    unit_price: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    organisational_unit: Mapped[str | None] = mapped_column(String(300))
    reference: Mapped[str | None] = mapped_column(String(100))  # transaction or invoice no

    supplier_id: Mapped[int | None] = mapped_column(
        ForeignKey("suppliers.id", ondelete="SET NULL")
    )
    # org_number | alias | name | redacted | none: how (or why not) the supplier was found
    supplier_match: Mapped[str | None] = mapped_column(String(20))
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL")
    )
    contract_id: Mapped[int | None] = mapped_column(
        ForeignKey("contracts.id", ondelete="SET NULL"), index=True
    )
    # Stored, not joined on the fly: the loyalty report reads it over millions of lines.
    on_contract: Mapped[bool] = mapped_column(default=False)


class SpendRollup(Base):
    """Spend lines summed per month and per everything the reports group or filter by, kept
    with every write to the lines (spend.rollup): reports over millions of lines read
    thousands of rows instead. A group may have several rows for a while (each change adds
    its difference); readers sum them, and a change compacts the months it touched. The
    foreign keys null out as the lines' do, so deleting a supplier, category or contract
    leaves both saying the same."""

    __tablename__ = "spend_rollups"
    __table_args__ = (
        Index("ix_spend_rollups_month", "month"),
        Index("ix_spend_rollups_supplier_month", "supplier_id", "month"),
        Index("ix_spend_rollups_contract_month", "contract_id", "month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str | None] = mapped_column(String(7))
    supplier_id: Mapped[int | None] = mapped_column(
        ForeignKey("suppliers.id", ondelete="SET NULL")
    )
    supplier_name: Mapped[str] = mapped_column(String(300), default="")
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL")
    )
    category_text: Mapped[str | None] = mapped_column(String(300))
    organisational_unit: Mapped[str | None] = mapped_column(String(300))
    contract_id: Mapped[int | None] = mapped_column(
        ForeignKey("contracts.id", ondelete="SET NULL")
    )
    on_contract: Mapped[bool] = mapped_column(default=False)
    amount: Mapped[Decimal] = mapped_column(Numeric(20, 2))
    lines: Mapped[int]


class SpendColumnMapping(Timestamped, Base):
    """Which column of a header layout holds which spend field, as a person confirmed it."""

    __tablename__ = "spend_column_mappings"

    id: Mapped[int] = mapped_column(primary_key=True)
    header_signature: Mapped[str] = mapped_column(String(64), unique=True)
    headers: Mapped[list[str]] = mapped_column(JSON)
    mapping: Mapped[dict[str, str]] = mapped_column(JSON)  # field -> header as written
    confirmed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
