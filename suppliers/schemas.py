"""What the supplier API takes and returns."""

from __future__ import annotations

from pydantic import BaseModel

from core.models import Supplier


class SupplierOut(BaseModel):
    id: int
    name: str
    org_number: str | None
    aliases: list[str]


def supplier_out(supplier: Supplier) -> SupplierOut:
    return SupplierOut(id=supplier.id, name=supplier.name, org_number=supplier.org_number,
                       aliases=sorted(a.alias for a in supplier.aliases))
