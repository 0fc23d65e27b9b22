"""Translate the query model and the filters of a `SearchQuery` into tantivy `Query` objects.

The user's text never reaches tantivy's query parser: every clause is analyzed with the
index's own analyzer and turned into term, phrase or prefix queries built through the API,
so no input can inject query syntax.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import tantivy

from search_api.port import CONTRACT_STATUSES, RISK_LEVELS, SearchQuery
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
from search_api.tantivy.schema import (
    NO_END_DATE,
    STEMMED,
    TEXT_ANALYZER,
    TEXT_FIELDS,
    stemmed_field,
)

# Relevance: a hit in the title or a party name says more than one in the body; an exact
# (folded) form more than a stemmed one (as on Elasticsearch).
FIELD_BOOSTS: dict[str, float] = {
    "title": 3.0, "parties": 2.0, "body": 1.0,
    "supplier_text": 1.0, "category_text": 1.0, "law": 1.0,
}
STEMMED_WEIGHT = 0.5
_MODEL_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "party": ("parties",),
    "body": ("body",),
    "supplier": ("supplier_text",),
    "category": ("category_text",),
    "law": ("law",),
}
# The index field of each number the query language filters on.
NUMBER_FIELDS: dict[str, str] = {
    "value": "value", "spend": "spend_12m", "score": "evaluation_score",
}
# dis_max: score a clause by its best field, plus a little for matching in several.
_TIE_BREAKER = 0.2

# Filter names, used by disjunctive faceting to leave out a facet's own filter.
PERMISSION = "permission"
SUPPLIER = "supplier"
CATEGORY = "category"
STATUS = "status"
EXPIRES = "expires"
RISK = "supplier_risk"


@dataclass(frozen=True, slots=True)
class AnalyzedClause:
    """A clause as index terms: (position, token) pairs, restricted to index fields."""

    fields: tuple[str, ...]
    tokens: tuple[tuple[int, str], ...]
    prefix: bool


def analyze_clause(analyzer: tantivy.TextAnalyzer, clause: TextClause) -> AnalyzedClause:
    fields = _MODEL_FIELDS[clause.field] if clause.field else TEXT_FIELDS
    tokens = tuple((t.position, t.text) for t in analyzer.pre_tokenize(clause.text).tokens)
    prefix = isinstance(clause, Term) and clause.prefix
    return AnalyzedClause(fields, tokens, prefix)


class QueryBuilder:
    def __init__(
        self, schema: tantivy.Schema, analyzers: dict[str, tantivy.TextAnalyzer]
    ) -> None:
        self._schema = schema
        self._analyzer = analyzers[TEXT_ANALYZER]
        self._stemmers = {suffix: analyzers[name] for suffix, (name, _) in STEMMED.items()}
        self._today = dt.date.today()

    # --- full text ---------------------------------------------------------------------

    def for_day(self, today: dt.date) -> QueryBuilder:
        """This builder with relative dates (`expires:<90d`) counted from `today`."""
        builder = copy.copy(self)
        builder._today = today
        return builder

    def text_query(self, parsed: ParsedQuery) -> tantivy.Query | None:
        """The scoring part of the search; None means "every contract"."""
        if parsed.matches_everything:
            return None
        subqueries: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for group in parsed.required:
            alternatives = [q for q in map(self._clause_query, group.clauses) if q is not None]
            if not alternatives:
                # Every word of the group was dropped by the analyzer (e.g. a 50-letter
                # token): like Elasticsearch's zero_terms_query "none", it matches nothing.
                return tantivy.Query.empty_query()
            if len(alternatives) == 1:
                subqueries.append((tantivy.Occur.Must, alternatives[0]))
            else:
                anyof = tantivy.Query.boolean_query(
                    [(tantivy.Occur.Should, q) for q in alternatives]
                )
                subqueries.append((tantivy.Occur.Must, anyof))
        for clause in parsed.excluded:
            excluded = self._clause_query(clause)
            if excluded is not None:
                subqueries.append((tantivy.Occur.MustNot, excluded))
        if not any(occur == tantivy.Occur.Must for occur, _ in subqueries):
            # A boolean query of only MustNot clauses matches nothing in tantivy.
            subqueries.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        return tantivy.Query.boolean_query(subqueries)

    def _clause_query(self, clause: Clause) -> tantivy.Query | None:
        if isinstance(clause, Group):
            return self.text_query(clause.query)
        if isinstance(clause, StatusIs):
            return _unscored(tantivy.Query.term_query(self._schema, "status", clause.status))
        if isinstance(clause, RiskIs):
            return _unscored(
                tantivy.Query.term_query(self._schema, "supplier_risk", clause.level)
            )
        if isinstance(clause, DateRange):
            return _unscored(self._date_range(clause))
        if isinstance(clause, ValueRange):
            return _unscored(
                tantivy.Query.range_query(
                    self._schema, NUMBER_FIELDS[clause.field], tantivy.FieldType.Float,
                    clause.low, clause.high,
                    # tantivy insists that an unbounded side is "inclusive".
                    include_lower=clause.low_inclusive or clause.low is None,
                    include_upper=clause.high_inclusive or clause.high is None,
                )
            )
        return self._text_clause_query(clause)

    def _text_clause_query(self, clause: TextClause) -> tantivy.Query | None:
        analyzed = analyze_clause(self._analyzer, clause)
        if not analyzed.tokens:
            return None
        fuzzy = clause.fuzzy if isinstance(clause, Term) else 0
        per_field: list[tantivy.Query] = []
        for field in analyzed.fields:
            boost = FIELD_BOOSTS[field]
            per_field.append(
                tantivy.Query.boost_query(self._field_query(field, analyzed, fuzzy), boost)
            )
            if analyzed.prefix or fuzzy or field not in TEXT_FIELDS:
                # Prefixes and fuzzy words match folded words only: a stem is not a word a
                # user types. Supplier, category and law are names, never stemmed.
                continue
            for suffix, stemmer in self._stemmers.items():
                stemmed = analyze_clause(stemmer, clause)
                if stemmed.tokens:
                    per_field.append(
                        tantivy.Query.boost_query(
                            self._field_query(stemmed_field(field, suffix), stemmed, 0),
                            boost * STEMMED_WEIGHT,
                        )
                    )
        if len(per_field) == 1:
            return per_field[0]
        return tantivy.Query.disjunction_max_query(per_field, tie_breaker=_TIE_BREAKER)

    def _date_range(self, clause: DateRange) -> tantivy.Query:
        first, last = clause.days(self._today)
        start = first.toordinal() if first else None
        stop = last.toordinal() + 1 if last else None
        if clause.field == "expires":
            # The sentinel of "no end date" is above every real day: never in a range.
            return self._int_range("end_key", start, min(stop or NO_END_DATE, NO_END_DATE))
        return self._int_range("notice_key", start, stop)

    def _field_query(self, field: str, clause: AnalyzedClause, fuzzy: int) -> tantivy.Query:
        tokens = clause.tokens
        if fuzzy and len(tokens) == 1:
            return tantivy.Query.fuzzy_term_query(
                self._schema, field, tokens[0][1], distance=fuzzy, transposition_cost_one=True
            )
        if clause.prefix:
            if len(tokens) == 1 and tokens[0][1].isalnum():
                # Letters and digits only, so nothing in it is a regex metacharacter.
                return tantivy.Query.regex_query(self._schema, field, tokens[0][1] + ".*")
            return tantivy.Query.phrase_prefix_query(self._schema, field, list(tokens))
        if len(tokens) == 1:
            return tantivy.Query.term_query(self._schema, field, tokens[0][1])
        return tantivy.Query.phrase_query(self._schema, field, list(tokens))

    # --- filters -----------------------------------------------------------------------

    def filters(
        self, query: SearchQuery, viewer_principals: frozenset[str]
    ) -> dict[str, tantivy.Query]:
        """Named filter queries; the permission filter is always present."""
        schema = self._schema
        found: dict[str, tantivy.Query] = {
            PERMISSION: tantivy.Query.term_set_query(
                schema, "principals", sorted(viewer_principals)
            )
        }
        if not query.include_archived:
            found["archived"] = self._int_range("archived", 0, 1)
        if query.contract_ids is not None:
            found["contract_ids"] = tantivy.Query.term_set_query(
                schema, "contract_id", sorted(set(query.contract_ids))
            )
        if query.suppliers:
            found[SUPPLIER] = tantivy.Query.term_set_query(
                schema, "supplier", sorted(set(query.suppliers))
            )
        if query.categories:
            found[CATEGORY] = tantivy.Query.term_set_query(
                schema, "category", sorted(set(query.categories))
            )
        statuses = set(query.statuses)
        if statuses and statuses != set(CONTRACT_STATUSES):
            found[STATUS] = tantivy.Query.term_set_query(schema, "status", sorted(statuses))
        if query.expires_from or query.expires_to:
            # Perpetual and open-ended contracts do not expire: never inside an expiry range.
            found[EXPIRES] = self._int_range(
                "end_key",
                _ordinal(query.expires_from),
                _ordinal(query.expires_to, exclusive_end=True) or NO_END_DATE,
            )
        if query.notice_from or query.notice_to:
            found["notice"] = self._int_range(
                "notice_key",
                _ordinal(query.notice_from),
                _ordinal(query.notice_to, exclusive_end=True),
            )
        if query.value_min is not None or query.value_max is not None:
            found["value"] = tantivy.Query.range_query(
                schema, "value", tantivy.FieldType.Float, query.value_min, query.value_max
            )
        risks = set(query.risk_levels)
        if risks and risks != set(RISK_LEVELS):
            found[RISK] = tantivy.Query.term_set_query(schema, "supplier_risk", sorted(risks))
        for name, low, high in (("spend_12m", query.spend_min, query.spend_max),
                                ("evaluation_score", query.score_min, query.score_max)):
            if low is not None or high is not None:
                found[name] = tantivy.Query.range_query(
                    schema, name, tantivy.FieldType.Float, low, high
                )
        return found

    def _int_range(self, field: str, start: int | None, stop: int | None) -> tantivy.Query:
        """Half-open [start, stop) over an integer fast field."""
        return tantivy.Query.range_query(
            self._schema,
            field,
            tantivy.FieldType.Integer,
            start,
            stop,
            include_lower=True,
            # tantivy insists that an unbounded side is "inclusive".
            include_upper=stop is None,
        )


def combine(text_query: tantivy.Query | None, filters: Sequence[tantivy.Query]) -> tantivy.Query:
    """Text query AND every filter; filters score zero so they never change the ranking."""
    subqueries = [(tantivy.Occur.Must, tantivy.Query.const_score_query(f, 0.0)) for f in filters]
    subqueries.append((tantivy.Occur.Must, text_query or tantivy.Query.all_query()))
    return tantivy.Query.boolean_query(subqueries)


def _unscored(query: tantivy.Query) -> tantivy.Query:
    """A filter inside the text query: it decides matches, never the ranking."""
    return tantivy.Query.const_score_query(query, 0.0)


def _ordinal(day: dt.date | None, *, exclusive_end: bool = False) -> int | None:
    if day is None:
        return None
    return day.toordinal() + (1 if exclusive_end else 0)
