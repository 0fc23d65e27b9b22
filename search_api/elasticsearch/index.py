"""The Elasticsearch adapter of the `SearchIndex` port, for deployments that outgrow tantivy.

Any number of processes may write at once (Elasticsearch has no single-writer lock).
Documents live in versioned indices (`<prefix>-contracts-v<mapping>-<timestamp>`) behind the
alias `<prefix>-contracts`; every read and write goes through the alias. `clear` and
`rebuild_from` build a new index and move the alias in one atomic `_aliases` call, so a
search never sees half of two indices; `rebuild_from` fills the new index before the swap,
so searches go on against the old one meanwhile (no downtime).

Writes are bulk requests with retries (429 "too many requests" with back-off; timeouts and
connection errors by the client) that return once the writes are searchable
(`refresh=wait_for`), so `search` sees them.

Pages deeper than `max_offset` hits (Elasticsearch's `index.max_result_window`, 10,000 by
default) are reached with `search_after`, stepping over the earlier hits by their sort keys.

Mapping, queries, highlights and results live in the package's `mapping`, `query`,
`highlight` and `results` modules.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.helpers import BulkIndexError, streaming_bulk

from search_api.elasticsearch.highlight import HighlightMapper
from search_api.elasticsearch.mapping import MAPPING_VERSION, index_body, to_source
from search_api.elasticsearch.query import DEFAULT_FACET_SIZE, ids_body, search_body
from search_api.elasticsearch.results import empty_facets, to_result
from search_api.port import IndexedContract, SearchQuery, SearchResult
from search_api.query_language import ParsedQuery, parse_query

log = logging.getLogger(__name__)

MAX_RESULT_WINDOW = 10_000


class SearchIndexMappingError(RuntimeError):
    """The index behind the alias was built with another mapping; it must be rebuilt."""


FINGERPRINT_PAGE = 1000


class ElasticsearchSearchIndex:
    def __init__(
        self,
        client: Elasticsearch,
        *,
        prefix: str = "avtale",
        rebuild_on_mapping_change: bool = False,
        facet_size: int = DEFAULT_FACET_SIZE,
        max_offset: int = MAX_RESULT_WINDOW,
        bulk_chunk_size: int = 500,
        bulk_retries: int = 5,
        bulk_initial_backoff: float = 1.0,
        shards: int = 1,
        replicas: int = 0,
    ) -> None:
        self._client = client
        self.alias = f"{prefix}-contracts"
        self._rebuild_on_mapping_change = rebuild_on_mapping_change
        self._facet_size = facet_size
        self._max_offset = max_offset
        self._bulk_chunk_size = bulk_chunk_size
        self._bulk_retries = bulk_retries
        self._bulk_initial_backoff = bulk_initial_backoff
        self._shards = shards
        self._replicas = replicas
        self._ready = False
        self._lock = threading.Lock()

    # --- the alias and its versioned indices ----------------------------------------------

    def ensure_index(self) -> None:
        """Create the first versioned index and the alias, or check the existing mapping.

        Lazy (first read or write), so a web process starts while the cluster is still
        coming up. Two processes starting at once may both create an index: the older
        name wins and the other process deletes its own.
        """
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            current = self._aliased_indices()
            if not current:
                own = self._create_index()
                self._client.indices.update_aliases(
                    actions=[{"add": {"index": own, "alias": self.alias}}]
                )
                current = self._settle_first_index(own)
            self._check_mapping(current)
            self._ready = True

    def _settle_first_index(self, own: str) -> list[str]:
        """After a race of first starts the alias may name several new indices: every process
        keeps the oldest name, and removes only the index it created itself."""
        current = self._aliased_indices()
        if len(current) > 1 and own != current[0]:
            self._client.indices.update_aliases(
                actions=[{"remove": {"index": own, "alias": self.alias}}]
            )
            with contextlib.suppress(NotFoundError):
                self._client.indices.delete(index=own)
            current = [name for name in current if name != own]
        return current[:1] if own == current[0] else current

    def _check_mapping(self, indices: list[str]) -> None:
        versions = self._mapping_versions(indices)
        if set(versions) != set(indices):
            # An index vanished between two reads: another process swapped the alias.
            indices = self._aliased_indices()
            versions = self._mapping_versions(indices)
        outdated = {
            name: version for name, version in versions.items() if version != MAPPING_VERSION
        }
        if not outdated:
            return
        name, found = next(iter(outdated.items()))
        problem = f"mapping version {found}, this program needs {MAPPING_VERSION}"
        if not self._rebuild_on_mapping_change:
            raise SearchIndexMappingError(
                f"The Elasticsearch index {name} behind {self.alias} has {problem}. "
                "Rebuild it (`avtale index rebuild`)."
            )
        log.warning("%s has %s; starting a new, empty index", name, problem)
        new_index = self._create_index()
        # The web process and the workers all start after an upgrade: when another one has
        # swapped already, its index (perhaps being refilled) is kept and ours dropped.
        current = self._aliased_indices()
        if current and all(v == MAPPING_VERSION for v in self._mapping_versions(current).values()):
            self._client.indices.delete(index=new_index)
            return
        self._swap_to(new_index)

    def _mapping_versions(self, indices: list[str]) -> dict[str, Any]:
        if not indices:
            return {}
        mappings = self._client.indices.get_mapping(index=indices, ignore_unavailable=True)
        return {
            name: ((found.get("mappings") or {}).get("_meta") or {}).get("avtale_mapping_version")
            for name, found in mappings.body.items()
        }

    def _create_index(self) -> str:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S%f")
        name = f"{self.alias}-v{MAPPING_VERSION}-{stamp}"
        self._client.indices.create(index=name, **index_body(self._shards, self._replicas))
        return name

    def _aliased_indices(self) -> list[str]:
        try:
            found = self._client.indices.get_alias(name=self.alias)
        except NotFoundError:
            return []
        return sorted(found.body)

    def _swap_to(self, new_index: str) -> None:
        """Point the alias at `new_index` alone, atomically, then drop the old indices."""
        old = self._aliased_indices()
        actions: list[dict[str, Any]] = [{"remove": {"index": name, "alias": self.alias}}
                                         for name in old]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        self._client.indices.update_aliases(actions=actions)
        for name in old:
            with contextlib.suppress(NotFoundError):  # another process cleaned up first
                self._client.indices.delete(index=name)

    # --- writes ------------------------------------------------------------------------

    def upsert(self, contracts: Sequence[IndexedContract]) -> None:
        if not contracts:
            return
        self.ensure_index()
        self._bulk_index(self.alias, contracts)

    def _bulk_index(self, index: str, contracts: Iterable[IndexedContract]) -> None:
        latest = {c.contract_id: c for c in contracts}  # the last version of an id wins
        actions = (
            {
                "_op_type": "index",
                "_index": index,
                "_id": str(contract_id),
                "_source": to_source(contract),
            }
            for contract_id, contract in latest.items()
        )
        self._bulk(actions, ignore_status=())

    def delete(self, contract_ids: Sequence[int]) -> None:
        if not contract_ids:
            return
        self.ensure_index()
        actions = (
            {"_op_type": "delete", "_index": self.alias, "_id": str(contract_id)}
            for contract_id in sorted(set(contract_ids))
        )
        self._bulk(actions, ignore_status=(404,))  # unknown ids are ignored

    def _bulk(self, actions: Iterator[dict[str, Any]], ignore_status: tuple[int, ...]) -> None:
        """Send `actions` in chunks; items rejected with 429 are sent again with back-off.

        The helper retries rejected items only when it does not raise on them
        (`raise_on_error=False`), so failures that remain are collected and raised here:
        a write that never succeeded is never dropped silently.
        """
        failed: list[dict[str, Any]] = []
        for ok, item in streaming_bulk(
            self._client,
            actions,
            chunk_size=self._bulk_chunk_size,
            max_retries=self._bulk_retries,
            initial_backoff=self._bulk_initial_backoff,
            max_backoff=60,
            raise_on_error=False,
            yield_ok=False,
            # Returns once the writes are searchable, without forcing a refresh per request
            # (many workers writing would otherwise refresh the cluster constantly).
            refresh="wait_for",
        ):
            result: dict[str, Any] = next(iter(item.values()), {})
            if not ok and result.get("status") not in ignore_status:
                failed.append(item)
        if failed:
            raise BulkIndexError(f"{len(failed)} search index write(s) failed", failed)

    def clear(self) -> None:
        """An empty new index takes the alias; the old one is dropped."""
        self.ensure_index()
        self._swap_to(self._create_index())

    def rebuild_from(self, batches: Iterable[Sequence[IndexedContract]]) -> int:
        """Fill a new index from `batches`, then swap the alias to it (no downtime).

        Writes made to the old index meanwhile are not carried over: the outbox, drained
        after the swap, brings them in again.
        """
        self.ensure_index()
        new_index = self._create_index()
        count = 0
        try:
            for batch in batches:
                self._bulk_index(new_index, batch)
                count += len({c.contract_id for c in batch})
        except BaseException:
            self._client.indices.delete(index=new_index)
            raise
        self._swap_to(new_index)
        return count

    @property
    def client(self) -> Elasticsearch:
        """The client, for operations outside the port (statistics, clean-up in tests)."""
        return self._client

    def close(self) -> None:
        self._client.close()

    # --- reads -------------------------------------------------------------------------

    def count(self) -> int:
        self.ensure_index()
        return int(self._client.count(index=self.alias)["count"])

    def search(self, query: SearchQuery, viewer_principals: frozenset[str]) -> SearchResult:
        parsed = parse_query(query.text)  # QuerySyntaxError before touching the cluster
        if not viewer_principals:
            return SearchResult(total=0, hits=[], facets=empty_facets())
        self.ensure_index()
        offset = (query.page - 1) * query.page_size
        marks = HighlightMapper(parsed)
        if offset + query.page_size <= self._max_offset:
            body = search_body(
                query, parsed, viewer_principals, size=query.page_size, offset=offset,
                facet_size=self._facet_size,
            )
        else:
            after = self._position_after(query, parsed, viewer_principals, offset)
            body = search_body(
                query, parsed, viewer_principals, size=query.page_size if after else 0,
                search_after=after or None, facet_size=self._facet_size,
            )
        response = self._client.search(index=self.alias, **body)
        return to_result(response.body, query, marks)

    def fingerprints(self) -> dict[int, str]:
        self.ensure_index()
        found: dict[int, str] = {}
        after: list[Any] | None = None
        while True:  # every document, in id order, a page at a time
            body: dict[str, Any] = {
                "query": {"match_all": {}}, "size": FINGERPRINT_PAGE,
                "sort": [{"contract_id": {"order": "asc"}}],
                "_source": {"includes": ["contract_id", "fingerprint"]},
                "track_total_hits": False,
            }
            if after is not None:
                body["search_after"] = after
            hits = self._client.search(index=self.alias, **body)["hits"]["hits"]
            for hit in hits:
                source = hit.get("_source") or {}
                found[int(source["contract_id"])] = str(source.get("fingerprint") or "")
            if len(hits) < FINGERPRINT_PAGE:
                return found
            after = list(hits[-1]["sort"])

    def matching_ids(
        self, query: SearchQuery, viewer_principals: frozenset[str], limit: int
    ) -> list[int]:
        parsed = parse_query(query.text)
        if not viewer_principals or limit <= 0:
            return []
        self.ensure_index()
        body = ids_body(query, parsed, viewer_principals, limit)
        response = self._client.search(index=self.alias, **body)
        buckets = response.body.get("aggregations", {}).get("ids", {}).get("buckets", [])
        return [int(bucket["key"]) for bucket in buckets]

    def _position_after(
        self,
        query: SearchQuery,
        parsed: ParsedQuery,
        viewer_principals: frozenset[str],
        offset: int,
    ) -> list[Any]:
        """Sort keys of the hit just before `offset`, or [] when there are fewer hits."""
        after: list[Any] | None = None
        remaining = offset
        while remaining > 0:
            step = min(remaining, self._max_offset)
            body = search_body(
                query, parsed, viewer_principals, size=step, search_after=after,
                with_facets=False,
            )
            body["_source"] = False
            body.pop("highlight", None)
            body["track_total_hits"] = False
            hits = self._client.search(index=self.alias, **body)["hits"]["hits"]
            if len(hits) < step:
                return []
            after = list(hits[-1]["sort"])
            remaining -= step
        return after or []
