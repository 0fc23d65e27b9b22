"""Which party becomes the supplier: by the roles in the text and by who we are, never by
position; unclear stays unclear (no supplier, a marker, the review queue)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CUAD_PDFS, Actor, World, cuad_pdf
from pdf_factory import contract_pdf

from core.models import Role
from core.settings import Settings

OUR_NAME = "Fjordbyen kommune"
OUR_ORG_NUMBER = "812345672"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"organisation_name": OUR_NAME,
                                       "organisation_org_number": OUR_ORG_NUMBER})


@pytest.fixture
def editor(world: World) -> Actor:
    return world.make_user("innkjop@fjordbyen.kommune.no", Role.EDITOR)


def upload(world: World, actor: Actor, name: str, data: bytes) -> dict[str, Any]:
    response = actor.client.post("/api/v1/documents",
                                 files=[("files", (name, data, "application/pdf"))])
    assert response.status_code == 202, response.text
    world.wait_idle()
    status = actor.client.get(f"/api/v1/documents/{response.json()['documents'][0]['id']}")
    assert status.json()["status"] == "ready", status.json()
    contract = actor.client.get(f"/api/v1/contracts/{status.json()['contract_id']}").json()
    return dict(contract)


def english(preamble: str) -> bytes:
    return contract_pdf([
        f"MAINTENANCE AGREEMENT\n\nThis Maintenance Agreement is made on 1 March 2024 "
        f"between {preamble}.\n\n1. Term. This Agreement commences on 1 March 2024 and "
        "expires on 28 February 2026."
    ])


def queued_ids(actor: Actor) -> list[int]:
    return [item["contract_id"] for item in actor.client.get("/api/v1/contracts/review-queue")
            .json()]


def test_the_party_the_text_calls_the_customer_is_never_the_supplier(
    world: World, editor: Actor
) -> None:
    contract = upload(world, editor, "news.pdf", english(
        "Nordic Wire Services Ltd, a company registered in England, and Harbour Media Group "
        'Ltd, a company registered in England (the "Customer")'
    ))
    assert {p["name"]: p["role"] for p in contract["parties"]}["Harbour Media Group Ltd"] == (
        "customer")
    assert contract["supplier"]["name"] == "Nordic Wire Services Ltd"
    assert contract["supplier_unclear"] is False


def test_the_buyers_agent_is_not_the_supplier(world: World, editor: Actor) -> None:
    contract = upload(world, editor, "supply.pdf", english(
        'Polar Foods Ltd, a company registered in England (the "Buyer"), Northern Sourcing '
        'Ltd, a company registered in England (the "Agent"), and Coastal Fisheries Ltd, a '
        "company registered in England"
    ))
    assert contract["supplier"]["name"] == "Coastal Fisheries Ltd"


def test_our_own_organisation_is_never_the_supplier(world: World, editor: Actor) -> None:
    # Named second, and by org number only written differently from the setting.
    contract = upload(world, editor, "vedlikehold.pdf", contract_pdf([
        "VEDLIKEHOLDSAVTALE\n\nDenne avtalen er inngått mellom Havn Vedlikehold AS, org.nr. "
        "987654325, og Fjordbyen kommune, org.nr. 812 345 672.\n\nAvtalen gjelder fra "
        "1. januar 2025 til 31. desember 2026."
    ]))
    assert [p["name"] for p in contract["parties"]] == ["Havn Vedlikehold AS", OUR_NAME]
    assert contract["supplier"]["name"] == "Havn Vedlikehold AS"
    assert contract["supplier"]["org_number"] == "987654325"


def test_without_roles_the_supplier_is_unclear_and_the_contract_waits_for_review(
    world: World, editor: Actor
) -> None:
    contract = upload(world, editor, "maintenance.pdf", english(
        "Alpha Holdings Ltd, a company registered in England, and Beta Services Ltd, a "
        "company registered in England"
    ))
    assert len(contract["parties"]) == 2
    assert contract["supplier"] is None
    assert contract["supplier_unclear"] is True
    for row in contract["fields"]:
        if row["field"] != "parties":
            response = editor.client.post(
                f"/api/v1/contracts/{contract['id']}/fields/{row['field']}/review",
                json={"decision": "accept"})
            assert response.status_code == 200, response.text
    editor.client.post(f"/api/v1/contracts/{contract['id']}/fields/parties/review",
                       json={"decision": "accept"})
    # Every value reviewed, and still the supplier is for a person to say.
    assert contract["id"] in queued_ids(editor)
    [item] = editor.client.get("/api/v1/contracts/review-queue").json()
    assert item["supplier_unclear"] is True and item["unreviewed_fields"] == 0


def test_a_licensee_named_second_is_not_the_supplier_of_a_real_licence(
    world: World, editor: Actor
) -> None:
    if not CUAD_PDFS.is_dir():
        pytest.skip("CUAD development set not present")
    # D2 licenses its software to Summa Four ("LICENSEE"); D2's own alias is no role.
    pdf = cuad_pdf("SUMMAFOURINC")
    contract = upload(world, editor, pdf.name, pdf.read_bytes())
    assert contract["supplier"]["name"] == "D2 Technologies, Inc."
