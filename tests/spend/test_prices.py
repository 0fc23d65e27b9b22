"""Price development and compliance against a contract's price list, with known answers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from conftest import World
from spend_helpers import write_text

from core.models import Contract, ContractPriceItem, Role, Supplier, Visibility
from spend.service import import_and_match

INVOICES = (
    "Fakturadato;Leverandør;Beskrivelse;Antall;Enhetspris;Beløp\n"
    "10.01.2024;Papir AS;Kopipapir A4;10;50,00;500,00\n"       # the agreed price
    "10.02.2024;Papir AS;kopipapir a4;20;55,00;1 100,00\n"     # 5 above, 20 boxes: 100
    "10.04.2024;Papir AS;Kopipapir A4;4;;240,00\n"             # 60 a box: 40 over
    "10.04.2024;Papir AS;Toner;1;900,00;900,00\n"              # not on the price list
    "10.05.2024;Papir AS;Kopipapir A4;10;45,00;450,00\n"       # below: fine
)


def _setup(world: World, tmp_path: Path, visibility: Visibility) -> int:
    with world.runtime.database.session() as session:
        supplier = Supplier(name="Papir AS")
        session.add(supplier)
        session.flush()
        contract = Contract(title="Papir", supplier_id=supplier.id, visibility=visibility,
                            effective_date=dt.date(2024, 1, 1), ends_on=dt.date(2025, 12, 31))
        contract.price_items.append(ContractPriceItem(description="Kopipapir A4", unit="box",
                                                      unit_price=Decimal("50.00")))
        session.add(contract)
        session.flush()
        import_and_match(session, write_text(tmp_path / "faktura.csv", INVOICES))
        return contract.id


def test_lines_above_the_agreed_price_and_what_they_cost(world: World, tmp_path: Path) -> None:
    contract_id = _setup(world, tmp_path, Visibility.ORGANISATION)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    found = viewer.client.get("/api/v1/spend/price-compliance").json()
    assert Decimal(found["overpaid_total"]) == Decimal("140.00")
    assert [(row["date"], Decimal(row["paid_unit_price"]), Decimal(row["overpaid"]),
             row["contract_id"]) for row in found["lines"]] == [
        ("2024-02-10", Decimal("55.00"), Decimal("100.00"), contract_id),
        ("2024-04-10", Decimal("60.00"), Decimal("40.00"), contract_id),
    ]
    development = viewer.client.get(
        "/api/v1/spend/price-development?period=quarter&supplier=Papir AS").json()
    paper = [(p["period"], Decimal(p["average_unit_price"]), p["lines"])
             for p in development if p["item"] == "kopipapir a4"]
    assert paper == [("2024-Q1", Decimal("52.50"), 2), ("2024-Q2", Decimal("52.50"), 2)]


def test_compliance_only_for_contracts_one_may_see(world: World, tmp_path: Path) -> None:
    contract_id = _setup(world, tmp_path, Visibility.RESTRICTED)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    admin = world.make_user("admin@example.no", Role.ADMIN)
    hidden = viewer.client.get(f"/api/v1/spend/price-compliance?contract_id={contract_id}")
    assert hidden.json() == {"overpaid_total": "0", "lines": []}
    shown = admin.client.get(f"/api/v1/spend/price-compliance?contract_id={contract_id}")
    assert Decimal(shown.json()["overpaid_total"]) == Decimal("140.00")


def test_price_development_in_one_category(world: World, tmp_path: Path) -> None:
    from spend.prices import price_development

    _setup(world, tmp_path, Visibility.ORGANISATION)
    with world.runtime.database.session() as session:
        every = price_development(session, period="year")
        uncategorised = price_development(session, period="year", category="(no category)")
        elsewhere = price_development(session, period="year", category="Catering")
    assert every and elsewhere == []
    assert {p.item for p in uncategorised} == {p.item for p in every}
