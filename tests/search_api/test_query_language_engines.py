"""The query language on every engine: the same answers for grouping, NOT, field filters,
ranges, fuzzy words and stemming, and no input that raises anything but a syntax error.

Runs on the adapters of the conformance suite (tantivy, osmem-server, a real cluster when
AVTALE_TEST_ES_URL is set), with its corpus (TODAY is 2025-06-01).
"""

from __future__ import annotations

import pytest

from search_api.port import QuerySyntaxError, SearchIndex
from tests.search_api.corpus import VISIBLE_TO_ORG, days
from tests.search_api.hostile_queries import FIXED, generated
from tests.search_api.test_search_index_contract import ids, run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # grouping and NOT
        ("((((hosting))))", {1, 4}),
        ("NOT (hosting OR renhold)", {3, 6}),
        ("-(hosting OR renhold) price", {3, 6}),
        ("licence NOT perpetual", {3}),
        ("(supplier:acme hosting) OR law:norway", {1, 2, 4}),
        ("(licence OR renhold) (status:active OR status:expired)", {2, 3, 6}),
        ("hosting (fees OR availability) -(cloud platform)", {1}),
        # field filters
        ("supplier:acme", {1, 4}),
        ('supplier:"renhold nord"', {2}),
        ("supplier:bet*", {3, 6}),
        ("category:facility", {2}),
        ("category:it -supplier:acme", {3, 6}),
        ("law:norway", {2}),
        ('law:"england and wales"', {3}),
        ("law:wales OR law:norway", {2, 3}),
        ("status:expiring", {1}),
        ("status:EXPIRED", {2}),
        ("status:unknown OR status:expired", {2, 4}),
        ("-status:active", {1, 2, 4}),
        # dates relative to TODAY; contracts without a (real) end never match a range
        ("expires:<30d", {1}),
        ("expires:<=20d", {1}),
        ("expires:<20d", set()),
        ("expires:>30d", {3}),
        ("expires:>-30d", {1, 2, 3}),
        ("expires:<2025-06-01", {2}),
        ("expires:2025", {1, 2, 3}),
        ("expires:2025-06", {1}),
        ("expires:2025-06-01..2025-12-31", {1, 3}),
        ("expires:..2025-06-21", {1, 2}),
        ("notice:<30d", {1}),
        ("notice:>30d", {3}),
        ("notice:<1w OR value:<20000", {1, 6}),
        # values
        ("value:>100000", {1, 2}),
        ("value:>=75000", {1, 2, 3}),
        ("value:<75000", {6}),
        ("value:75000", {3}),
        ("value:10000..120000", {2, 3, 6}),
        ("value:>1000000", set()),
        ("price value:<100000", {3, 6}),
        # fuzzy
        ("indexaton~", {1, 3, 4, 6}),
        ("licnce~1", {3, 6}),
        ("hostng~", {1, 4}),
        ("hostng~0", set()),
        # stemming: English and Norwegian (bokmål)
        ("agreements", {1, 3, 4}),
        ("licences", {3, 6}),
        ("avtaler", {2}),
        ("avtale", {2}),
        ("leverandør", {2}),
        ('"avtalene kan sies"', {2}),
    ],
)
def test_query_language(index: SearchIndex, text: str, expected: set[int]) -> None:
    result = run(index, text)
    assert ids(result) == expected
    assert result.total == len(expected)


def test_relative_dates_count_from_the_query_day(index: SearchIndex) -> None:
    assert ids(run(index, "expires:<30d", today=days(-25))) == {2}
    assert ids(run(index, "expires:<30d", today=days(180))) == {3}


def test_filters_in_the_text_leave_facets_counting_the_matches(index: SearchIndex) -> None:
    result = run(index, "supplier:acme")
    assert {f.value: f.count for f in result.facets["supplier"]} == {"Acme Consulting AS": 2}
    status = {f.value: f.count for f in result.facets["status"]}
    assert status == {"active": 0, "expiring": 1, "expired": 0, "unknown": 1}


def test_filters_in_the_text_keep_the_permission_filter(index: SearchIndex) -> None:
    # Contract 5 (restricted) is legal's, worth 9,000,000 and expiring.
    for text in ["value:>1000000", "status:expiring", "supplier:gamma", "notice:<=1d",
                 "NOT supplier:acme"]:
        assert 5 not in ids(run(index, text))


def test_stemmed_match_is_highlighted(index: SearchIndex) -> None:
    (hit,) = run(index, "avtaler").hits
    assert "<mark>Avtalen</mark>" in hit.highlights["body"][0]
    (hit,) = run(index, "leverandør", contract_ids=[2]).hits
    assert hit.highlights["body"][0].startswith("<mark>Leverandøren</mark>")


def test_filters_and_fuzzy_words_mark_nothing(index: SearchIndex) -> None:
    for hit in run(index, "supplier:acme status:unknown").hits:
        assert hit.highlights == {}
    for hit in run(index, "hostng~").hits:
        assert hit.highlights == {}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("(hosting", "character 1"),
        ("hosting )", "character 9"),
        ('a "b', "character 3"),
        ("status:gone", "status is one of"),
        ("value:lots", "needs a number"),
        ("expires:soon", "needs a date"),
        ("expires:<999y", "century"),
        ("(" * 9 + "a" + ")" * 9, "nest too deeply"),
    ],
)
def test_malformed_query_says_what_and_where(index: SearchIndex, text: str, where: str) -> None:
    with pytest.raises(QuerySyntaxError, match=where):
        run(index, text)


def test_hostile_queries_raise_nothing_but_syntax_errors(index: SearchIndex) -> None:
    for text in FIXED + generated(250):
        try:
            result = run(index, text)
        except QuerySyntaxError as error:
            assert str(error)
            continue
        assert ids(result) <= VISIBLE_TO_ORG, text
