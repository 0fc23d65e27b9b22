"""The Deadlines page (what falls due soon, nearest first) and the alert inbox."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from core.http import DbSession
from watchers import inbox as alert_inbox
from watchers.delivery_history import CHANNELS, STATES, delivery_history
from watchers.errors import InputError, NotFoundError
from watchers.upcoming import HORIZONS, upcoming_for
from web import calendar_pages
from web.common import CsrfChecked, PageUser, error_page, flash, redirect, render, today

router = APIRouter()


@router.get("/deadlines", response_class=HTMLResponse, include_in_schema=False)
def deadlines_page(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    params = request.query_params
    within_text = params.get("within", "90")
    within = int(within_text) if within_text in {str(h) for h in HORIZONS} else 90
    suppliers = [s for s in params.getlist("supplier") if s][:20]
    categories = [c for c in params.getlist("category") if c][:20]
    day = today()
    rows = upcoming_for(session, user, day, within, suppliers, categories)
    return render(request, "deadlines.html", {
        "rows": rows, "within": within, "horizons": HORIZONS, "day": day,
        "until": day + dt.timedelta(days=within),
        "suppliers": suppliers, "categories": categories,
        "has_calendar": calendar_pages.has_feed(session, user),
    }, user=user)


@router.get("/inbox", response_class=HTMLResponse, include_in_schema=False)
def inbox_page(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    closed = request.query_params.get("all") == "1"
    entries = alert_inbox.inbox(session, user, today(), include_closed=closed)
    return render(request, "inbox.html", {"entries": entries, "closed": closed,
                                          "tomorrow": today() + dt.timedelta(days=1)},
                  user=user)


@router.get("/deliveries", response_class=HTMLResponse, include_in_schema=False)
def deliveries_page(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    channel = request.query_params.get("channel") or None
    state = request.query_params.get("state") or None
    try:
        records = delivery_history(session, user, channel=channel, state=state)
    except ValueError as problem:
        return error_page(request, 400, str(problem), user)
    return render(request, "deliveries.html", {
        "records": records, "channel": channel or "", "state": state or "",
        "channels": CHANNELS, "states": STATES,
    }, user=user)


@router.post("/inbox/{alert_id}", include_in_schema=False, dependencies=[CsrfChecked])
def inbox_action(
    request: Request, alert_id: int, user: PageUser, session: DbSession,
    action: Annotated[str, Form()] = "", until: Annotated[str, Form()] = "",
) -> Response:
    try:
        alert = alert_inbox.alert_of(session, user, alert_id) if 0 < alert_id < 2**31 \
            else None
        if alert is None:
            raise NotFoundError("no such alert")
        if action == "done":
            alert_inbox.mark_done(alert)
        elif action == "dismiss":
            alert_inbox.dismiss(alert)
        elif action == "reopen":
            alert_inbox.reopen(alert)
        elif action == "snooze":
            try:
                day = dt.date.fromisoformat(until)
            except ValueError as error:
                raise InputError("snooze until a date (YYYY-MM-DD)") from error
            alert_inbox.snooze(alert, day, today())
        else:
            raise InputError("choose done, snooze or dismiss")
    except NotFoundError:
        return error_page(request, 404, "There is no such alert.", user)
    except InputError as problem:
        flash(request, str(problem), "error")
        return redirect("/inbox")
    session.commit()
    return redirect("/inbox")
