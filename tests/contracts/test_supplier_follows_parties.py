"""Correcting a contract's parties moves its supplier, in the same transaction, and the
search index follows (the outbox carries the change)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import Actor, World
from page_client import Browser
from pdf_factory import contract_pdf

from core.models import Role

NEWS = contract_pdf([
    "NEWS LICENCE AGREEMENT\n\nThis News Licence Agreement is made on 1 March 2024 between "
    'Harbour Media Group Ltd, a company registered in England (the "Customer"), and Nordic '
    'Wire Services Ltd, a company registered in England (the "Supplier").\n\n1. Term. This '
    "Agreement commences on 1 March 2024 and expires on 28 February 2026."
])
# As a person corrects them: the licence is really sold by Baltic Press Agency.
CORRECTED = [
    {"name": "Harbour Media Group Ltd", "role": "customer", "org_number": None},
    {"name": "Baltic Press Agency AS", "role": "leverandør", "org_number": "987654325"},
]


@pytest.fixture
def editor(world: World) -> Actor:
    return world.make_user("editor@example.no", Role.EDITOR)


def uploaded(world: World, actor: Actor) -> dict[str, Any]:
    response = actor.client.post("/api/v1/documents",
                                 files=[("files", ("news.pdf", NEWS, "application/pdf"))])
    assert response.status_code == 202, response.text
    world.wait_idle()
    status = actor.client.get(f"/api/v1/documents/{response.json()['documents'][0]['id']}")
    contract = actor.client.get(f"/api/v1/contracts/{status.json()['contract_id']}").json()
    assert contract["supplier"]["name"] == "Nordic Wire Services Ltd"
    return dict(contract)


def by_supplier(world: World, actor: Actor, name: str) -> list[int]:
    world.wait_idle()
    response = actor.client.get("/api/v1/search", params={"supplier": name})
    assert response.status_code == 200, response.text
    return [hit["contract_id"] for hit in response.json()["hits"]]


def assert_supplier_moved(world: World, actor: Actor, contract_id: int) -> None:
    contract = actor.client.get(f"/api/v1/contracts/{contract_id}").json()
    assert contract["supplier"]["name"] == "Baltic Press Agency AS"
    assert contract["supplier"]["org_number"] == "987654325"
    assert by_supplier(world, actor, "Baltic Press Agency AS") == [contract_id]
    assert by_supplier(world, actor, "Nordic Wire Services Ltd") == []


def test_correcting_the_parties_through_the_review_endpoint_moves_the_supplier(
    world: World, editor: Actor
) -> None:
    contract = uploaded(world, editor)
    assert by_supplier(world, editor, "Nordic Wire Services Ltd") == [contract["id"]]
    response = editor.client.post(
        f"/api/v1/contracts/{contract['id']}/fields/parties/review",
        json={"decision": "correct", "value": CORRECTED})
    assert response.status_code == 200, response.text
    assert_supplier_moved(world, editor, contract["id"])


def test_patching_the_parties_moves_the_supplier(world: World, editor: Actor) -> None:
    contract = uploaded(world, editor)
    response = editor.client.patch(f"/api/v1/contracts/{contract['id']}",
                                   json={"parties": CORRECTED})
    assert response.status_code == 200, response.text
    assert_supplier_moved(world, editor, contract["id"])


def test_correcting_the_parties_on_the_page_moves_the_supplier(
    world: World, editor: Actor
) -> None:
    contract = uploaded(world, editor)
    page = Browser(world, editor)
    lines = "\n".join(f"{p['name']} | {p['role']} | {p['org_number'] or ''}" for p in CORRECTED)
    response = page.post(f"/contracts/{contract['id']}/fields/parties/review",
                         {"decision": "correct", "value": lines})
    assert response.status_code == 303, response.text
    assert_supplier_moved(world, editor, contract["id"])
    html = page.get(f"/contracts/{contract['id']}").text
    assert "Supplier: Baltic Press Agency AS (987654325)" in re.sub(r"<[^>]+>", "", html)


def test_parties_that_no_longer_say_who_supplies_leave_the_supplier_unclear(
    world: World, editor: Actor
) -> None:
    contract = uploaded(world, editor)
    unroled = [{"name": "Harbour Media Group Ltd"}, {"name": "Baltic Press Agency AS"}]
    response = editor.client.post(
        f"/api/v1/contracts/{contract['id']}/fields/parties/review",
        json={"decision": "correct", "value": unroled})
    assert response.status_code == 200, response.text
    after = editor.client.get(f"/api/v1/contracts/{contract['id']}").json()
    assert after["supplier"] is None and after["supplier_unclear"] is True
    assert by_supplier(world, editor, "Nordic Wire Services Ltd") == []
    html = Browser(world, editor).get(f"/contracts/{contract['id']}").text
    assert "Supplier unclear" in html


def test_a_supplier_typed_in_by_hand_stays_when_the_parties_are_rejected(
    world: World, editor: Actor
) -> None:
    contract = uploaded(world, editor)
    editor.client.patch(f"/api/v1/contracts/{contract['id']}",
                        json={"supplier_name": "Reuters Nordic AS"})
    response = editor.client.post(
        f"/api/v1/contracts/{contract['id']}/fields/parties/review", json={"decision": "reject"})
    assert response.status_code == 200, response.text
    after = editor.client.get(f"/api/v1/contracts/{contract['id']}").json()
    assert after["supplier"]["name"] == "Reuters Nordic AS"
