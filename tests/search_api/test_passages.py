"""Passages: where in a contract's pages the query matched, with the page number, in search
hits, in the search within one contract (API and page), and never from a contract the reader
may not see."""

from __future__ import annotations

import re

import pytest
from conftest import Actor, World
from page_client import Browser
from pdf_factory import contract_pdf

from core.models import Role
from search_api.passages import PageText, best_passages, finder
from search_api.query_language import parse_query
from web.document_viewer import pdfjs_installed

PAGES = [
    "RAMMEAVTALE OM RENHOLD\nDenne avtalen er inngått mellom Fjordbyen kommune og "
    "Renhold Vest AS. Avtalen gjelder fra 1. mars 2025.",
    "Leveransen omfatter daglig renhold av skoler i Tromsø og vindusvask hver måned.",
    "Prisene reguleres årlig. Vindusvask faktureres per kvadratmeter. Ved forsinket "
    "vindusvask gis prisavslag.",
]


def _pages() -> list[PageText]:
    return [PageText(1, 10, number, text) for number, text in enumerate(PAGES, start=1)]


def _found(query: str, limit: int = 5) -> list[tuple[int, str]]:
    highlighter = finder(parse_query(query))
    assert highlighter is not None
    return [(p.page, p.html) for p in best_passages(_pages(), highlighter, limit)]


def test_the_page_with_most_matches_comes_first_and_says_its_page() -> None:
    found = _found("vindusvask")
    assert [page for page, _ in found] == [3, 2]
    assert found[0][1].count("<mark>Vindusvask</mark>") + found[0][1].count(
        "<mark>vindusvask</mark>") == 2


def test_stemmed_and_folded_spellings_are_found() -> None:
    # "avtaler" finds "avtalen" (Norwegian stemming), "tromso" finds "Tromsø" (folding).
    assert [page for page, _ in _found("avtaler")] == [1]
    assert _found("tromso") == [(2, _found("tromso")[0][1])]
    assert "<mark>Tromsø</mark>" in _found("tromso")[0][1]


def test_passages_are_escaped_and_only_marks_are_markup() -> None:
    highlighter = finder(parse_query("script"))
    assert highlighter is not None
    [passage] = best_passages(
        [PageText(1, 10, 4, 'A <script>alert("x")</script> clause')], highlighter, 3)
    assert "<script>" not in passage.html
    assert re.sub(r"</?mark>", "", passage.html).count("<") == 0
    assert passage.page == 4 and passage.quote == "script"


def test_queries_without_words_have_no_passages() -> None:
    assert finder(parse_query("status:active")) is None
    assert finder(parse_query("")) is None


@pytest.fixture
def uploaded(world: World) -> tuple[Actor, int, int]:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/documents", files=[
        ("files", ("renhold.pdf", contract_pdf(PAGES), "application/pdf"))])
    assert response.status_code == 202, response.text
    world.wait_idle()
    status = editor.client.get(
        f"/api/v1/documents/{response.json()['documents'][0]['id']}").json()
    assert status["status"] == "ready", status
    return editor, int(status["contract_id"]), int(status["id"])


def test_search_hits_carry_passages_with_pages(
    world: World, uploaded: tuple[Actor, int, int]
) -> None:
    editor, contract_id, document_id = uploaded
    result = editor.client.get("/api/v1/search", params={"q": "vindusvask"}).json()
    [hit] = result["hits"]
    assert hit["contract_id"] == contract_id
    assert [(p["page"], p["document_id"]) for p in hit["passages"]] == [
        (3, document_id), (2, document_id)]
    page = Browser(world, editor).get("/", params={"q": "vindusvask"}).text
    assert f"/contracts/{contract_id}?q=vindusvask&amp;document={document_id}&amp;page=3" in page


def test_search_within_one_contract(world: World, uploaded: tuple[Actor, int, int]) -> None:
    editor, contract_id, document_id = uploaded
    found = editor.client.get(f"/api/v1/contracts/{contract_id}/passages",
                              params={"q": "prisavslag OR skoler"})
    assert found.status_code == 200, found.text
    assert sorted(p["page"] for p in found.json()) == [2, 3]
    assert editor.client.get(f"/api/v1/contracts/{contract_id}/passages",
                             params={"q": '"unbalanced'}).status_code == 400
    assert editor.client.get(f"/api/v1/contracts/{contract_id}/passages",
                             params={"q": "nowhere"}).json() == []

    page = Browser(world, editor).get(
        f"/contracts/{contract_id}",
        params={"q": "prisavslag", "document": document_id, "page": 3}).text
    assert 'id="passages"' in page and "<mark>prisavslag</mark>" in page
    if pdfjs_installed():  # the viewer opens the page in place
        assert f'data-evidence-page="3" data-document="{document_id}"' in page
    else:  # the PDF itself, at the page
        assert f'/api/v1/documents/{document_id}/file#page=3' in page
    missing = Browser(world, editor).get(f"/contracts/{contract_id}", params={"q": "nowhere"})
    assert "does not occur in this contract" in missing.text


def test_a_contract_the_reader_may_not_see_gives_no_passages(
    world: World, uploaded: tuple[Actor, int, int]
) -> None:
    editor, contract_id, _ = uploaded
    outsider = world.make_user("outsider@example.no", Role.VIEWER)
    assert editor.client.patch(f"/api/v1/contracts/{contract_id}",
                               json={"visibility": "restricted"}).status_code == 200
    world.wait_idle()
    assert outsider.client.get(f"/api/v1/contracts/{contract_id}/passages",
                               params={"q": "vindusvask"}).status_code == 404
    assert outsider.client.get("/api/v1/search", params={"q": "vindusvask"}).json()["hits"] == []
