"""The watchers API's request and response bodies."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.ids import BodyId
from core.text import StorableText
from search_api.port import ContractStatus, RiskLevel
from watchers.events import EVENT_KINDS, EventKind

Channel = Literal["email", "webhook"]
Language = Literal["en", "nb"]
Digest = Literal["off", "daily", "weekly"]
LeadDays = list[int] | None


def _default_channels() -> list[Channel]:
    return ["email"]


def _lead_days(value: list[int] | None) -> list[int] | None:
    if value is None:
        return None
    if not value or len(value) > 10:
        raise ValueError("give between 1 and 10 lead times")
    if any(not 0 <= days <= 3650 for days in value):
        raise ValueError("lead times are 0 to 3650 days before the event")
    return sorted(set(value), reverse=True)


class WatchIn(StorableText):
    """Watch one contract, or every contract a saved search finds (give exactly one)."""

    model_config = ConfigDict(extra="forbid")

    contract_id: BodyId | None = None
    saved_search_id: BodyId | None = None
    event_kinds: list[EventKind] = Field(default_factory=lambda: list(EVENT_KINDS), min_length=1)
    lead_days: LeadDays = Field(
        default=None, description="days before each event; null = your default lead times"
    )
    channels: list[Channel] = Field(
        default_factory=_default_channels,
        description="besides the in-app inbox, which always gets the alert",
    )

    _check_lead_days = field_validator("lead_days")(_lead_days)

    @model_validator(mode="after")
    def _one_target(self) -> WatchIn:
        if (self.contract_id is None) == (self.saved_search_id is None):
            raise ValueError("give either contract_id or saved_search_id")
        if self.contract_id is not None and "match" in self.event_kinds:
            raise ValueError('"match" is for saved-search watches: new or changed matches')
        return self


class WatchPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    event_kinds: list[EventKind] | None = Field(default=None, min_length=1)
    lead_days: LeadDays = None
    channels: list[Channel] | None = None
    active: bool | None = None

    _check_lead_days = field_validator("lead_days")(_lead_days)


class WatchOut(BaseModel):
    id: int
    contract_id: int | None
    saved_search_id: int | None
    origin: str
    active: bool
    event_kinds: list[str]
    lead_days: list[int]
    follows_default_lead_days: bool
    channels: list[str]
    created_at: dt.datetime


class SearchFilters(BaseModel):
    """The filters of the search API, as a saved search keeps them."""

    model_config = ConfigDict(extra="forbid")

    suppliers: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    statuses: list[ContractStatus] = Field(default_factory=list)
    expires_from: dt.date | None = None
    expires_to: dt.date | None = None
    notice_from: dt.date | None = None
    notice_to: dt.date | None = None
    value_min: float | None = None
    value_max: float | None = None
    risk_levels: list[RiskLevel] = Field(default_factory=list)
    spend_min: float | None = None
    spend_max: float | None = None
    score_min: float | None = None
    score_max: float | None = None


class SavedSearchIn(StorableText):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    query: str = Field(default="", max_length=2000)
    filters: SearchFilters = Field(default_factory=SearchFilters)
    shared: bool = Field(default=False, description="listed for everyone in the organisation")


class SavedSearchPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=200)
    query: str | None = Field(default=None, max_length=2000)
    filters: SearchFilters | None = None
    shared: bool | None = None


class SavedSearchOut(BaseModel):
    id: int
    name: str
    query: str
    filters: SearchFilters
    shared: bool
    owner_email: str
    mine: bool
    created_at: dt.datetime
    updated_at: dt.datetime


class DeliveryOut(BaseModel):
    channel: str
    state: str
    attempts: int
    last_error: str | None
    sent_at: dt.datetime | None


class DeliveryRecordOut(BaseModel):
    id: int
    alert_id: int
    contract_id: int
    contract_title: str
    event_kind: str
    event_date: dt.date
    recipient: str
    channel: str
    state: str
    attempts: int
    last_error: str | None
    next_attempt_at: dt.datetime | None = Field(description="when a pending one is retried")
    sent_at: dt.datetime | None
    digest_id: int | None = Field(description="sent inside this digest")


class AlertOut(BaseModel):
    id: int
    contract_id: int
    contract_title: str
    event_kind: str
    event_label: str
    event_date: dt.date
    what_to_do: str
    lead_days: int
    state: str
    inbox_state: str
    snoozed_until: dt.date | None
    created_at: dt.datetime
    deliveries: list[DeliveryOut]


class AlertList(BaseModel):
    open: int
    alerts: list[AlertOut]


class SnoozeIn(StorableText):
    until: dt.date


class PreferencesIn(StorableText):
    model_config = ConfigDict(extra="forbid")

    language: Language | None = None
    lead_days: LeadDays = None
    digest: Digest | None = Field(
        default=None, description='"daily" or "weekly": alert e-mails collected into one '
        'digest per day (or per week from Monday) instead of one e-mail each; "off": one each'
    )

    _check_lead_days = field_validator("lead_days")(_lead_days)


class PreferencesOut(BaseModel):
    language: Language
    lead_days: list[int]
    digest: Digest


class WebhookIn(StorableText):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=8, max_length=2000)


class WebhookOut(BaseModel):
    id: int
    url: str
    active: bool
    created_at: dt.datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(description="shown only now: verify X-Avtale-Signature with it")


class CalendarFeedOut(BaseModel):
    url: str = Field(description="secret: whoever has it sees your watched deadlines")
