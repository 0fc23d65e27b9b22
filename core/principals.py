"""Principals: the names under which someone may see a contract.

A contract lists the principals allowed to see it; a user carries a set of principals; access
is their intersection. Groups later add "group:<id>" without changing this mechanism.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select, true

from core.models import Contract, ContractAccess, Role, User, Visibility

ORGANISATION = "org"
ADMINS = "role:admin"


def user_principal(user_id: int) -> str:
    return f"user:{user_id}"


def principals_of_user(user: User) -> frozenset[str]:
    principals = {ORGANISATION, user_principal(user.id)}
    if user.role is Role.ADMIN:
        principals.add(ADMINS)
    return frozenset(principals)


def principals_of_contract(contract: Contract) -> frozenset[str]:
    principals = {ADMINS}
    if contract.visibility is Visibility.ORGANISATION:
        principals.add(ORGANISATION)
    if contract.owner_id is not None:
        principals.add(user_principal(contract.owner_id))
    principals.update(access.principal for access in contract.access)
    return frozenset(principals)


def may_see(user: User, contract: Contract) -> bool:
    return bool(principals_of_user(user) & principals_of_contract(contract))


def may_edit(user: User, contract: Contract) -> bool:
    return user.role in (Role.ADMIN, Role.EDITOR) and may_see(user, contract)


def visible_clause(principals: frozenset[str]) -> ColumnElement[bool]:
    """SQL condition: the contract is visible to someone holding these principals.
    Mirrors `principals_of_contract`; here so that every capability (contracts, suppliers,
    spend) filters contracts the same way."""
    if ADMINS in principals:
        return true()
    user_ids = [int(p.split(":", 1)[1]) for p in principals if p.startswith("user:")]
    conditions: list[ColumnElement[bool]] = [
        Contract.id.in_(
            select(ContractAccess.contract_id).where(ContractAccess.principal.in_(principals))
        )
    ]
    if ORGANISATION in principals:
        conditions.append(Contract.visibility == Visibility.ORGANISATION)
    if user_ids:
        conditions.append(Contract.owner_id.in_(user_ids))
    return or_(*conditions)
