"""The first account of a fresh development install can be made from the login page; never
on other installs, and never once anyone has an account."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from avtale.app import create_app
from avtale.runtime import Runtime
from core.settings import Settings

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _client(tmp_path: Path, environment: str) -> Iterator[TestClient]:
    settings = Settings(environment=environment, data_dir=tmp_path / "data",  # type: ignore[arg-type]
                        secret_key="x" * 40)
    runtime = Runtime.build(settings)
    try:
        with TestClient(create_app(runtime=runtime)) as client:
            yield client
    finally:
        runtime.close()


@pytest.fixture
def development(tmp_path: Path) -> Iterator[TestClient]:
    yield from _client(tmp_path, "development")


def _csrf(client: TestClient) -> str:
    match = _CSRF.search(client.get("/login").text)
    assert match
    return match.group(1)


def test_first_account_from_the_login_page(development: TestClient) -> None:
    assert "Create administrator account" in development.get("/login").text
    short = development.post("/setup", data={"email": "boss@example.no", "password": "short",
                                             "csrf_token": _csrf(development)})
    assert short.status_code == 422 and "at least 10" in short.text
    made = development.post("/setup", data={"email": "boss@example.no",
                                             "password": "a long password",
                                             "csrf_token": _csrf(development)},
                            follow_redirects=False)
    assert made.status_code == 303
    me = development.get("/api/v1/me").json()
    assert me["email"] == "boss@example.no" and me["role"] == "admin"
    # Once someone has an account, the form is gone and posting does nothing.
    development.post("/logout", data={"csrf_token": _csrf(development)})
    assert "Create administrator account" not in development.get("/login").text
    again = development.post("/setup", data={"email": "intruder@example.no",
                                             "password": "a long password",
                                             "csrf_token": _csrf(development)},
                             follow_redirects=False)
    assert again.headers["location"] == "/login"
    assert development.get("/api/v1/me").status_code == 401


def test_no_first_run_form_outside_development(tmp_path: Path) -> None:
    for client in _client(tmp_path, "production"):
        assert "Create administrator account" not in client.get("/login").text
        response = client.post("/setup", data={"email": "x@example.no",
                                               "password": "a long password",
                                               "csrf_token": _csrf(client)},
                               follow_redirects=False)
        assert response.headers["location"] == "/login"
