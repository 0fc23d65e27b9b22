"""Amendments and appendices through upload, the worker and the API: an amendment finds its
contract by the date it names (or is uploaded onto it), its changed end date becomes the
contract's (as a suggestion, with the deadlines recomputed by the engine), the latest
amendment wins whatever order the files arrive in, and the contract lists its documents in
order. Only someone who may change a contract can amend it this way."""

from __future__ import annotations

from typing import Any

from conftest import Actor, World
from page_client import Browser
from pdf_factory import pdf_from_text

from core.models import Role

CONTRACT = "\n\n".join([
    "SERVICES AGREEMENT",
    'This Services Agreement (the "Agreement") is dated March 1, 2020 and made between Acme '
    'Corp., a Delaware corporation ("Customer"), and Widget Services LLC ("Supplier").',
    "1. Term. This Agreement shall expire on February 28, 2023.",
    "2. Governing law. This Agreement is governed by the laws of the State of New York.",
])


def amendment(number: int, ordinal: str, ends: str) -> str:
    return "\n\n".join([
        f"AMENDMENT NO. {number} TO THE SERVICES AGREEMENT",
        f'This {ordinal} Amendment (the "Amendment") to the Services Agreement dated March 1, '
        f'2020 (the "Agreement") is made on June {number}, 2022 between Acme Corp. '
        '("Customer") and Widget Services LLC ("Supplier").',
        f"1. Term. The term of the Agreement is extended until {ends}.",
        "2. All other terms of the Agreement remain in full force and effect.",
    ])


APPENDIX = """APPENDIX 1 TO THE SERVICES AGREEMENT

Price list. This appendix is valid until December 31, 2030.

Senior consultant per hour USD 150
"""


def upload(world: World, actor: Actor, name: str, text: str,
           **form: str) -> dict[str, Any]:
    response = actor.client.post(
        "/api/v1/documents", data=form,
        files=[("files", (name, pdf_from_text(text), "application/pdf"))])
    assert response.status_code == 202, response.text
    document_id = response.json()["documents"][0]["id"]
    world.wait_idle()
    status = dict(actor.client.get(f"/api/v1/documents/{document_id}").json())
    assert status["status"] == "ready", status
    return status


def contract_of(actor: Actor, contract_id: int) -> dict[str, Any]:
    return dict(actor.client.get(f"/api/v1/contracts/{contract_id}").json())


def field(contract: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in contract["fields"] if f["field"] == name)


def test_an_amendment_moves_the_end_date_of_the_contract_it_names(world: World) -> None:
    editor = world.make_user("legal@example.com", Role.EDITOR)
    original = upload(world, editor, "services.pdf", CONTRACT)
    contract_id = original["contract_id"]
    before = contract_of(editor, contract_id)
    assert before["end_date"] == "2023-02-28"
    # A person confirms the original end date; the amendment still governs after it.
    decided = editor.client.post(f"/api/v1/contracts/{contract_id}/fields/end_date/review",
                                 json={"decision": "accept"})
    assert decided.status_code == 200, decided.text

    second = upload(world, editor, "amendment-2.pdf",
                    amendment(2, "Second", "December 31, 2026"))
    assert second["contract_id"] == contract_id  # found by its date and parties
    assert (second["relation"], second["relation_number"]) == ("amendment", 2)
    after = contract_of(editor, contract_id)
    assert after["title"] == "Services Agreement"  # the amendment's own title is not taken
    assert after["signed_date"] == "2020-03-01"
    assert after["end_date"] == "2026-12-31"
    assert field(after, "end_date")["review_state"] == "suggested"
    assert field(after, "end_date")["document_id"] == second["id"]
    # The dates shown come from the deadline engine, recomputed for the new end.
    assert after["ends_on"] == "2026-12-31" != before["ends_on"]

    # Amendment No. 1 arrives late: the later amendment's end date stays.
    first = upload(world, editor, "amendment-1.pdf", amendment(1, "First", "December 31, 2024"))
    assert first["contract_id"] == contract_id
    assert contract_of(editor, contract_id)["end_date"] == "2026-12-31"

    appendix = upload(world, editor, "prices.pdf", APPENDIX, contract_id=str(contract_id),
                      relation="appendix")
    final = contract_of(editor, contract_id)
    assert final["end_date"] == "2026-12-31"  # an appendix's dates are not the contract's
    assert [(d["id"], d["relation"], d["relation_number"]) for d in final["documents"]] == [
        (original["id"], None, None), (first["id"], "amendment", 1),
        (second["id"], "amendment", 2), (appendix["id"], "appendix", 1)]
    hits = editor.client.get("/api/v1/search", params={"q": '"senior consultant"'}).json()
    assert [h["contract_id"] for h in hits["hits"]] == [contract_id]

    page = Browser(world, editor).get(f"/contracts/{contract_id}").text
    assert page.index("amendment-1.pdf") < page.index("amendment-2.pdf") < page.index(
        "prices.pdf")
    assert "Amendment no. 2" in page


def test_an_amendment_to_a_contract_one_may_not_change_starts_its_own(world: World) -> None:
    owner = world.make_user("owner@example.com", Role.EDITOR)
    other = world.make_user("other@example.com", Role.EDITOR)
    original = upload(world, owner, "services.pdf", CONTRACT, visibility="restricted")
    foreign = upload(world, other, "amendment-2.pdf", amendment(2, "Second", "December 31, 2026"))
    assert foreign["contract_id"] != original["contract_id"]
    assert contract_of(owner, original["contract_id"])["end_date"] == "2023-02-28"


def test_a_relation_needs_its_contract_and_a_known_kind(world: World) -> None:
    editor = world.make_user("legal@example.com", Role.EDITOR)
    original = upload(world, editor, "services.pdf", CONTRACT)
    pdf = pdf_from_text(APPENDIX)
    orphan = editor.client.post("/api/v1/documents", data={"relation": "appendix"},
                                files=[("files", ("a.pdf", pdf, "application/pdf"))])
    assert orphan.status_code == 422
    assert "contract_id" in orphan.json()["detail"]
    unknown = editor.client.post(
        "/api/v1/documents",
        data={"contract_id": str(original["contract_id"]), "relation": "sequel"},
        files=[("files", ("a.pdf", pdf, "application/pdf"))])
    assert unknown.status_code == 422
    assert "amendment, appendix, renewal" in unknown.json()["detail"]
