"""Principals: the names under which someone may see a contract.

A contract lists the principals allowed to see it; a user carries a set of principals; access
is their intersection. Groups later add "group:<id>" without changing this mechanism.
"""

from __future__ import annotations

from core.models import Contract, Role, User, Visibility

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
