"""Signing in through the login page, as a browser does: a TestClient holding only the
session cookie (no API token)."""

from __future__ import annotations

import re

import httpx
from conftest import PASSWORD, World
from fastapi.testclient import TestClient

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def login_attempt(client: TestClient, email: str, password: str) -> httpx.Response:
    page = client.get("/login")
    return client.post("/login", data={"email": email, "password": password, "next": "/",
                                       "csrf_token": csrf_of(page.text)},
                       follow_redirects=False)


def signed_in_browser(world: World, email: str, password: str = PASSWORD) -> TestClient:
    client = TestClient(world.app_client.app)
    response = client.post("/login", data={
        "email": email, "password": password, "next": "/",
        "csrf_token": csrf_of(client.get("/login").text)}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


def page_csrf(client: TestClient) -> str:
    return csrf_of(client.get("/account/password").text)


def cookie_copy(client: TestClient) -> TestClient:
    """Another client with a copy of the browser's cookies: what a thief replays."""
    thief = TestClient(client.app)
    for name, value in client.cookies.items():
        thief.cookies.set(name, value)
    return thief
