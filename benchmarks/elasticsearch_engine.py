"""The Elasticsearch side of benchmarks/search_engine.py: osmem-server or a real cluster."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from elastic_transport import HttpHeaders, Urllib3HttpNode
from elastic_transport._node import NodeApiResponse

from core.settings import Settings
from search_api.elasticsearch.client import client_from_settings
from search_api.elasticsearch.index import ElasticsearchSearchIndex

_COMPAT = re.compile(r"application/vnd\.elasticsearch\+([a-z-]+); compatible-with=\d+")


class PlainMediaTypeNode(Urllib3HttpNode):
    """osmem-server refuses the client's compatibility media type (as in the tests' shim)."""

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


@contextmanager
def elasticsearch_index(
    url: str | None,
) -> Iterator[tuple[str, ElasticsearchSearchIndex, Callable[[], float | None]]]:
    """(engine label, an empty adapter, a function giving the index size in bytes)."""
    if url is None:
        from osmem_server import OsmemServer

        server = OsmemServer.start(japanese=False, addr="127.0.0.1:0")
        try:
            settings = Settings(elasticsearch_url=server.url, elasticsearch_request_timeout=120)
            client = client_from_settings(settings, node_class=PlainMediaTypeNode)
            index = ElasticsearchSearchIndex(client)
            yield "osmem-server", index, lambda: _store_size(index)
            index.close()
        finally:
            server.close()
        return
    prefix = f"avtale-bench-{uuid.uuid4().hex[:6]}"
    settings = Settings(elasticsearch_url=url, elasticsearch_index_prefix=prefix)
    index = ElasticsearchSearchIndex(client_from_settings(settings), prefix=prefix)
    try:
        yield "elasticsearch", index, lambda: _store_size(index)
    finally:
        index.client.indices.delete(index=f"{prefix}-contracts*", ignore_unavailable=True)
        index.close()


def _store_size(index: ElasticsearchSearchIndex) -> float | None:
    try:
        stats = index.client.indices.stats(index=index.alias, metric="store")
        return float(stats["_all"]["primaries"]["store"]["size_in_bytes"])
    except Exception:  # osmem-server keeps no store statistics
        return None
