"""Search engines for the search tests: an osmem-server for the session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from osmem_server import OsmemServer

from core.settings import Settings
from tests.search_api.adapters import empty_index, index  # noqa: F401 (fixtures)
from tests.search_api.elasticsearch_servers import (
    REAL_CLUSTER_ENV,
    Engine,
    PlainMediaTypeNode,
    real_cluster_settings,
)


@pytest.fixture(scope="session")
def osmem() -> Iterator[OsmemServer]:
    """One in-memory server on a free loopback port; each test takes a clone of it."""
    server = OsmemServer.start(freeze=True, japanese=False, addr="127.0.0.1:0")
    yield server
    server.close()


@pytest.fixture
def osmem_es_url(osmem: OsmemServer) -> Iterator[str]:
    clone = osmem.clone()
    yield clone.url
    clone.close()


@pytest.fixture(params=["osmem", "real"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """Elasticsearch for adapter-specific tests: osmem-server, and the real cluster if set."""
    if request.param == "osmem":
        url = request.getfixturevalue("osmem_es_url")
        found = Engine("osmem", Settings(elasticsearch_url=url), PlainMediaTypeNode)
    else:
        settings = real_cluster_settings()
        if settings is None:
            pytest.skip(f"no real Elasticsearch cluster: set {REAL_CLUSTER_ENV} to run these")
        found = Engine("real", settings, None)
    yield found
    found.close()
