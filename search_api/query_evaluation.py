"""A search evaluated against one contract in Python, without asking the engine.

Watches test every new or changed contract against every saved search; asking the engine
once per search costs about half a millisecond, so 10,000 watches took five seconds. Most of
a search can be decided here, from the contract's `IndexedContract`, exactly as the port
defines it: who may see it, archived or not, and every filter (supplier, category, status,
expiry, notice, value, supplier risk, spend, score, `status:`, `risk:`, `expires:`,
`notice:`, `value:`, `spend:`, `score:`).

Words and phrases depend on the engine's text analysis, so a `WordMatcher` decides them: one
that reproduces an engine's analysis can say yes or no; one that cannot says "unsure"
(`None`). The answer is three-valued (Kleene logic): True, False, or None when only the
engine can tell, and the caller then asks it (`SearchIndex.matching_ids` with the id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal, Protocol

from search_api.port import CONTRACT_STATUSES, IndexedContract, SearchQuery
from search_api.query_model import (
    Clause,
    DateRange,
    Group,
    ParsedQuery,
    Phrase,
    RiskIs,
    StatusIs,
    Term,
    TextClause,
    ValueRange,
)

Verdict = bool | None  # None: cannot be decided here; the engine decides
# A word or phrase the engine's analysis leaves without any word (a 50-letter token): the
# engines drop it, so it neither finds nor excludes anything.
NO_WORDS: Literal["no words"] = "no words"
ClauseVerdict = bool | None | Literal["no words"]


class WordMatcher(Protocol):
    """Whether one contract has a word or phrase of a query, as an engine would find it."""

    def clause(self, clause: TextClause) -> ClauseVerdict: ...


class UnsureWords:
    """For an engine whose analysis is not reproduced here: every word is for it to say."""

    def clause(self, clause: TextClause) -> ClauseVerdict:
        return None


def visible_to(contract: IndexedContract, viewer_principals: frozenset[str]) -> bool:
    """The port's permission rule: the two principal sets intersect (none sees nothing)."""
    return not viewer_principals.isdisjoint(contract.principals)


def evaluate(
    parsed: ParsedQuery,
    query: SearchQuery,
    contract: IndexedContract,
    words: WordMatcher,
    today: dt.date | None = None,
) -> Verdict:
    """Would `query` (its filters, with `parsed` as its text) find this contract, for a
    viewer who may see it? Check `visible_to` first: permissions are the caller's.
    `today` (default: the query's) is the day relative dates count from."""
    if not filters_match(query, contract):
        return False
    if parsed.matches_everything:
        return True
    return _query(parsed, contract, words, today or query.today)


def filters_match(query: SearchQuery, contract: IndexedContract) -> bool:
    """The form's filters (not the text): exact, as every adapter applies them."""
    if contract.archived and not query.include_archived:
        return False
    if query.contract_ids is not None and contract.contract_id not in query.contract_ids:
        return False
    if query.suppliers and contract.supplier not in query.suppliers:
        return False
    if query.categories and contract.category not in query.categories:
        return False
    statuses = set(query.statuses)
    if statuses and statuses != set(CONTRACT_STATUSES) and contract.status not in statuses:
        return False
    if (query.expires_from or query.expires_to) and not _within(
        effective_end(contract), query.expires_from, query.expires_to
    ):
        return False
    if (query.notice_from or query.notice_to) and not _within(
        contract.notice_deadline, query.notice_from, query.notice_to
    ):
        return False
    if query.value_min is not None or query.value_max is not None:
        value = contract.value
        if value is None:
            return False
        if query.value_min is not None and value < query.value_min:
            return False
        if query.value_max is not None and value > query.value_max:
            return False
    if query.risk_levels and contract.supplier_risk not in query.risk_levels:
        return False
    if not _figure_within(contract.spend_12m, query.spend_min, query.spend_max):
        return False
    return _figure_within(contract.evaluation_score, query.score_min, query.score_max)


def _figure_within(figure: float | None, low: float | None, high: float | None) -> bool:
    """Inclusive ranges over a figure; a contract without it never matches a range."""
    if low is None and high is None:
        return True
    if figure is None:
        return False
    return (low is None or figure >= low) and (high is None or figure <= high)


def effective_end(contract: IndexedContract) -> dt.date | None:
    """The day the contract actually stops: none for perpetual or open-ended ones, which
    are never inside an expiry range."""
    return None if contract.perpetual else contract.end_date


def _within(day: dt.date | None, first: dt.date | None, last: dt.date | None) -> bool:
    if day is None:
        return False
    return (first is None or day >= first) and (last is None or day <= last)


def _query(
    parsed: ParsedQuery, contract: IndexedContract, words: WordMatcher, today: dt.date
) -> Verdict:
    verdicts: list[Verdict] = []
    for group in parsed.required:
        alternatives: list[Verdict] = []
        for clause in group.clauses:
            verdict = _clause(clause, contract, words, today)
            if not isinstance(verdict, str):  # NO_WORDS: the engines drop the clause
                alternatives.append(verdict)
        if not alternatives:
            return False  # every word of the group dropped: the engines match nothing
        verdicts.append(any_of(alternatives))
    for clause in parsed.excluded:
        verdict = _clause(clause, contract, words, today)
        if not isinstance(verdict, str):
            verdicts.append(negation(verdict))
    return all_of(verdicts)


def _clause(
    clause: Clause, contract: IndexedContract, words: WordMatcher, today: dt.date
) -> ClauseVerdict:
    if isinstance(clause, Group):
        if clause.query.matches_everything:
            return NO_WORDS
        return _query(clause.query, contract, words, today)
    if isinstance(clause, StatusIs):
        return contract.status == clause.status
    if isinstance(clause, RiskIs):
        return contract.supplier_risk == clause.level
    if isinstance(clause, DateRange):
        first, last = clause.days(today)
        if clause.field == "expires":
            return _within(effective_end(contract), first, last)
        return _within(contract.notice_deadline, first, last)
    if isinstance(clause, ValueRange):
        figures = {"value": contract.value, "spend": contract.spend_12m,
                   "score": contract.evaluation_score}
        return _value_within(figures[clause.field], clause)
    return words.clause(clause)


def _value_within(value: float | None, clause: ValueRange) -> bool:
    if value is None:
        return False
    if clause.low is not None and (
        value < clause.low or (value == clause.low and not clause.low_inclusive)
    ):
        return False
    return clause.high is None or value < clause.high or (
        value == clause.high and clause.high_inclusive
    )


def any_of(verdicts: Iterable[Verdict]) -> Verdict:
    unsure = False
    for verdict in verdicts:
        if verdict is True:
            return True
        unsure = unsure or verdict is None
    return None if unsure else False


def all_of(verdicts: Iterable[Verdict]) -> Verdict:
    unsure = False
    for verdict in verdicts:
        if verdict is False:
            return False
        unsure = unsure or verdict is None
    return None if unsure else True


def negation(verdict: Verdict) -> Verdict:
    return None if verdict is None else not verdict


def required_alternatives(parsed: ParsedQuery) -> list[tuple[TextClause, ...]]:
    """For a percolator's inverted index: groups of words and phrases of which the contract
    must have at least one for `parsed` to find it (one group per required group made of
    words and phrases only, nested groups flattened). Any one group is a necessary
    condition; a query with none (only filters, exclusions, `status:`, dates or values) may
    match without any word. Clauses an engine drops (no words) only make a group harder to
    satisfy, so leaving them in is safe."""
    found = []
    for group in parsed.required:
        words = _alternatives_of(group.clauses)
        if words is not None:
            found.append(words)
    return found


def _alternatives_of(clauses: tuple[Clause, ...]) -> tuple[TextClause, ...] | None:
    words: list[TextClause] = []
    for clause in clauses:
        if isinstance(clause, Term | Phrase):
            words.append(clause)
        elif isinstance(clause, Group):
            if clause.query.matches_everything:
                continue  # dropped by the engines: it cannot make the group match
            inner = required_alternatives(clause.query)
            if not inner:
                return None  # the nested query may match without words
            shortest: tuple[TextClause, ...] = inner[0]
            for alternatives in inner[1:]:
                if len(alternatives) < len(shortest):
                    shortest = alternatives
            words.extend(shortest)
        else:
            return None  # a status, date or value clause may match without words
    return tuple(words)
