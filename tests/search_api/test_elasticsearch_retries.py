"""Bulk writes under pressure: a loopback proxy in front of osmem-server rejects bulk items
with 429 (a full write queue, as a busy cluster does), and the adapter retries them."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from elasticsearch.helpers import BulkIndexError

from core.settings import Settings
from search_api.elasticsearch.client import client_from_settings
from search_api.elasticsearch.index import ElasticsearchSearchIndex
from tests.search_api.corpus import CORPUS
from tests.search_api.elasticsearch_servers import PlainMediaTypeNode


class RejectingProxy:
    """Forwards to `upstream`; answers the first `reject` bulk requests with every item 429."""

    def __init__(self, upstream: str, reject: int) -> None:
        self.upstream = upstream
        self.reject = reject
        self.bulk_requests = 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/_bulk"):
                    proxy.bulk_requests += 1
                    if proxy.bulk_requests <= proxy.reject:
                        self._reply(200, _rejected(body))
                        return
                request = urllib.request.Request(
                    proxy.upstream + self.path, data=body or None, method=self.command,
                    headers={"Content-Type": self.headers.get("Content-Type") or
                             "application/json"},
                )
                try:
                    with urllib.request.urlopen(request, timeout=10) as response:
                        self._reply(response.status, response.read())
                except urllib.error.HTTPError as error:
                    self._reply(error.code, error.read())

            def _reply(self, status: int, payload: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            # http.server dispatches on these names.
            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _rejected(ndjson: bytes) -> bytes:
    lines = [json.loads(line) for line in ndjson.splitlines() if line.strip()]
    items = []
    for line in lines:
        if len(line) == 1 and next(iter(line)) in ("index", "delete", "create", "update"):
            op, meta = next(iter(line.items()))
            items.append({op: {**meta, "status": 429, "error": {
                "type": "es_rejected_execution_exception", "reason": "write queue is full"}}})
    return json.dumps({"took": 1, "errors": True, "items": items}).encode()


@pytest.fixture
def proxy_for(osmem_es_url: str) -> Iterator[Any]:
    proxies: list[RejectingProxy] = []

    def make(reject: int) -> ElasticsearchSearchIndex:
        proxy = RejectingProxy(osmem_es_url, reject)
        proxies.append(proxy)
        client = client_from_settings(Settings(elasticsearch_url=proxy.url),
                                      node_class=PlainMediaTypeNode)
        return ElasticsearchSearchIndex(client, bulk_retries=3, bulk_initial_backoff=0.01)

    yield make
    for proxy in proxies:
        proxy.close()


def test_rejected_bulk_items_are_retried(proxy_for: Any) -> None:
    index = proxy_for(2)
    index.upsert(CORPUS)
    assert index.count() == len(CORPUS)
    index.delete([1, 2])
    assert index.count() == len(CORPUS) - 2


def test_a_write_that_stays_rejected_raises_instead_of_losing_it(proxy_for: Any) -> None:
    index = proxy_for(100)
    with pytest.raises(BulkIndexError):
        index.upsert(CORPUS[:2])
    assert index.count() == 0
