"""Saving the search on the search page, and watching it, in one form."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from pydantic import ValidationError

from core.http import DbSession, clock_of
from search_api.port import QuerySyntaxError
from watchers.errors import InputError, NotFoundError
from watchers.events import EVENT_KINDS, MATCH, EventKind
from watchers.saved_searches import create_saved_search
from watchers.schemas import SavedSearchIn, SearchFilters, WatchIn
from watchers.watches import create_watch
from web.common import CsrfChecked, PageUser, flash, redirect, t, today
from web.search_pages import SearchForm, query_of

router = APIRouter()

WATCH_CHOICES: dict[str, list[EventKind]] = {
    "": [],
    "deadlines": list(EVENT_KINDS),
    "matches": [MATCH],
    "both": [*EVENT_KINDS, MATCH],
}


@router.post("/searches/save", include_in_schema=False, dependencies=[CsrfChecked])
def save_search(
    request: Request, user: PageUser, session: DbSession,
    name: Annotated[str, Form(max_length=200)] = "",
    shared: Annotated[str, Form()] = "", watch: Annotated[str, Form()] = "",
    search: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    back = "/?" + search
    form = SearchForm.from_query_string(search)
    try:
        query = query_of(form, today())
        filters = SearchFilters(
            suppliers=query.suppliers, categories=query.categories, statuses=query.statuses,
            expires_from=query.expires_from, expires_to=query.expires_to,
            value_min=query.value_min, value_max=query.value_max,
            risk_levels=query.risk_levels, spend_min=query.spend_min,
            spend_max=query.spend_max, score_min=query.score_min, score_max=query.score_max,
        )
        saved = create_saved_search(session, user, SavedSearchIn(
            name=name.strip() or (form.q or "My search"), query=query.text,
            filters=filters, shared=bool(shared)), today())
        kinds = WATCH_CHOICES.get(watch, [])
        if kinds:
            create_watch(session, user, WatchIn(saved_search_id=saved.id, event_kinds=kinds),
                         clock_of(request)())
    except (QuerySyntaxError, InputError, NotFoundError, ValidationError) as problem:
        session.rollback()
        flash(request, "Not saved: %(problem)s", "error", problem=t(request, str(problem)))
        return redirect(back)
    session.commit()
    if kinds:
        flash(request, "Saved “%(name)s” and watching it.", name=saved.name)
    else:
        flash(request, "Saved “%(name)s”.", name=saved.name)
    return redirect(back)
