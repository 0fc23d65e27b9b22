"""The server-rendered pages, through the real app with a session cookie."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from conftest import PASSWORD, Actor, World
from fastapi.testclient import TestClient
from page_client import Browser, csrf_of
from sqlalchemy import select

from core.models import AuditEvent, Role

CONTRACT_TEXT = [
    "SERVICES AGREEMENT",
    "",
    "This Services Agreement is made on 1 March 2024 between Fjordkraft Innkjøp AS,",
    "a Norwegian company (the \"Customer\"), and Widget Supply Ltd (the \"Supplier\").",
    "",
    "1. Term. This Agreement commences on 1 March 2024 and expires on 28 February 2026.",
    "2. Termination. Either party may terminate this Agreement by giving three (3) months",
    "written notice to the other party.",
    "3. Governing law. This Agreement is governed by the laws of Norway.",
    "4. Note for the file: <script>alert('owned')</script> zanzibarquux clause.",
]


def contract_pdf(lines: list[str] | None = None) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    y = 780
    for line in lines or CONTRACT_TEXT:
        pdf.drawString(60, y, line)
        y -= 18
    pdf.save()
    return buffer.getvalue()


def upload_contract(world: World, actor: Actor, data: bytes | None = None,
                    name: str = "services.pdf", **form: str) -> int:
    response = actor.client.post(
        "/api/v1/documents", data=form,
        files=[("files", (name, data or contract_pdf(), "application/pdf"))],
    )
    assert response.status_code == 202, response.text
    document_id = response.json()["documents"][0]["id"]
    world.wait_idle()
    status = actor.client.get(f"/api/v1/documents/{document_id}").json()
    assert status["status"] == "ready", status
    return int(status["contract_id"])


def field(actor: Actor, contract_id: int, name: str) -> dict[str, Any]:
    contract = actor.client.get(f"/api/v1/contracts/{contract_id}").json()
    return next(f for f in contract["fields"] if f["field"] == name)


def audit_actions(world: World, contract_id: int) -> list[str]:
    with world.runtime.database.session() as session:
        return list(session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_type == "contract",
                                            AuditEvent.entity_id == contract_id)
            .order_by(AuditEvent.id)
        ))


@pytest.fixture
def editor(world: World) -> Actor:
    return world.make_user("editor@example.no", Role.EDITOR)


def test_signed_out_pages_redirect_to_login(world: World) -> None:
    client = world.app_client
    for url, expected_next in [("/", "%2F"), ("/contracts/7", "%2Fcontracts%2F7"),
                               ("/review", "%2Freview"), ("/?q=avtale", "%2F%3Fq%3Davtale")]:
        response = client.get(url, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == f"/login?next={expected_next}"
    assert client.get("/login").status_code == 200


def test_login_failure_success_and_logout(world: World, editor: Actor) -> None:
    client = TestClient(world.app_client.app)
    page = client.get("/login?next=/review")
    token = csrf_of(page.text)
    wrong = client.post("/login", data={"email": editor.email, "password": "wrong password",
                                        "csrf_token": token, "next": "/review"})
    assert wrong.status_code == 401
    assert "Wrong e-mail or password" in wrong.text
    assert client.get("/", follow_redirects=False).status_code == 303

    right = client.post("/login", data={"email": editor.email, "password": PASSWORD,
                                        "csrf_token": token, "next": "/review"},
                        follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/review"
    cookie = right.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/").status_code == 200

    logout = client.post("/logout", data={"csrf_token": csrf_of(client.get("/").text)},
                         follow_redirects=False)
    assert logout.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_login_refuses_foreign_redirects_and_missing_csrf(world: World, editor: Actor) -> None:
    client = TestClient(world.app_client.app)
    token = csrf_of(client.get("/login").text)
    no_token = client.post("/login", data={"email": editor.email, "password": PASSWORD})
    assert no_token.status_code == 403
    response = client.post("/login", data={"email": editor.email, "password": PASSWORD,
                                           "csrf_token": token, "next": "//evil.example/x"},
                           follow_redirects=False)
    assert response.headers["location"] == "/"


def test_search_page_shows_facets_and_escaped_highlights(world: World, editor: Actor) -> None:
    contract_id = upload_contract(world, editor)
    page = Browser(world, editor)
    response = page.get("/", params={"q": "zanzibarquux"})
    assert response.status_code == 200
    html = response.text
    assert f'href="/contracts/{contract_id}"' in html
    assert "<mark>zanzibarquux</mark>" in html
    # The contract text's <script> is shown as text, never as markup.
    assert "&lt;script&gt;" in html
    assert "<script>alert" not in html
    # Scripts only from the site's own files (the PDF viewer), never inline ones.
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert "Widget Supply Ltd" in html  # supplier facet and hit
    assert 'class="count">1<' in html

    facet_link = re.search(r'href="(/\?q=zanzibarquux&amp;supplier=Widget[^"]*)"', html)
    assert facet_link, "supplier facet value is not a link"
    filtered = page.get(facet_link.group(1).replace("&amp;", "&"))
    assert filtered.status_code == 200
    assert 'aria-current="true"' in filtered.text  # the facet shows as chosen
    nothing = page.get("/", params={"q": "zanzibarquux", "supplier": "Nobody AS"})
    assert "No contracts match" in nothing.text


@pytest.mark.parametrize("params, message", [
    ({"q": '"unclosed phrase'}, "is not closed"),
    ({"expires_from": "31.12.2024"}, "YYYY-MM-DD"),
    ({"value_min": "lots"}, "not an amount"),
    ({"status": "<b>bogus</b>"}, "unknown status"),
    ({"sort": "price"}, "unknown sort order"),
])
def test_malformed_search_is_a_friendly_400(
    world: World, editor: Actor, params: dict[str, str], message: str
) -> None:
    response = Browser(world, editor).get("/", params=params)
    assert response.status_code == 400
    assert message in response.text
    assert "<b>bogus" not in response.text


def test_contract_page_shows_values_evidence_and_deadlines(world: World, editor: Actor) -> None:
    contract_id = upload_contract(world, editor)
    html = Browser(world, editor).get(f"/contracts/{contract_id}").text
    assert "Governing law" in html and "Norway" in html
    assert "<mark>This Agreement is governed by the laws of Norway.</mark>" in html
    assert "Fjordkraft Innkjøp AS" in html  # UTF-8 all the way
    assert "2026-02-28" in html  # end date, also in the deadlines
    assert "How these dates were worked out" in html
    assert "/api/v1/documents/" in html and "services.pdf" in html
    assert 'value="accept"' in html and f'action="/contracts/{contract_id}/edit"' in html


def test_review_accept_correct_and_reject_through_the_forms(
    world: World, editor: Actor
) -> None:
    contract_id = upload_contract(world, editor)
    page = Browser(world, editor)
    base = f"/contracts/{contract_id}/fields"

    accepted = page.post(f"{base}/governing_law/review", {"decision": "accept"})
    assert accepted.status_code == 303
    assert accepted.headers["location"] == f"/contracts/{contract_id}#field-governing_law"
    assert field(editor, contract_id, "governing_law")["review_state"] == "accepted"

    corrected = page.post(f"{base}/end_date/review",
                          {"decision": "correct", "value": "2026-12-31"})
    assert corrected.status_code == 303
    end = field(editor, contract_id, "end_date")
    assert end["review_state"] == "corrected" and end["effective_value"] == "2026-12-31"
    contract = editor.client.get(f"/api/v1/contracts/{contract_id}").json()
    assert contract["end_date"] == "2026-12-31"

    page.post(f"{base}/notice_period/review",
              {"decision": "correct", "count": "3", "unit": "month"})
    assert field(editor, contract_id, "notice_period")["effective_value"] == {
        "count": 3, "unit": "month"}
    page.post(f"{base}/parties/review", {"decision": "correct",
                                         "value": "Fjordkraft Innkjøp AS | customer | 923609016\n"
                                                  "Widget Supply Ltd | supplier"})
    parties = field(editor, contract_id, "parties")["effective_value"]
    assert parties[0] == {"name": "Fjordkraft Innkjøp AS", "role": "customer",
                          "org_number": "923609016"}

    page.post(f"{base}/price_items/review", {"decision": "correct",
                                             "value": "Konsulent, senior | time | 1 450,00 | nok\n"
                                                      "Reisetid | time | 725"})
    items = field(editor, contract_id, "price_items")["effective_value"]
    assert items[0] == {"description": "Konsulent, senior", "unit": "time",
                        "unit_price": "1450.00", "currency": "NOK", "page": None}
    assert items[1]["currency"] is None
    assert "Konsulent, senior: 1\u202f450.00 NOK per time" in page.get(
        f"/contracts/{contract_id}").text

    rejected = page.post(f"{base}/signed_date/review", {"decision": "reject"})
    assert rejected.status_code == 303
    signed = field(editor, contract_id, "signed_date")
    assert signed["review_state"] == "rejected" and signed["effective_value"] is None

    bad = page.post(f"{base}/effective_date/review", {"decision": "correct", "value": "soon"})
    assert bad.status_code == 303
    assert "not saved" in page.get(f"/contracts/{contract_id}").text
    assert field(editor, contract_id, "effective_date")["review_state"] == "suggested"

    actions = audit_actions(world, contract_id)
    for expected in ("review.accepted", "review.corrected", "review.rejected"):
        assert expected in actions
    html = page.get(f"/contracts/{contract_id}").text
    assert "review-accepted" in html and "review-rejected" in html


def test_post_without_csrf_token_is_refused(world: World, editor: Actor) -> None:
    contract_id = upload_contract(world, editor)
    page = Browser(world, editor)
    url = f"/contracts/{contract_id}/fields/governing_law/review"
    assert page.post(url, {"decision": "reject"}, csrf=False).status_code == 403
    assert page.post(url, {"decision": "reject", "csrf_token": "forged"},
                     csrf=False).status_code == 403
    assert page.post(f"/contracts/{contract_id}/edit", {"title": "Changed"},
                     csrf=False).status_code == 403
    assert page.post("/upload", csrf=False,
                     files=[("files", ("a.pdf", contract_pdf(), "application/pdf"))]
                     ).status_code == 403
    assert field(editor, contract_id, "governing_law")["review_state"] == "suggested"


def test_viewer_sees_no_controls_and_cannot_post(world: World, editor: Actor) -> None:
    contract_id = upload_contract(world, editor)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    page = Browser(world, viewer)
    html = page.get(f"/contracts/{contract_id}").text
    assert "Norway" in html
    assert 'value="accept"' not in html and "/edit" not in html and "Attach a document" not in html
    assert 'href="/upload"' not in page.get("/").text

    review = page.post(f"/contracts/{contract_id}/fields/governing_law/review",
                       {"decision": "accept"})
    assert review.status_code == 403
    assert page.post(f"/contracts/{contract_id}/edit", {"title": "Mine"}).status_code == 403
    assert page.post("/contracts/new", {"title": "Mine"}).status_code == 403
    upload = page.post("/upload", files=[("files", ("a.pdf", contract_pdf(), "application/pdf"))])
    assert upload.status_code == 403
    assert field(editor, contract_id, "governing_law")["review_state"] == "suggested"


def test_restricted_contract_is_invisible_to_an_outsider(world: World, editor: Actor) -> None:
    open_id = upload_contract(world, editor)
    response = editor.client.post("/api/v1/contracts", json={
        "title": "Confidential settlement zanzibarquux",
        "supplier_name": "Hemmelig Leverandør AS", "visibility": "restricted",
    })
    assert response.status_code == 201, response.text
    secret_id = response.json()["id"]
    world.wait_idle()

    assert "Hemmelig Leverandør AS" in Browser(world, editor).get("/").text
    outsider = world.make_user("outsider@example.no", Role.EDITOR)
    page = Browser(world, outsider)
    hidden = page.get(f"/contracts/{secret_id}")
    assert hidden.status_code == 404
    assert "no such contract" in hidden.text and "Confidential" not in hidden.text
    html = page.get("/", params={"q": "zanzibarquux"}).text
    assert f"/contracts/{open_id}" in html and f"/contracts/{secret_id}" not in html
    assert "Hemmelig" not in html and "Confidential" not in html
    assert "1 contract<" in html or "1 contract," in html
    everything = page.get("/").text
    assert "Hemmelig" not in everything
    assert page.post(f"/contracts/{secret_id}/edit", {"title": "x"}).status_code == 404


def test_sharing_a_restricted_contract_from_its_page(world: World, editor: Actor) -> None:
    colleague = world.make_user("colleague@example.no", Role.VIEWER)
    page = Browser(world, editor)
    created = page.post("/contracts/new", {"title": "Board-only lease",
                                           "visibility": "restricted"})
    assert created.status_code == 303
    contract_url = created.headers["location"]
    assert colleague.client.get(f"/api/v1{contract_url}").status_code == 404
    form = {"title": "Board-only lease", "visibility": "restricted",
            "owner_email": editor.email,
            "allowed_user_emails": "Colleague@Example.no"}
    assert page.post(f"{contract_url}/edit", form).status_code == 303
    assert colleague.client.get(f"/api/v1{contract_url}").status_code == 200
    assert 'value="colleague@example.no"' in page.get(contract_url).text
    world.wait_idle()
    found = colleague.client.get("/api/v1/search", params={"q": "lease"}).json()
    assert found["total"] == 1
    # Unsharing hides it again, in search too.
    assert page.post(f"{contract_url}/edit", form | {"allowed_user_emails": ""}).status_code == 303
    world.wait_idle()
    assert colleague.client.get(f"/api/v1{contract_url}").status_code == 404
    assert colleague.client.get("/api/v1/search", params={"q": "lease"}).json()["total"] == 0


def test_new_contract_by_hand_and_edit_of_main_facts(world: World, editor: Actor) -> None:
    page = Browser(world, editor)
    assert page.get("/contracts/new").status_code == 200
    missing = page.post("/contracts/new", {"title": ""})
    assert missing.status_code == 422 and "needs a title" in missing.text
    created = page.post("/contracts/new", {
        "title": "Rammeavtale renhold", "supplier_name": "Renhold Vest AS",
        "category_path": "Facilities / Cleaning", "effective_date": "2024-01-01",
        "end_date": "2025-12-31", "value_amount": "1 250 000,50", "value_currency": "nok",
        "visibility": "organisation",
    })
    assert created.status_code == 303
    contract_url = created.headers["location"]
    contract_id = int(contract_url.rsplit("/", 1)[1])
    html = page.get(contract_url).text
    assert "Rammeavtale renhold" in html and "Facilities / Cleaning" in html
    assert "1\u202f250\u202f000.50 NOK" in html

    form = {"title": "Rammeavtale renhold 2025", "supplier_name": "Renhold Vest AS",
            "category_path": "Facilities / Cleaning", "effective_date": "2024-01-01",
            "end_date": "2026-06-30", "value_amount": "1250000.50", "value_currency": "NOK",
            "owner_email": editor.email, "visibility": "organisation"}
    assert page.post(f"/contracts/{contract_id}/edit", form).status_code == 303
    contract = editor.client.get(f"/api/v1/contracts/{contract_id}").json()
    assert contract["title"] == "Rammeavtale renhold 2025"
    assert contract["end_date"] == "2026-06-30"
    assert contract["value_amount"] == "1250000.50"
    updates = [a for a in audit_actions(world, contract_id) if a == "contract.updated"]
    assert len(updates) == 1

    bad = page.post(f"/contracts/{contract_id}/edit", form | {"end_date": "30.06.2026"})
    assert bad.status_code == 422
    assert "Not saved" in bad.text and 'value="30.06.2026"' in bad.text


def test_upload_page_reports_status_and_duplicates(world: World, editor: Actor) -> None:
    page = Browser(world, editor)
    assert "multipart/form-data" in page.get("/upload").text
    data = contract_pdf()
    response = page.post("/upload", files=[("files", ("Avtale æøå.pdf", data, "application/pdf")),
                                           ("files", ("notes.txt", b"plain text", "text/plain"))])
    assert response.status_code == 303
    status_url = response.headers["location"]
    assert status_url.startswith("/upload/status?id=")
    world.wait_idle()
    html = page.get(status_url).text
    assert "Avtale æøå.pdf" in html and 'data-state="ready"' in html
    assert 'data-state="failed"' in html and "unsupported format: plain text" in html
    assert 'http-equiv="refresh"' not in html  # everything is done
    assert "Open contract" in html

    again = page.post("/upload", files=[("files", ("copy.pdf", data, "application/pdf"))])
    assert "duplicate" in page.get(again.headers["location"]).text
    empty = page.post("/upload", files=[("files", ("", b"", "application/octet-stream"))])
    assert empty.status_code == 400, empty.text


def test_review_queue_lists_contracts_with_unreviewed_values(
    world: World, editor: Actor
) -> None:
    contract_id = upload_contract(world, editor)
    html = Browser(world, editor).get("/review").text
    assert f'href="/contracts/{contract_id}"' in html
    # On a phone the queue is cards, as the other tables (the style keys on these): five
    # columns squeezed into 390 px broke its dates and headings mid-word.
    assert '<table class="list table-view">' in html
    for column in ("Contract", "Notice deadline", "Ends", "Unreviewed", "Low confidence"):
        assert f'data-label="{column}"' in html
