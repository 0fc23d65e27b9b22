from __future__ import annotations

from conftest import World

from core.models import AuditEvent, Role


def test_admin_creates_users_and_others_cannot(world: World) -> None:
    admin = world.make_user("admin@example.no", Role.ADMIN)
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = admin.client.post("/api/v1/users", json={
        "email": "New.Person@Example.no", "role": "viewer", "password": "long enough pw"})
    assert response.status_code == 201, response.text
    assert response.json()["email"] == "new.person@example.no"
    again = admin.client.post("/api/v1/users", json={"email": "new.person@example.no"})
    assert again.status_code == 422
    short = admin.client.post("/api/v1/users", json={"email": "x@example.no", "password": "s"})
    assert short.status_code == 422
    assert editor.client.post("/api/v1/users", json={"email": "y@example.no"}).status_code == 403
    assert editor.client.get("/api/v1/users").status_code == 403
    emails = [u["email"] for u in admin.client.get("/api/v1/users").json()]
    assert "new.person@example.no" in emails


def test_a_new_token_works_and_is_stored_hashed(world: World) -> None:
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    token = viewer.client.post("/api/v1/tokens", json={"name": "script"}).json()["token"]
    response = world.app_client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json()["email"] == "viewer@example.no"
    with world.runtime.database.session() as session:
        from core.models import ApiToken

        stored = [t.token_hash for t in session.query(ApiToken)]
        assert token not in stored
        assert any(e.action == "token.created" for e in session.query(AuditEvent))
