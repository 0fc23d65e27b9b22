"""Inputs that used to cause server errors (found by Schemathesis) get 404 or 422."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import World

from core.models import Role

HUGE = 2**63 + 5


def test_an_unknown_category_id_is_422(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/contracts", json={"title": "A", "category_id": 4242})
    assert response.status_code == 422
    assert "unknown category_id: 4242" in response.text


@pytest.mark.parametrize("path", [
    f"/api/v1/contracts/{HUGE}", f"/api/v1/documents/{HUGE}", f"/api/v1/documents/{HUGE}/file",
    f"/api/v1/contracts/{2**31}",
])
def test_ids_beyond_the_id_range_in_paths_are_refused(world: World, path: str) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    assert editor.client.get(path).status_code in (404, 422)


def test_ids_beyond_the_id_range_in_bodies_are_422(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/contracts", json={"title": "A", "category_id": HUGE})
    assert response.status_code == 422
    upload = editor.client.post("/api/v1/documents", data={"contract_id": str(HUGE)},
                                files=[("files", ("a.pdf", b"%PDF-1.7\n", "application/pdf"))])
    assert upload.status_code == 422


def test_unicode_digits_are_not_ids(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    assert "²".isdigit()
    upload = editor.client.post("/api/v1/documents", data={"contract_id": "²"},
                                files=[("files", ("a.pdf", b"%PDF-1.7\n", "application/pdf"))])
    assert upload.status_code == 422
    page = editor.client.get("/upload/status", params={"id": "²", "duplicate": "³"})
    assert page.status_code == 200
    assert editor.client.get("/upload", params={"contract_id": "²"}).status_code == 200
    assert editor.client.get("/", params={"page": "²"}).status_code == 200


@pytest.mark.parametrize("body", [
    {"end_date": "9999-12-31", "auto_renewal": True},
    {"signed_date": "0001-01-01"},
    {"notice_period": {"count": -3, "unit": "month"}},
    {"renewal_term": {"count": 0, "unit": "year"}},
    {"initial_term": {"count": 10**20, "unit": "day"}},
    {"extension_options": [{"count": -1, "unit": "year"}]},
])
def test_absurd_dates_and_durations_are_422(world: World, body: dict[str, object]) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/contracts", json={"title": "A", **body})
    assert response.status_code == 422, response.text


def test_timestamps_carry_their_utc_offset(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    contract = editor.client.post("/api/v1/contracts", json={"title": "A"}).json()
    for name in ("created_at", "updated_at"):
        parsed = dt.datetime.fromisoformat(contract[name])
        assert parsed.utcoffset() == dt.timedelta(0), contract[name]


@pytest.mark.parametrize(("path", "body"), [
    ("/api/v1/tokens", {"name": "ci\x00bot"}),
    ("/api/v1/contracts", {"title": "A\x00B"}),
    ("/api/v1/contracts", {"title": "A", "parties": [{"name": "Alfa\x00 AS", "role": "x"}]}),
])
def test_text_with_nul_is_422(world: World, path: str, body: dict[str, object]) -> None:
    # PostgreSQL text cannot hold NUL: storing it failed with a DataError (500).
    admin = world.make_user("admin@example.no", Role.ADMIN)
    assert admin.client.post(path, json=body).status_code == 422
