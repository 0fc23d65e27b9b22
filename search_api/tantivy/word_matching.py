"""The words of one contract as the tantivy index has them, for deciding a query's words
and phrases in Python (`search_api.query_evaluation`) without a search.

The same analyzers as the index (`schema.analyzers`), on the same field values
(`schema.to_document`), and the same clause analysis as `query.QueryBuilder`: a plain word
is found when its folded form is a word of a field, or one of its stems a stem there; a
prefix when a folded word starts with it; a fuzzy word when a word is that few edits away.
A phrase (or a word the tokenizer splits into several) is found when its words stand at
the same distances within one value of the field, as the analyzers number them. Left to the
index (`None`): a phrase that may straddle two values of a field (party names), and a phrase
ending in a prefix (tantivy expands that prefix over the index's whole term dictionary, at
most 50 terms), whenever their words are all there.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from functools import cache, lru_cache

import tantivy

from search_api.port import IndexedContract
from search_api.query_evaluation import NO_WORDS, ClauseVerdict, Verdict, any_of
from search_api.query_model import Term, TextClause
from search_api.tantivy.query import AnalyzedClause, analyze_clause
from search_api.tantivy.schema import (
    STEMMED,
    TEXT_ANALYZER,
    TEXT_FIELDS,
    WORD_FIELDS,
    analyzers,
    stemmed_field,
)


@cache
def _analyzers() -> dict[str, tantivy.TextAnalyzer]:
    return analyzers()


@lru_cache(maxsize=100_000)
def _analyzed(analyzer: str, clause: TextClause) -> AnalyzedClause:
    """A clause's analysis does not depend on the contract: done once for every contract a
    saved search is tested against."""
    return analyze_clause(_analyzers()[analyzer], clause)


class TantivyContractWords:
    """`WordMatcher` for one contract; each field is analysed the first time it is asked
    about, and each clause decided once."""

    def __init__(self, contract: IndexedContract) -> None:
        self._contract = contract
        self._folded = _analyzers()[TEXT_ANALYZER]
        self._stemmers = {suffix: _analyzers()[name] for suffix, (name, _) in STEMMED.items()}
        self._terms: dict[str, frozenset[str]] = {}
        self._positions: dict[str, list[dict[str, set[int]]]] = {}
        self._decided: dict[TextClause, ClauseVerdict] = {}

    def clause(self, clause: TextClause) -> ClauseVerdict:
        if clause not in self._decided:
            self._decided[clause] = self._decide(clause)
        return self._decided[clause]

    def _decide(self, clause: TextClause) -> ClauseVerdict:
        analyzed = _analyzed(TEXT_ANALYZER, clause)
        if not analyzed.tokens:
            return NO_WORDS
        fuzzy = clause.fuzzy if isinstance(clause, Term) else 0
        # The index takes the best of the fields (dis_max): found in any one is found.
        verdicts: list[Verdict] = []
        stems: dict[str, AnalyzedClause] | None = None  # analysed once, for every field
        for field in analyzed.fields:
            verdicts.append(self._in_field(field, analyzed, fuzzy))
            if verdicts[-1] is True:
                return True
            if analyzed.prefix or fuzzy or field not in TEXT_FIELDS:
                continue
            if stems is None:
                stems = {suffix: _analyzed(name, clause)
                         for suffix, (name, _) in STEMMED.items()}
            for suffix, stemmed in stems.items():
                if stemmed.tokens:
                    verdicts.append(self._in_field(stemmed_field(field, suffix), stemmed, 0))
        return any_of(verdicts)

    def _in_field(self, field: str, clause: AnalyzedClause, fuzzy: int) -> Verdict:
        terms = self._field_terms(field)
        tokens = [token for _, token in clause.tokens]
        if fuzzy and len(tokens) == 1:
            return _fuzzy_found(tokens[0], terms, fuzzy)
        if clause.prefix:
            if len(tokens) == 1 and tokens[0].isalnum():
                return any(term.startswith(tokens[0]) for term in terms)
            last_found = any(term.startswith(tokens[-1]) for term in terms)
            return None if last_found and all(t in terms for t in tokens[:-1]) else False
        if len(tokens) == 1:
            return tokens[0] in terms
        if not all(token in terms for token in tokens):
            return False
        values = self._field_positions(field)
        first = clause.tokens[0][0]
        offsets = [(position - first, token) for position, token in clause.tokens]
        if any(_phrase_in(positions, offsets) for positions in values):
            return True
        return None if len(values) > 1 else False

    def all_words(self) -> frozenset[str]:
        """Every word of every field, folded and stemmed, in one set: what `clause_keys`
        are looked up in (a superset of any one field's words, so never too few)."""
        words: set[str] = set()
        for field in (*TEXT_FIELDS, *WORD_FIELDS):
            words.update(self._field_terms(field))
        for field in TEXT_FIELDS:
            for suffix in self._stemmers:
                words.update(self._field_terms(stemmed_field(field, suffix)))
        return frozenset(words)

    def _field_terms(self, field: str) -> frozenset[str]:
        """The distinct words an index field holds for this contract."""
        if field not in self._terms:
            source, analyzer = self._source(field)
            words: set[str] = set()
            for value in self._values(source):
                words.update(analyzer.analyze(unicodedata.normalize("NFC", value)))
            self._terms[field] = frozenset(words)
        return self._terms[field]

    def _field_positions(self, field: str) -> list[dict[str, set[int]]]:
        """Per value of the field: each word and where it stands."""
        if field not in self._positions:
            source, analyzer = self._source(field)
            found = []
            for value in self._values(source):
                positions: dict[str, set[int]] = {}
                for token in analyzer.pre_tokenize(unicodedata.normalize("NFC", value)).tokens:
                    positions.setdefault(token.text, set()).add(token.position)
                found.append(positions)
            self._positions[field] = found
        return self._positions[field]

    def _source(self, field: str) -> tuple[str, tantivy.TextAnalyzer]:
        """The contract value an index field is made from, and its analyzer."""
        for suffix, stemmer in self._stemmers.items():
            if field.endswith(f"_{suffix}") and field[: -len(suffix) - 1] in TEXT_FIELDS:
                return field[: -len(suffix) - 1], stemmer
        return field, self._folded

    def _values(self, field: str) -> list[str]:
        """What `schema.to_document` puts in the field."""
        contract = self._contract
        found: dict[str, list[str | None]] = {
            "title": [contract.title],
            "parties": list(contract.parties),
            "body": [contract.body],
            "supplier_text": [contract.supplier],
            "category_text": [contract.category],
            "law": [contract.governing_law],
        }
        return [value for value in found[field] if value]


@dataclasses.dataclass(frozen=True, slots=True)
class ClauseKeys:
    """What a contract must have for a word or phrase to be found in it: one of `words`
    among its words (`TantivyContractWords.all_words`), or a word starting with one of
    `prefixes`. Both empty: the clause has no words and finds nothing."""

    words: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()


@cache
def clause_keys(clause: TextClause) -> ClauseKeys | None:
    """Necessary words of a clause as `TantivyContractWords` decides it; None for a fuzzy
    word, which can be found without any of its own letters in place."""
    if isinstance(clause, Term) and clause.fuzzy:
        return None
    analyzed = _analyzed(TEXT_ANALYZER, clause)
    if not analyzed.tokens:
        return ClauseKeys()
    if analyzed.prefix:  # stems are not looked at for a prefix; its last word is a prefix
        return ClauseKeys(prefixes=frozenset({analyzed.tokens[-1][1]}))
    # Found when every word is there, folded in a field or stemmed in its stemmed copy:
    # the first word, folded or stemmed, is there in either case.
    words = {analyzed.tokens[0][1]}
    for name, _ in STEMMED.values():
        stemmed = _analyzed(name, clause)
        if stemmed.tokens:
            words.add(stemmed.tokens[0][1])
    return ClauseKeys(words=frozenset(words))


def _phrase_in(positions: dict[str, set[int]], offsets: list[tuple[int, str]]) -> bool:
    """Do the words stand at these distances from the first one somewhere in the value?"""
    _, first = offsets[0]
    return any(
        all(start + offset in positions.get(token, ()) for offset, token in offsets[1:])
        for start in positions.get(first, ())
    )


def _fuzzy_found(word: str, terms: frozenset[str], edits: int) -> Verdict:
    """tantivy's Levenshtein automaton, transpositions counting one: a word within that
    many edits (optimal string alignment) is certainly found; where only an unrestricted
    transposition would bring it within reach, the index decides."""
    if not word.isascii():
        return None  # edits counted in characters or bytes: for the index to say
    unsure = False
    for term in terms:
        if abs(len(term) - len(word)) > edits:
            continue
        distance = _alignment_distance(word, term)
        if distance <= edits:
            return True
        # An unrestricted swap costs at most two of these edits: beyond twice the allowed
        # edits the word is certainly too far.
        unsure = unsure or distance <= 2 * edits or not term.isascii()
    return None if unsure else False


def _alignment_distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]

