"""The main-facts form: nothing typed is dropped without a message, a save that changes
nothing says so, and suppliers with one name but two org numbers stay two."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Actor, World
from page_client import Browser

from core.models import Role

RENHOLD = {"title": "Renhold 2025", "supplier_name": "Renhold Vest AS",
           "supplier_org_number": "923609016", "category_path": "Facilities / Cleaning",
           "visibility": "organisation"}


@pytest.fixture
def editor(world: World) -> Actor:
    return world.make_user("editor@example.no", Role.EDITOR)


def created(page: Browser, form: dict[str, str]) -> int:
    response = page.post("/contracts/new", form)
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


def supplier_of(actor: Actor, contract_id: int) -> dict[str, Any]:
    supplier = actor.client.get(f"/api/v1/contracts/{contract_id}").json()["supplier"]
    assert supplier is not None
    return dict(supplier)


def test_one_supplier_name_with_two_org_numbers_is_two_suppliers(
    world: World, editor: Actor
) -> None:
    page = Browser(world, editor)
    first = created(page, RENHOLD)
    second = created(page, RENHOLD | {"title": "Renhold 2026",
                                      "supplier_org_number": "987654325"})
    assert supplier_of(editor, first)["org_number"] == "923609016"
    assert supplier_of(editor, second)["org_number"] == "987654325"
    assert supplier_of(editor, second)["id"] != supplier_of(editor, first)["id"]
    # Through the API alike.
    third = editor.client.post("/api/v1/contracts", json={
        "title": "Renhold 2027", "supplier_name": "Renhold Vest AS",
        "supplier_org_number": "812345672"}).json()
    assert third["supplier"]["org_number"] == "812345672"


def test_a_save_that_changes_nothing_says_so(world: World, editor: Actor) -> None:
    page = Browser(world, editor)
    contract_id = created(page, RENHOLD)
    # Written differently, meaning the same: the same category and org number.
    response = page.post(f"/contracts/{contract_id}/edit", RENHOLD | {
        "category_path": "Facilities/Cleaning", "supplier_org_number": "923 609 016"})
    assert response.status_code == 303
    html = page.get(response.headers["location"]).text
    assert "Nothing changed" in html and "Saved." not in html


def test_a_typed_supplier_name_that_is_not_kept_is_reported(world: World, editor: Actor) -> None:
    page = Browser(world, editor)
    created(page, RENHOLD)
    # The org number belongs to Renhold Vest AS: the contract is linked to it, and the
    # page says that the name typed is not what the contract now shows.
    other = created(page, RENHOLD | {"title": "Vask", "supplier_name": "Vaskeriet Bergen AS"})
    assert supplier_of(editor, other)["name"] == "Renhold Vest AS"
    html = page.get(f"/contracts/{other}").text
    assert "Vaskeriet Bergen AS" in html and "Renhold Vest AS" in html
    assert "not kept" in html
