"""HTTP API: /api/v1/watches, /api/v1/saved-searches, /api/v1/alerts (the inbox) and
/api/v1/alert-preferences. Everything is the signed-in user's own, and only ever about
contracts they may see at the time of asking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from core.http import CurrentUser, DbSession, public_base_url, settings_of
from core.ids import PathId
from core.models import Alert, SavedSearch, User, Watch, Webhook
from core.models.base import utcnow
from core.models.watchers import DEFAULT_LEAD_DAYS
from search_api.port import SearchIndex
from watchers import (
    calendar_feed,
    delivery_history,
    inbox,
    preferences,
    repository,
    saved_searches,
    unsubscribe,
    watches,
    webhooks,
)
from watchers.errors import ConflictError, InputError, NotAllowedError, NotFoundError
from watchers.events import NEWS_KINDS
from watchers.schemas import (
    AlertList,
    AlertOut,
    CalendarFeedOut,
    DeliveryOut,
    DeliveryRecordOut,
    PreferencesIn,
    PreferencesOut,
    SavedSearchIn,
    SavedSearchOut,
    SavedSearchPatch,
    SearchFilters,
    SnoozeIn,
    WatchIn,
    WatchOut,
    WatchPatch,
    WebhookCreated,
    WebhookIn,
    WebhookOut,
)
from watchers.wording import language_of

router = APIRouter(tags=["watches and alerts"])


def _today() -> dt.date:
    return dt.date.today()


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except NotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
    except NotAllowedError as error:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(error)) from error
    except ConflictError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
    except InputError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error


# --- watches -------------------------------------------------------------------------------


def _watch_out(session: Session, user: User, watch: Watch) -> WatchOut:
    default = preferences.preferences_out(session, user).lead_days or list(DEFAULT_LEAD_DAYS)
    return WatchOut(
        id=watch.id, contract_id=watch.contract_id, saved_search_id=watch.saved_search_id,
        origin=watch.origin.value, active=watch.active, event_kinds=list(watch.event_kinds),
        lead_days=list(watch.lead_days or default),
        follows_default_lead_days=not watch.lead_days, channels=list(watch.channels),
        created_at=watch.created_at,
    )


@router.get("/watches", response_model=list[WatchOut])
def list_watches(user: CurrentUser, session: DbSession) -> list[WatchOut]:
    return [_watch_out(session, user, w) for w in watches.watches_of(session, user)]


@router.post("/watches", response_model=WatchOut, status_code=status.HTTP_201_CREATED)
def create_watch(body: WatchIn, user: CurrentUser, session: DbSession) -> WatchOut:
    with _errors():
        watch = watches.create_watch(session, user, body, utcnow())
    session.commit()
    return _watch_out(session, user, watch)


@router.get("/watches/{watch_id}", response_model=WatchOut)
def get_watch(watch_id: PathId, user: CurrentUser, session: DbSession) -> WatchOut:
    with _errors():
        return _watch_out(session, user, watches.watch_of(session, user, watch_id))


@router.patch("/watches/{watch_id}", response_model=WatchOut)
def update_watch(
    watch_id: PathId, body: WatchPatch, user: CurrentUser, session: DbSession
) -> WatchOut:
    with _errors():
        watch = watches.update_watch(session, watches.watch_of(session, user, watch_id), body)
    session.commit()
    return _watch_out(session, user, watch)


@router.delete("/watches/{watch_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_watch(watch_id: PathId, user: CurrentUser, session: DbSession) -> Response:
    with _errors():
        watches.end_watch(session, user, watches.watch_of(session, user, watch_id))
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- saved searches ------------------------------------------------------------------------


def _saved_out(user: User, saved: SavedSearch) -> SavedSearchOut:
    return SavedSearchOut(
        id=saved.id, name=saved.name, query=saved.query,
        filters=SearchFilters.model_validate(saved.filters or {}), shared=saved.shared,
        owner_email=saved.owner.email, mine=saved.owner_id == user.id,
        created_at=saved.created_at, updated_at=saved.updated_at,
    )


@router.get("/saved-searches", response_model=list[SavedSearchOut])
def list_saved_searches(user: CurrentUser, session: DbSession) -> list[SavedSearchOut]:
    return [_saved_out(user, s) for s in saved_searches.saved_searches_of(session, user)]


@router.post("/saved-searches", response_model=SavedSearchOut,
             status_code=status.HTTP_201_CREATED)
def create_saved_search(
    body: SavedSearchIn, user: CurrentUser, session: DbSession
) -> SavedSearchOut:
    with _errors():
        saved = saved_searches.create_saved_search(session, user, body, _today())
    session.commit()
    session.refresh(saved)
    return _saved_out(user, saved)


@router.get("/saved-searches/{saved_search_id}", response_model=SavedSearchOut)
def get_saved_search(saved_search_id: PathId, user: CurrentUser, session: DbSession
                     ) -> SavedSearchOut:
    with _errors():
        return _saved_out(user, saved_searches.saved_search_of(session, user, saved_search_id))


@router.patch("/saved-searches/{saved_search_id}", response_model=SavedSearchOut)
def update_saved_search(
    saved_search_id: PathId, body: SavedSearchPatch, user: CurrentUser, session: DbSession
) -> SavedSearchOut:
    with _errors():
        saved = saved_searches.saved_search_of(session, user, saved_search_id)
        saved_searches.update_saved_search(session, user, saved, body, _today())
    session.commit()
    return _saved_out(user, saved)


@router.delete("/saved-searches/{saved_search_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_saved_search(saved_search_id: PathId, user: CurrentUser, session: DbSession
                        ) -> Response:
    with _errors():
        saved = saved_searches.saved_search_of(session, user, saved_search_id)
        saved_searches.delete_saved_search(session, user, saved)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- alerts (the inbox) ----------------------------------------------------------------------


def _alert_out(session: Session, user: User, entry: inbox.InboxEntry) -> AlertOut:
    found = repository.preferences_of(session, user.id)
    language = language_of(found.language if found else None)
    alert: Alert = entry.alert
    return AlertOut(
        id=alert.id, contract_id=alert.contract_id, contract_title=alert.contract.title,
        event_kind=alert.event_kind, event_label=entry.event.label(language),
        event_date=alert.event_date, what_to_do=entry.event.what_to_do(language),
        lead_days=0 if alert.event_kind in NEWS_KINDS else alert.lead_days,
        state=alert.state.value,
        inbox_state=alert.inbox_state.value, snoozed_until=alert.snoozed_until,
        created_at=alert.created_at,
        deliveries=[
            DeliveryOut(channel=d.channel, state=d.state.value, attempts=d.attempts,
                        last_error=d.last_error, sent_at=d.sent_at)
            for d in alert.deliveries
        ],
    )


@router.get("/alerts", response_model=AlertList)
def list_alerts(
    user: CurrentUser,
    session: DbSession,
    include_closed: Annotated[bool, Query(description="also done and dismissed ones")] = False,
) -> AlertList:
    """My alerts, nearest event first; snoozed ones reappear on their day."""
    today = _today()
    entries = inbox.inbox(session, user, today, include_closed=include_closed)
    return AlertList(
        open=sum(1 for e in entries if e.alert.inbox_state.value == "open"),
        alerts=[_alert_out(session, user, e) for e in entries],
    )


def _act(alert_id: PathId, user: User, session: Session, action: str,
         until: dt.date | None = None) -> AlertOut:
    with _errors():
        alert = inbox.alert_of(session, user, alert_id)
        if action == "done":
            inbox.mark_done(alert)
        elif action == "dismiss":
            inbox.dismiss(alert)
        elif action == "reopen":
            inbox.reopen(alert)
        else:
            assert until is not None
            inbox.snooze(alert, until, _today())
    session.commit()
    return _alert_out(session, user, inbox.entry_of(alert))


@router.post("/alerts/{alert_id}/done", response_model=AlertOut)
def mark_alert_done(alert_id: PathId, user: CurrentUser, session: DbSession) -> AlertOut:
    return _act(alert_id, user, session, "done")


@router.post("/alerts/{alert_id}/dismiss", response_model=AlertOut)
def dismiss_alert(alert_id: PathId, user: CurrentUser, session: DbSession) -> AlertOut:
    return _act(alert_id, user, session, "dismiss")


@router.post("/alerts/{alert_id}/reopen", response_model=AlertOut)
def reopen_alert(alert_id: PathId, user: CurrentUser, session: DbSession) -> AlertOut:
    return _act(alert_id, user, session, "reopen")


@router.post("/alerts/{alert_id}/snooze", response_model=AlertOut)
def snooze_alert(alert_id: PathId, body: SnoozeIn, user: CurrentUser, session: DbSession
                 ) -> AlertOut:
    return _act(alert_id, user, session, "snooze", body.until)


@router.get("/deliveries", response_model=list[DeliveryRecordOut])
def list_deliveries(
    user: CurrentUser, session: DbSession,
    channel: Annotated[str | None, Query(description="email or webhook")] = None,
    state: Annotated[str | None, Query(description="pending, sent, failed or withdrawn")] = None,
) -> list[DeliveryRecordOut]:
    """What was sent to whom, when, and what failed (with the error and when it is retried):
    your own deliveries; an admin's list has everyone's. Newest first."""
    try:
        records = delivery_history.delivery_history(session, user, channel=channel,
                                                    state=state)
    except ValueError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
    return [
        DeliveryRecordOut(
            id=r.delivery.id, alert_id=r.delivery.alert_id,
            contract_id=r.delivery.alert.contract_id,
            contract_title=r.delivery.alert.contract.title,
            event_kind=r.delivery.alert.event_kind, event_date=r.delivery.alert.event_date,
            recipient=r.recipient, channel=r.delivery.channel, state=r.delivery.state.value,
            attempts=r.delivery.attempts, last_error=r.delivery.last_error,
            next_attempt_at=r.next_attempt_at, sent_at=r.delivery.sent_at,
            digest_id=r.delivery.digest_id,
        )
        for r in records
    ]


# --- preferences ---------------------------------------------------------------------------


@router.get("/alert-preferences", response_model=PreferencesOut)
def get_preferences(user: CurrentUser, session: DbSession) -> PreferencesOut:
    return preferences.preferences_out(session, user)


@router.put("/alert-preferences", response_model=PreferencesOut)
def put_preferences(body: PreferencesIn, user: CurrentUser, session: DbSession
                    ) -> PreferencesOut:
    out = preferences.update_preferences(session, user, body)
    session.commit()
    return out


# --- webhooks ------------------------------------------------------------------------------


def _webhook_out(hook: Webhook) -> WebhookOut:
    return WebhookOut(id=hook.id, url=hook.url, active=hook.active, created_at=hook.created_at)


@router.get("/webhooks", response_model=list[WebhookOut])
def list_webhooks(user: CurrentUser, session: DbSession) -> list[WebhookOut]:
    return [_webhook_out(h) for h in webhooks.webhooks_of(session, user)]


@router.post("/webhooks", response_model=WebhookCreated, status_code=status.HTTP_201_CREATED)
def create_webhook(body: WebhookIn, request: Request, user: CurrentUser, session: DbSession
                   ) -> WebhookCreated:
    """Alerts of watches with the "webhook" channel are POSTed here as signed JSON: see the
    `X-Avtale-Signature` (HMAC-SHA256 of `<X-Avtale-Timestamp>.<body>` with the secret,
    `sha256=<hex>`) and `X-Avtale-Alert` (the same on every retry) headers."""
    with _errors():
        hook = webhooks.create_webhook(
            session, user, body.url, allow_private=settings_of(request).webhook_allow_private)
    session.commit()
    return WebhookCreated(**_webhook_out(hook).model_dump(), secret=hook.secret)


@router.delete("/webhooks/{webhook_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_webhook(webhook_id: PathId, user: CurrentUser, session: DbSession) -> Response:
    with _errors():
        webhooks.delete_webhook(session, webhooks.webhook_of(session, user, webhook_id))
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- the iCal feed -------------------------------------------------------------------------


@router.post("/alert-preferences/calendar", response_model=CalendarFeedOut,
             status_code=status.HTTP_201_CREATED)
def new_calendar_feed(request: Request, user: CurrentUser, session: DbSession
                      ) -> CalendarFeedOut:
    """A new secret URL for your calendar app; any earlier one stops working."""
    url = calendar_feed.new_feed_url(session, user, public_base_url(request))
    session.commit()
    return CalendarFeedOut(url=url)


@router.delete("/alert-preferences/calendar", status_code=status.HTTP_204_NO_CONTENT)
def revoke_calendar_feed(user: CurrentUser, session: DbSession) -> Response:
    calendar_feed.revoke_feed(session, user)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/calendar/{token}.ics", response_class=Response,
            responses={200: {"content": {"text/calendar": {}}}})
def calendar(token: str, request: Request, session: DbSession) -> Response:
    """The iCal feed (RFC 5545). The secret in the URL is the only credential, as calendar
    apps cannot send tokens."""
    user = calendar_feed.user_of_feed(session, token)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such calendar feed")
    index: SearchIndex | None = getattr(request.app.state, "search_index", None)
    entries = calendar_feed.feed_entries(session, user, _today(), index)
    found = repository.preferences_of(session, user.id)
    body = calendar_feed.ical_feed(entries, base_url=public_base_url(request),
                                   language=found.language if found else None, now=utcnow(),
                                   uid_base_url=settings_of(request).base_url)
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Cache-Control": "private, max-age=300"})


# --- one-click unsubscribe -----------------------------------------------------------------

_UNSUBSCRIBE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Avtale: stop alerts</title></head><body style="font-family: sans-serif">{body}</body>
</html>"""


def _watch_of_token(request: Request, session: Session, token: str) -> Watch:
    watch = unsubscribe.watch_of_token(session, settings_of(request).secret_key, token)
    if watch is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "this unsubscribe link is not valid")
    return watch


@router.get("/unsubscribe/{token}", response_class=HTMLResponse, include_in_schema=False)
def unsubscribe_page(token: str, request: Request, session: DbSession) -> HTMLResponse:
    """Only asks: link checkers and previews open links without meaning to unsubscribe."""
    _watch_of_token(request, session, token)
    return HTMLResponse(_UNSUBSCRIBE_PAGE.format(body=(
        "<p>Stop e-mail alerts for this watch?</p>"
        '<form method="post"><button type="submit">Stop alerts</button></form>')))


@router.post("/unsubscribe/{token}", response_class=HTMLResponse, include_in_schema=False)
def unsubscribe_now(token: str, request: Request, session: DbSession) -> HTMLResponse:
    """RFC 8058 one-click: mail clients POST `List-Unsubscribe=One-Click` here."""
    unsubscribe.unsubscribe(session, _watch_of_token(request, session, token))
    session.commit()
    return HTMLResponse(_UNSUBSCRIBE_PAGE.format(body=(
        "<p>Done: this watch sends no more alerts. You can switch it on again under "
        "your watches.</p>")))
