"""Administration in the pages: users, roles, deactivation, API tokens, audit log, settings;
none of it for anyone but admins."""

from __future__ import annotations

import re

import pytest
from conftest import Actor, World

from core.models import Role
from tests.web.test_pages import Browser


@pytest.fixture
def admin(world: World) -> Browser:
    return Browser(world, world.make_user("admin@example.no", Role.ADMIN))


def test_only_admins_open_the_admin_pages(world: World) -> None:
    editor = Browser(world, world.make_user("editor@example.no", Role.EDITOR))
    for path in ("/admin/users", "/admin/tokens", "/admin/audit", "/admin/settings"):
        assert editor.get(path).status_code == 403, path
    assert editor.post("/admin/users", {"email": "x@example.no", "role": "admin"}
                       ).status_code == 403


def test_add_a_user_change_the_role_and_deactivate(world: World, admin: Browser) -> None:
    added = admin.post("/admin/users", {"email": "New.Person@example.no", "role": "editor",
                                        "name": "New Person"})
    assert added.status_code == 200 and added.headers["cache-control"] == "no-store"
    password = re.search(r"first password is <code>([^<]+)</code>", added.text)
    assert password is not None
    person_page = admin.get("/admin/users").text
    assert "new.person@example.no" in person_page
    duplicate = admin.post("/admin/users", {"email": "new.person@example.no", "role": "viewer"})
    assert duplicate.status_code == 422 and "already exists" in duplicate.text

    with world.runtime.database.session() as session:
        from core.users import user_by_email

        person = user_by_email(session, "new.person@example.no")
        assert person is not None and person.role is Role.EDITOR
        person_id = person.id
    assert admin.post(f"/admin/users/{person_id}", {"role": "viewer"}).status_code == 303
    assert admin.post(f"/admin/users/{person_id}", {"active": "no"}).status_code == 303
    with world.runtime.database.session() as session:
        from core.models import User

        changed = session.get(User, person_id)
        assert changed is not None and changed.role is Role.VIEWER and not changed.active

    audit = admin.get("/admin/audit", params={"action": "user.", "entity_id": person_id}).text
    for action in ("user.created", "user.role_changed", "user.deactivated"):
        assert action in audit
    assert "token.created" not in audit


def test_an_admin_cannot_demote_or_deactivate_themselves(world: World) -> None:
    actor: Actor = world.make_user("only-admin@example.no", Role.ADMIN)
    admin = Browser(world, actor)
    admin.post(f"/admin/users/{actor.user.id}", {"role": "viewer"})
    assert "cannot take away your own admin role" in admin.get("/admin/users").text
    admin.post(f"/admin/users/{actor.user.id}", {"active": "no"})
    assert "cannot deactivate yourself" in admin.get("/admin/users").text


def test_tokens_are_listed_and_revoked(world: World, admin: Browser) -> None:
    holder = world.make_user("script@example.no", Role.EDITOR)
    assert holder.client.get("/api/v1/me").status_code == 200
    page = admin.get("/admin/tokens").text
    assert "script@example.no" in page
    token_id = re.findall(r"/admin/tokens/(\d+)/revoke", page)
    assert token_id
    for found in token_id:
        admin.post(f"/admin/tokens/{found}/revoke")
    assert holder.client.get("/api/v1/me").status_code == 401
    assert "revoked" in admin.get("/admin/tokens").text


def test_settings_page_hides_secrets(world: World, admin: Browser) -> None:
    page = admin.get("/admin/settings").text
    assert "AVTALE_MAX_UPLOAD_BYTES" in page
    assert "test-secret-key-that-is-long-enough" not in page


def test_a_refused_user_keeps_what_was_typed_and_says_why_in_norwegian(
    world: World, admin: Browser,
) -> None:
    """The form came back empty and the reason in English on a Norwegian page."""
    world.make_user("kari@example.no", Role.EDITOR)
    refused = admin.post("/admin/users", {"email": "kari@example.no", "role": "editor",
                                          "name": "Kari Nordmann"})
    assert refused.status_code == 422
    assert "Not added: a user with e-mail kari@example.no already exists." in refused.text
    assert 'name="email" required maxlength="320" value="kari@example.no"' in refused.text
    assert 'value="Kari Nordmann"' in refused.text
    assert '<option value="editor" selected>' in refused.text

    admin.post("/account/language", {"language": "nb"})
    norsk = admin.post("/admin/users", {"email": "kari@example.no", "role": "viewer"}).text
    assert "Ikke lagt til: det finnes alt en bruker med e-postadressen kari@example.no." in norsk
    with world.runtime.database.session() as session:
        from core.users import user_by_email

        me = user_by_email(session, "admin@example.no")
        assert me is not None
        my_id = me.id
    admin.post(f"/admin/users/{my_id}", {"active": "no"})
    assert "du kan ikke deaktivere deg selv" in admin.get("/admin/users").text
