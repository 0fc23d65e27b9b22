"""Elasticsearch endpoints for the tests: osmem-server always, a real cluster when given.

osmem-server (PyPI) speaks the OpenSearch API in memory. The elasticsearch-py 9 client sends
`application/vnd.elasticsearch+json; compatible-with=9`, which osmem-server refuses (406);
it accepts plain `application/json` and `application/x-ndjson`. The shim is a client
option: a transport node that sends the plain media types, on loopback only. Nothing else
about the requests changes, so the adapter under test is the production one.
"""

from __future__ import annotations

import os
import re
import uuid
from typing import Any

from elastic_transport import HttpHeaders, Urllib3HttpNode
from elastic_transport._node import NodeApiResponse
from elasticsearch import Elasticsearch

from core.settings import Settings
from search_api.elasticsearch.client import client_from_settings
from search_api.elasticsearch.index import ElasticsearchSearchIndex

REAL_CLUSTER_ENV = "AVTALE_TEST_ES_URL"
_COMPAT = re.compile(r"application/vnd\.elasticsearch\+([a-z-]+); compatible-with=\d+")


class PlainMediaTypeNode(Urllib3HttpNode):
    """Sends `application/json` where the client asks for its compatibility media type."""

    def perform_request(
        self,
        method: str,
        target: str,
        body: bytes | None = None,
        headers: HttpHeaders | None = None,
        **kwargs: Any,
    ) -> NodeApiResponse:
        if headers is not None:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers:
                    headers[name] = _COMPAT.sub(r"application/\1", headers[name])
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


def osmem_client(url: str) -> Elasticsearch:
    assert url.startswith(("http://127.0.0.1:", "http://localhost:")), url
    settings = Settings(elasticsearch_url=url, elasticsearch_request_timeout=10)
    return client_from_settings(settings, node_class=PlainMediaTypeNode)


def real_cluster_settings() -> Settings | None:
    """Settings for the cluster in AVTALE_TEST_ES_URL (with the usual AVTALE_ELASTICSEARCH_*
    credentials from the environment), or None."""
    url = os.environ.get(REAL_CLUSTER_ENV)
    if not url:
        return None
    return Settings(
        elasticsearch_url=url,
        elasticsearch_index_prefix=f"avtale-test-{uuid.uuid4().hex[:8]}",
    )


class Engine:
    """An Elasticsearch endpoint for one test: adapters on it share one index prefix."""

    def __init__(self, name: str, settings: Settings, node_class: type[Urllib3HttpNode] | None):
        self.name = name
        self.settings = settings
        self._node_class = node_class
        self._clients: list[Elasticsearch] = []

    def client(self) -> Elasticsearch:
        options: dict[str, Any] = {}
        if self._node_class is not None:
            options["node_class"] = self._node_class
        client = client_from_settings(self.settings, **options)
        self._clients.append(client)
        return client

    def index(self, **options: Any) -> ElasticsearchSearchIndex:
        """Adapters of one engine share the alias: one writes, another reads."""
        return ElasticsearchSearchIndex(
            self.client(), prefix=self.settings.elasticsearch_index_prefix, **options
        )

    def close(self) -> None:
        if self.name == "real" and self._clients:
            prefix = self.settings.elasticsearch_index_prefix
            self._clients[0].indices.delete(index=f"{prefix}-contracts*",
                                            ignore_unavailable=True)
        for client in self._clients:
            client.close()
