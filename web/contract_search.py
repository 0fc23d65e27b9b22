"""Searching within one contract on its page: the passages where the words stand, by page,
and the page the viewer opens on when a passage was followed from the search results."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request
from sqlalchemy.orm import Session

from core.models import Contract
from search_api.passages import PASSAGES_IN_CONTRACT, passages_by_contract
from search_api.port import Passage, QuerySyntaxError
from search_api.query_language import parse_query
from web.common import said
from web.document_viewer import OpenAt

MAX_QUERY_CHARS = 2000


@dataclass(frozen=True)
class WithinContract:
    query: str = ""
    passages: list[Passage] = field(default_factory=list)
    error: str | None = None


def search_within(session: Session, contract: Contract, request: Request) -> WithinContract:
    """The `q` of the page's URL searched in this contract's pages (the caller has checked
    that the viewer may see the contract)."""
    query = request.query_params.get("q", "").strip()[:MAX_QUERY_CHARS]
    if not query:
        return WithinContract()
    try:
        parsed = parse_query(query)
    except QuerySyntaxError as error:
        return WithinContract(query=query, error=said(request, error))
    found = passages_by_contract(session, parsed, [contract.id], limit=PASSAGES_IN_CONTRACT)
    return WithinContract(query=query, passages=found.get(contract.id, []))


def open_at(request: Request, within: WithinContract) -> OpenAt | None:
    """`document` and `page` of the URL, with the passage's words to mark when the search
    found that page; anything malformed opens the first page."""
    document, page = request.query_params.get("document", ""), request.query_params.get("page", "")
    if not (document.isdigit() and page.isdigit()) or not 0 < int(page) < 100_000:
        return None
    document_id, number = int(document), int(page)
    quote = next((p.quote for p in within.passages
                  if p.document_id == document_id and p.page == number), "")
    return OpenAt(document_id=document_id, page=number, quote=quote)
