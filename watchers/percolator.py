"""Matching one new or changed contract against every "new match" watch, in this process.

Running each saved search through the port with the contract's id (what DESIGN.md asks for:
it works on every engine) cost half a millisecond a search, 4.9 s for 10,000 watches. Here
each saved search is parsed once (cached by its text and filters, so an edited search is
parsed afresh and the old entry simply ages out), and evaluated against the contract's
`IndexedContract` in Python (`search_api.query_evaluation`): permissions and filters
exactly, words through the index's own analysis on tantivy. What Python cannot decide (a
phrase whose words are all there, a fuzzy word near the limit, any word on an engine whose
analysis is not reproduced) goes to the port as before, once per distinct search and
contract, so the answer is always the engine's.

With many distinct searches even that is too much per contract (0.24-0.55 s for 10,000),
so on tantivy the searches are also kept in an inverted index (`SearchWords`): by the words
one of which a contract must have for the search to find it. A contract is evaluated only
against the searches whose words it has, a word starting with one of their prefixes, or
which require no word at all (filters, `status:`, exclusions, fuzzy words).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import json
from collections import OrderedDict, defaultdict
from collections.abc import Iterable

from core.models import SavedSearch
from search_api.port import IndexedContract, SearchIndex, SearchQuery
from search_api.query_evaluation import (
    UnsureWords,
    WordMatcher,
    evaluate,
    required_alternatives,
    visible_to,
)
from search_api.query_language import parse_query
from search_api.query_model import ParsedQuery
from search_api.tantivy.index import TantivySearchIndex
from search_api.tantivy.word_matching import ClauseKeys, TantivyContractWords, clause_keys
from watchers.saved_search_matching import matches, query_of

# Parsed searches kept; a search costs well under a kilobyte parsed.
CACHE_SIZE = 50_000
# Any day does to build the filters once: evaluation is told the real one.
_SOME_DAY = dt.date(2000, 1, 1)

SearchKey = tuple[str, str]


@dataclasses.dataclass(frozen=True)
class ParsedSearch:
    text: ParsedQuery
    filters: SearchQuery


_parsed: OrderedDict[SearchKey, ParsedSearch | None] = OrderedDict()


def search_key(saved: SavedSearch) -> SearchKey:
    """What a saved search finds depends on its text and filters only."""
    filters = saved.filters
    return saved.query, json.dumps(filters, sort_keys=True, default=str) if filters else ""


def parsed_search(saved: SavedSearch, key: SearchKey | None = None) -> ParsedSearch | None:
    """The saved search parsed, from the cache; None for one that no longer parses (the
    port then gives the answer, or the error, it always gave)."""
    key = key or search_key(saved)
    if key in _parsed:
        _parsed.move_to_end(key)
        return _parsed[key]
    try:
        found: ParsedSearch | None = ParsedSearch(parse_query(saved.query),
                                                  query_of(saved, _SOME_DAY))
    except ValueError:
        found = None
    _parsed[key] = found
    if len(_parsed) > CACHE_SIZE:
        _parsed.popitem(last=False)
    return found


def forget_search(saved: SavedSearch) -> None:
    """Drop a saved search's parsed form (it was edited or deleted)."""
    _parsed.pop(search_key(saved), None)


class SearchWords:
    """Saved searches (on tantivy) by the words they require: an inverted index built once
    for many contracts. A search it does not know is simply evaluated."""

    def __init__(self, searches: Iterable[SavedSearch]) -> None:
        self._by_word: dict[str, list[SearchKey]] = defaultdict(list)
        self._by_prefix: dict[str, list[SearchKey]] = defaultdict(list)
        self._always: list[SearchKey] = []
        self.known: set[SearchKey] = set()
        for saved in searches:
            key = search_key(saved)
            if key in self.known:
                continue
            self.known.add(key)
            keys = _required_keys(parsed_search(saved, key))
            if keys is None:
                self._always.append(key)
                continue
            for word in keys.words:
                self._by_word[word].append(key)
            for prefix in keys.prefixes:
                self._by_prefix[prefix].append(key)

    def candidates(self, words: frozenset[str]) -> set[SearchKey]:
        """The known searches a contract with these words may match."""
        found = set(self._always)
        if len(words) < len(self._by_word):
            for word in words:
                found.update(self._by_word.get(word, ()))
        else:
            for word, keys in self._by_word.items():
                if word in words:
                    found.update(keys)
        if self._by_prefix:
            ordered = sorted(words)
            for prefix, keys in self._by_prefix.items():
                at = bisect.bisect_left(ordered, prefix)
                if at < len(ordered) and ordered[at].startswith(prefix):
                    found.update(keys)
        return found


def _required_keys(parsed: ParsedSearch | None) -> ClauseKeys | None:
    """The fewest words (and prefixes) one of which a contract must have for the search to
    find it; None when it may find one without any (or does not parse: the port says)."""
    if parsed is None:
        return None
    best: ClauseKeys | None = None
    for group in required_alternatives(parsed.text):
        words: set[str] = set()
        prefixes: set[str] = set()
        for clause in group:
            keys = clause_keys(clause)
            if keys is None:
                break
            words.update(keys.words)
            prefixes.update(keys.prefixes)
        else:
            if best is None or len(words) + len(prefixes) < len(best.words) + len(best.prefixes):
                best = ClauseKeys(frozenset(words), frozenset(prefixes))
    return best


class ContractPercolation:
    """One contract, tested against any number of saved searches on one day; with
    `searches`, only those of them whose required words it has are evaluated."""

    def __init__(self, index: SearchIndex, contract: IndexedContract, today: dt.date,
                 searches: SearchWords | None = None) -> None:
        self._index = index
        self._contract = contract
        self._today = today
        self._words = words_of(index, contract)
        # Per distinct search: what it finds does not depend on who watches it, once the
        # watcher may see the contract at all (checked first, for each watcher).
        self._found: dict[SearchKey, bool] = {}
        self._known: set[SearchKey] = set()
        self._candidates: set[SearchKey] = set()
        if searches is not None and isinstance(self._words, TantivyContractWords):
            self._known = searches.known
            self._candidates = searches.candidates(self._words.all_words())
        self.asked_engine = 0
        self.evaluated = 0

    def matches(self, saved: SavedSearch, principals: frozenset[str]) -> bool:
        if not visible_to(self._contract, principals):
            return False
        key = search_key(saved)
        if key not in self._found:
            if key in self._known and key not in self._candidates:
                self._found[key] = False  # none of the words it requires is here
            else:
                self._found[key] = self._decide(saved, key, principals)
        return self._found[key]

    def _decide(self, saved: SavedSearch, key: SearchKey, principals: frozenset[str]) -> bool:
        self.evaluated += 1
        parsed = parsed_search(saved, key)
        if parsed is not None:
            verdict = evaluate(parsed.text, parsed.filters, self._contract, self._words,
                               self._today)
            if verdict is not None:
                return verdict
        self.asked_engine += 1
        return matches(self._index, saved, self._contract.contract_id, principals, self._today)


def words_of(index: SearchIndex, contract: IndexedContract) -> WordMatcher:
    """The contract's words as this engine analyses them, where that is reproduced."""
    if isinstance(index, TantivySearchIndex):
        return TantivyContractWords(contract)
    return UnsureWords()
