"""Creating, changing and merging suppliers over the API: checked org numbers, clear 4xx
errors that change nothing, merges that move contracts, spend and names and are audited,
and supplier pages that list only contracts the reader may see."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from conftest import Actor, World
from sqlalchemy import select

from core.models import (
    AuditEvent,
    Contract,
    Role,
    SearchOutbox,
    SpendLine,
    Supplier,
    Visibility,
)


@pytest.fixture
def editor(world: World) -> Actor:
    return world.make_user("innkjop@example.com", Role.EDITOR)


def create(actor: Actor, **body: object) -> dict[str, object]:
    response = actor.client.post("/api/v1/suppliers", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_create_checks_org_number_by_country(editor: Actor) -> None:
    made = create(editor, name="Renhold Vest AS", org_number="923 609 016", country="no",
                  aliases=["RENHOLD VEST", "Vest Renhold"])
    assert made["org_number"] == "923609016" and made["country"] == "NO"
    # "RENHOLD VEST" is the name written another way: one alias, not two.
    assert made["aliases"] == ["Renhold Vest AS", "Vest Renhold"]
    uk = create(editor, name="Atkins Limited", org_number="sc123456", country="UK")
    assert (uk["org_number"], uk["country"]) == ("SC123456", "GB")

    bad = editor.client.post("/api/v1/suppliers", json={"name": "X", "org_number": "923609017"})
    assert bad.status_code == 422 and "check digit" in bad.json()["detail"]
    taken = editor.client.post("/api/v1/suppliers",
                               json={"name": "Other", "org_number": "923609016"})
    assert taken.status_code == 409 and "Renhold Vest AS" in taken.json()["detail"]
    same_name = editor.client.post("/api/v1/suppliers", json={"name": "RENHOLD VEST"})
    assert same_name.status_code == 409
    assert len(editor.client.get("/api/v1/suppliers").json()) == 2


def test_update_and_viewers_may_not_write(world: World, editor: Actor) -> None:
    made = create(editor, name="Acme Holdings Ltd")
    changed = editor.client.patch(f"/api/v1/suppliers/{made['id']}",
                                  json={"country": "GB", "org_number": "1234567",
                                        "aliases": ["ACME Trading"]})
    assert changed.status_code == 200, changed.text
    assert changed.json()["org_number"] == "01234567"
    assert "ACME Trading" in changed.json()["aliases"]
    viewer = world.make_user("viewer@example.com", Role.VIEWER)
    assert viewer.client.patch(f"/api/v1/suppliers/{made['id']}",
                               json={"name": "Mine"}).status_code == 403
    assert editor.client.patch("/api/v1/suppliers/99999", json={}).status_code == 404


def test_merge_moves_contracts_spend_and_names(world: World, editor: Actor) -> None:
    survivor = create(editor, name="Acme Holdings Ltd", org_number="923609016")
    duplicate = create(editor, name="ACME Trading Company", aliases=["Acme Trdg"])
    with world.runtime.database.session() as session:
        contract = Contract(title="Office supplies", supplier_id=int(str(duplicate["id"])))
        session.add(contract)
        session.flush()
        session.add(SpendLine(natural_key="k1", source_file="f.csv", line_number=2,
                              supplier_name="Acme Trdg", amount=Decimal(100),
                              supplier_id=duplicate["id"], date=dt.date(2024, 1, 1)))
        session.commit()
        contract_id = contract.id

    response = editor.client.post(f"/api/v1/suppliers/{survivor['id']}/merge",
                                  json={"duplicate_id": duplicate["id"]})
    assert response.status_code == 200, response.text
    assert response.json()["moved_contracts"] == 1
    assert {"ACME Trading Company", "Acme Trdg"} <= set(response.json()["supplier"]["aliases"])
    assert editor.client.get(f"/api/v1/suppliers/{duplicate['id']}").status_code == 404
    with world.runtime.database.session() as session:
        assert session.get(Contract, contract_id).supplier_id == survivor["id"]  # type: ignore[union-attr]
        assert session.scalar(select(SpendLine.supplier_id)) == survivor["id"]
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "supplier.merged"))
        assert event is not None and event.detail["contracts"] == [contract_id]
        assert session.scalar(select(Supplier.id).where(Supplier.id == duplicate["id"])) is None
    # The moved contract was re-indexed under the survivor's name.
    world.wait_idle()
    with world.runtime.database.session() as session:
        assert session.scalar(select(SearchOutbox)) is None
    hits = editor.client.get("/api/v1/search", params={"supplier": "Acme Holdings Ltd"}).json()
    assert [h["contract_id"] for h in hits["hits"]] == [contract_id]


def test_merge_of_two_registered_companies_is_refused(editor: Actor) -> None:
    one = create(editor, name="Alpha AS", org_number="923609016")
    other = create(editor, name="Alpha Norge AS", org_number="914778271")
    refused = editor.client.post(f"/api/v1/suppliers/{one['id']}/merge",
                                 json={"duplicate_id": other["id"]})
    assert refused.status_code == 409 and "914778271" in refused.json()["detail"]
    assert editor.client.get(f"/api/v1/suppliers/{other['id']}").status_code == 200
    itself = editor.client.post(f"/api/v1/suppliers/{one['id']}/merge",
                                json={"duplicate_id": one["id"]})
    assert itself.status_code == 409


def test_supplier_lists_only_contracts_the_reader_may_see(world: World, editor: Actor) -> None:
    made = create(editor, name="Bergen Bygg AS")
    with world.runtime.database.session() as session:
        session.add_all([
            Contract(title="Open frame agreement", supplier_id=made["id"]),
            Contract(title="Secret settlement", supplier_id=made["id"],
                     visibility=Visibility.RESTRICTED),
        ])
        session.commit()
    viewer = world.make_user("viewer@example.com", Role.VIEWER)
    admin = world.make_user("admin@example.com", Role.ADMIN)
    seen = viewer.client.get(f"/api/v1/suppliers/{made['id']}").json()["contracts"]
    assert [c["title"] for c in seen] == ["Open frame agreement"]
    every = admin.client.get(f"/api/v1/suppliers/{made['id']}").json()["contracts"]
    assert [c["title"] for c in every] == ["Open frame agreement", "Secret settlement"]
