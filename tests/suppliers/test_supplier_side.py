"""The rules that pick the supplier among a contract's parties (no database needed)."""

from __future__ import annotations

import pytest

from extraction.model import Party
from suppliers.supplier_side import NO_ORGANISATION, Organisation, choose_supplier

US = Organisation(name="Fjordbyen kommune", org_number="812345672")


def chosen(parties: list[Party], organisation: Organisation = NO_ORGANISATION) -> str | None:
    found = choose_supplier(parties, organisation)
    return found.name if found else None


@pytest.mark.parametrize(("parties", "supplier"), [
    # A distributor buys to resell, a sponsor pays: the other party supplies.
    ([Party(name="Cisco Systems, Inc."), Party(name="ScanSource, Inc.", role="distributor")],
     "Cisco Systems, Inc."),
    ([Party(name="Excite, Inc."), Party(name="N2K Inc.", role="sponsor")], "Excite, Inc."),
    # Roles as people type them when correcting, in either language.
    ([Party(name="Bergen kommune", role="Oppdragsgiver"),
      Party(name="Fjordkode AS", role="oppdragstaker")], "Fjordkode AS"),
    ([Party(name="Hus AS", role="utleier"), Party(name="Kafé AS", role="Leietaker")], "Hus AS"),
    ([Party(name="A Ltd", role="the Vendor"), Party(name="B Ltd", role="buyer")], "A Ltd"),
    # Two different suppliers, or two parties nobody gave a role: a person decides.
    ([Party(name="A Ltd", role="supplier"), Party(name="B Ltd", role="supplier")], None),
    ([Party(name="A Ltd"), Party(name="B Ltd")], None),
    ([Party(name="A Ltd", role="customer"), Party(name="B Ltd"), Party(name="C Ltd")], None),
    ([Party(name="Only Ltd")], None),
])
def test_the_supplier_follows_the_roles(parties: list[Party], supplier: str | None) -> None:
    assert chosen(parties) == supplier


def test_we_are_never_the_supplier_even_with_a_supplier_role() -> None:
    parties = [Party(name="Fjordbyen Kommune", role="supplier"), Party(name="Kunde AS")]
    assert chosen(parties, US) == "Kunde AS"
    by_number = [Party(name="Kommunen", org_number="812 345 672", role="leverandør"),
                 Party(name="Kunde AS")]
    assert chosen(by_number, US) == "Kunde AS"
    assert chosen(parties) == "Fjordbyen Kommune"  # without knowing who we are
