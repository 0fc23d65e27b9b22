"""A signed-in client for the server-rendered pages (session cookie and CSRF token)."""

from __future__ import annotations

import re
from typing import Any

from conftest import PASSWORD, Actor, World
from fastapi.testclient import TestClient

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser:
    """A signed-in page client: a TestClient with the session cookie, no API token."""

    def __init__(self, world: World, actor: Actor, *, base_url: str = "http://testserver",
                 app: Any = None) -> None:
        # Not entered as a context: the world's client already runs the app's lifespan.
        self.client = TestClient(app or world.app_client.app, base_url=base_url)
        page = self.client.get("/login")
        response = self.client.post("/login", data={
            "email": actor.email, "password": PASSWORD, "next": "/",
            "csrf_token": csrf_of(page.text),
        }, follow_redirects=False)
        assert response.status_code == 303, response.text
        self.csrf = csrf_of(self.client.get("/review").text)

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, **kwargs)

    def post(self, url: str, data: dict[str, Any] | None = None, *, csrf: bool = True,
             **kwargs: Any) -> Any:
        form = dict(data or {})
        if csrf:
            form["csrf_token"] = self.csrf
        return self.client.post(url, data=form, follow_redirects=False, **kwargs)


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)
