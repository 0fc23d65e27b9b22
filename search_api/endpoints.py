"""GET /api/v1/search: full text, filters, facets, highlights, only what the user may see."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, cast

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from pydantic import ValidationError

from core.http import CurrentUser, DbSession, database_of, signed_in_user
from core.i18n import N_, message
from core.ids import PathId
from core.models import Contract
from core.principals import may_see
from search_api.passages import PASSAGES_IN_CONTRACT, passages_by_contract, with_passages
from search_api.port import (
    ContractStatus,
    Passage,
    QuerySyntaxError,
    RiskLevel,
    SearchIndex,
    SearchQuery,
    SearchResult,
    SortOrder,
)
from search_api.query_language import parse_query
from search_api.service import search_as

router = APIRouter(tags=["search"])


def search_index_of(request: Request) -> SearchIndex:
    return cast(SearchIndex, request.app.state.search_index)


def build_query(
    *,
    q: str = "",
    supplier: list[str] | None = None,
    category: list[str] | None = None,
    status_: list[ContractStatus] | None = None,
    expires_from: dt.date | None = None,
    expires_to: dt.date | None = None,
    notice_from: dt.date | None = None,
    notice_to: dt.date | None = None,
    value_min: float | None = None,
    value_max: float | None = None,
    risk: list[RiskLevel] | None = None,
    spend_min: float | None = None,
    spend_max: float | None = None,
    score_min: float | None = None,
    score_max: float | None = None,
    sort: SortOrder = "relevance",
    page: int = 1,
    page_size: int = 20,
    include_archived: bool = False,
    today: dt.date | None = None,
) -> SearchQuery:
    """Build a query from request parameters; invalid combinations raise QuerySyntaxError."""
    if expires_from and expires_to and expires_from > expires_to:
        raise QuerySyntaxError(N_("The end date range starts after it ends (expires_from is "
                                  "after expires_to)."))
    for name, low, high in (("value", value_min, value_max), ("spend", spend_min, spend_max),
                            ("score", score_min, score_max)):
        if low is not None and high is not None and low > high:
            raise QuerySyntaxError(message(N_("%(name)s_min is greater than %(name)s_max"),
                                           name=name))
    try:
        return SearchQuery(
            text=q, suppliers=supplier or [], categories=category or [],
            statuses=status_ or [], expires_from=expires_from, expires_to=expires_to,
            notice_from=notice_from, notice_to=notice_to, value_min=value_min,
            value_max=value_max, risk_levels=risk or [], spend_min=spend_min,
            spend_max=spend_max, score_min=score_min, score_max=score_max,
            sort=sort, page=page, page_size=page_size,
            include_archived=include_archived,
            today=today or dt.date.today(),
        )
    except ValidationError as error:
        raise QuerySyntaxError(str(error.errors()[0]["msg"])) from error


@router.get("/search", response_model=SearchResult,
            responses={400: {"description": "the query is malformed (says what and where)"},
                       401: {"description": "not signed in"}})
def search(
    request: Request,
    q: Annotated[str, Query(max_length=2000)] = "",
    supplier: Annotated[list[str] | None, Query()] = None,
    category: Annotated[list[str] | None, Query()] = None,
    status_: Annotated[list[ContractStatus] | None, Query(alias="status")] = None,
    expires_from: dt.date | None = None,
    expires_to: dt.date | None = None,
    notice_from: dt.date | None = None,
    notice_to: dt.date | None = None,
    value_min: float | None = None,
    value_max: float | None = None,
    risk: Annotated[
        list[RiskLevel] | None, Query(description="the supplier's risk level")
    ] = None,
    spend_min: Annotated[
        float | None, Query(description="spend in the last 12 months, at least")
    ] = None,
    spend_max: float | None = None,
    score_min: Annotated[
        float | None, Query(description="the supplier's last evaluation score, at least")
    ] = None,
    score_max: float | None = None,
    sort: SortOrder = "relevance",
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    archived: Annotated[bool, Query(description="include archived contracts")] = False,
) -> Response:
    # The busiest endpoint: the user lookup, the search, the passages and the JSON are done
    # in this one call on the threadpool (no `CurrentUser`/`DbSession` dependencies, each
    # of which is a trip there and back, and the response model is not validated again).
    with database_of(request).session() as session:
        user = signed_in_user(request, session)
        try:
            query = build_query(
                q=q, supplier=supplier, category=category, status_=status_,
                expires_from=expires_from, expires_to=expires_to, notice_from=notice_from,
                notice_to=notice_to, value_min=value_min, value_max=value_max, risk=risk,
                spend_min=spend_min, spend_max=spend_max, score_min=score_min,
                score_max=score_max, sort=sort, page=page, page_size=page_size,
                include_archived=archived,
            )
            result = search_as(search_index_of(request), user, query)
            body = with_passages(session, result, parse_query(q)).model_dump_json()
        except QuerySyntaxError as error:
            raise HTTPException(status.HTTP_400_BAD_REQUEST,
                                f"invalid search: {error}") from error
    return Response(body, media_type="application/json")


@router.get("/contracts/{contract_id}/passages", response_model=list[Passage])
def search_in_contract(
    contract_id: PathId,
    user: CurrentUser,
    session: DbSession,
    q: Annotated[str, Query(min_length=1, max_length=2000)],
) -> list[Passage]:
    """Where in this contract's documents the words of `q` stand, best passages first, each
    with its document and page. Filters in `q` (`status:`...) are ignored: they say nothing
    about a passage."""
    contract = session.get(Contract, contract_id)
    if contract is None or not may_see(user, contract):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "contract not found")
    try:
        parsed = parse_query(q)
    except QuerySyntaxError as error:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, f"invalid search: {error}") from error
    found = passages_by_contract(session, parsed, [contract_id], limit=PASSAGES_IN_CONTRACT)
    return found.get(contract_id, [])
