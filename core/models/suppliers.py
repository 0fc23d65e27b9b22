from __future__ import annotations

import datetime as dt

from sqlalchemy import Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.models.base import Base, Timestamped, utcnow


class Supplier(Timestamped, Base):
    __tablename__ = "suppliers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    org_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    # ISO 3166-1 alpha-2 ("NO", "GB"); it decides how the org number is checked.
    country: Mapped[str | None] = mapped_column(String(2))

    aliases: Mapped[list[SupplierAlias]] = relationship(
        back_populates="supplier", cascade="all, delete-orphan"
    )


class SupplierAlias(Base):
    """Another name a supplier goes by (trading name, old name, spelling in spend files)."""

    __tablename__ = "supplier_aliases"
    __table_args__ = (UniqueConstraint("normalized", name="uq_supplier_aliases_normalized"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(String(300))
    normalized: Mapped[str] = mapped_column(String(300))

    supplier: Mapped[Supplier] = relationship(back_populates="aliases")


class SupplierSuggestion(Base):
    """A spend spelling that looks like a known supplier, but not surely enough to link it
    unasked: a person confirms it (it becomes an alias) or rejects it."""

    __tablename__ = "supplier_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    spelling: Mapped[str] = mapped_column(String(300), unique=True)
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[float] = mapped_column(Float)
    # Another supplier scored about as high: the reason it was not linked on its own.
    ambiguous: Mapped[bool] = mapped_column(default=False)
    rejected: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    supplier: Mapped[Supplier] = relationship()


class Category(Timestamped, Base):
    """A procurement category; categories form a tree (e.g. IT > Software > Licences)."""

    __tablename__ = "categories"
    __table_args__ = (UniqueConstraint("parent_id", "name", name="uq_categories_parent_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(50))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="RESTRICT"), index=True
    )

    parent: Mapped[Category | None] = relationship(remote_side="Category.id")

    @property
    def path(self) -> str:
        """The category with its ancestors, "IT / Software / Licences"."""
        parts: list[str] = []
        category: Category | None = self
        while category is not None:
            parts.append(category.name)
            category = category.parent
        return " / ".join(reversed(parts))
