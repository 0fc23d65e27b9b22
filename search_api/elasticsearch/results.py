"""An Elasticsearch search response read back into the port's `SearchResult`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from search_api.elasticsearch.highlight import HighlightMapper
from search_api.port import (
    CONTRACT_STATUSES,
    END_DATE_BUCKETS,
    RISK_LEVELS,
    FacetValue,
    SearchHit,
    SearchQuery,
    SearchResult,
)


def to_result(
    response: Mapping[str, Any], query: SearchQuery, marks: HighlightMapper | None
) -> SearchResult:
    hits = response.get("hits") or {}
    return SearchResult(
        total=int((hits.get("total") or {}).get("value", 0)),
        hits=[to_hit(hit, marks) for hit in hits.get("hits") or []],
        facets=to_facets(response.get("aggregations") or {}, query),
    )


def to_hit(hit: Mapping[str, Any], marks: HighlightMapper | None) -> SearchHit:
    source: Mapping[str, Any] = hit.get("_source") or {}
    value = source.get("value")
    spend: Mapping[str, Any] = source.get("spend") or {}
    return SearchHit(
        contract_id=int(source["contract_id"]),
        title=str(source.get("title") or ""),
        # Sorted by a field, Elasticsearch does not score (null): as on tantivy, 0.
        score=float(hit.get("_score") or 0.0),
        supplier=source.get("supplier"),
        category=source.get("category"),
        end_date=_date(source.get("end_date")),
        next_renewal_date=_date(source.get("next_renewal_date")),
        notice_deadline=_date(source.get("notice_deadline")),
        value=float(value) if value is not None else None,
        currency=source.get("currency"),
        status=source.get("status") or "unknown",
        archived=bool(source.get("archived")),
        spend_12m=_number(spend.get("last_12_months")),
        spend_trend=_number(spend.get("trend")),
        supplier_risk=source.get("supplier_risk") or "unknown",
        evaluation_score=_number(source.get("evaluation_score")),
        highlights=marks.highlights(hit) if marks is not None else {},
    )


def to_facets(aggregations: Mapping[str, Any], query: SearchQuery) -> dict[str, list[FacetValue]]:
    def inner(name: str) -> Mapping[str, Any]:
        return (aggregations.get(name) or {}).get("values") or {}

    end_buckets = inner("end_date").get("buckets") or {}
    return {
        "supplier": _terms(inner("supplier"), query.suppliers),
        "category": _terms(inner("category"), query.categories),
        "status": _counts(
            {str(b["key"]): int(b["doc_count"]) for b in inner("status").get("buckets") or []},
            CONTRACT_STATUSES,
        ),
        "end_date": _counts(
            {str(key): int(b["doc_count"]) for key, b in dict(end_buckets).items()},
            [key for key, _, _ in END_DATE_BUCKETS],
        ),
        "supplier_risk": _counts(
            {str(b["key"]): int(b["doc_count"])
             for b in inner("supplier_risk").get("buckets") or []},
            RISK_LEVELS,
        ),
    }


def empty_facets() -> dict[str, list[FacetValue]]:
    return to_facets({}, SearchQuery(today=dt.date.today()))


def _terms(raw: Mapping[str, Any], selected: list[str]) -> list[FacetValue]:
    counts = {str(b["key"]): int(b["doc_count"]) for b in raw.get("buckets") or []}
    # A selected value stays visible (count 0) so the user can still un-tick it.
    for value in selected:
        counts.setdefault(value, 0)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [FacetValue(value=value, count=count) for value, count in ordered]


def _counts(counts: Mapping[str, int], keys: Any) -> list[FacetValue]:
    return [FacetValue(value=key, count=counts.get(key, 0)) for key in keys]


def _number(value: Any) -> float | None:
    return float(value) if value is not None else None


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None
