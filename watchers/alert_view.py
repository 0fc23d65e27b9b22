"""One alert as its recipient reads it, in their language: the facts every channel shows."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy.orm import object_session

from core.models import Alert, AlertPreferences
from watchers import wording
from watchers.evaluation_events import EVALUATION, evaluation_events
from watchers.events import (
    MATCH,
    NEWS_KINDS,
    SUPPLIER_RISK,
    ContractEvent,
    events_of_contract,
    match_event,
)
from watchers.risk_events import risk_change_event


@dataclasses.dataclass(frozen=True)
class AlertView:
    alert_id: int
    language: str
    contract_id: int
    contract_title: str
    contract_url: str
    event_kind: str
    event_label: str
    event_date: dt.date
    event_date_text: str
    what_to_do: str
    lead_days: int
    days_left: int
    watches_url: str
    unsubscribe_url: str | None


def current_event(alert: Alert) -> ContractEvent | None:
    """The contract's event this alert is about, if its stored deadlines still have it."""
    if alert.event_kind == MATCH:
        saved = alert.watch.saved_search
        return match_event(alert.contract_id, alert.event_date, saved.name if saved else "")
    session = object_session(alert)
    if alert.event_kind == EVALUATION and session is not None:
        # Asked as of the day it fell due: the decision it was armed for is the next one.
        return next(iter(evaluation_events(session, alert.contract, alert.event_date)), None)
    if alert.event_kind == SUPPLIER_RISK and session is not None:
        return risk_change_event(session, alert)
    for event in events_of_contract(alert.contract):
        if (event.kind, event.on) == (alert.event_kind, alert.event_date):
            return event
    return None


def view_of(
    alert: Alert,
    event: ContractEvent,
    preferences: AlertPreferences | None,
    base_url: str,
    today: dt.date,
    unsubscribe_url: str | None = None,
    user_language: str | None = None,
) -> AlertView:
    # The person's own language (chosen on the account page) wins; the alert preference's
    # older column is read when they have not chosen one.
    language = wording.language_of(
        user_language or (preferences.language if preferences else None))
    base = base_url.rstrip("/")
    return AlertView(
        alert_id=alert.id,
        language=language,
        contract_id=alert.contract_id,
        contract_title=alert.contract.title,
        contract_url=f"{base}/contracts/{alert.contract_id}",
        event_kind=event.kind,
        event_label=event.label(language),
        event_date=event.on,
        event_date_text=wording.format_date(event.on, language),
        what_to_do=event.what_to_do(language),
        lead_days=0 if alert.event_kind in NEWS_KINDS else alert.lead_days,
        days_left=(event.on - today).days,
        watches_url=f"{base}/api/v1/watches",
        unsubscribe_url=unsubscribe_url,
    )
