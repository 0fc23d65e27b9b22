"""The supplier API reads master data for anyone signed in; unknown ids are 404s."""

from __future__ import annotations

from conftest import World

from core.models import Role, Supplier, SupplierAlias


def test_list_and_get_suppliers(world: World) -> None:
    reader = world.make_user("reader@example.com", Role.VIEWER)
    with world.runtime.database.session() as session:
        acme = Supplier(name="Acme Holdings Limited", org_number="923609016")
        acme.aliases.append(SupplierAlias(alias="ACME Trading", normalized="acme trading"))
        session.add_all([acme, Supplier(name="Bergen Bygg AS")])
        session.commit()
        acme_id = acme.id

    listed = reader.client.get("/api/v1/suppliers")
    assert listed.status_code == 200, listed.text
    assert [s["name"] for s in listed.json()] == ["Acme Holdings Limited", "Bergen Bygg AS"]

    got = reader.client.get(f"/api/v1/suppliers/{acme_id}").json()
    assert got == {"id": acme_id, "name": "Acme Holdings Limited",
                   "org_number": "923609016", "country": None,
                   "aliases": ["ACME Trading"], "contracts": []}
    assert reader.client.get("/api/v1/suppliers/999999").status_code == 404
