"""Browser sessions live in the database and end when people say so: on sign-out, on a
password change, on deactivation, and at their expiry."""

from __future__ import annotations

import base64
import json

from conftest import PASSWORD, World
from fake_clock import install_clock
from fastapi.testclient import TestClient
from signin import cookie_copy, login_attempt, page_csrf, signed_in_browser
from sqlalchemy import delete, select

from core.models import AuditEvent, Role, UserSession
from core.security import token_digest

NEW_PASSWORD = "a brand new passphrase"


def test_a_cookie_replayed_after_sign_out_is_refused(world: World) -> None:
    world.make_user("legal@example.no", Role.EDITOR)
    browser = signed_in_browser(world, "legal@example.no")
    thief = cookie_copy(browser)
    assert thief.get("/api/v1/me").status_code == 200

    browser.post("/logout", data={"csrf_token": page_csrf(browser)})

    assert thief.get("/api/v1/me").status_code == 401
    assert thief.get("/", follow_redirects=False).headers["location"].startswith("/login")
    # Nor can it mint an API token that would outlive the session.
    assert thief.post("/api/v1/tokens", json={"name": "keep"}).status_code == 401


def test_the_cookie_holds_a_session_id_stored_only_hashed(world: World) -> None:
    actor = world.make_user("legal@example.no", Role.EDITOR)
    browser = signed_in_browser(world, "legal@example.no")
    # Starlette's cookie is base64(JSON).timestamp.signature: readable, not secret.
    payload = browser.cookies["avtale_session"].split(".")[0]
    content = json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))
    assert set(content) == {"sid", "csrf_token"}
    with world.runtime.database.session() as session:
        rows = list(session.scalars(select(UserSession)))
    assert [row.user_id for row in rows] == [actor.user.id]
    assert rows[0].id_hash == token_digest(content["sid"]) != content["sid"]


def test_a_session_ends_at_its_expiry(world: World) -> None:
    clock = install_clock(world.app_client.app)
    world.make_user("legal@example.no", Role.EDITOR)
    browser = signed_in_browser(world, "legal@example.no")
    max_age = world.runtime.settings.session_max_age_seconds
    clock.advance(seconds=max_age - 1)
    assert browser.get("/api/v1/me").status_code == 200
    clock.advance(seconds=1)
    assert browser.get("/api/v1/me").status_code == 401


def test_changing_the_password_by_api_ends_every_session(world: World) -> None:
    actor = world.make_user("legal@example.no", Role.EDITOR)
    browser = signed_in_browser(world, "legal@example.no")

    wrong = actor.client.post("/api/v1/users/me/password", json={
        "current_password": "not my password", "new_password": NEW_PASSWORD})
    assert wrong.status_code == 403
    short = actor.client.post("/api/v1/users/me/password", json={
        "current_password": PASSWORD, "new_password": "short"})
    assert short.status_code == 422
    assert browser.get("/api/v1/me").status_code == 200

    changed = actor.client.post("/api/v1/users/me/password", json={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD})
    assert changed.status_code == 204, changed.text

    assert browser.get("/api/v1/me").status_code == 401
    assert actor.client.get("/api/v1/me").status_code == 200  # tokens are separate
    fresh = TestClient(world.app_client.app)
    assert login_attempt(fresh, "legal@example.no", PASSWORD).status_code == 401
    assert login_attempt(fresh, "legal@example.no", NEW_PASSWORD).status_code == 303
    with world.runtime.database.session() as session:
        actions = set(session.scalars(select(AuditEvent.action)))
    assert "user.password_changed" in actions


def test_changing_the_password_on_the_page_keeps_only_this_browser(world: World) -> None:
    world.make_user("legal@example.no", Role.EDITOR)
    here = signed_in_browser(world, "legal@example.no")
    elsewhere = signed_in_browser(world, "legal@example.no")
    form = {"current_password": PASSWORD, "new_password": NEW_PASSWORD,
            "repeat_password": NEW_PASSWORD}

    no_token = here.post("/account/password", data=form, follow_redirects=False)
    assert no_token.status_code == 403
    mismatch = here.post("/account/password", data=form | {
        "repeat_password": "something else", "csrf_token": page_csrf(here)})
    assert mismatch.status_code == 422 and "differ" in mismatch.text

    done = here.post("/account/password", data=form | {"csrf_token": page_csrf(here)},
                     follow_redirects=False)
    assert done.status_code == 303
    assert "Password changed" in here.get("/").text
    assert here.get("/api/v1/me").status_code == 200
    assert elsewhere.get("/api/v1/me").status_code == 401


def test_deactivation_ends_sessions_and_tokens_at_once(world: World) -> None:
    admin = world.make_user("admin@example.no", Role.ADMIN)
    leaver = world.make_user("leaver@example.no", Role.EDITOR)
    browser = signed_in_browser(world, "leaver@example.no")
    assert browser.get("/api/v1/me").status_code == 200

    assert leaver.client.patch(f"/api/v1/users/{admin.user.id}",
                               json={"active": False}).status_code == 403
    assert admin.client.patch(f"/api/v1/users/{admin.user.id}",
                              json={"active": False}).status_code == 422
    assert admin.client.patch("/api/v1/users/999999", json={"active": False}).status_code == 404

    response = admin.client.patch(f"/api/v1/users/{leaver.user.id}", json={"active": False})
    assert response.status_code == 200 and response.json()["active"] is False
    assert browser.get("/api/v1/me").status_code == 401
    assert leaver.client.get("/api/v1/me").status_code == 401

    # Coming back does not bring the old credentials back.
    assert admin.client.patch(f"/api/v1/users/{leaver.user.id}",
                              json={"active": True}).json()["active"] is True
    assert browser.get("/api/v1/me").status_code == 401
    assert leaver.client.get("/api/v1/me").status_code == 401
    with world.runtime.database.session() as session:
        rows = list(session.scalars(select(UserSession).where(
            UserSession.user_id == leaver.user.id)))
        actions = list(session.scalars(select(AuditEvent.action)))
    assert rows and all(row.revoked_at is not None for row in rows)
    assert "user.deactivated" in actions and "user.activated" in actions


def test_a_well_signed_cookie_without_its_session_row_is_nobody(world: World) -> None:
    world.make_user("legal@example.no", Role.EDITOR)
    browser = signed_in_browser(world, "legal@example.no")
    with world.runtime.database.session() as session:
        session.execute(delete(UserSession))
    assert browser.get("/api/v1/me").status_code == 401
