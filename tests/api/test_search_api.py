"""GET /api/v1/search over HTTP: filters, facets and permissions on contracts made by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import Actor, World

from core.models import Role


def _contract(actor: Actor, **fields: object) -> int:
    response = actor.client.post("/api/v1/contracts", json=fields)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


@pytest.fixture
def people(world: World) -> dict[str, Actor]:
    return {
        "owner": world.make_user("owner@example.no", Role.EDITOR),
        "viewer": world.make_user("viewer@example.no", Role.VIEWER),
    }


def test_search_filters_facets_and_permissions(world: World, people: dict[str, Actor]) -> None:
    owner, viewer = people["owner"], people["viewer"]
    soon = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    later = (dt.date.today() + dt.timedelta(days=800)).isoformat()
    past = (dt.date.today() - dt.timedelta(days=10)).isoformat()
    _contract(owner, title="Cleaning services Oslo", supplier_name="Renhold Vest AS",
              category_path="Facilities", end_date=soon, value_amount="100000",
              value_currency="NOK")
    _contract(owner, title="Software licence", supplier_name="Acme Software Inc.",
              category_path="IT", end_date=later, value_amount="5000000",
              value_currency="NOK")
    _contract(owner, title="Old cleaning deal", supplier_name="Renhold Vest AS",
              category_path="Facilities", end_date=past)
    _contract(owner, title="Secret cleaning merger", supplier_name="Hidden Partner AS",
              category_path="Facilities", visibility="restricted")
    world.wait_idle()

    everything = owner.client.get("/api/v1/search").json()
    assert everything["total"] == 4
    seen = viewer.client.get("/api/v1/search", params={"q": "cleaning"}).json()
    assert seen["total"] == 2
    assert all("Secret" not in h["title"] for h in seen["hits"])
    suppliers = {f["value"]: f["count"] for f in seen["facets"]["supplier"]}
    assert "Hidden Partner AS" not in suppliers
    assert suppliers["Renhold Vest AS"] == 2
    statuses = {f["value"]: f["count"] for f in seen["facets"]["status"]}
    assert statuses == {"active": 0, "expiring": 1, "expired": 1, "unknown": 0}

    expiring = viewer.client.get("/api/v1/search", params={"status": "expiring"}).json()
    assert [h["title"] for h in expiring["hits"]] == ["Cleaning services Oslo"]
    by_supplier = viewer.client.get(
        "/api/v1/search", params={"supplier": "Acme Software Inc."}).json()
    assert [h["title"] for h in by_supplier["hits"]] == ["Software licence"]
    by_value = viewer.client.get("/api/v1/search", params={"value_min": 1_000_000}).json()
    assert [h["title"] for h in by_value["hits"]] == ["Software licence"]
    by_end = viewer.client.get("/api/v1/search", params={"sort": "end_date"}).json()
    assert [h["title"] for h in by_end["hits"]][:2] == ["Old cleaning deal",
                                                       "Cleaning services Oslo"]


def test_each_request_sees_its_own_users_contracts(
    world: World, people: dict[str, Actor]
) -> None:
    """The search endpoint looks its user up itself, in the one thread it runs in: requests
    of two users in turn, and a token revoked between two of them, each get their own
    answer (nothing of one request's user is kept for the next)."""
    owner, viewer = people["owner"], people["viewer"]
    _contract(owner, title="Open cleaning deal")
    _contract(owner, title="Closed cleaning deal", visibility="restricted")
    world.wait_idle()
    for _ in range(3):
        assert owner.client.get("/api/v1/search", params={"q": "cleaning"}).json()["total"] == 2
        seen = viewer.client.get("/api/v1/search", params={"q": "cleaning"}).json()
        assert [hit["title"] for hit in seen["hits"]] == ["Open cleaning deal"]
        assert seen["facets"]["status"] == [
            {"value": value, "count": int(value == "unknown")}
            for value in ("active", "expiring", "expired", "unknown")]
    tokens = viewer.client.get("/api/v1/tokens").json()
    assert viewer.client.delete(f"/api/v1/tokens/{tokens[0]['id']}").status_code == 204
    revoked = viewer.client.get("/api/v1/search", params={"q": "cleaning"})
    assert revoked.status_code == 401
    assert "Open cleaning deal" not in revoked.text


def test_edits_reach_the_index(world: World, people: dict[str, Actor]) -> None:
    owner, viewer = people["owner"], people["viewer"]
    contract_id = _contract(owner, title="Catering framework")
    world.wait_idle()
    assert viewer.client.get("/api/v1/search", params={"q": "catering"}).json()["total"] == 1
    owner.client.patch(f"/api/v1/contracts/{contract_id}", json={"visibility": "restricted"})
    world.wait_idle()
    assert viewer.client.get("/api/v1/search", params={"q": "catering"}).json()["total"] == 0
    assert owner.client.get("/api/v1/search", params={"q": "catering"}).json()["total"] == 1


@pytest.mark.parametrize("query", [
    '"unbalanced', "title:", "AND OR", "x" * 3000, "\x00\x01", ")(", "-", "body:(*",
])
def test_hostile_queries_get_a_4xx_never_a_500(world: World, query: str) -> None:
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    response = viewer.client.get("/api/v1/search", params={"q": query})
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert "detail" in response.json()


def test_bad_filter_values_are_4xx(world: World) -> None:
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    for params in ({"status": "bogus"}, {"expires_from": "not-a-date"}, {"page": 0},
                   {"expires_from": "2025-01-02", "expires_to": "2025-01-01"},
                   {"sort": "drop table"}):
        response = viewer.client.get("/api/v1/search", params=params)
        assert 400 <= response.status_code < 500, params
