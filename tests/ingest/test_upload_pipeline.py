"""Uploads through the HTTP API, processed by the in-process worker, on real PDFs."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
from conftest import World, cuad_pdf

from core.models import AuditEvent, Role

SERVICES = "ABILITYINC"  # Services Agreement: dates and a supplier stated plainly


def _upload(world: World, client_files: list[tuple[str, bytes]], token_client: object) -> dict:
    from fastapi.testclient import TestClient

    assert isinstance(token_client, TestClient)
    response = token_client.post(
        "/api/v1/documents",
        files=[("files", (name, data, "application/pdf")) for name, data in client_files],
    )
    assert response.status_code == 202, response.text
    return dict(response.json())


def test_real_contract_is_extracted_indexed_and_found(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    pdf = cuad_pdf(SERVICES)
    body = _upload(world, [(pdf.name, pdf.read_bytes())], editor.client)
    [doc] = body["documents"]
    assert doc["status"] == "queued" and doc["duplicate"] is False
    world.wait_idle()

    status = editor.client.get(f"/api/v1/documents/{doc['id']}").json()
    assert status["status"] == "ready", status
    assert status["page_count"] == 11
    contract = editor.client.get(f"/api/v1/contracts/{status['contract_id']}").json()
    fields = {f["field"]: f for f in contract["fields"]}
    assert fields["effective_date"]["value"] == "2019-11-01"
    assert fields["effective_date"]["review_state"] == "suggested"
    assert fields["effective_date"]["evidence"][0]["page"] == 1
    assert "November 1, 2019" in fields["effective_date"]["evidence"][0]["quote"]
    assert contract["end_date"] == "2020-12-31"

    found = editor.client.get("/api/v1/search", params={"q": '"Services Agreement"'}).json()
    assert found["total"] == 1
    assert found["hits"][0]["contract_id"] == contract["id"]
    fragments = [f for values in found["hits"][0]["highlights"].values() for f in values]
    assert any("<mark>" in fragment for fragment in fragments)
    by_end = editor.client.get("/api/v1/search", params={
        "expires_from": "2020-12-01", "expires_to": "2020-12-31"}).json()
    assert [h["contract_id"] for h in by_end["hits"]] == [contract["id"]]
    if contract["supplier"]:
        by_supplier = editor.client.get("/api/v1/search", params={
            "supplier": contract["supplier"]["name"]}).json()
        assert by_supplier["total"] == 1


def test_same_bytes_twice_is_one_document(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    data = cuad_pdf(SERVICES).read_bytes()
    first = _upload(world, [("a.pdf", data)], editor.client)["documents"][0]
    world.wait_idle()
    second = _upload(world, [("renamed.pdf", data)], editor.client)["documents"][0]
    assert second["duplicate"] is True
    assert second["id"] == first["id"]
    world.wait_idle()
    assert editor.client.get("/api/v1/search").json()["total"] == 1


def _encrypted_pdf(tmp_path: Path) -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    enc = pdfencrypt.StandardEncryption("secret-user-pw", ownerPassword="owner", strength=128)
    pdf = canvas.Canvas(buffer, encrypt=enc)
    pdf.drawString(72, 720, "This Agreement is confidential.")
    pdf.save()
    return buffer.getvalue()


def test_bad_files_fail_with_reasons_and_the_worker_carries_on(
    world: World, tmp_path: Path
) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    good = cuad_pdf(SERVICES).read_bytes()
    truncated = good[: len(good) // 3]
    uploads = [
        ("notes.txt", b"just some text, not a pdf"),
        ("empty.pdf", b""),
        ("truncated.pdf", truncated.replace(b"%%EOF", b"")),
        ("locked.pdf", _encrypted_pdf(tmp_path)),
        ("good.pdf", good),
    ]
    documents = _upload(world, uploads, editor.client)["documents"]
    world.wait_idle()
    states = {
        d["filename"]: editor.client.get(f"/api/v1/documents/{d['id']}").json()
        for d in documents
    }
    assert states["good.pdf"]["status"] == "ready"
    assert "unsupported format: plain text" in states["notes.txt"]["reason"]
    assert "empty" in states["empty.pdf"]["reason"]
    assert states["locked.pdf"]["status"] == "failed"
    assert "password" in states["locked.pdf"]["reason"]
    assert states["truncated.pdf"]["status"] == "failed"
    assert states["truncated.pdf"]["reason"] == (
        "the PDF is damaged and cannot be opened (Data format error)")


def test_viewer_cannot_upload(world: World) -> None:
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    response = viewer.client.post(
        "/api/v1/documents", files=[("files", ("a.pdf", b"%PDF-1.4", "application/pdf"))]
    )
    assert response.status_code == 403


def test_original_file_is_served_only_to_those_who_may_see_it(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    outsider = world.make_user("outsider@example.no", Role.VIEWER)
    data = cuad_pdf(SERVICES).read_bytes()
    response = owner.client.post(
        "/api/v1/documents",
        files=[("files", ("secret.pdf", data, "application/pdf"))],
        data={"visibility": "restricted"},
    )
    document_id = response.json()["documents"][0]["id"]
    world.wait_idle()
    original = owner.client.get(f"/api/v1/documents/{document_id}/file")
    assert original.status_code == 200
    assert original.content == data
    assert len(pdfium.PdfDocument(original.content)) == 11
    assert outsider.client.get(f"/api/v1/documents/{document_id}/file").status_code == 404
    assert outsider.client.get(f"/api/v1/documents/{document_id}").status_code == 404
    assert outsider.client.get("/api/v1/search", params={"q": "agreement"}).json()["total"] == 0


def test_uploads_are_audited(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    _upload(world, [("a.pdf", cuad_pdf(SERVICES).read_bytes())], editor.client)
    world.wait_idle()
    with world.runtime.database.session() as session:
        actions = [e.action for e in session.query(AuditEvent).order_by(AuditEvent.id)]
    assert "document.uploaded" in actions
    assert "contract.extracted" in actions


def test_pdf_attached_later_to_a_paper_contract_keeps_what_people_typed(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    created = editor.client.post("/api/v1/contracts", json={
        "title": "Telecom services (paper original)", "end_date": "2030-06-30"})
    contract_id = created.json()["id"]
    pdf = cuad_pdf(SERVICES)
    response = editor.client.post(
        "/api/v1/documents", files=[("files", (pdf.name, pdf.read_bytes(), "application/pdf"))],
        data={"contract_id": str(contract_id)},
    )
    assert response.status_code == 202, response.text
    world.wait_idle()
    contract = editor.client.get(f"/api/v1/contracts/{contract_id}").json()
    assert [d["state"] for d in contract["documents"]] == ["ready"]
    assert contract["title"] == "Telecom services (paper original)"
    assert contract["end_date"] == "2030-06-30"  # typed by a person: not overwritten
    fields = {f["field"]: f for f in contract["fields"]}
    assert fields["effective_date"]["value"] == "2019-11-01"  # read from the PDF
    found = editor.client.get("/api/v1/search", params={"q": "Provider"}).json()
    assert [h["contract_id"] for h in found["hits"]] == [contract_id]


def test_attaching_to_a_contract_one_may_not_edit_is_refused(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    other = world.make_user("other@example.no", Role.EDITOR)
    contract_id = owner.client.post("/api/v1/contracts", json={
        "title": "Private", "visibility": "restricted"}).json()["id"]
    response = other.client.post(
        "/api/v1/documents", files=[("files", ("a.pdf", b"%PDF-1.4", "application/pdf"))],
        data={"contract_id": str(contract_id)},
    )
    assert response.status_code == 404


def test_an_oversized_upload_is_refused_and_nothing_is_stored(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    world.runtime.settings.max_upload_bytes = 4096
    response = editor.client.post(
        "/api/v1/documents",
        files=[("files", ("huge.pdf", b"%PDF-1.4\n" + b"0" * 10_000, "application/pdf"))],
    )
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]
    # The (empty) staging folder may stay; no file may.
    assert not [p for p in world.runtime.settings.files_dir.rglob("*") if p.is_file()]
