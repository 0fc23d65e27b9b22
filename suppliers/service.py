"""Supplier use cases. No commits here: the entry point owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.models import Contract, Supplier, SupplierAlias, User
from core.principals import visible_clause
from suppliers import repository
from suppliers.merge import MergeRefusedError, merge
from suppliers.names import normalise_name
from suppliers.org_numbers import country_code, org_number
from suppliers.schemas import SupplierIn, SupplierPatch

__all__ = ["MergeRefusedError", "SupplierConflictError", "SupplierNotFoundError", "merge"]


class SupplierNotFoundError(LookupError):
    pass


class SupplierConflictError(ValueError):
    """Another supplier already has this org number or alias; the message names it."""


def get_supplier(session: Session, supplier_id: int) -> Supplier:
    supplier = repository.get_supplier(session, supplier_id)
    if supplier is None:
        raise SupplierNotFoundError(f"supplier {supplier_id} not found")
    return supplier


def list_suppliers(session: Session, *, limit: int = 100, offset: int = 0) -> Sequence[Supplier]:
    return repository.list_suppliers(session, limit=limit, offset=offset)


def visible_contracts(session: Session, supplier_id: int,
                      principals: frozenset[str]) -> Sequence[Contract]:
    """The supplier's contracts that someone with these principals may see."""
    return session.scalars(
        select(Contract).where(Contract.supplier_id == supplier_id, visible_clause(principals))
        .order_by(Contract.title, Contract.id)).all()


def create_supplier(session: Session, data: SupplierIn, actor: User | None) -> Supplier:
    country = country_code(data.country)
    supplier = Supplier(name=data.name.strip(), country=country,
                        org_number=_free_org_number(session, data.org_number, country, None))
    session.add(supplier)
    for alias in [supplier.name, *data.aliases]:
        _add_alias(session, supplier, alias)
    session.flush()
    audit.record(session, actor_id=actor.id if actor else None, action="supplier.created",
                 entity_type="supplier", entity_id=supplier.id,
                 detail={"name": supplier.name, "org_number": supplier.org_number})
    return supplier


def update_supplier(session: Session, supplier: Supplier, data: SupplierPatch,
                    actor: User | None) -> Supplier:
    changed = data.model_dump(exclude_unset=True)
    country = country_code(data.country) if "country" in changed else supplier.country
    if "name" in changed and data.name:
        supplier.name = data.name.strip()
        _add_alias(session, supplier, supplier.name)
    if "country" in changed or "org_number" in changed:
        number = data.org_number if "org_number" in changed else supplier.org_number
        supplier.org_number = _free_org_number(session, number, country, supplier.id)
        supplier.country = country
    for alias in data.aliases or []:
        _add_alias(session, supplier, alias)
    session.flush()
    audit.record(session, actor_id=actor.id if actor else None, action="supplier.updated",
                 entity_type="supplier", entity_id=supplier.id, detail=changed)
    return supplier


def add_alias(session: Session, supplier: Supplier, alias: str) -> None:
    _add_alias(session, supplier, alias)


def _add_alias(session: Session, supplier: Supplier, alias: str) -> None:
    text = alias.strip()
    normalized = normalise_name(text) or text.lower()
    if not normalized or any(a.normalized == normalized for a in supplier.aliases):
        return
    owner = repository.supplier_by_alias(session, normalized)
    if owner is not None and owner is not supplier:
        raise SupplierConflictError(
            f"the name {text!r} already belongs to supplier {owner.id} ({owner.name}); "
            "merge the two if they are the same")
    supplier.aliases.append(SupplierAlias(alias=text, normalized=normalized))


def _free_org_number(session: Session, value: str | None, country: str | None,
                     supplier_id: int | None) -> str | None:
    number = org_number(value, country)
    if number is not None:
        owner = repository.supplier_by_org_number(session, number)
        if owner is not None and owner.id != supplier_id:
            raise SupplierConflictError(
                f"org number {number} already belongs to supplier {owner.id} ({owner.name})")
    return number
