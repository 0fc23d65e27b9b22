"""Every `SearchIndex` adapter the conformance tests run on, as the fixtures `empty_index`
and `index` (the shared corpus loaded), made available to the folder by its conftest.

To add an adapter, add a factory to `ADAPTERS`: it receives the pytest `request` (for
server fixtures via `request.getfixturevalue`) and a fresh temporary directory, and returns
an empty index. Every conformance test then runs against it too.

Elasticsearch runs twice: on osmem-server (always; a clone of the session's server per
test) and on the real cluster in AVTALE_TEST_ES_URL (skipped when it is not set).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from search_api.elasticsearch.client import client_from_settings
from search_api.elasticsearch.index import ElasticsearchSearchIndex
from search_api.port import SearchIndex
from search_api.tantivy.index import TantivySearchIndex
from tests.search_api.corpus import CORPUS
from tests.search_api.elasticsearch_servers import (
    REAL_CLUSTER_ENV,
    osmem_client,
    real_cluster_settings,
)

AdapterFactory = Callable[[pytest.FixtureRequest, Path], SearchIndex]


def _osmem(request: pytest.FixtureRequest, tmp: Path) -> SearchIndex:
    return ElasticsearchSearchIndex(osmem_client(request.getfixturevalue("osmem_es_url")))


def _real_cluster(request: pytest.FixtureRequest, tmp: Path) -> SearchIndex:
    settings = real_cluster_settings()
    if settings is None:
        pytest.skip(f"no real Elasticsearch cluster: set {REAL_CLUSTER_ENV} to run these")
    client = client_from_settings(settings)
    index = ElasticsearchSearchIndex(client, prefix=settings.elasticsearch_index_prefix)
    request.addfinalizer(
        lambda: client.indices.delete(index=f"{index.alias}-*", ignore_unavailable=True)
    )
    return index


ADAPTERS: dict[str, AdapterFactory] = {
    "tantivy": lambda request, tmp: TantivySearchIndex(tmp / "tantivy-index"),
    "elasticsearch-osmem": _osmem,
    "elasticsearch-real": _real_cluster,
}


@pytest.fixture(params=sorted(ADAPTERS))
def empty_index(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SearchIndex]:
    index = ADAPTERS[request.param](request, tmp_path)
    yield index
    close = getattr(index, "close", None)
    if close is not None:
        close()


@pytest.fixture
def index(empty_index: SearchIndex) -> SearchIndex:
    empty_index.upsert(CORPUS)
    return empty_index


