"""The `SearchIndex` contract, run against every adapter (`adapters.ADAPTERS`: the
`empty_index` and `index` fixtures of this folder's conftest)."""

from __future__ import annotations

import random
from typing import Any

import pytest

from search_api.port import (
    FACET_NAMES,
    QuerySyntaxError,
    SearchIndex,
    SearchQuery,
    SearchResult,
)
from tests.search_api.corpus import (
    ACME,
    ADMIN,
    BETA,
    CORPUS,
    LEGAL,
    ORG,
    TODAY,
    VISIBLE_TO_ORG,
    days,
)


def run(
    index: SearchIndex, text: str = "", viewer: frozenset[str] = ORG, **kwargs: Any
) -> SearchResult:
    kwargs.setdefault("today", TODAY)
    return index.search(SearchQuery(text=text, **kwargs), viewer)


def ids(result: SearchResult) -> set[int]:
    return {hit.contract_id for hit in result.hits}


def ordered(result: SearchResult) -> list[int]:
    return [hit.contract_id for hit in result.hits]


def facet(result: SearchResult, name: str) -> dict[str, int]:
    return {f.value: f.count for f in result.facets[name]}


# --- writes --------------------------------------------------------------------------------


def test_count_and_match_all(index: SearchIndex) -> None:
    assert index.count() == len(CORPUS)
    result = run(index)
    assert result.total == len(VISIBLE_TO_ORG)
    assert ids(result) == VISIBLE_TO_ORG


def test_upsert_replaces_by_id(index: SearchIndex) -> None:
    index.upsert([CORPUS[0].model_copy(update={"title": "Renamed framework", "body": "new"})])
    assert index.count() == len(CORPUS)
    assert ids(run(index, "january")) == set()
    assert ids(run(index, "renamed")) == {1}


def test_upsert_twice_in_one_batch_keeps_the_last(empty_index: SearchIndex) -> None:
    first = CORPUS[0]
    empty_index.upsert([first, first.model_copy(update={"title": "Second version"})])
    assert empty_index.count() == 1
    assert [h.title for h in run(empty_index).hits] == ["Second version"]


def test_delete_ignores_unknown_ids(index: SearchIndex) -> None:
    index.delete([1, 999])
    assert index.count() == len(CORPUS) - 1
    assert 1 not in ids(run(index))
    index.delete([])
    assert index.count() == len(CORPUS) - 1


def test_clear(index: SearchIndex) -> None:
    index.clear()
    assert index.count() == 0
    assert run(index).total == 0
    index.upsert(CORPUS[:1])
    assert index.count() == 1


# --- full text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("liability", {1, 3}),
        ("LIABILITY fees", {1, 3}),
        ("liability hosting", {1}),
        ("renhold OR hosting", {1, 2, 4}),
        ("liability AND hosting", {1}),
        ("price indexation", {1, 3, 4, 6}),
        ('"price indexation"', {1, 3, 4}),
        ("“price indexation”", {1, 3, 4}),
        ('"price indexation" -hosting', {3}),
        ('-"price indexation"', {2, 6}),
        ("-indexation -renhold", set()),
        ("title:licence", {3, 6}),
        ("body:licence", {3, 6}),
        ("title:hosting", {4}),
        ('party:"tromsø kommune"', {2}),
        ("party:acme", {1, 4}),
        ("licen*", {3, 6}),
        ("konsumpris*", {2}),
        ("title:soft* -perpetual", {3}),
        ("99.9", {4}),
        ("Acme - Master", {1}),
        ("(hosting OR renhold) fees", {1, 4}),
        ("nothing-matches-this", set()),
        ("x" * 60, set()),
    ],
)
def test_full_text(index: SearchIndex, text: str, expected: set[int]) -> None:
    result = run(index, text)
    assert ids(result) == expected
    assert result.total == len(expected)


@pytest.mark.parametrize("text", ["tromsø", "Tromsø", "TROMSØ", "tromso", "leverandøren", "årlig"])
def test_norwegian_letters(index: SearchIndex, text: str) -> None:
    assert ids(run(index, text)) == {2}


def test_title_match_ranks_above_body_match(index: SearchIndex) -> None:
    result = run(index, "hosting")
    assert ordered(result)[0] == 4
    assert result.hits[0].score >= result.hits[1].score


# --- filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"suppliers": [ACME]}, {1, 4}),
        ({"suppliers": [ACME, "Renhold Nord AS"]}, {1, 2, 4}),
        ({"suppliers": ["acme consulting as"]}, set()),
        ({"categories": ["IT services"]}, {1, 3, 4, 6}),
        ({"categories": ["Facility management", "Legal"]}, {2}),
        ({"statuses": ["expiring"]}, {1}),
        ({"statuses": ["expired"]}, {2}),
        ({"statuses": ["active"]}, {3, 6}),
        ({"statuses": ["unknown"]}, {4}),
        ({"statuses": ["active", "expired"]}, {2, 3, 6}),
        ({"statuses": ["active", "expiring", "expired"]}, {1, 2, 3, 6}),
        ({"statuses": ["active", "expiring", "expired", "unknown"]}, VISIBLE_TO_ORG),
        ({"expires_from": days(0)}, {1, 3}),
        ({"expires_to": days(20)}, {1, 2}),
        ({"expires_from": days(21), "expires_to": days(200)}, {3}),
        ({"notice_from": days(5), "notice_to": days(5)}, {1}),
        ({"notice_from": days(6)}, {3}),
        ({"value_min": 75_000, "value_max": 120_000}, {2, 3}),
        ({"value_min": 100_000}, {1, 2}),
        ({"value_max": 10_000}, {6}),
        ({"contract_ids": [2, 3, 999]}, {2, 3}),
        ({"contract_ids": []}, set()),
        ({"suppliers": [ACME], "statuses": ["unknown"]}, {4}),
        ({"suppliers": [ACME], "statuses": ["active"]}, set()),
    ],
)
def test_filters(index: SearchIndex, kwargs: dict[str, Any], expected: set[int]) -> None:
    result = run(index, **kwargs)
    assert ids(result) == expected
    assert result.total == len(expected)


def test_filters_combine_with_text(index: SearchIndex) -> None:
    assert ids(run(index, '"price indexation"', categories=["IT services"], value_min=1)) == {1, 3}


def test_status_is_the_stored_one_whatever_the_query_day(index: SearchIndex) -> None:
    # The deadline engine decides a status (renewals, notice, options); an adapter that
    # recomputed it from the end date would disagree with the contract page. The daily pass
    # re-indexes contracts whose status changes with the calendar.
    expected = {1: "expiring", 2: "expired", 3: "active", 4: "unknown", 6: "active"}
    assert {h.contract_id: h.status for h in run(index).hits} == expected
    assert {h.contract_id: h.status for h in run(index, today=days(21)).hits} == expected
    assert ids(run(index, statuses=["expired"], today=days(21))) == {2}


def test_a_changed_status_replaces_the_old_one(index: SearchIndex) -> None:
    (first,) = [c for c in CORPUS if c.contract_id == 1]
    index.upsert([first.model_copy(update={"status": "expired"})])
    assert ids(run(index, statuses=["expired"])) == {1, 2}
    assert facet(run(index), "status")["expiring"] == 0


def test_hit_fields(index: SearchIndex) -> None:
    (hit,) = run(index, contract_ids=[1]).hits
    assert hit.title == "Master Services Agreement"
    assert (hit.supplier, hit.category, hit.currency) == (ACME, "IT services", "NOK")
    assert (hit.end_date, hit.notice_deadline, hit.value) == (days(20), days(5), 500_000)
    (perpetual,) = run(index, contract_ids=[6]).hits
    assert perpetual.end_date == days(-100)
    assert perpetual.status == "active"


# --- facets ------------------------------------------------------------------------------------


def test_facets_over_visible_set(index: SearchIndex) -> None:
    result = run(index)
    assert set(result.facets) == set(FACET_NAMES)
    assert facet(result, "supplier") == {ACME: 2, BETA: 2, "Renhold Nord AS": 1}
    assert [f.value for f in result.facets["supplier"]][-1] == "Renhold Nord AS"
    assert facet(result, "category") == {"IT services": 4, "Facility management": 1}
    assert [f.value for f in result.facets["status"]] == [
        "active", "expiring", "expired", "unknown"
    ]
    assert facet(result, "status") == {"active": 2, "expiring": 1, "expired": 1, "unknown": 1}
    assert [f.value for f in result.facets["end_date"]] == [
        "expired",
        "0-30d",
        "31-90d",
        "91-365d",
        "over-1y",
        "none",
    ]
    assert facet(result, "end_date") == {
        "expired": 1,
        "0-30d": 1,
        "31-90d": 0,
        "91-365d": 1,
        "over-1y": 0,
        "none": 2,  # open-ended contract 4 and perpetual contract 6
    }


def test_facets_follow_the_text_query(index: SearchIndex) -> None:
    result = run(index, '"price indexation"')
    assert facet(result, "supplier") == {ACME: 2, BETA: 1}
    assert facet(result, "status") == {"active": 1, "expiring": 1, "expired": 0, "unknown": 1}


def test_facets_are_disjunctive(index: SearchIndex) -> None:
    result = run(index, suppliers=[ACME])
    assert ids(result) == {1, 4}
    # The supplier facet ignores the supplier filter: the alternatives stay visible...
    assert facet(result, "supplier") == {ACME: 2, BETA: 2, "Renhold Nord AS": 1}
    # ...while every other facet counts within the selection.
    assert facet(result, "category") == {"IT services": 2}
    assert facet(result, "status") == {"active": 0, "expiring": 1, "expired": 0, "unknown": 1}

    result = run(index, suppliers=[ACME], statuses=["unknown"])
    assert ids(result) == {4}
    assert facet(result, "supplier") == {ACME: 1}
    assert facet(result, "status") == {"active": 0, "expiring": 1, "expired": 0, "unknown": 1}
    assert facet(result, "end_date")["none"] == 1

    result = run(index, expires_from=days(0), expires_to=days(30))
    assert ids(result) == {1}
    assert facet(result, "end_date") == {
        "expired": 1,
        "0-30d": 1,
        "31-90d": 0,
        "91-365d": 1,
        "over-1y": 0,
        "none": 2,
    }
    assert facet(result, "status") == {"active": 0, "expiring": 1, "expired": 0, "unknown": 0}


def test_selected_value_without_matches_stays_in_its_facet(index: SearchIndex) -> None:
    result = run(index, "renhold", suppliers=[ACME])
    assert result.total == 0
    assert facet(result, "supplier") == {"Renhold Nord AS": 1, ACME: 0}


# --- permissions ------------------------------------------------------------------------------


def test_restricted_contract_is_invisible_everywhere(index: SearchIndex) -> None:
    for text in ["confidential", "merger", "gamma", '"price indexation"', ""]:
        result = run(index, text)
        assert 5 not in ids(result)
        assert 7 not in ids(result)
        assert "Gamma Legal" not in facet(result, "supplier")
        assert "Legal" not in facet(result, "category")
        assert "Print AS" not in facet(result, "supplier")
        assert sum(facet(result, "status").values()) == result.total
        assert sum(facet(result, "end_date").values()) == result.total
        for hit in result.hits:
            assert "onfidential" not in str(hit.highlights)
    assert run(index, "confidential").total == 0
    assert run(index, contract_ids=[5, 7]).total == 0
    assert run(index, suppliers=["Gamma Legal"]).total == 0


@pytest.mark.parametrize("viewer", [ADMIN, LEGAL])
def test_principal_grants_access(index: SearchIndex, viewer: frozenset[str]) -> None:
    result = run(index, "confidential", viewer=viewer)
    assert ids(result) == {5}
    assert facet(result, "supplier") == {"Gamma Legal": 1}
    assert result.hits[0].highlights["title"] == ["<mark>Confidential</mark> settlement agreement"]


def test_viewer_sees_only_their_own_contracts(index: SearchIndex) -> None:
    assert ids(run(index, viewer=frozenset({"user:42"}))) == {7}
    assert ids(run(index, viewer=ADMIN)) == {5}
    assert ids(run(index, viewer=ORG | {"user:42"})) == VISIBLE_TO_ORG | {7}


def test_no_principals_sees_nothing(index: SearchIndex) -> None:
    result = run(index, viewer=frozenset())
    assert result.total == 0
    assert result.hits == []
    assert all(f.count == 0 for values in result.facets.values() for f in values)


@pytest.mark.parametrize(
    "text",
    [
        "principals:org",
        "principals:user:42 OR printer",
        "contract_id:[0 TO 100]",
        "supplier:*",
        "*:*",
        "printer",
        "lease* OR print*",
        "body:printers",
    ],
)
def test_query_syntax_cannot_escape_the_permission_filter(index: SearchIndex, text: str) -> None:
    try:
        result = run(index, text)
    except QuerySyntaxError:
        return
    assert ids(result) <= VISIBLE_TO_ORG
    assert "Print AS" not in facet(result, "supplier")


# --- sorting and pagination -----------------------------------------------------------------


def test_sort_by_end_date_puts_none_last(index: SearchIndex) -> None:
    asc = ordered(run(index, sort="end_date"))
    assert asc[:3] == [2, 1, 3]
    assert set(asc[3:]) == {4, 6}  # open-ended and perpetual
    desc = ordered(run(index, sort="-end_date"))
    assert desc[:3] == [3, 1, 2]
    assert set(desc[3:]) == {4, 6}


def test_sort_by_value_puts_none_last(index: SearchIndex) -> None:
    assert ordered(run(index, sort="value")) == [6, 3, 2, 1, 4]
    assert ordered(run(index, sort="-value")) == [1, 2, 3, 6, 4]


def test_sort_by_notice_deadline(index: SearchIndex) -> None:
    result = ordered(run(index, sort="notice_deadline"))
    assert result[:2] == [1, 3]
    assert set(result[2:]) == {2, 4, 6}


def test_sort_applies_to_text_matches(index: SearchIndex) -> None:
    assert ordered(run(index, '"price indexation"', sort="-value")) == [1, 3, 4]


def test_pagination(index: SearchIndex) -> None:
    pages = [run(index, sort="value", page=p, page_size=2) for p in (1, 2, 3, 4)]
    assert [ordered(p) for p in pages] == [[6, 3], [2, 1], [4], []]
    assert {p.total for p in pages} == {5}
    relevance = [
        h for p in (1, 2, 3) for h in ordered(run(index, "fees OR hosting", page=p, page_size=1))
    ]
    assert sorted(relevance) == [1, 3, 4]


# --- highlights --------------------------------------------------------------------------------


def test_highlight_marks_the_phrase_and_escapes_html(index: SearchIndex) -> None:
    result = run(index, '"price indexation"', contract_ids=[4])
    (hit,) = result.hits
    (body,) = hit.highlights["body"]
    assert "<mark>price indexation</mark>" in body
    assert "<script>" not in body
    assert "&lt;script&gt;" in body
    assert "title" not in hit.highlights


def test_highlight_escapes_title(index: SearchIndex) -> None:
    (hit,) = run(index, "hosting", contract_ids=[4]).hits
    (title,) = hit.highlights["title"]
    assert title == "Cloud <mark>hosting</mark> agreement &lt;img src=x onerror=alert(1)&gt;"
    assert hit.highlights["body"][0].count("<mark>Hosting</mark>") == 2
    assert "<script>" not in hit.highlights["body"][0]


def test_highlight_phrase_does_not_mark_lone_words(index: SearchIndex) -> None:
    (hit,) = run(index, '"price indexation"', contract_ids=[3]).hits
    (body,) = hit.highlights["body"]
    assert body.count("<mark>") == 1
    assert "<mark>price indexation</mark>" in body


def test_highlight_norwegian_prefix_and_party(index: SearchIndex) -> None:
    (hit,) = run(index, "tromso prisjuster*").hits
    assert hit.highlights["parties"] == ["<mark>Tromsø</mark> kommune"]
    assert "<mark>Prisjustering</mark>" in hit.highlights["body"][0]


def test_highlight_word_typed_without_norwegian_letters(index: SearchIndex) -> None:
    (hit,) = run(index, "leverandoren aarlig OR arlig").hits
    (body,) = hit.highlights["body"]
    assert body.startswith("<mark>Leverandøren</mark> skal levere")
    assert "<mark>årlig</mark>" in body


def test_highlight_only_for_the_field_searched(index: SearchIndex) -> None:
    (hit,) = run(index, "title:hosting", contract_ids=[4]).hits
    assert set(hit.highlights) == {"title"}


def test_no_highlights_without_text(index: SearchIndex) -> None:
    assert all(hit.highlights == {} for hit in run(index).hits)


# --- malformed and hostile queries -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ['"unbalanced', "OR", "a OR", "AND b", "a OR -b", "title:", "a*", "x\x00", "y" * 1001],
)
def test_malformed_query_raises(index: SearchIndex, text: str) -> None:
    with pytest.raises(QuerySyntaxError):
        run(index, text)
    with pytest.raises(QuerySyntaxError):
        run(index, text, viewer=frozenset())


def test_random_queries_raise_nothing_but_syntax_errors(index: SearchIndex) -> None:
    alphabet = [*'ab cø"-*:()[]{}^~!\\/&|<>\t\u200b\u00ad«»', " OR ", " AND ", "title:", "body:"]
    rng = random.Random(20250601)
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        try:
            result = run(index, text)
        except QuerySyntaxError:
            continue
        assert ids(result) <= VISIBLE_TO_ORG


def test_archived_contracts_are_left_out_unless_asked_for(index: SearchIndex) -> None:
    (first,) = [c for c in CORPUS if c.contract_id == 1]
    index.upsert([first.model_copy(update={"archived": True})])
    result = run(index, '"price indexation"')
    assert 1 not in ids(result)
    assert sum(facet(result, "status").values()) == result.total
    assert facet(run(index), "supplier")[ACME] == 1  # contract 4 only
    with_archived = run(index, '"price indexation"', include_archived=True)
    assert 1 in ids(with_archived)
    assert next(h for h in with_archived.hits if h.contract_id == 1).archived


@pytest.mark.parametrize(
    ("text", "kwargs"),
    [("", {}), ('"price indexation"', {}), ("", {"statuses": ["active", "expired"]}),
     ("hosting", {"suppliers": [ACME]}), ("", {"include_archived": True})],
)
def test_matching_ids_are_the_ids_search_counts(
    index: SearchIndex, text: str, kwargs: dict[str, Any]
) -> None:
    result = run(index, text, page_size=100, **kwargs)
    found = index.matching_ids(
        SearchQuery(text=text, today=TODAY, **kwargs), ORG, limit=1000)
    assert sorted(found) == sorted(ids(result)) and len(found) == result.total
    assert 5 not in found and 7 not in found  # not visible to ORG
    assert len(index.matching_ids(SearchQuery(today=TODAY), ORG, limit=2)) == 2
    assert index.matching_ids(SearchQuery(today=TODAY), frozenset(), limit=10) == []
