"""Cross-site request forgery: a form on another site can make the browser send its cookie
along, so the API does not take the cookie alone for writes, and the pages' own forms carry
a per-session token."""

from __future__ import annotations

import pytest
from conftest import World
from signin import page_csrf, signed_in_browser
from sqlalchemy import func, select

from core.models import ApiToken, Contract, Document, Role

EVIL = {"Origin": "https://evil.example", "Referer": "https://evil.example/page.html"}


def _contract_count(world: World) -> int:
    with world.runtime.database.session() as session:
        return int(session.scalar(select(func.count(Contract.id))) or 0)


@pytest.mark.parametrize("encoding", ["form", "text", "multipart"])
def test_a_cross_site_form_with_only_the_cookie_is_refused(world: World, encoding: str) -> None:
    world.make_user("legal@example.no", Role.EDITOR)
    browser = signed_in_browser(world, "legal@example.no")
    if encoding == "form":
        sent = browser.post("/api/v1/contracts", data={"title": "Forged"}, headers=EVIL)
    elif encoding == "multipart":
        # <form enctype="multipart/form-data"> with a file input: a forged upload.
        sent = browser.post("/api/v1/documents", headers=EVIL,
                            files={"files": ("forged.pdf", b"%PDF-1.4 forged", "application/pdf")})
    else:
        # <form enctype="text/plain"> can smuggle a JSON-looking body.
        sent = browser.post("/api/v1/tokens", content=b'{"name": "forged"}',
                            headers=EVIL | {"Content-Type": "text/plain"})
    assert sent.status_code == 403, sent.text
    assert "X-CSRF-Token" in sent.json()["detail"]
    assert _contract_count(world) == 0
    with world.runtime.database.session() as session:
        assert session.scalar(select(ApiToken).where(ApiToken.name == "forged")) is None
        assert session.scalar(select(func.count(Document.id))) == 0


def test_api_writes_by_cookie_need_the_sessions_csrf_header(world: World) -> None:
    world.make_user("legal@example.no", Role.EDITOR)
    browser = signed_in_browser(world, "legal@example.no")
    json_body = {"title": "Cleaning services 2026"}
    wrong = browser.post("/api/v1/contracts", json=json_body, headers={"X-CSRF-Token": "no"})
    assert wrong.status_code == 403
    assert browser.get("/api/v1/contracts").status_code == 200  # reading needs no header

    right = browser.post("/api/v1/contracts", json=json_body,
                         headers={"X-CSRF-Token": page_csrf(browser)})
    assert right.status_code == 201, right.text


def test_bearer_tokens_need_no_csrf_header(world: World) -> None:
    editor = world.make_user("legal@example.no", Role.EDITOR)
    made = editor.client.post("/api/v1/contracts", json={"title": "By script"})
    assert made.status_code == 201, made.text


def test_the_pages_own_form_works_and_a_forged_one_does_not(world: World) -> None:
    world.make_user("legal@example.no", Role.EDITOR)
    browser = signed_in_browser(world, "legal@example.no")
    form = {"title": "Paper contract", "visibility": "organisation"}
    forged = browser.post("/contracts/new", data=form, headers=EVIL, follow_redirects=False)
    assert forged.status_code == 403
    stale = browser.post("/contracts/new", data=form | {"csrf_token": "guessed"},
                         follow_redirects=False)
    assert stale.status_code == 403
    assert _contract_count(world) == 0

    own = browser.post("/contracts/new", data=form | {"csrf_token": page_csrf(browser)},
                       follow_redirects=False)
    assert own.status_code == 303, own.text
    assert _contract_count(world) == 1
