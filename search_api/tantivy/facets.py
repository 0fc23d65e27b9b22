"""Facet counts through tantivy's (Elasticsearch-shaped) aggregation API.

Disjunctive faceting: each facet is counted over the visible, filtered set *without that
facet's own filter*, so a user who picked supplier A still sees how many contracts
suppliers B and C have (and can widen the selection). Every other filter applies, and the
permission filter always applies: a facet never counts a contract the viewer cannot see.
The end_date facet leaves out the expires_from/expires_to filter, the status facet the
status filter, the supplier_risk facet the risk filter. Facets whose own filter is not set
share one aggregation request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import tantivy

from search_api.port import (
    CONTRACT_STATUSES,
    END_DATE_BUCKETS,
    RISK_LEVELS,
    FacetValue,
    SearchQuery,
)
from search_api.tantivy.query import CATEGORY, EXPIRES, RISK, STATUS, SUPPLIER
from search_api.tantivy.schema import NO_END_DATE

# Which filter each facet ignores.
FACET_OWN_FILTER: dict[str, str] = {
    "supplier": SUPPLIER,
    "category": CATEGORY,
    "status": STATUS,
    "end_date": EXPIRES,
    "supplier_risk": RISK,
}
STATUS_ORDER: tuple[str, ...] = CONTRACT_STATUSES
# tantivy counts terms per segment, keeps the top `segment_size` and merges: with more
# distinct values than this in one segment, counts could be under-estimated. Suppliers and
# categories number in the hundreds or low thousands, so this keeps the counts exact.
_TERMS_SEGMENT_SIZE = 10_000


def facet_aggregations(query: SearchQuery, facet_size: int) -> dict[str, dict[str, Any]]:
    return {
        "supplier": _terms("supplier", facet_size),
        "category": _terms("category", facet_size),
        "status": _terms("status", len(STATUS_ORDER)),
        "end_date": {"range": {"field": "end_key", "ranges": _end_date_ranges(query.today)}},
        "supplier_risk": _terms("supplier_risk", len(RISK_LEVELS)),
    }


def compute_facets(
    searcher: tantivy.Searcher,
    query: SearchQuery,
    filters: Mapping[str, tantivy.Query],
    build: Callable[[list[tantivy.Query]], tantivy.Query],
    facet_size: int,
) -> dict[str, list[FacetValue]]:
    """Run the facet aggregations, one request per distinct set of applied filters.

    `build` turns a list of filters into the final query (text query AND filters).
    """
    aggs = facet_aggregations(query, facet_size)
    groups: dict[str | None, list[str]] = {}
    for facet, own in FACET_OWN_FILTER.items():
        groups.setdefault(own if own in filters else None, []).append(facet)
    raw: dict[str, Any] = {}
    for left_out, facets in groups.items():
        applied = [q for name, q in filters.items() if name != left_out]
        request = {facet: aggs[facet] for facet in facets}
        raw.update(searcher.aggregate(build(applied), request))
    return {
        "supplier": _terms_values(raw.get("supplier"), query.suppliers),
        "category": _terms_values(raw.get("category"), query.categories),
        "status": _range_values(raw.get("status"), STATUS_ORDER),  # zeros included
        "end_date": _range_values(raw.get("end_date"), [key for key, _, _ in END_DATE_BUCKETS]),
        "supplier_risk": _range_values(raw.get("supplier_risk"), RISK_LEVELS),
    }


def empty_facets() -> dict[str, list[FacetValue]]:
    return {
        "supplier": [],
        "category": [],
        "status": [FacetValue(value=key, count=0) for key in STATUS_ORDER],
        "end_date": [FacetValue(value=key, count=0) for key, _, _ in END_DATE_BUCKETS],
        "supplier_risk": [FacetValue(value=key, count=0) for key in RISK_LEVELS],
    }


def _terms(field: str, size: int) -> dict[str, Any]:
    return {
        "terms": {
            "field": field,
            "size": size,
            "segment_size": max(_TERMS_SEGMENT_SIZE, size),
        }
    }


def _range(key: str, start: int | None, stop: int | None) -> dict[str, Any]:
    bucket: dict[str, Any] = {"key": key}
    if start is not None:
        bucket["from"] = start
    if stop is not None:
        bucket["to"] = stop
    return bucket


def _end_date_ranges(today: dt.date) -> list[dict[str, Any]]:
    base = today.toordinal()
    buckets = []
    for key, start, stop in END_DATE_BUCKETS:
        if start is None and stop is None:  # "none": the sentinel
            buckets.append(_range(key, NO_END_DATE, None))
            continue
        buckets.append(
            _range(
                key,
                base + start if start is not None else None,
                base + stop if stop is not None else NO_END_DATE,
            )
        )
    return buckets


def _terms_values(raw: Any, selected: list[str]) -> list[FacetValue]:
    counts: dict[str, int] = {}
    for bucket in (raw or {}).get("buckets", []):
        counts[str(bucket["key"])] = int(bucket["doc_count"])
    # A selected value stays visible (count 0) so the user can still un-tick it.
    for value in selected:
        counts.setdefault(value, 0)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [FacetValue(value=value, count=count) for value, count in ordered]


def _range_values(raw: Any, keys: Any) -> list[FacetValue]:
    counts = {str(b["key"]): int(b["doc_count"]) for b in (raw or {}).get("buckets", [])}
    return [FacetValue(value=key, count=counts.get(key, 0)) for key in keys]
