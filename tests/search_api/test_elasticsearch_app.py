"""The whole app on Elasticsearch (osmem-server): contracts made over HTTP reach the index
through the outbox, the search endpoint answers from it, and `rebuild` (which clears, then
refills) leaves the same answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from conftest import Actor, World
from fastapi.testclient import TestClient

from avtale.app import create_app
from avtale.runtime import Runtime
from core.models import Role
from core.settings import Settings
from search_api.elasticsearch.index import ElasticsearchSearchIndex
from search_api.service import rebuild
from tests.search_api.elasticsearch_servers import osmem_client


@pytest.fixture
def es_world(settings: Settings, osmem_es_url: str) -> Iterator[World]:
    runtime = Runtime.build(settings)
    close_embedded = getattr(runtime.search_index, "close", None)
    if close_embedded is not None:
        close_embedded()
    # The runtime's own client would send the media type osmem-server refuses: same adapter,
    # with the tests' shim.
    runtime.search_index = ElasticsearchSearchIndex(osmem_client(osmem_es_url))
    with TestClient(create_app(runtime=runtime)) as client:
        yield World(runtime=runtime, app_client=client)
    runtime.close()


def _contract(actor: Actor, **fields: object) -> int:
    response = actor.client.post("/api/v1/contracts", json=fields)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _titles(actor: Actor, **params: object) -> list[str]:
    response = actor.client.get("/api/v1/search", params=params)
    assert response.status_code == 200, response.text
    return sorted(hit["title"] for hit in response.json()["hits"])


def test_the_app_searches_elasticsearch(es_world: World) -> None:
    owner = es_world.make_user("owner@example.no", Role.EDITOR)
    viewer = es_world.make_user("viewer@example.no", Role.VIEWER)
    soon = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    _contract(owner, title="Rammeavtale om renhold", supplier_name="Renhold Vest AS",
              category_path="Facilities", end_date=soon)
    _contract(owner, title="Software licence agreements", supplier_name="Acme Software Inc.",
              category_path="IT")
    secret = _contract(owner, title="Secret cleaning merger", visibility="restricted")
    es_world.wait_idle()

    assert _titles(viewer) == ["Rammeavtale om renhold", "Software licence agreements"]
    assert _titles(viewer, q="agreement") == ["Software licence agreements"]  # stemmed
    assert _titles(viewer, q="renhold", status="expiring") == ["Rammeavtale om renhold"]
    found = viewer.client.get("/api/v1/search", params={"q": "renhold"}).json()
    assert found["hits"][0]["highlights"]["title"] == ["Rammeavtale om <mark>renhold</mark>"]
    assert {f["value"]: f["count"] for f in found["facets"]["supplier"]} == {
        "Renhold Vest AS": 1
    }
    assert _titles(owner, q="secret") == ["Secret cleaning merger"]
    assert _titles(viewer, q="secret") == []

    owner.client.patch(f"/api/v1/contracts/{secret}", json={"visibility": "organisation"})
    es_world.wait_idle()
    assert _titles(viewer, q="secret") == ["Secret cleaning merger"]

    index = es_world.runtime.search_index
    assert rebuild(es_world.runtime.database, index) == 3
    assert index.count() == 3
    assert _titles(viewer, q="cleaning OR renhold") == [
        "Rammeavtale om renhold", "Secret cleaning merger"
    ]
