"""Linking a contract to a supplier by org number, then by normalised name."""

from __future__ import annotations

from sqlalchemy.orm import Session

from core.models import Supplier, SupplierAlias
from suppliers import repository
from suppliers.names import normalise_name


def link_supplier(session: Session, name: str, org_number: str | None) -> Supplier:
    """The supplier with this org number, else with this name, created when unknown.

    A name known with another org number is another supplier of the same name (two firms,
    or one re-registered): it gets a supplier of its own, found again by its org number,
    rather than having its number dropped."""
    supplier: Supplier | None = None
    if org_number:
        supplier = repository.supplier_by_org_number(session, org_number)
    normalized = normalise_name(name) or name.strip().lower()
    named = repository.supplier_by_alias(session, normalized)
    if supplier is None and named is not None and not (
        org_number and named.org_number and named.org_number != org_number
    ):
        supplier = named
    if supplier is None:
        supplier = Supplier(name=name.strip(), org_number=org_number or None)
        if named is None:
            supplier.aliases.append(SupplierAlias(alias=name.strip(), normalized=normalized))
        session.add(supplier)
        session.flush()
        return supplier
    if org_number and supplier.org_number is None:
        supplier.org_number = org_number
    if named is None:
        supplier.aliases.append(SupplierAlias(alias=name.strip(), normalized=normalized))
    return supplier
