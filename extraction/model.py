"""The typed result of reading one contract: every value carries its confidence and evidence.

This is the shape that `avtale extract --json` prints and that ingest turns into suggested
field values. Field names are part of the public interface (DESIGN.md): do not rename them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

DurationUnit = Literal["day", "week", "month", "year"]
Language = Literal["en", "nb"]

T = TypeVar("T")


class Evidence(BaseModel):
    """Where a value was read: 1-based page, character span within that page's text."""

    model_config = ConfigDict(frozen=True)

    page: int
    start: int
    end: int
    quote: str


class Duration(BaseModel):
    model_config = ConfigDict(frozen=True)

    count: int
    unit: DurationUnit


class Money(BaseModel):
    model_config = ConfigDict(frozen=True)

    amount: Decimal
    currency: str  # ISO 4217, e.g. "NOK", "USD"
    excluding_vat: bool | None = None
    # A fee stated per year or month ("Årlig leie", "kr 4 900 per måned"); None = the total.
    per: Literal["year", "month"] | None = None


class Party(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str  # the legal name as written, never the defined-term alias
    role: str | None = None  # customer, supplier, licensor, licensee, ...
    org_number: str | None = None  # normalised digits / registry form


class PriceItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    description: str
    unit: str | None = None
    unit_price: Decimal | None = None
    currency: str | None = None
    page: int | None = None  # None when a person typed it


class Finding(BaseModel, Generic[T]):
    """One extracted value with how sure we are and the text that supports it."""

    value: T
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)
    # A value computed from others rather than read in the text, e.g. an end date from a start
    # and a term: the fields it was computed from and their values as JSON, in the order they
    # add up ({"effective_date": "2024-04-01", "initial_term": {"count": 2, "unit": "year"}}).
    # None: stated in the text. The evidence is then the evidence of those parts.
    derived_from: dict[str, Any] | None = None


class PageTable(BaseModel):
    """A table found on a page (rows of cell strings), supplied by the PDF reader."""

    page: int
    rows: list[list[str | None]]


# The order here is the order of the JSON output and of the review page.
FIELD_NAMES: tuple[str, ...] = (
    "title",
    "parties",
    "signed_date",
    "effective_date",
    "end_date",
    "perpetual",
    "initial_term",
    "auto_renewal",
    "renewal_term",
    "renewal_count",
    "extension_options",
    "notice_period",
    "governing_law",
    "venue",
    "contract_value",
    "payment_terms",
    "price_items",
)
# Read and printed by `avtale extract --json` after FIELD_NAMES, and not part of the labelled
# fixtures' fields: a second notice period, to terminate at will or for convenience, kept
# apart from `notice_period` (the notice that stops renewal or ends the term). A contract
# stores and reviews it too (contracts/fields.py).
EXTRA_FIELD_NAMES: tuple[str, ...] = ("termination_notice",)


class Extraction(BaseModel):
    """Everything read from one contract. A field not found is None."""

    language: Language = "en"
    title: Finding[str] | None = None
    parties: Finding[list[Party]] | None = None
    signed_date: Finding[dt.date] | None = None
    effective_date: Finding[dt.date] | None = None
    end_date: Finding[dt.date] | None = None
    perpetual: Finding[bool] | None = None
    initial_term: Finding[Duration] | None = None
    auto_renewal: Finding[bool] | None = None
    renewal_term: Finding[Duration] | None = None
    # How many renewals may happen (None = unlimited/unstated).
    renewal_count: Finding[int] | None = None
    # Options the customer may exercise to extend, e.g. "1+1 år" -> two 1-year options.
    extension_options: Finding[list[Duration]] | None = None
    notice_period: Finding[Duration] | None = None
    # Notice to terminate at will or for convenience, when the contract also states the notice
    # that stops renewal and this one is written in another clause.
    termination_notice: Finding[Duration] | None = None
    governing_law: Finding[str] | None = None
    venue: Finding[str] | None = None
    contract_value: Finding[Money] | None = None
    payment_terms: Finding[Duration] | None = None
    price_items: Finding[list[PriceItem]] | None = None

    def finding(self, name: str) -> Finding[Any] | None:
        if name not in FIELD_NAMES and name not in EXTRA_FIELD_NAMES:
            raise KeyError(name)
        found: Finding[Any] | None = getattr(self, name)
        return found

    def fields_json(self) -> dict[str, dict[str, Any]]:
        """Every field name present; a field not found has value null (DESIGN.md)."""
        out: dict[str, dict[str, Any]] = {}
        for name in (*FIELD_NAMES, *EXTRA_FIELD_NAMES):
            found = self.finding(name)
            if found is None:
                out[name] = {"value": None, "confidence": None, "evidence": []}
            else:
                # `derived_from` only where a value was computed: a stated value's JSON keeps
                # the shape DESIGN.md gives (value, confidence, evidence).
                out[name] = found.model_dump(
                    mode="json", exclude={"derived_from"} if found.derived_from is None else None)
        return out
