"""What the supplier API takes and returns."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from core.ids import BodyId
from core.models import Contract, Supplier
from core.text import StorableText

Name = Field(min_length=1, max_length=300)


class SupplierIn(StorableText):
    name: str = Name
    org_number: str | None = Field(default=None, max_length=40)
    country: str | None = Field(default=None, max_length=20,
                                description="ISO 3166-1 alpha-2; decides the org number check")
    aliases: list[str] = Field(default_factory=list, max_length=100)


class SupplierPatch(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=300)
    org_number: str | None = Field(default=None, max_length=40)
    country: str | None = Field(default=None, max_length=20)
    aliases: list[str] | None = Field(default=None, max_length=100,
                                      description="names to add; existing ones stay")


class MergeIn(StorableText):
    duplicate_id: BodyId = Field(description="the supplier folded into this one, then gone")


class SupplierOut(BaseModel):
    id: int
    name: str
    org_number: str | None
    country: str | None
    aliases: list[str]


class SupplierContractOut(BaseModel):
    id: int
    title: str
    status: str | None
    ends_on: dt.date | None  # as written: None when it renews without end
    # The deadline engine's current term, after renewals (what the pages show).
    current_term_end: dt.date | None = None


class SupplierDetailOut(SupplierOut):
    contracts: list[SupplierContractOut] = Field(
        description="only the contracts the reader may see")


class MergeOut(BaseModel):
    supplier: SupplierOut
    moved_contracts: int


def supplier_out(supplier: Supplier) -> SupplierOut:
    return SupplierOut(id=supplier.id, name=supplier.name, org_number=supplier.org_number,
                       country=supplier.country,
                       aliases=sorted(a.alias for a in supplier.aliases))


def contract_out(contract: Contract) -> SupplierContractOut:
    return SupplierContractOut(id=contract.id, title=contract.title, status=contract.status,
                               ends_on=contract.ends_on,
                               current_term_end=contract.current_term_end)
