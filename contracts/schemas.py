"""The contract API's request and response bodies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from contracts import validation
from core.i18n import Message
from core.ids import BodyId
from core.text import StorableText
from extraction.model import Duration, Party

VisibilityIn = Literal["organisation", "restricted"]

# Dates a contract can really carry. "9999-12-31" is a placeholder for "no end", which is
# said with `perpetual`; years outside this range are typing errors.
MIN_YEAR = 1900
MAX_YEAR = 2199
# 10,000 of any unit: longer than any real term or notice period, and far from the
# calendar's end however it is added up.
MAX_DURATION_COUNT = 10_000


def _plausible_year(value: dt.date) -> dt.date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"the year must be from {MIN_YEAR} to {MAX_YEAR}")
    return value


def _as_utc(value: dt.datetime) -> dt.datetime:
    # The database stores UTC without an offset (SQLite keeps none); say so on the way out.
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


ContractDate = Annotated[dt.date, AfterValidator(_plausible_year)]
UtcDateTime = Annotated[dt.datetime, AfterValidator(_as_utc)]


class DurationIn(Duration):
    """A term, renewal, notice or payment period as sent: it must move time forward."""

    count: int = Field(ge=1, le=MAX_DURATION_COUNT)


class ContractFields(StorableText):
    """Editable facts of a contract. On PATCH, only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=500)
    supplier_name: str | None = Field(default=None, max_length=300)
    supplier_org_number: str | None = Field(default=None, max_length=40)
    category_id: BodyId | None = None
    category_path: str | None = Field(
        default=None, max_length=500, description='e.g. "IT / Software"; created when missing'
    )
    owner_email: str | None = None
    visibility: VisibilityIn | None = None
    allowed_user_emails: list[str] | None = Field(
        default=None, description="for restricted contracts: who besides the owner may see it"
    )
    notes: str | None = Field(default=None, max_length=20000)
    signed_date: ContractDate | None = None
    effective_date: ContractDate | None = None
    end_date: ContractDate | None = None
    perpetual: bool | None = None
    auto_renewal: bool | None = None
    initial_term: DurationIn | None = None
    renewal_term: DurationIn | None = None
    renewal_count: int | None = Field(default=None, ge=0, le=1000)
    extension_options: list[DurationIn] | None = Field(default=None, max_length=50)
    notice_period: DurationIn | None = None
    termination_notice: DurationIn | None = Field(
        default=None, description="notice to terminate for convenience; no deadline rests on it")
    governing_law: str | None = Field(default=None, max_length=200)
    venue: str | None = Field(default=None, max_length=300)
    value_amount: Decimal | None = Field(default=None, ge=0, max_digits=18, decimal_places=2)
    value_currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    payment_terms: DurationIn | None = None
    parties: list[Party] | None = Field(default=None, max_length=50)

    @field_validator("signed_date", "effective_date", "end_date")
    @classmethod
    def _plausible_date(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        return validation.check_date(_label(info), value) if value is not None else None

    @field_validator("initial_term", "renewal_term", "notice_period", "termination_notice",
                     "payment_terms")
    @classmethod
    def _positive_duration(cls, value: Duration | None, info: ValidationInfo
                           ) -> Duration | None:
        return validation.check_duration(_label(info), value) if value is not None else None

    @field_validator("extension_options")
    @classmethod
    def _positive_options(cls, value: list[Duration] | None) -> list[Duration] | None:
        for option in value or []:
            validation.check_duration(validation.AN_EXTENSION_OPTION, option)
        return value

    @field_validator("supplier_org_number")
    @classmethod
    def _org_number(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return validation.org_number(validation.field_name("supplier_org_number"), value)

    @field_validator("parties")
    @classmethod
    def _party_org_numbers(cls, value: list[Party] | None) -> list[Party] | None:
        if value is None:
            return None
        return [
            party.model_copy(update={"org_number": validation.org_number(
                validation.party_org_number(party.name), party.org_number)})
            if party.org_number else party
            for party in value
        ]


def _label(info: ValidationInfo) -> Message:
    return validation.field_name(info.field_name or "value")


class ContractCreate(ContractFields):
    title: str = Field(min_length=1, max_length=500)


class SupplierRef(BaseModel):
    id: int
    name: str
    org_number: str | None


class CategoryRef(BaseModel):
    id: int
    name: str
    path: str


class DocumentRef(BaseModel):
    id: int
    filename: str
    state: str
    failure_reason: str | None
    page_count: int | None
    sha256: str
    content_type: str = "application/pdf"
    ocr_pages: list[int] = []
    ocr_languages: dict[int, str] = {}  # the tesseract languages each OCR'd page was read with
    # A copy with a text layer on the OCR'd pages can be downloaded.
    searchable_pdf: bool = False
    relation: str | None = None  # amendment | appendix | renewal; None: the contract itself
    relation_number: int | None = None
    relation_quote: str | None = None


class FieldValueOut(BaseModel):
    id: int
    field: str
    value: Any
    corrected_value: Any
    effective_value: Any
    confidence: float | None
    evidence: list[dict[str, Any]]
    # A value the machine computed from others (e.g. an end date from a start and a term):
    # those fields and their values; None when it was read in the text.
    derived_from: dict[str, Any] | None = None
    review_state: str
    document_id: int | None
    reviewed_at: UtcDateTime | None


class ContractEventOut(BaseModel):
    id: int
    kind: str
    occurred_on: dt.date
    note: str
    document_id: int | None
    recorded_by_email: str | None
    recorded_at: dt.datetime
    withdrawn_at: dt.datetime | None


class ContractOut(BaseModel):
    id: int
    title: str
    status: str
    source: str
    visibility: str
    owner_email: str | None
    # Besides the owner and admins, who may see a restricted contract.
    shared_with: list[str]
    supplier: SupplierRef | None
    # Parties are known but none is clearly the supplier: a person must say (review queue).
    supplier_unclear: bool
    category: CategoryRef | None
    parties: list[Party]
    signed_date: dt.date | None
    effective_date: dt.date | None
    end_date: dt.date | None
    # True when `end_date` was computed from a start and a term, not stated; the parts are in
    # `end_date_derived_from` ({"effective_date": "2024-04-01", "initial_term": {...}}).
    end_date_derived: bool = False
    end_date_derived_from: dict[str, Any] | None = None
    perpetual: bool
    auto_renewal: bool
    initial_term: Duration | None
    renewal_term: Duration | None
    renewal_count: int | None
    extension_options: list[Duration] | None
    notice_period: Duration | None  # the notice that stops renewal or ends the term
    # Notice to terminate at will or for convenience; shown, no deadline rests on it.
    termination_notice: Duration | None = None
    governing_law: str | None
    venue: str | None
    value_amount: Decimal | None
    value_currency: str | None
    payment_terms: Duration | None
    notes: str
    # The deadline engine's result (see contracts.stored_deadlines): `end_date` above is the
    # initial term's stated end; these are the dates that apply today, after renewals.
    deadlines: dict[str, Any] | None
    current_term_end: dt.date | None
    next_renewal_date: dt.date | None
    ends_on: dt.date | None
    notice_deadline: dt.date | None
    archived_at: dt.datetime | None
    # The contract's life as recorded (notice given, options exercised, ...), oldest first.
    events: list[ContractEventOut]
    documents: list[DocumentRef]
    fields: list[FieldValueOut]
    created_at: UtcDateTime
    updated_at: UtcDateTime
