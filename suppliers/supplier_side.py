"""Which party of a contract is the supplier, decided from the roles the text gives them and
from who we are; when that does not tell, nobody is (a person decides, from the review queue).

Guessing by position ("the second party named") put customers, licensees and the buyer's
agent in the supplier column, and a wrong supplier misleads more than a missing one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from core.models import Contract
from core.settings import Settings
from extraction.model import Party
from extraction.parties.candidate import role_of
from suppliers.linking import link_supplier
from suppliers.names import normalise_name

# Roles (as `extraction` normalises them) that sell to, or do work for, the other side.
SUPPLIER_ROLES = frozenset(
    {"supplier", "licensor", "landlord", "consultant", "franchisor", "endorser"}
)
# Roles that buy, rent or take a licence (a distributor buys to resell, a sponsor pays for
# the sponsorship): never the supplier.
CUSTOMER_ROLES = frozenset(
    {"customer", "licensee", "tenant", "franchisee", "distributor", "sponsor"}
)


@dataclass(frozen=True)
class Organisation:
    """The organisation that uses Avtale: the customer of its own contracts, never a supplier.
    Empty when not configured (then only the roles in the text decide)."""

    name: str = ""
    org_number: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> Organisation:
        return cls(name=settings.organisation_name.strip(),
                   org_number=_digits(settings.organisation_org_number))

    def is_us(self, party: Party) -> bool:
        if self.org_number and party.org_number and _digits(party.org_number) == self.org_number:
            return True
        return bool(self.name) and normalise_name(party.name) == normalise_name(self.name)


NO_ORGANISATION = Organisation()


def side_of(role: str | None) -> str | None:
    """"supplier", "customer" or None (no role, or one that is neither: an agent, a lender).
    Takes extracted roles and what people type ("Leverandør", "the Licensee", "kunde")."""
    if not role:
        return None
    word = role.strip().lower()
    normalised = role_of(word) or word.removeprefix("the ")
    if normalised in SUPPLIER_ROLES:
        return "supplier"
    if normalised in CUSTOMER_ROLES:
        return "customer"
    return None


def choose_supplier(parties: Sequence[Party], organisation: Organisation) -> Party | None:
    """The one party on the supplier side, or None when the contract does not make it clear.

    A party with a supplier role is it (two different ones: unclear). Otherwise, when the
    customer side is known (a customer role, or our own organisation), the one remaining party
    without any role is the supplier. A party with another role (an agent, a distributor) is
    never chosen for lack of anyone else."""
    others = [p for p in parties if not organisation.is_us(p)]
    suppliers = _distinct([p for p in others if side_of(p.role) == "supplier"])
    if suppliers:
        return suppliers[0] if len(suppliers) == 1 else None
    customer_known = len(others) < len(parties) or any(
        side_of(p.role) == "customer" for p in others
    )
    unroled = _distinct([p for p in others if not p.role])
    if customer_known and len(unroled) == 1:
        return unroled[0]
    return None


def same_party(party: Party, name: str, org_number: str | None) -> bool:
    """Whether a party is the supplier with this name / org number."""
    if org_number and party.org_number and _digits(org_number) == _digits(party.org_number):
        return True
    return normalise_name(party.name) == normalise_name(name)


def _distinct(parties: list[Party]) -> list[Party]:
    seen: dict[str, Party] = {}
    for party in parties:
        seen.setdefault(normalise_name(party.name) or party.name, party)
    return list(seen.values())


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def follow_parties(
    session: Session, contract: Contract, before: Sequence[Party], organisation: Organisation
) -> None:
    """After a person changed the parties: link the supplier they now make clear. When they
    leave it unclear, a supplier that was one of the old parties (chosen from them) goes too,
    and one set apart from the parties (typed in by hand) stays."""
    parties = parties_of(contract)
    chosen = choose_supplier(parties, organisation)
    if chosen is not None:
        contract.supplier = link_supplier(session, chosen.name, chosen.org_number)
        return
    current = contract.supplier
    if current is None:
        return

    def named(among: Sequence[Party]) -> bool:
        return any(same_party(p, current.name, current.org_number) for p in among)
    if named(before) and not named(parties):
        contract.supplier = None


def parties_of(contract: Contract) -> list[Party]:
    return [Party(name=p.name, role=p.role, org_number=p.org_number) for p in contract.parties]


def supplier_unclear(contract: Contract) -> bool:
    """Parties are known but none of them is linked as the supplier."""
    return contract.supplier is None and bool(contract.parties)
