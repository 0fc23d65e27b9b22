"""Originals are served as downloads that cannot run as this site's pages; HSTS on https
installs; the API docs behind login outside development."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from conftest import World
from fastapi.testclient import TestClient
from signin import signed_in_browser

from avtale.app import create_app
from core.models import Role
from core.response_headers import attachment_headers, safe_filename
from core.settings import Settings


def _pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(60, 780, "SERVICES AGREEMENT between Fjordkraft AS and Widget Ltd.")
    pdf.save()
    return buffer.getvalue()


def test_an_original_is_a_sandboxed_download(world: World) -> None:
    editor = world.make_user("legal@example.no", Role.EDITOR)
    uploaded = editor.client.post(
        "/api/v1/documents",
        files={"files": ("kontrakt; æøå.pdf", _pdf(), "application/pdf")})
    assert uploaded.status_code == 202, uploaded.text
    document_id = uploaded.json()["documents"][0]["id"]

    response = editor.client.get(f"/api/v1/documents/{document_id}/file")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"kontrakt_ ___.pdf\"; "
        "filename*=UTF-8''kontrakt_%20%C3%A6%C3%B8%C3%A5.pdf")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize(("uploaded", "served"), [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\me\\contract.pdf", "contract.pdf"),
    ("evil\r\nSet-Cookie: x=1.pdf", "evil_Set-Cookie_ x=1.pdf"),
    ('quote".pdf', "quote_.pdf"),
    ("...", "document.pdf"),
    ("", "document.pdf"),
    ("a" * 300 + ".pdf", "a" * 146 + ".pdf"),
])
def test_file_names_are_made_safe_for_the_header(uploaded: str, served: str) -> None:
    assert safe_filename(uploaded) == served
    disposition = attachment_headers(uploaded)["Content-Disposition"]
    assert "\r" not in disposition and "\n" not in disposition
    assert disposition.count('"') == 2


@pytest.fixture
def https_client(world: World, settings: Settings) -> Iterator[TestClient]:
    https = settings.model_copy(update={"base_url": "https://avtale.example"})
    app = create_app(https, runtime=world.runtime, run_worker=False)
    yield TestClient(app, base_url="https://avtale.example")


def test_hsts_only_when_the_base_url_is_https(world: World, https_client: TestClient) -> None:
    assert "strict-transport-security" not in world.app_client.get("/api/v1/health").headers
    for path in ("/api/v1/health", "/login"):
        assert https_client.get(path).headers["strict-transport-security"] == (
            "max-age=31536000; includeSubDomains")


def test_api_docs_need_a_sign_in_outside_development(world: World) -> None:
    anonymous = TestClient(world.app_client.app)
    docs = anonymous.get("/docs", follow_redirects=False)
    assert docs.status_code == 303 and docs.headers["location"] == "/login?next=%2Fdocs"
    assert anonymous.get("/openapi.json").status_code == 401
    assert anonymous.get("/redoc").status_code == 404

    editor = world.make_user("legal@example.no", Role.EDITOR)
    schema = editor.client.get("/openapi.json")
    assert schema.status_code == 200 and "/api/v1/tokens" in schema.json()["paths"]
    browser = signed_in_browser(world, "legal@example.no")
    assert "swagger-ui" in browser.get("/docs").text


@pytest.mark.parametrize(("environment", "public"), [
    ("development", None), ("test", True),
])
def test_api_docs_are_public_in_development_or_when_set(
    world: World, settings: Settings, environment: str, public: bool | None
) -> None:
    changed = settings.model_copy(update={"environment": environment,
                                          "public_api_docs": public})
    anonymous = TestClient(create_app(changed, runtime=world.runtime, run_worker=False))
    assert anonymous.get("/openapi.json").status_code == 200
    assert anonymous.get("/docs").status_code == 200


def test_the_docs_setting_defaults_by_environment() -> None:
    secret = "s" * 40
    assert Settings(environment="development").api_docs_public is True
    assert Settings(environment="production", secret_key=secret).api_docs_public is False
    assert Settings(environment="production", secret_key=secret,
                    public_api_docs=True).api_docs_public is True
