"""The `SearchIndex` port: what every search engine adapter (tantivy, Elasticsearch) must do.

Every index write in Avtale goes through this port, and every read passes the viewer's
principals so that the permission filter is part of the query itself: hits, totals, facet
counts and snippets are computed only over contracts the viewer may see.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from core.i18n import MessageError

# The deadline engine's statuses (contracts.deadlines); "unknown": nothing dates the contract.
ContractStatus = Literal["active", "expiring", "expired", "unknown"]
CONTRACT_STATUSES: tuple[ContractStatus, ...] = ("active", "expiring", "expired", "unknown")
SortOrder = Literal[
    "relevance", "end_date", "-end_date", "value", "-value", "notice_deadline",
    "spend_12m", "-spend_12m", "score", "-score",
]
# The supplier's financial risk as suppliers.risk stored it at its last refresh; "unknown":
# never looked up (no org number, or no good answer yet).
RiskLevel = Literal["low", "medium", "high", "unknown"]
RISK_LEVELS: tuple[RiskLevel, ...] = ("low", "medium", "high", "unknown")

FACET_NAMES: tuple[str, ...] = ("supplier", "category", "status", "end_date", "supplier_risk")

# End-date facet buckets, relative to the query's `today`. Keys are stable API values.
END_DATE_BUCKETS: tuple[tuple[str, int | None, int | None], ...] = (
    ("expired", None, 0),  # end < today
    ("0-30d", 0, 31),  # today <= end < today+31
    ("31-90d", 31, 91),
    ("91-365d", 91, 366),
    ("over-1y", 366, None),
    ("none", None, None),  # no end date (open-ended, perpetual or unknown)
)


class QuerySyntaxError(MessageError):
    """The user's query text cannot be understood; the message is safe to show (HTTP 400:
    its English; pages show `.message` in the reader's language)."""


class IndexedContract(BaseModel):
    """One contract as the search index sees it; built from the database, never the reverse."""

    model_config = ConfigDict(frozen=True)

    contract_id: int
    title: str
    parties: list[str] = Field(default_factory=list)
    body: str = ""
    supplier: str | None = None
    category: str | None = None
    governing_law: str | None = None  # as written: "Norway", "the State of Delaware"
    # Status and dates are the deadline engine's result for the day the contract was last
    # indexed (the daily pass re-indexes those that change): `end_date` is the end of the
    # current term, after renewals, not the initial term's stated end.
    status: ContractStatus = "unknown"
    end_date: dt.date | None = None
    next_renewal_date: dt.date | None = None
    notice_deadline: dt.date | None = None
    perpetual: bool = False
    archived: bool = False  # left out of every search unless asked for
    value: float | None = None
    currency: str | None = None
    # Spend bought under the contract (spend lines matched to it), in the lines' amounts: in
    # the 12 months up to the newest spend line anywhere, in total, and the change of those
    # 12 months against the 12 before them as a fraction (None when there was nothing
    # before). Counted from the newest line, not from today, so the figures change when
    # spend is imported and never drift with the calendar (see search_api.figures).
    spend_12m: float | None = None
    spend_total: float | None = None
    spend_trend: float | None = None
    supplier_risk: RiskLevel = "unknown"
    # The supplier's newest scored evaluation that every viewer of this contract may see
    # (one for the supplier alone or for this contract), on its template's scale.
    evaluation_score: float | None = None
    # Who may see it: "org" (everyone in the organisation), "user:<id>", "group:<id>",
    # "role:admin". A viewer sees a contract when the two principal sets intersect.
    principals: list[str]

    def fingerprint(self) -> str:
        """What the index stores to tell a stale document from a current one: any change
        to anything indexed (text, status, dates, who may see it) changes it."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:24]


class SearchQuery(BaseModel):
    text: str = ""
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
    spend_min: float | None = None  # spend in the last 12 months
    spend_max: float | None = None
    score_min: float | None = None  # the supplier's last evaluation score
    score_max: float | None = None
    include_archived: bool = False
    # Restrict to these contracts (used by watches to test one contract against a search).
    contract_ids: list[int] | None = None
    sort: SortOrder = "relevance"
    page: int = Field(default=1, ge=1, le=1000)
    page_size: int = Field(default=20, ge=1, le=100)
    # The day the end-date facet buckets count from (status is stored, not computed here).
    today: dt.date


class Passage(BaseModel):
    """Where in a contract's documents the query matched (search_api/passages.py)."""

    document_id: int
    page: int
    # HTML: text escaped, matches wrapped in <mark>...</mark>.
    html: str
    # The first matched words as written, for the PDF viewer to find and mark on the page.
    quote: str
    matches: int


class SearchHit(BaseModel):
    contract_id: int
    title: str
    score: float
    supplier: str | None = None
    category: str | None = None
    end_date: dt.date | None = None
    next_renewal_date: dt.date | None = None
    notice_deadline: dt.date | None = None
    value: float | None = None
    currency: str | None = None
    status: ContractStatus
    archived: bool = False
    spend_12m: float | None = None
    spend_trend: float | None = None
    supplier_risk: RiskLevel = "unknown"
    evaluation_score: float | None = None
    # Field name -> HTML fragments, text escaped, matches wrapped in <mark>...</mark>.
    highlights: dict[str, list[str]] = Field(default_factory=dict)
    # The best passages with their pages; filled after the search from the stored pages.
    passages: list[Passage] = Field(default_factory=list)


class FacetValue(BaseModel):
    value: str
    count: int


class SearchResult(BaseModel):
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]]


class SearchIndex(Protocol):
    """Contract of every adapter (checked by one parametrised test suite):

    - `upsert` replaces documents by `contract_id`; after it returns, `search` sees them.
    - `delete` removes by id; unknown ids are ignored.
    - `search` returns only contracts whose principals intersect `viewer_principals`, and
      computes `total` and every facet over exactly that visible, filtered set. An empty
      `viewer_principals` sees nothing. Malformed `query.text` raises `QuerySyntaxError`.
    - Archived contracts are left out (hits, totals and facets) unless
      `query.include_archived`.
    - Status is the stored `IndexedContract.status` (the deadline engine's, never recomputed
      by an adapter); the status filter matches it exactly, "unknown" included.
    - `matching_ids` returns exactly the ids `search` counts in `total` (up to its limit).
    - Facets: supplier, category (value counts, most frequent first), status (all four
      CONTRACT_STATUSES, zero counts included), end_date (END_DATE_BUCKETS keys relative
      to `query.today`, zeros included; perpetual contracts count as "none") and
      supplier_risk (all four RISK_LEVELS, zeros included). Status, supplier, category,
      supplier_risk and expiry facets are disjunctive: each leaves out its own filter.
    - Spend and score ranges are inclusive; a contract without the figure never matches
      one. Sorting by spend_12m or score puts contracts without the figure last.
    """

    def upsert(self, contracts: Sequence[IndexedContract]) -> None: ...

    def delete(self, contract_ids: Sequence[int]) -> None: ...

    def clear(self) -> None: ...

    def count(self) -> int: ...

    def search(self, query: SearchQuery, viewer_principals: frozenset[str]) -> SearchResult: ...

    def fingerprints(self) -> dict[int, str]:
        """Every indexed contract id with the `IndexedContract.fingerprint()` it was indexed
        with (archived and restricted ones included): how `index check` finds drift."""
        ...

    def matching_ids(
        self, query: SearchQuery, viewer_principals: frozenset[str], limit: int
    ) -> list[int]:
        """Every contract id `search` would count for this query and viewer (text and
        filters; paging, sort and facets ignored), at most `limit`, in no set order. Tables
        and exports sort the rows themselves."""
        ...
