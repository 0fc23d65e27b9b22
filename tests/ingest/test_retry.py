"""Retrying a failed document: API, page button and CLI, admins only, audited; uploading
the same failed bytes again says so and how to retry."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import World
from pdf_factory import contract_pdf

from core.models import AuditEvent, Document, Role
from ingest.service import accept_file

AVTALE = Path(sys.executable).with_name("avtale")
PDF = contract_pdf(["SERVICES AGREEMENT", "This Agreement is made between Alfa AS and "
                    "Beta AS on 1 March 2024 and ends on 28 February 2027."])


def _failed_document(world: World) -> tuple[int, Path, Path]:
    """A good PDF whose stored original went missing before it was processed: it fails,
    and can be retried once the file is back."""
    runtime = world.runtime
    with runtime.database.session() as session:
        accepted = accept_file(session, files=runtime.files, jobs=runtime.jobs,
                               filename="services.pdf", data=PDF, uploader=None,
                               max_bytes=runtime.settings.max_upload_bytes)
        stored = runtime.files.path_for(accepted.document.sha256)
        aside = stored.with_name("aside")
        stored.rename(aside)
        document_id = accepted.document.id
    world.wait_idle()
    with runtime.database.session() as session:
        document = session.get(Document, document_id)
        assert document is not None and document.state.value == "failed"
        assert document.failure_reason == "the stored original file is missing"
    return document_id, stored, aside


def test_an_admin_retries_a_failed_document_through_the_api(world: World) -> None:
    admin = world.make_user("admin@example.no", Role.ADMIN)
    editor = world.make_user("editor@example.no", Role.EDITOR)
    document_id, stored, aside = _failed_document(world)
    aside.rename(stored)
    assert editor.client.post(f"/api/v1/documents/{document_id}/retry").status_code == 403
    response = admin.client.post(f"/api/v1/documents/{document_id}/retry")
    assert response.status_code == 202, response.text
    assert response.json()["status"] == "queued"
    world.wait_idle()
    status = admin.client.get(f"/api/v1/documents/{document_id}").json()
    assert status["status"] == "ready" and status["contract_id"] is not None
    assert admin.client.post(f"/api/v1/documents/{document_id}/retry").status_code == 409
    assert admin.client.post("/api/v1/documents/999999/retry").status_code == 404
    with world.runtime.database.session() as session:
        retried = session.query(AuditEvent).filter_by(action="document.retried").one()
        assert retried.entity_id == document_id
        assert retried.actor_id == admin.user.id
        assert retried.detail == {"previous_reason": "the stored original file is missing"}


def test_uploading_failed_bytes_again_offers_the_retry(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    files = [("files", ("notes.pdf", b"just some notes, not a contract", "application/pdf"))]
    first = editor.client.post("/api/v1/documents", files=files).json()["documents"][0]
    assert first["failed_duplicate"] is False
    world.wait_idle()
    again = editor.client.post("/api/v1/documents", files=files)
    assert again.status_code == 202
    [document] = again.json()["documents"]
    assert document["id"] == first["id"]
    assert document["duplicate"] is True and document["failed_duplicate"] is True
    assert document["status"] == "failed"
    assert f"POST /api/v1/documents/{first['id']}/retry" in document["retry"]
    assert f"avtale documents retry {first['id']}" in document["retry"]


def test_the_status_page_has_a_retry_button_for_admins(world: World) -> None:
    admin = world.make_user("admin@example.no", Role.ADMIN)
    editor = world.make_user("editor@example.no", Role.EDITOR)
    document_id, stored, aside = _failed_document(world)
    aside.rename(stored)
    with world.runtime.database.session() as session:
        document = session.get(Document, document_id)
        assert document is not None
        document.uploaded_by_id = editor.user.id
    assert "data-retry" not in editor.client.get(f"/upload/status?id={document_id}").text
    page = admin.client.get(f"/upload/status?id={document_id}")
    assert f'data-retry="{document_id}"' in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    response = admin.client.post(f"/upload/retry/{document_id}",
                                 data={"csrf_token": token.group(1)}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/upload/status?id={document_id}"
    world.wait_idle()
    assert 'data-state="ready"' in admin.client.get(response.headers["location"]).text


def test_the_cli_retries_a_failed_document(world: World) -> None:
    document_id, stored, aside = _failed_document(world)
    aside.rename(stored)
    settings = world.runtime.settings
    env = {k: v for k, v in os.environ.items() if not k.startswith("AVTALE_")}
    env |= {"AVTALE_DATA_DIR": str(settings.data_dir),
            "AVTALE_DATABASE_URL": settings.resolved_database_url}
    result = subprocess.run([str(AVTALE), "documents", "retry", str(document_id)], env=env,
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    assert f"document {document_id} (services.pdf) is ready" in result.stdout
    again = subprocess.run([str(AVTALE), "documents", "retry", str(document_id)], env=env,
                           capture_output=True, text=True, timeout=600, check=False)
    assert again.returncode == 1
    assert "only a failed document can be retried" in again.stderr
