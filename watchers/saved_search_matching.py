"""Running a saved search through the search port, as the person watching it.

Matching goes through `SearchIndex.search` with the watcher's principals, so a watch can
only ever find contracts its owner may see, on every engine the port has.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.models import SavedSearch
from search_api.port import SearchIndex, SearchQuery

PAGE_SIZE = 100
MAX_PAGES = 1000  # the port's page limit: 100,000 matches at most

# Keys of SavedSearch.filters; the rest of SearchQuery is chosen by whoever runs it.
FILTER_KEYS = ("suppliers", "categories", "statuses", "expires_from", "expires_to",
               "notice_from", "notice_to", "value_min", "value_max", "risk_levels",
               "spend_min", "spend_max", "score_min", "score_max")


def query_of(
    saved: SavedSearch, today: dt.date, *, contract_ids: list[int] | None = None, page: int = 1
) -> SearchQuery:
    filters: dict[str, Any] = {k: v for k, v in (saved.filters or {}).items() if k in FILTER_KEYS}
    return SearchQuery.model_validate(
        {**filters, "text": saved.query, "today": today, "contract_ids": contract_ids,
         "page": page, "page_size": PAGE_SIZE, "sort": "end_date"}
    )


def matching_contract_ids(
    index: SearchIndex, saved: SavedSearch, principals: frozenset[str], today: dt.date
) -> list[int]:
    found: list[int] = []
    for page in range(1, MAX_PAGES + 1):
        result = index.search(query_of(saved, today, page=page), principals)
        found.extend(hit.contract_id for hit in result.hits)
        if len(result.hits) < PAGE_SIZE or len(found) >= result.total:
            break
    return found


def matches(
    index: SearchIndex, saved: SavedSearch, contract_id: int, principals: frozenset[str],
    today: dt.date,
) -> bool:
    """Does this one contract match? (The id filter works on every engine; see DESIGN.)
    Through `matching_ids`: no facets, highlights or stored documents, which cost more
    than the match itself."""
    found = index.matching_ids(query_of(saved, today, contract_ids=[contract_id]), principals,
                               limit=1)
    return contract_id in found
