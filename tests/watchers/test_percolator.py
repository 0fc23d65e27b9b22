"""The percolator gives the same answer as running each saved search through the port with
the contract's id, over varied searches, contracts and viewers, on the real tantivy index,
and decides nearly all of them without asking the index."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Sequence

import pytest

from core.models import SavedSearch
from search_api.port import (
    IndexedContract,
    QuerySyntaxError,
    SearchIndex,
    SearchQuery,
    SearchResult,
)
from search_api.query_language import parse_query
from search_api.tantivy.index import TantivySearchIndex
from tests.search_api.corpus import ADMIN, CORPUS, LEGAL, ORG, TODAY, days
from tests.search_api.hostile_queries import FIXED, generated
from watchers.percolator import ContractPercolation, SearchWords, forget_search
from watchers.saved_search_matching import matches

EXTRA = [
    IndexedContract(
        contract_id=20, status="active", title="Avtale om e-mail og drift (Tromsø)",
        parties=["Nordlys IT AS", "Fjordbyen kommune"],
        body="Leveransen gjelder drift av e-post. Prisene indeksreguleres årlig; "
             "the agreements' liability is capped. Happy hosting, side-letter excluded.",
        supplier="Nordlys IT AS", category="IT services/Operations", governing_law="Norway",
        end_date=days(400), notice_deadline=days(200), value=1_000_000, currency="NOK",
        principals=["org"], spend_12m=250_000, spend_total=600_000, spend_trend=0.2,
        supplier_risk="high", evaluation_score=2.5,
    ),
    IndexedContract(
        contract_id=21, status="expiring", title="Archived cleaning agreement", archived=True,
        body="cleaning of offices", supplier="Renhold Nord AS", category="Facility management",
        end_date=days(30), notice_deadline=days(1), value=75_000, principals=["org"],
        spend_12m=90_000, supplier_risk="low", evaluation_score=4.0,
    ),
    IndexedContract(
        contract_id=22, status="unknown", title="x" * 45 + " licence", perpetual=True,
        end_date=days(10), body="Licence for the software, perpetual.",
        principals=["user:1", "group:legal"],
    ),
]
CONTRACTS = [*CORPUS, *EXTRA]
VIEWERS = [ORG, ADMIN, LEGAL, frozenset({"user:42"}), frozenset()]

TEXTS = [
    "", "hosting", "agreements", "agreement", "avtale", "avtaler", "avtalen", "leverandør",
    "tromso", "TROMSØ", "e-mail", "e-post", '"price indexation"', '"indexation price"',
    '"avtalene kan sies"', "liability cap", "hosting -cloud", "NOT (hosting OR renhold)",
    "-(hosting OR renhold) price", "(supplier:acme hosting) OR law:norway", "indeks*",
    "host*", "in*", "licen*", "hostng~", "hostng~0", "indexaton~", "licnce~1", "happi",
    "happy", "the", "the agreement", "title:agreement", "party:kommune", "body:licence",
    "supplier:acme", 'supplier:"renhold nord"', "supplier:bet*", "category:it",
    "category:operations", "law:norway", 'law:"england and wales"', "status:expiring",
    "status:unknown OR status:expired", "-status:active", "expires:<30d", "expires:<=20d",
    "expires:>30d", "expires:>-30d", "expires:2025", "expires:..2025-06-21", "notice:<30d",
    "notice:>30d", "notice:<1w OR value:<20000", "value:>100000", "value:>=75000",
    "value:75000", "value:10000..120000", "value:>1000000", "price value:<100000",
    "x" * 45, "x" * 45 + " OR licence", "-" + "x" * 45 + " licence", "side-letter",
    '"side letter"', "drift e-post", "(a OR b) -(c d)", "kommune -oslo",
    "risk:high", "risk:low OR risk:unknown", "-risk:high drift", "spend:>100000",
    "spend:<=90000", "score:<3", "score:>=4 cleaning", "spend:>1 OR score:>1",
]
FILTERS: list[dict[str, object]] = [
    {}, {"statuses": ["expiring"]}, {"statuses": ["active", "expiring", "expired", "unknown"]},
    {"suppliers": ["Acme Consulting AS"]}, {"categories": ["Facility management"]},
    {"expires_from": days(0).isoformat(), "expires_to": days(60).isoformat()},
    {"notice_to": days(30).isoformat()}, {"value_min": 75_000, "value_max": 500_000},
    {"risk_levels": ["high"]}, {"risk_levels": ["low", "unknown"]},
    {"spend_min": 100_000}, {"score_max": 3}, {"spend_max": 95_000, "score_min": 3.5},
]


def _parses(text: str) -> bool:
    try:
        parse_query(text)
    except QuerySyntaxError:
        return False
    return True


def saved_searches() -> list[SavedSearch]:
    texts = [t for t in dict.fromkeys([*TEXTS, *FIXED, *generated(120)]) if _parses(t)]
    found = [SavedSearch(id=n, owner_id=1, name=f"s{n}", query=text, filters={}, shared=True)
             for n, text in enumerate(texts)]
    for n, (text, filters) in enumerate(itertools.product(TEXTS[:12], FILTERS[1:])):
        found.append(SavedSearch(id=10_000 + n, owner_id=1, name="f", query=text,
                                 filters=filters, shared=True))
    return found


@pytest.fixture(scope="module")
def index() -> TantivySearchIndex:
    made = TantivySearchIndex(None)
    made.upsert(CONTRACTS)
    return made


class OtherEngine:
    """The same index behind an adapter whose analysis the percolator does not reproduce
    (as for Elasticsearch): every word is the engine's to decide."""

    def __init__(self, inner: SearchIndex) -> None:
        self._inner = inner

    def search(self, query: SearchQuery, viewer_principals: frozenset[str]) -> SearchResult:
        return self._inner.search(query, viewer_principals)

    def matching_ids(
        self, query: SearchQuery, viewer_principals: frozenset[str], limit: int
    ) -> list[int]:
        return self._inner.matching_ids(query, viewer_principals, limit)


@dataclasses.dataclass
class _Compared:
    wrong: list[tuple[int, str, str, bool, str]] = dataclasses.field(default_factory=list)
    asked: int = 0
    compared: int = 0
    evaluated_plain: int = 0
    evaluated_indexed: int = 0


def _disagreements(engine: SearchIndex, searches: Sequence[SavedSearch], today: dt.date,
                   ) -> _Compared:
    """Each answer of the percolator, alone and with the searches' inverted index, beside
    the port's."""
    found = _Compared()
    words = SearchWords(searches)
    for contract in CONTRACTS:
        plain = ContractPercolation(engine, contract, today)
        indexed = ContractPercolation(engine, contract, today, words)
        for saved, viewer in itertools.product(searches, VIEWERS):
            expected = matches(engine, saved, contract.contract_id, viewer, today)
            found.compared += 1
            for how, percolation in (("plain", plain), ("indexed", indexed)):
                if percolation.matches(saved, viewer) != expected:
                    found.wrong.append((contract.contract_id, saved.query, str(saved.filters),
                                        expected, how))
        found.asked += plain.asked_engine
        found.evaluated_plain += plain.evaluated
        found.evaluated_indexed += indexed.evaluated
    return found


def test_the_percolator_answers_as_the_index_does(index: TantivySearchIndex) -> None:
    searches = saved_searches()
    assert len(searches) > 150
    for today in (TODAY, days(25)):
        found = _disagreements(index, searches, today)
        assert found.wrong == []
        # Decided in Python nearly always: the index is asked only about the odd phrase
        # across party names, phrase prefixes and fuzzy words near the limit.
        distinct = len(CONTRACTS) * len(searches)
        assert found.asked < distinct / 50, (found.asked, distinct)
        assert found.compared == distinct * len(VIEWERS)
        # The inverted index leaves most searches unevaluated: a contract has few of the
        # words the searches require.
        assert found.evaluated_indexed < found.evaluated_plain / 2, found


def test_only_searches_whose_words_the_contract_has_are_evaluated(
    index: TantivySearchIndex,
) -> None:
    texts = ["hosting", "renhold OR kantine", '"price indexation"', "hostin*", "hostng~1",
             "status:expired", "-hosting", "(hosting OR law:norway) value:<1", "avtaler",
             "agreements", "(x OR (y z)) hosting", "x" * 45]
    searches = [SavedSearch(id=n, owner_id=1, name="s", query=text, filters={}, shared=True)
                for n, text in enumerate(texts)]
    hosting = CONTRACTS[0]  # "Hosting is not included.", but no renhold, no kantine
    words = SearchWords(searches)
    percolation = ContractPercolation(index, hosting, TODAY, words)
    evaluated = []
    for saved in searches:
        before = percolation.evaluated
        percolation.matches(saved, ORG)
        if percolation.evaluated > before:
            evaluated.append(saved.query)
    # Fuzzy words, `status:` and exclusions need no word of theirs to match.
    assert set(evaluated) >= {"hosting", "hostin*", "hostng~1", "status:expired", "-hosting",
                              '"price indexation"', "agreements"}
    assert "renhold OR kantine" not in evaluated
    assert "x" * 45 not in evaluated
    for saved in searches:  # the same answers as the port
        assert percolation.matches(saved, ORG) == matches(index, saved, hosting.contract_id,
                                                          ORG, TODAY), saved.query


def test_on_another_engine_the_words_are_the_engines(index: TantivySearchIndex) -> None:
    searches = saved_searches()[:80]
    found = _disagreements(OtherEngine(index), searches, TODAY)  # type: ignore[arg-type]
    assert found.wrong == []
    assert found.asked > 0
    assert found.evaluated_indexed == found.evaluated_plain  # no word index off tantivy


def test_an_edited_search_is_parsed_afresh(index: TantivySearchIndex) -> None:
    saved = SavedSearch(id=1, owner_id=1, name="s", query="hosting", filters={}, shared=True)
    hosting = CONTRACTS[0]  # "Hosting is not included."
    assert ContractPercolation(index, hosting, TODAY).matches(saved, ORG)
    saved.query = "renhold"
    assert not ContractPercolation(index, hosting, TODAY).matches(saved, ORG)
    saved.filters = {"statuses": ["expired"]}
    forget_search(saved)
    assert not ContractPercolation(index, hosting, TODAY).matches(saved, ORG)
    renhold = CONTRACTS[1]
    assert ContractPercolation(index, renhold, TODAY).matches(saved, ORG)
    assert not ContractPercolation(index, renhold, TODAY).matches(saved, frozenset({"user:42"}))
