"""A contract's best passages for a query, with the page each stands on.

The index holds one body per contract, so it cannot say which page a match is on; the
database keeps the text page by page. Passages are therefore found after the search, in the
pages of the hits shown (a page of results, or one contract when searching within it), with
the same analysis the index uses to mark matches (tantivy's analyzers; the Elasticsearch
mapping mirrors them), so a passage marks what the engine matched, on every engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import tantivy
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import Document, DocumentPage, DocumentState
from search_api.port import Passage, SearchResult
from search_api.query_model import ParsedQuery
from search_api.tantivy.highlight import Highlighter, render_marked, with_ellipses
from search_api.tantivy.schema import analyzers

PASSAGE_CHARS = 240
# Context kept before a passage's first match.
_LEAD_CHARS = 60
PASSAGES_PER_HIT = 3
PASSAGES_IN_CONTRACT = 50
# Pages analysed whole when the cheap look finds nothing: bounds a search's cost.
FULL_ANALYSIS_PAGES = 40


@dataclass(frozen=True, slots=True)
class PageText:
    contract_id: int
    document_id: int
    page: int
    text: str


@cache
def _analyzers() -> dict[str, tantivy.TextAnalyzer]:
    return analyzers()


def finder(parsed: ParsedQuery) -> Highlighter | None:
    """The marker for `parsed`, or None when the query has no words to find in a body."""
    highlighter = Highlighter(_analyzers(), None, None, parsed)
    return highlighter if highlighter.has_body_patterns else None


def best_passages(
    pages: Iterable[PageText], highlighter: Highlighter, limit: int
) -> list[Passage]:
    """The `limit` passages with the most of the query's words, in reading order when tied.

    Pages are first looked at cheaply (the query's words as written, found at C speed), and
    only the best window of the best pages is analysed and marked. When no such window holds
    a real match (a phrase whose words stand apart, a folded spelling: "tromso" for
    "Tromsø"), whole pages are analysed, at most FULL_ANALYSIS_PAGES of them."""
    pages = list(pages)
    candidates: list[tuple[tuple[int, int], int, PageText, int, int]] = []
    for order, page in enumerate(pages):
        window = highlighter.raw_window(page.text, PASSAGE_CHARS, _LEAD_CHARS)
        if window is not None:
            distinct, count = window[2]
            candidates.append(((-distinct, -count), order, page, window[0], window[1]))
    candidates.sort(key=lambda item: (item[0], item[1]))
    found: list[Passage] = []
    for _, _, page, start, end in candidates:
        passage = _window_passage(page, highlighter, start, end)
        if passage is not None:
            found.append(passage)
            if len(found) == limit:
                return found
    if found:
        return found
    scanned = [page for _, _, page, _, _ in candidates] or pages
    whole: list[tuple[int, int, Passage]] = []
    for order, page in enumerate(scanned[:FULL_ANALYSIS_PAGES]):
        passage = _page_passage(page, highlighter)
        if passage is not None:
            whole.append((-passage.matches, order, passage))
    whole.sort(key=lambda item: (item[0], item[1]))
    return [passage for _, _, passage in whole[:limit]]


def _window_passage(
    page: PageText, highlighter: Highlighter, start: int, end: int
) -> Passage | None:
    spans = highlighter.spans("body", page.text[start:end])
    return _passage(page, start, end, spans) if spans else None


def _page_passage(page: PageText, highlighter: Highlighter) -> Passage | None:
    spans = highlighter.spans("body", page.text)
    if not spans:
        return None
    start, end, inside = _densest_window(page.text, spans)
    return _passage(page, start, end, [(a - start, b - start) for a, b in inside])


def _passage(page: PageText, start: int, end: int, spans: list[tuple[int, int]]) -> Passage:
    """The window [start, end) of the page with `spans` (relative to `start`) marked."""
    window = page.text[start:end]
    return Passage(
        document_id=page.document_id, page=page.page,
        html=with_ellipses(render_marked(window, spans), page.text[:start], page.text[end:]),
        quote=window[spans[0][0]:spans[0][1]], matches=len(spans),
    )


def _densest_window(
    text: str, spans: Sequence[tuple[int, int]]
) -> tuple[int, int, list[tuple[int, int]]]:
    """The PASSAGE_CHARS window holding the most whole matches, cut at spaces."""
    best_first, best_count = 0, 0
    for i, (first_start, _) in enumerate(spans):
        limit = first_start - _LEAD_CHARS + PASSAGE_CHARS
        count = sum(1 for _, stop in spans[i:] if stop <= limit)
        if count > best_count:
            best_first, best_count = i, count
    anchor = spans[best_first][0]
    start = max(0, anchor - _LEAD_CHARS)
    end = min(len(text), start + PASSAGE_CHARS)
    if start > 0:
        space = text.find(" ", start, anchor)
        start = space + 1 if space >= 0 else anchor
    if end < len(text):
        space = text.rfind(" ", anchor, end)
        end = space if space > anchor else end
    # A match cut by the window's end is shown whole.
    inside = [(a, b) for a, b in spans if a >= start and a < end]
    end = max(end, inside[-1][1])
    return start, end, inside


def contract_pages(session: Session, contract_ids: Sequence[int]) -> dict[int, list[PageText]]:
    """The text of every page of the contracts' processed documents, in document order."""
    rows = session.execute(
        select(Document.contract_id, Document.id, DocumentPage.number, DocumentPage.text)
        .join(DocumentPage, DocumentPage.document_id == Document.id)
        .where(Document.contract_id.in_(list(contract_ids)),
               Document.state == DocumentState.READY)
        .order_by(Document.contract_id, Document.id, DocumentPage.number)
    )
    pages: dict[int, list[PageText]] = {}
    for contract_id, document_id, number, text in rows:
        if contract_id is not None and text:
            pages.setdefault(contract_id, []).append(
                PageText(contract_id, document_id, number, text))
    return pages


def passages_by_contract(
    session: Session, parsed: ParsedQuery, contract_ids: Sequence[int],
    limit: int = PASSAGES_PER_HIT,
) -> dict[int, list[Passage]]:
    """Each contract's best passages for `parsed` (callers pass only contracts the viewer
    may see: the hits of a permission-filtered search, or one contract checked before)."""
    highlighter = finder(parsed)
    if highlighter is None or not contract_ids:
        return {}
    pages = contract_pages(session, contract_ids)
    return {
        contract_id: best_passages(pages.get(contract_id, []), highlighter, limit)
        for contract_id in contract_ids
    }


def with_passages(session: Session, result: SearchResult, parsed: ParsedQuery) -> SearchResult:
    """`result` with each hit's best passages (the hits are already what the viewer may see)."""
    found = passages_by_contract(session, parsed, [hit.contract_id for hit in result.hits])
    for hit in result.hits:
        hit.passages = found.get(hit.contract_id, [])
    return result
