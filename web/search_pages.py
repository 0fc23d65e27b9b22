"""The search page (/): query, facets, filters, sort and pages, all in the URL."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, cast, get_args
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.datastructures import QueryParams
from fastapi.responses import HTMLResponse

from core.http import DbSession
from core.i18n import message_of
from core.models import User
from search_api.endpoints import build_query, search_index_of
from search_api.passages import with_passages
from search_api.port import (
    END_DATE_BUCKETS,
    RISK_LEVELS,
    ContractStatus,
    QuerySyntaxError,
    RiskLevel,
    SearchQuery,
    SearchResult,
    SortOrder,
)
from search_api.query_language import parse_query
from search_api.service import search_as
from web.common import PageUser, render, said, today
from web.i18n import N_, Message, message
from web.review_forms import FormValueError, parse_amount
from web.search_examples import examples_in, placeholder_query

router = APIRouter()

PAGE_SIZE = 20
MAX_PAGE = 1000
SORTS: tuple[tuple[str, str], ...] = (
    ("relevance", N_("Relevance")),
    ("end_date", N_("End date, soonest first")),
    ("-end_date", N_("End date, latest first")),
    ("notice_deadline", N_("Notice deadline, soonest first")),
    ("value", N_("Value, lowest first")),
    ("-value", N_("Value, highest first")),
    ("-spend_12m", N_("Spend in the last 12 months, highest first")),
    ("spend_12m", N_("Spend in the last 12 months, lowest first")),
    ("score", N_("Supplier evaluation, lowest first")),
    ("-score", N_("Supplier evaluation, highest first")),
)
BUCKET_LABELS = {
    "expired": N_("Already ended"),
    "0-30d": N_("Within 30 days"),
    "31-90d": N_("In 31–90 days"),
    "91-365d": N_("In 91–365 days"),
    "over-1y": N_("In more than a year"),
    "none": N_("No end date"),
}
FACET_TITLES = {"supplier": N_("Supplier"), "category": N_("Category"), "status": N_("Status"),
                "end_date": N_("Ends"), "supplier_risk": N_("Supplier risk")}
# The form field (and URL parameter) of each facet whose values are ticked one by one.
FACET_FIELDS = {"supplier": "supplier", "category": "category", "status": "status",
                "supplier_risk": "risk"}


@dataclass
class SearchForm:
    """The search as the URL states it; `params()` writes it back for links."""

    q: str = ""
    supplier: list[str] = field(default_factory=list)
    category: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    expires_from: str = ""
    expires_to: str = ""
    value_min: str = ""
    value_max: str = ""
    risk: list[str] = field(default_factory=list)
    spend_min: str = ""
    spend_max: str = ""
    score_min: str = ""
    score_max: str = ""
    sort: str = "relevance"
    page: int = 1
    archived: str = ""  # "1": archived contracts too

    @classmethod
    def from_request(cls, request: Request) -> SearchForm:
        return cls.from_params(request.query_params)

    @classmethod
    def from_query_string(cls, query: str) -> SearchForm:
        """A search a form carried along as its URL query (table bulk actions, saving)."""
        return cls.from_params(QueryParams(query))

    @classmethod
    def from_params(cls, params: QueryParams) -> SearchForm:

        def one(name: str) -> str:
            return params.get(name, "").strip()[:2000]

        def many(name: str) -> list[str]:
            return list(dict.fromkeys(v for v in params.getlist(name) if v.strip()))[:50]

        page_text = one("page")
        page = int(page_text) if page_text.isascii() and page_text.isdigit() else 1
        return cls(
            q=one("q"), supplier=many("supplier"), category=many("category"),
            status=many("status"), expires_from=one("expires_from"),
            expires_to=one("expires_to"), value_min=one("value_min"),
            value_max=one("value_max"), risk=many("risk"), spend_min=one("spend_min"),
            spend_max=one("spend_max"), score_min=one("score_min"),
            score_max=one("score_max"), sort=one("sort") or "relevance",
            page=min(max(page, 1), MAX_PAGE), archived="1" if one("archived") else "",
        )

    def params(self, **changes: Any) -> list[tuple[str, str]]:
        values = {**self.__dict__, **changes}
        pairs: list[tuple[str, str]] = []
        for name in ("q", "supplier", "category", "status", "expires_from", "expires_to",
                     "value_min", "value_max", "risk", "spend_min", "spend_max", "score_min",
                     "score_max", "sort", "page", "archived"):
            value = values[name]
            if isinstance(value, list):
                pairs.extend((name, item) for item in value)
            elif (name, value) in (("sort", "relevance"), ("page", 1)):
                continue  # the defaults stay out of the URL
            elif value not in ("", None):
                pairs.append((name, str(value)))
        return pairs

    def url(self, **changes: Any) -> str:
        query = urlencode(self.params(**changes))
        return "/" + (f"?{query}" if query else "")

    def toggle_url(self, facet: str, value: str, day: dt.date) -> str | None:
        """The URL with a facet value switched on or off (back to page 1); None when the
        value cannot be a filter."""
        if facet == "end_date":
            span = bucket_range(value, day)
            if span is None:
                return None
            if span == (self.expires_from, self.expires_to):
                return self.url(expires_from="", expires_to="", page=1)
            return self.url(expires_from=span[0], expires_to=span[1], page=1)
        name = FACET_FIELDS[facet]
        chosen: list[str] = list(getattr(self, name))
        chosen = [v for v in chosen if v != value] if value in chosen else [*chosen, value]
        return self.url(**{name: chosen, "page": 1})

    def is_selected(self, facet: str, value: str, day: dt.date) -> bool:
        if facet == "end_date":
            return bucket_range(value, day) == (self.expires_from, self.expires_to)
        return value in getattr(self, FACET_FIELDS[facet])


def bucket_range(bucket: str, day: dt.date) -> tuple[str, str] | None:
    """An end-date facet bucket as the from/to dates the filter inputs take; None for a
    bucket no date range can express ("none": no end date)."""
    for key, low, high in END_DATE_BUCKETS:
        if key != bucket or (low is None and high is None):
            continue
        start = (day + dt.timedelta(days=low)).isoformat() if low is not None else ""
        end = (day + dt.timedelta(days=high - 1)).isoformat() if high is not None else ""
        return start, end
    return None


def _date(text: str, name: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise QuerySyntaxError(message(N_("%(field)s must be a date as YYYY-MM-DD, not '%(text)s'"),
                                       field=Message(name), text=text)) from error


def _amount(text: str, name: str) -> float | None:
    try:
        amount = parse_amount(text)
    except FormValueError as error:
        raise QuerySyntaxError(message(N_("%(field)s: %(problem)s"), field=Message(name),
                                       problem=message_of(error))) from error
    return float(amount) if amount is not None else None


def run_search(request: Request, form: SearchForm, user: User, day: dt.date) -> SearchResult:
    return search_as(search_index_of(request), user, query_of(form, day))


def query_of(form: SearchForm, day: dt.date) -> SearchQuery:
    """The port's query for what the URL asks; QuerySyntaxError for what it cannot ask."""
    statuses = get_args(ContractStatus)
    for status in form.status:
        if status not in statuses:
            raise QuerySyntaxError(message(N_("unknown status '%(value)s'"), value=status))
    for level in form.risk:
        if level not in RISK_LEVELS:
            raise QuerySyntaxError(message(N_("unknown supplier risk '%(value)s'"), value=level))
    if form.sort not in get_args(SortOrder):
        raise QuerySyntaxError(message(N_("unknown sort order '%(value)s'"), value=form.sort))
    return build_query(
        q=form.q, supplier=form.supplier, category=form.category,
        status_=cast(list[ContractStatus], form.status),
        expires_from=_date(form.expires_from, N_("End date from")),
        expires_to=_date(form.expires_to, N_("End date to")),
        value_min=_amount(form.value_min, N_("Value from")),
        value_max=_amount(form.value_max, N_("Value to")),
        risk=cast(list[RiskLevel], form.risk),
        spend_min=_amount(form.spend_min, N_("Spend from")),
        spend_max=_amount(form.spend_max, N_("Spend to")),
        score_min=_amount(form.score_min, N_("Score from")),
        score_max=_amount(form.score_max, N_("Score to")),
        sort=cast(SortOrder, form.sort), page=form.page, page_size=PAGE_SIZE,
        include_archived=bool(form.archived), today=day,
    )


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    form = SearchForm.from_request(request)
    day = today()
    error: str | None = None
    result: SearchResult | None = None
    try:
        result = with_passages(session, run_search(request, form, user, day), parse_query(form.q))
    except QuerySyntaxError as problem:
        error = said(request, problem)
    pages = math.ceil(result.total / PAGE_SIZE) if result else 0
    return render(
        request, "search.html",
        {
            "form": form, "result": result, "error": error, "day": day,
            "pages": min(pages, MAX_PAGE), "sorts": SORTS, "bucket_labels": BUCKET_LABELS,
            "facet_titles": FACET_TITLES, "examples_in": examples_in,
            "placeholder_query": placeholder_query,
        },
        user=user, status_code=400 if error else 200,
    )
