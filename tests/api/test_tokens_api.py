"""API tokens: optional expiry, listed and revoked through the API; an expired or revoked
token is refused."""

from __future__ import annotations

from conftest import World
from fake_clock import install_clock
from fastapi.testclient import TestClient

from core.models import Role


def _bearer(world: World, token: str) -> TestClient:
    client = TestClient(world.app_client.app)
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def test_a_token_with_an_expiry_stops_working_then(world: World) -> None:
    clock = install_clock(world.app_client.app)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    made = viewer.client.post("/api/v1/tokens", json={"name": "report", "expires_days": 2})
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["token"].startswith(body["prefix"])
    assert body["expires_at"].startswith("2026-12-03T09:00")
    script = _bearer(world, body["token"])

    clock.advance(days=2, seconds=-1)
    assert script.get("/api/v1/me").status_code == 200
    clock.advance(seconds=1)
    assert script.get("/api/v1/me").status_code == 401
    assert viewer.client.get("/api/v1/me").status_code == 200  # no expiry: still fine


def test_tokens_are_listed_and_revoked_by_their_owner(world: World) -> None:
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    other = world.make_user("other@example.no", Role.EDITOR)
    made = viewer.client.post("/api/v1/tokens", json={"name": "script"}).json()
    script = _bearer(world, made["token"])

    listed = viewer.client.get("/api/v1/tokens").json()
    assert [t["name"] for t in listed] == ["tests", "script"]
    assert all("token" not in t for t in listed)
    assert {t["id"] for t in other.client.get("/api/v1/tokens").json()}.isdisjoint(
        t["id"] for t in listed)

    # Someone else's token is not found, and keeps working.
    assert other.client.delete(f"/api/v1/tokens/{made['id']}").status_code == 404
    assert script.get("/api/v1/me").status_code == 200

    assert viewer.client.delete(f"/api/v1/tokens/{made['id']}").status_code == 204
    assert script.get("/api/v1/me").status_code == 401
    revoked = {t["id"]: t for t in viewer.client.get("/api/v1/tokens").json()}[made["id"]]
    assert revoked["revoked_at"] is not None
    assert viewer.client.delete("/api/v1/tokens/999999").status_code == 404


def test_an_admin_can_revoke_anyones_token(world: World) -> None:
    admin = world.make_user("admin@example.no", Role.ADMIN)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    token_id = viewer.client.get("/api/v1/tokens").json()[0]["id"]
    assert admin.client.delete(f"/api/v1/tokens/{token_id}").status_code == 204
    assert viewer.client.get("/api/v1/me").status_code == 401


def test_an_expiry_out_of_range_is_refused(world: World) -> None:
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    for days in (0, -1, 100000):
        response = viewer.client.post("/api/v1/tokens", json={"expires_days": days})
        assert response.status_code == 422, days
