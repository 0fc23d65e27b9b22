"""No search text gives a 5xx through the HTTP API: each gets an answer or a 4xx whose
message says what is wrong (the app on its embedded defaults, tantivy)."""

from __future__ import annotations

from conftest import World

from core.models import Role
from tests.search_api.hostile_queries import FIXED, generated


def test_no_search_text_gives_a_server_error(world: World) -> None:
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    # A lone surrogate cannot travel in a URL; its bytes as the client would encode them can.
    sendable = [t for t in FIXED + generated(150, seed=7) if t.isascii() or _encodes(t)]
    for text in sendable:
        response = viewer.client.get("/api/v1/search", params={"q": text})
        assert response.status_code < 500, (text, response.text)
        if response.status_code == 400:
            assert response.json()["detail"].startswith("invalid search: "), text
    for raw in ("%ED%A0%80", "%FF%FE", "%C0%AF", "%00"):
        response = viewer.client.get(f"/api/v1/search?q={raw}")
        assert response.status_code < 500, (raw, response.text)


def _encodes(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def test_a_malformed_search_says_where(world: World) -> None:
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    response = viewer.client.get("/api/v1/search", params={"q": "(hosting OR cloud"})
    assert response.status_code == 400
    assert "( at character 1 is not closed" in response.json()["detail"]
    response = viewer.client.get("/api/v1/search", params={"q": "status:expiring value:>5"})
    assert response.status_code == 200
