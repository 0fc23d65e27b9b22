"""The `SearchIndex` contract for the figures a contract carries besides its own fields
(spend, supplier risk, evaluation score): filters, the supplier-risk facet, sorting and the
query language's `risk:`, `spend:` and `score:`, on every adapter."""

from __future__ import annotations

from typing import Any

import pytest

from search_api.port import IndexedContract, SearchIndex, SearchQuery, SearchResult
from tests.search_api.corpus import ORG, TODAY


def contract(contract_id: int, **figures: Any) -> IndexedContract:
    return IndexedContract(
        contract_id=contract_id, title=f"Agreement {contract_id}", body="cleaning services",
        status="active", principals=["org"], **figures,
    )


FIGURES = [
    contract(1, spend_12m=250_000.0, spend_total=900_000.0, spend_trend=0.25,
             supplier_risk="high", evaluation_score=2.4),
    contract(2, spend_12m=80_000.0, spend_total=80_000.0, supplier_risk="low",
             evaluation_score=4.6),
    contract(3, spend_12m=0.0, spend_total=10_000.0, spend_trend=-1.0,
             supplier_risk="medium", evaluation_score=3.0),
    contract(4),  # no spend, never looked up, never evaluated
    contract(5, spend_12m=1_200_000.0, spend_total=1_500_000.0, supplier_risk="high"),
    # Only someone else may see it: it must count nowhere for ORG.
    IndexedContract(contract_id=6, title="Secret", status="active", principals=["user:9"],
                    spend_12m=5_000_000.0, supplier_risk="high", evaluation_score=1.0),
]


@pytest.fixture
def index(empty_index: SearchIndex) -> SearchIndex:
    empty_index.upsert(FIGURES)
    return empty_index


def run(index: SearchIndex, text: str = "", **kwargs: Any) -> SearchResult:
    return index.search(SearchQuery(text=text, today=TODAY, **kwargs), ORG)


def ids(result: SearchResult) -> set[int]:
    return {hit.contract_id for hit in result.hits}


def risk_facet(result: SearchResult) -> dict[str, int]:
    return {f.value: f.count for f in result.facets["supplier_risk"]}


def test_hits_carry_the_figures(index: SearchIndex) -> None:
    hits = {hit.contract_id: hit for hit in run(index).hits}
    assert (hits[1].spend_12m, hits[1].spend_trend) == (250_000.0, 0.25)
    assert (hits[1].supplier_risk, hits[1].evaluation_score) == ("high", 2.4)
    assert (hits[4].spend_12m, hits[4].spend_trend) == (None, None)
    assert (hits[4].supplier_risk, hits[4].evaluation_score) == ("unknown", None)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"risk_levels": ["high"]}, {1, 5}),
        ({"risk_levels": ["high", "medium"]}, {1, 3, 5}),
        ({"risk_levels": ["unknown"]}, {4}),
        ({"risk_levels": ["low", "medium", "high", "unknown"]}, {1, 2, 3, 4, 5}),
        ({"spend_min": 100_000}, {1, 5}),
        ({"spend_min": 80_000, "spend_max": 250_000}, {1, 2}),  # inclusive
        ({"spend_max": 0}, {3}),  # no spend at all is no figure, not zero
        ({"score_max": 3}, {1, 3}),
        ({"score_min": 4.6}, {2}),
        ({"risk_levels": ["high"], "score_max": 3}, {1}),
    ],
)
def test_figure_filters(index: SearchIndex, kwargs: dict[str, Any], expected: set[int]) -> None:
    result = run(index, **kwargs)
    assert ids(result) == expected
    assert result.total == len(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("risk:high", {1, 5}),
        ("risk:HIGH cleaning", {1, 5}),
        ("risk:unknown", {4}),
        ("-risk:high", {2, 3, 4}),
        ("risk:low OR risk:medium", {2, 3}),
        ("spend:>100000", {1, 5}),
        ("spend:>=80000", {1, 2, 5}),
        ("spend:80000..250000", {1, 2}),
        ("spend:<80000", {3}),
        ("score:<3", {1}),
        ("score:<=3", {1, 3}),
        ("score:>4", {2}),
        ("risk:high score:<3", {1}),
    ],
)
def test_query_language_figures(index: SearchIndex, text: str, expected: set[int]) -> None:
    assert ids(run(index, text)) == expected


def test_risk_facet_counts_the_visible_set_with_zeros(index: SearchIndex) -> None:
    assert risk_facet(run(index)) == {"low": 1, "medium": 1, "high": 2, "unknown": 1}
    assert risk_facet(run(index, "spend:>100000")) == {
        "low": 0, "medium": 0, "high": 2, "unknown": 0,
    }


def test_risk_facet_is_disjunctive(index: SearchIndex) -> None:
    result = run(index, risk_levels=["high"])
    assert ids(result) == {1, 5}
    # The risk facet ignores the risk filter, so the other levels stay selectable...
    assert risk_facet(result) == {"low": 1, "medium": 1, "high": 2, "unknown": 1}
    # ...and the other facets count within the selection.
    assert {f.value: f.count for f in result.facets["status"]}["active"] == 2
    narrowed = run(index, risk_levels=["high"], score_max=3)
    assert risk_facet(narrowed) == {"low": 0, "medium": 1, "high": 1, "unknown": 0}


@pytest.mark.parametrize(
    ("sort", "first", "without"),
    [
        ("spend_12m", [3, 2, 1, 5], {4}),
        ("-spend_12m", [5, 1, 2, 3], {4}),
        ("score", [1, 3, 2], {4, 5}),
        ("-score", [2, 3, 1], {4, 5}),
    ],
)
def test_sort_by_figures_puts_none_last(
    index: SearchIndex, sort: str, first: list[int], without: set[int]
) -> None:
    found = [hit.contract_id for hit in run(index, sort=sort).hits]
    assert found[: len(first)] == first
    assert set(found[len(first):]) == without  # those without the figure, in any order


def test_changed_figures_replace_the_old_ones(index: SearchIndex) -> None:
    index.upsert([contract(4, spend_12m=300_000.0, supplier_risk="high",
                           evaluation_score=1.5)])
    assert ids(run(index, "risk:high spend:>100000 score:<2")) == {4}
    assert risk_facet(run(index))["unknown"] == 0


def test_fingerprint_changes_with_every_figure() -> None:
    base = contract(1)
    changed = [
        contract(1, spend_12m=1.0), contract(1, spend_total=1.0), contract(1, spend_trend=0.1),
        contract(1, supplier_risk="low"), contract(1, evaluation_score=3.0),
    ]
    prints = {base.fingerprint(), *(c.fingerprint() for c in changed)}
    assert len(prints) == 1 + len(changed)
