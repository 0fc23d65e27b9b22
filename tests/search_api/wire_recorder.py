"""Recording the requests an Elasticsearch client sends, on the wire (for request tests)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from elastic_transport import HttpHeaders
from elastic_transport._node import NodeApiResponse

from core.settings import Settings
from search_api.elasticsearch.client import client_from_settings
from search_api.elasticsearch.index import ElasticsearchSearchIndex
from tests.search_api.elasticsearch_servers import PlainMediaTypeNode


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: Any


class Recorder:
    def __init__(self) -> None:
        self.requests: list[Request] = []

    def node_class(self) -> type[PlainMediaTypeNode]:
        recorder = self

        class RecordingNode(PlainMediaTypeNode):
            def perform_request(
                self,
                method: str,
                target: str,
                body: bytes | None = None,
                headers: HttpHeaders | None = None,
                **kwargs: Any,
            ) -> NodeApiResponse:
                recorder.requests.append(Request(method, target, _decode(body)))
                return super().perform_request(method, target, body, headers, **kwargs)

        return RecordingNode

    def adapter(self, url: str, **options: Any) -> ElasticsearchSearchIndex:
        """An adapter on osmem-server at `url` whose every request is recorded."""
        client = client_from_settings(
            Settings(elasticsearch_url=url), node_class=self.node_class()
        )
        return ElasticsearchSearchIndex(client, **options)

    def matching(self, method: str, path_pattern: str) -> list[Request]:
        return [
            r for r in self.requests
            if r.method == method and re.fullmatch(path_pattern, r.path)
        ]


def _decode(body: bytes | None) -> Any:
    if not body:
        return None
    text = body.decode()
    lines = [line for line in text.split("\n") if line]
    if len(lines) > 1:  # NDJSON (bulk)
        return [json.loads(line) for line in lines]
    return json.loads(text)
