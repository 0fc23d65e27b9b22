"""Search engines for the search tests: an osmem-server for the session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from osmem_server import OsmemServer


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
