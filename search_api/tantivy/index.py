"""The embedded tantivy adapter of the `SearchIndex` port (the default search engine).

One writer per index directory (tantivy holds a lock file; a second writer, in this or
another process, fails with `SearchIndexBusyError`). The writer is opened lazily on the first
write, so read-only processes (the web server while a worker indexes) can open the same
directory and search it. Writes are committed and the reader reloaded before `upsert`,
`delete` and `clear` return, so this process sees them at once. A reader in another process
(a web process while the worker indexes) checks the index's `meta.json` before each search
and reloads when a commit has replaced it, so it never answers from before a commit that
has landed; tantivy's own on-commit reload comes only about half a second later, which let
two web processes give different answers to the same question.

Query model, filters, facets and highlights live in `query_language`, `tantivy.query`,
`tantivy.facets` and `tantivy.highlight`; this module wires them to the port.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import tantivy

from search_api.port import (
    IndexedContract,
    SearchHit,
    SearchQuery,
    SearchResult,
)
from search_api.query_language import parse_query
from search_api.tantivy.facets import compute_facets, empty_facets
from search_api.tantivy.highlight import Highlighter
from search_api.tantivy.query import QueryBuilder, combine
from search_api.tantivy.schema import (
    TEXT_ANALYZER,
    analyzers,
    build_schema,
    open_or_create_index,
    read_display,
    to_document,
)

DEFAULT_FACET_SIZE = 50
_SORT_FIELDS: dict[str, tuple[str, tantivy.Order]] = {
    "end_date": ("end_sort", tantivy.Order.Asc),
    "-end_date": ("end_sort", tantivy.Order.Desc),
    "value": ("value", tantivy.Order.Asc),
    "-value": ("value", tantivy.Order.Desc),
    "notice_deadline": ("notice_key", tantivy.Order.Asc),
    "spend_12m": ("spend_12m", tantivy.Order.Asc),
    "-spend_12m": ("spend_12m", tantivy.Order.Desc),
    "score": ("evaluation_score", tantivy.Order.Asc),
    "-score": ("evaluation_score", tantivy.Order.Desc),
}


class SearchIndexBusyError(RuntimeError):
    """Another writer (in this or another process) holds the index."""


class TantivySearchIndex:
    """`SearchIndex` on tantivy; `path=None` keeps the index in memory (tests)."""

    def __init__(
        self,
        path: Path | None,
        *,
        rebuild_on_schema_change: bool = False,
        writer_heap_bytes: int = 128_000_000,
        writer_threads: int = 0,
        facet_size: int = DEFAULT_FACET_SIZE,
    ) -> None:
        self._path = path
        self._schema = build_schema()
        self._analyzers = analyzers()
        self._analyzer = self._analyzers[TEXT_ANALYZER]
        self._index, self.created = open_or_create_index(
            self._schema, path, rebuild_on_schema_change=rebuild_on_schema_change
        )
        # Tokenizers are not persisted with the index: register on every open, before
        # the writer exists.
        for name, analyzer in self._analyzers.items():
            self._index.register_tokenizer(name, analyzer)
        self._queries = QueryBuilder(self._schema, self._analyzers)
        self._writer: tantivy.IndexWriter | None = None
        self._writer_heap_bytes = writer_heap_bytes
        self._writer_threads = writer_threads
        self._facet_size = facet_size
        self._write_lock = threading.Lock()
        self._seen_commit = self._commit_stamp()

    # --- writes ------------------------------------------------------------------------

    def upsert(self, contracts: Sequence[IndexedContract]) -> None:
        if not contracts:
            return
        latest = {c.contract_id: c for c in contracts}  # the last version of an id wins
        with self._write_lock:
            writer = self._get_writer()
            for contract_id, contract in latest.items():
                # Deletes apply to documents added before them, so the new version survives.
                writer.delete_documents_by_term("contract_id", contract_id)
                writer.add_document(to_document(contract))
            self._commit(writer)

    def delete(self, contract_ids: Sequence[int]) -> None:
        if not contract_ids:
            return
        with self._write_lock:
            writer = self._get_writer()
            for contract_id in set(contract_ids):
                writer.delete_documents_by_term("contract_id", contract_id)
            self._commit(writer)

    def clear(self) -> None:
        with self._write_lock:
            writer = self._get_writer()
            writer.delete_all_documents()
            self._commit(writer)

    def close(self) -> None:
        """Release the writer lock (waits for merges). Searching still works afterwards."""
        with self._write_lock:
            if self._writer is not None:
                self._writer.wait_merging_threads()
                self._writer = None

    def __enter__(self) -> TantivySearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _get_writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            try:
                self._writer = self._index.writer(self._writer_heap_bytes, self._writer_threads)
            except ValueError as exc:
                if "LockBusy" in str(exc) or "lock" in str(exc).lower():
                    raise SearchIndexBusyError(
                        f"The search index in {self._path} is being written by another "
                        "process (one writer at a time)."
                    ) from exc
                raise
        return self._writer

    def _commit(self, writer: tantivy.IndexWriter) -> None:
        try:
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        self._index.reload()
        self._seen_commit = self._commit_stamp()

    def _commit_stamp(self) -> tuple[int, int, int] | None:
        # tantivy replaces meta.json atomically on every commit (a new inode), so one stat
        # tells whether another process has committed since this one last reloaded.
        if self._path is None:
            return None
        try:
            meta = os.stat(self._path / "meta.json")
        except FileNotFoundError:
            return None
        return (meta.st_ino, meta.st_mtime_ns, meta.st_size)

    def _searcher(self) -> tantivy.Searcher:
        stamp = self._commit_stamp()
        if stamp != self._seen_commit:
            self._index.reload()
            self._seen_commit = stamp
        return self._index.searcher()

    # --- reads -------------------------------------------------------------------------

    def count(self) -> int:
        return int(self._searcher().num_docs)

    def search(self, query: SearchQuery, viewer_principals: frozenset[str]) -> SearchResult:
        parsed = parse_query(query.text)  # QuerySyntaxError before touching the index
        if not viewer_principals:
            return SearchResult(total=0, hits=[], facets=empty_facets())
        searcher = self._searcher()
        queries = self._queries.for_day(query.today)
        text_query = queries.text_query(parsed)
        filters = queries.filters(query, viewer_principals)
        main = combine(text_query, list(filters.values()))

        sort = _SORT_FIELDS.get(query.sort)
        offset = (query.page - 1) * query.page_size
        if sort is None:
            found = searcher.search(main, query.page_size, count=True, offset=offset)
        else:
            field, order = sort
            found = searcher.search(
                main,
                query.page_size,
                count=True,
                offset=offset,
                order_by_field=field,
                order=order,
            )
        highlighter = Highlighter(self._analyzers, self._schema, searcher, parsed)
        hits = [
            self._hit(
                searcher.doc(address),
                float(key) if sort is None else 0.0,
                query,
                highlighter if highlighter.active else None,
            )
            for key, address in found.hits
        ]
        facets = compute_facets(
            searcher,
            query,
            filters,
            lambda applied: combine(text_query, applied),
            self._facet_size,
        )
        # `count` exists at runtime (count=True) but is missing from tantivy's stub.
        total = int(getattr(found, "count", 0) or 0)
        return SearchResult(total=total, hits=hits, facets=facets)

    def fingerprints(self) -> dict[int, str]:
        searcher = self._searcher()
        size = int(searcher.num_docs) + 1
        # Ids and fingerprints from fast fields: no stored document (body) is read.
        request = {"ids": {
            "terms": {"field": "contract_id", "size": size, "segment_size": size},
            "aggs": {"fingerprint": {"terms": {"field": "fingerprint", "size": 2}}},
        }}
        found: dict[int, str] = {}
        buckets = searcher.aggregate(tantivy.Query.all_query(), request)["ids"]["buckets"]
        for bucket in buckets:
            inner = bucket["fingerprint"]["buckets"]
            # Two documents for one id would be drift too: no fingerprint matches then.
            found[int(bucket["key"])] = str(inner[0]["key"]) if len(inner) == 1 else ""
        return found

    def matching_ids(
        self, query: SearchQuery, viewer_principals: frozenset[str], limit: int
    ) -> list[int]:
        parsed = parse_query(query.text)
        if not viewer_principals or limit <= 0:
            return []
        searcher = self._searcher()
        queries = self._queries.for_day(query.today)
        filters = queries.filters(query, viewer_principals)
        main = combine(queries.text_query(parsed), list(filters.values()))
        # A terms aggregation on the id fast field: no stored document (body) is loaded.
        request = {"ids": {"terms": {"field": "contract_id", "size": limit,
                                     "segment_size": limit}}}
        buckets = searcher.aggregate(main, request).get("ids", {}).get("buckets", [])
        return [int(bucket["key"]) for bucket in buckets]

    def _hit(
        self,
        doc: tantivy.Document,
        score: float,
        query: SearchQuery,
        highlighter: Highlighter | None,
    ) -> SearchHit:
        display: dict[str, Any] = read_display(doc)
        end_date = _date(display.get("end_date"))
        return SearchHit(
            contract_id=int(doc.get_first("contract_id") or 0),
            title=doc.get_first("title") or "",
            score=score,
            supplier=doc.get_first("supplier"),
            category=doc.get_first("category"),
            end_date=end_date,
            next_renewal_date=_date(display.get("next_renewal_date")),
            notice_deadline=_date(display.get("notice_deadline")),
            value=display.get("value"),
            currency=display.get("currency"),
            status=doc.get_first("status") or "unknown",
            archived=bool(display.get("archived")),
            spend_12m=display.get("spend_12m"),
            spend_trend=display.get("spend_trend"),
            supplier_risk=doc.get_first("supplier_risk") or "unknown",
            evaluation_score=display.get("evaluation_score"),
            highlights=highlighter.highlights(doc) if highlighter else {},
        )


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None
