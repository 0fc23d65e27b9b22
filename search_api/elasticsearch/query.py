"""Translate a `SearchQuery` and its parsed text into the body of an Elasticsearch search.

The user's text never reaches Elasticsearch's query-string parser: every clause of the
parsed query becomes a `match_phrase` (a word is a one-word phrase, so "e-mail" needs its
words together, as on tantivy) or a `match_bool_prefix` built here, analysed by the index's
own analyzers, so no input can inject query syntax.

Filters come in two kinds. The permission, archive, id, notice, value, spend and score
filters apply to everything (hits, totals, facets) and go into the query. The facet filters
(supplier, category, status, expiry, supplier risk) go into `post_filter`, so hits and
total obey them, while each facet's aggregation is wrapped in a `filter` aggregation with
every facet filter except its own: disjunctive faceting, as on tantivy.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from search_api.elasticsearch.mapping import MARK_END, MARK_START, STEMMED_SUBFIELDS
from search_api.port import CONTRACT_STATUSES, END_DATE_BUCKETS, RISK_LEVELS, SearchQuery
from search_api.query_model import (
    Clause,
    DateRange,
    Group,
    ParsedQuery,
    RiskIs,
    StatusIs,
    Term,
    TextClause,
    ValueRange,
)

# Relevance: a hit in the title or a party name says more than one in the body; an exact
# (folded) form more than a stemmed one.
FIELD_BOOSTS: dict[str, float] = {"title": 3.0, "parties": 2.0, "body": 1.0}
STEMMED_WEIGHT = 0.5
_MODEL_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "party": ("parties",),
    "body": ("body",),
    "supplier": ("supplier.text",),
    "category": ("category.text",),
    "law": ("governing_law",),
}
# The document field of each number the query language filters on.
NUMBER_FIELDS: dict[str, str] = {
    "value": "value", "spend": "spend.last_12_months", "score": "evaluation_score",
}
# Every fuzzy word may stand for this many index terms (Elasticsearch's default is 50,
# tantivy has no limit: more keeps the two engines' answers the same).
FUZZY_EXPANSIONS = 1000
ALL_TEXT_FIELDS: tuple[str, ...] = ("title", "parties", "body")
_TIE_BREAKER = 0.2
BODY_FRAGMENT_CHARS = 200
DEFAULT_FACET_SIZE = 50

# Facet name -> the filter it leaves out of its own counts.
FACET_FILTERS: tuple[str, ...] = ("supplier", "category", "status", "end_date", "supplier_risk")
SOURCE_FIELDS: list[str] = [
    "contract_id",
    "title",
    "parties",
    "supplier",
    "category",
    "status",
    "end_date",
    "next_renewal_date",
    "notice_deadline",
    "value",
    "currency",
    "archived",
    "spend.last_12_months",
    "spend.trend",
    "supplier_risk",
    "evaluation_score",
    "display",
]
_ASC_MISSING_LAST = {"order": "asc", "missing": "_last"}
_DESC_MISSING_LAST = {"order": "desc", "missing": "_last"}
SORTS: dict[str, list[dict[str, Any]]] = {
    "relevance": [{"_score": {"order": "desc"}}],
    "end_date": [{"effective_end": _ASC_MISSING_LAST}],
    "-end_date": [{"effective_end": _DESC_MISSING_LAST}],
    "value": [{"value": _ASC_MISSING_LAST}],
    "-value": [{"value": _DESC_MISSING_LAST}],
    "notice_deadline": [{"notice_deadline": _ASC_MISSING_LAST}],
    "spend_12m": [{"spend.last_12_months": _ASC_MISSING_LAST}],
    "-spend_12m": [{"spend.last_12_months": _DESC_MISSING_LAST}],
    "score": [{"evaluation_score": _ASC_MISSING_LAST}],
    "-score": [{"evaluation_score": _DESC_MISSING_LAST}],
}
# Every sort ends on the id: pages never overlap and `search_after` has a unique position.
_TIE = {"contract_id": {"order": "asc"}}


# --- full text -------------------------------------------------------------------------


def clause_fields(clause: TextClause) -> tuple[str, ...]:
    return _MODEL_FIELDS[clause.field] if clause.field else ALL_TEXT_FIELDS


def clause_query(clause: Clause, today: dt.date) -> dict[str, Any]:
    if isinstance(clause, Group):
        must, must_not = text_query(clause.query, today)
        return {"bool": {"must": must, "must_not": must_not}}
    if isinstance(clause, StatusIs):
        return _unscored({"term": {"status": clause.status}})
    if isinstance(clause, RiskIs):
        return _unscored({"term": {"supplier_risk": clause.level}})
    if isinstance(clause, DateRange):
        first, last = clause.days(today)
        field = "effective_end" if clause.field == "expires" else "notice_deadline"
        return _unscored(_date_range(field, first, last))
    if isinstance(clause, ValueRange):
        bounds: dict[str, Any] = {}
        if clause.low is not None:
            bounds["gte" if clause.low_inclusive else "gt"] = clause.low
        if clause.high is not None:
            bounds["lte" if clause.high_inclusive else "lt"] = clause.high
        return _unscored({"range": {NUMBER_FIELDS[clause.field]: bounds}})
    return text_clause_query(clause)


def _unscored(query: dict[str, Any]) -> dict[str, Any]:
    """A filter inside the text query: it decides matches, never the ranking."""
    return {"constant_score": {"filter": query, "boost": 0.0}}


def text_clause_query(clause: TextClause) -> dict[str, Any]:
    per_field: list[dict[str, Any]] = []
    for field in clause_fields(clause):
        boost = FIELD_BOOSTS.get(field, 1.0)
        if isinstance(clause, Term) and clause.fuzzy:
            per_field.append(
                {"match": {field: {"query": clause.text, "fuzziness": clause.fuzzy,
                                   "max_expansions": FUZZY_EXPANSIONS,
                                   "operator": "and", "boost": boost}}}
            )
            continue
        if isinstance(clause, Term) and clause.prefix:
            # Prefixes are matched on folded words only: a stem is not a word a user types.
            per_field.append(
                {"match_bool_prefix": {field: {"query": clause.text, "operator": "and",
                                                "boost": boost}}}
            )
            continue
        per_field.append({"match_phrase": {field: {"query": clause.text, "boost": boost}}})
        if field not in ALL_TEXT_FIELDS:
            continue  # supplier, category and law are names: never stemmed
        for sub in STEMMED_SUBFIELDS:
            per_field.append(
                {"match_phrase": {f"{field}.{sub}": {"query": clause.text,
                                                     "boost": boost * STEMMED_WEIGHT}}}
            )
    if len(per_field) == 1:
        return per_field[0]
    return {"dis_max": {"queries": per_field, "tie_breaker": _TIE_BREAKER}}


def text_query(
    parsed: ParsedQuery, today: dt.date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(must, must_not) clauses of the scoring part; both empty means every contract."""
    must: list[dict[str, Any]] = []
    for group in parsed.required:
        alternatives = [clause_query(c, today) for c in group.clauses]
        if len(alternatives) == 1:
            must.append(alternatives[0])
        else:
            must.append({"bool": {"should": alternatives, "minimum_should_match": 1}})
    must_not = [clause_query(c, today) for c in parsed.excluded]
    return must, must_not


# --- filters -----------------------------------------------------------------------------


def base_filters(query: SearchQuery, viewer_principals: frozenset[str]) -> list[dict[str, Any]]:
    """Filters every count obeys, the permission filter first."""
    found: list[dict[str, Any]] = [{"terms": {"principals": sorted(viewer_principals)}}]
    if not query.include_archived:
        found.append({"term": {"archived": False}})
    if query.contract_ids is not None:
        ids = sorted(set(query.contract_ids))
        found.append({"terms": {"contract_id": ids}} if ids else {"match_none": {}})
    if query.notice_from or query.notice_to:
        found.append(_date_range("notice_deadline", query.notice_from, query.notice_to))
    for field, low, high in (("value", query.value_min, query.value_max),
                             ("spend.last_12_months", query.spend_min, query.spend_max),
                             ("evaluation_score", query.score_min, query.score_max)):
        if low is not None or high is not None:
            bounds: dict[str, Any] = {}
            if low is not None:
                bounds["gte"] = low
            if high is not None:
                bounds["lte"] = high
            found.append({"range": {field: bounds}})
    return found


def facet_filters(query: SearchQuery) -> dict[str, dict[str, Any]]:
    """Filters that a facet leaves out of its own counts, by facet name."""
    found: dict[str, dict[str, Any]] = {}
    if query.suppliers:
        found["supplier"] = {"terms": {"supplier": sorted(set(query.suppliers))}}
    if query.categories:
        found["category"] = {"terms": {"category": sorted(set(query.categories))}}
    statuses = set(query.statuses)
    if statuses and statuses != set(CONTRACT_STATUSES):
        found["status"] = {"terms": {"status": sorted(statuses)}}
    if query.expires_from or query.expires_to:
        # Perpetual and open-ended contracts have no effective end: never inside a range.
        found["end_date"] = _date_range("effective_end", query.expires_from, query.expires_to)
    risks = set(query.risk_levels)
    if risks and risks != set(RISK_LEVELS):
        found["supplier_risk"] = {"terms": {"supplier_risk": sorted(risks)}}
    return found


def _date_range(field: str, start: dt.date | None, end: dt.date | None) -> dict[str, Any]:
    bounds: dict[str, Any] = {"format": "strict_date"}
    if start is not None:
        bounds["gte"] = start.isoformat()
    if end is not None:
        bounds["lte"] = end.isoformat()
    return {"range": {field: bounds}}


# --- facets ------------------------------------------------------------------------------


def facet_aggregations(
    query: SearchQuery, applied: dict[str, dict[str, Any]], facet_size: int
) -> dict[str, Any]:
    inner: dict[str, dict[str, Any]] = {
        "supplier": {"terms": {"field": "supplier", "size": facet_size}},
        "category": {"terms": {"field": "category", "size": facet_size}},
        "status": {"terms": {"field": "status", "size": len(CONTRACT_STATUSES)}},
        "end_date": {"filters": {"filters": end_date_buckets(query.today)}},
        "supplier_risk": {"terms": {"field": "supplier_risk", "size": len(RISK_LEVELS)}},
    }
    aggs: dict[str, Any] = {}
    for facet in FACET_FILTERS:
        others = [f for name, f in applied.items() if name != facet]
        aggs[facet] = {
            "filter": {"bool": {"filter": others}},
            "aggs": {"values": inner[facet]},
        }
    return aggs


def end_date_buckets(today: dt.date) -> dict[str, dict[str, Any]]:
    buckets: dict[str, dict[str, Any]] = {}
    for key, start, stop in END_DATE_BUCKETS:
        if start is None and stop is None:
            buckets[key] = {"bool": {"must_not": [{"exists": {"field": "effective_end"}}]}}
            continue
        bounds: dict[str, Any] = {"format": "strict_date"}
        if start is not None:
            bounds["gte"] = (today + dt.timedelta(days=start)).isoformat()
        if stop is not None:
            bounds["lt"] = (today + dt.timedelta(days=stop)).isoformat()
        buckets[key] = {"range": {"effective_end": bounds}}
    return buckets


# --- highlighting --------------------------------------------------------------------------


def highlight(parsed: ParsedQuery) -> dict[str, Any] | None:
    """Highlight what the positive clauses match, in the fields each clause searched."""
    clauses = list(parsed.positive_clauses())
    families = {field for clause in clauses for field in clause_fields(clause)}
    if not families:
        return None
    fields: dict[str, Any] = {}
    for family in ALL_TEXT_FIELDS:
        if family not in families:
            continue
        options: dict[str, Any] = (
            {"number_of_fragments": 1, "fragment_size": BODY_FRAGMENT_CHARS}
            if family == "body"
            # Titles and party names are shown whole.
            else {"number_of_fragments": 0}
        )
        for name in (family, *(f"{family}.{sub}" for sub in STEMMED_SUBFIELDS)):
            fields[name] = dict(options)
    return {
        # Markers are replaced by <mark> after the text is escaped here (see
        # elasticsearch.highlight): escaping stays in one place for both engines.
        "pre_tags": [MARK_START],
        "post_tags": [MARK_END],
        "require_field_match": True,
        "highlight_query": {
            "bool": {"should": [text_clause_query(c) for c in clauses],
                     "minimum_should_match": 1}
        },
        "fields": fields,
    }


# --- the whole request ------------------------------------------------------------------


def search_body(
    query: SearchQuery,
    parsed: ParsedQuery,
    viewer_principals: frozenset[str],
    *,
    size: int,
    offset: int = 0,
    search_after: list[Any] | None = None,
    facet_size: int = DEFAULT_FACET_SIZE,
    with_facets: bool = True,
) -> dict[str, Any]:
    must, must_not = text_query(parsed, query.today)
    boolean: dict[str, Any] = {"filter": base_filters(query, viewer_principals)}
    if must:
        boolean["must"] = must
    if must_not:
        boolean["must_not"] = must_not
    body: dict[str, Any] = {
        "query": {"bool": boolean},
        "sort": sort_clause(query.sort),
        "size": size,
        "track_total_hits": True,
        "_source": {"includes": SOURCE_FIELDS},
    }
    applied = facet_filters(query)
    if applied:
        body["post_filter"] = {"bool": {"filter": list(applied.values())}}
    if search_after is not None:
        body["search_after"] = search_after
    elif offset:
        body["from"] = offset
    if with_facets:
        body["aggs"] = facet_aggregations(query, applied, facet_size)
    marks = highlight(parsed) if size else None
    if marks is not None:
        body["highlight"] = marks
    return body


def sort_clause(sort: str) -> list[dict[str, Any]]:
    return [*SORTS[sort], _TIE]



def ids_body(
    query: SearchQuery, parsed: ParsedQuery, viewer_principals: frozenset[str], limit: int
) -> dict[str, Any]:
    """Every matching contract id as a terms aggregation: no hit or source is fetched."""
    must, must_not = text_query(parsed, query.today)
    filters = base_filters(query, viewer_principals) + list(facet_filters(query).values())
    return {
        "size": 0,
        "track_total_hits": False,
        "query": {"bool": {"must": must, "must_not": must_not, "filter": filters}},
        "aggs": {"ids": {"terms": {"field": "contract_id", "size": limit}}},
    }
