"""The deadlines in a calendar app: the secret iCal link (watchers/calendar_feed.py), got,
replaced and stopped from the Deadlines page. Only its hash is kept, so the link is shown
once, on the page that made it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from core.http import DbSession, public_base_url
from core.models import User
from watchers import calendar_feed, repository
from web.common import CsrfChecked, PageUser, flash, redirect, render

router = APIRouter()


def has_feed(session: Session, user: User) -> bool:
    preferences = repository.preferences_of(session, user.id)
    return preferences is not None and preferences.calendar_token_hash is not None


@router.post("/deadlines/calendar", response_class=HTMLResponse, include_in_schema=False,
             dependencies=[CsrfChecked])
def new_calendar_link(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    url = calendar_feed.new_feed_url(session, user, public_base_url(request))
    session.commit()
    response = render(request, "calendar_link.html", {"url": url}, user=user)
    response.headers["Cache-Control"] = "no-store"  # the link is as good as a password
    return response


@router.post("/deadlines/calendar/stop", include_in_schema=False, dependencies=[CsrfChecked])
def stop_calendar_link(request: Request, user: PageUser, session: DbSession) -> Response:
    calendar_feed.revoke_feed(session, user)
    session.commit()
    flash(request, "The calendar link no longer works; your calendar app keeps what it had.")
    return redirect("/deadlines#calendar")
