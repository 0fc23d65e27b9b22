"""Placing an evidence quote in its page text, so a reviewer sees the clause around it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

CONTEXT_CHARS = 160
# PDF text keeps layout spaces (and no-break spaces); the short excerpt reads better without.
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class EvidenceView:
    page: int
    quote: str
    # The page split around the quote: a short window for the list, the whole for "more".
    before: str = ""
    after: str = ""
    page_before: str = ""
    page_quote: str = ""
    page_after: str = ""
    in_page: bool = False  # False: the quote could not be found in the stored page text


def locate(text: str, start: Any, end: Any, quote: str) -> tuple[int, int] | None:
    """The span of `quote` in `text`: the stored offsets when they still fit, else the
    first occurrence (page texts can be re-read with slightly different offsets)."""
    if (
        isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)
        and (text[start:end] == quote or not quote)
    ):
        return start, end
    if quote:
        found = text.find(quote)
        if found >= 0:
            return found, found + len(quote)
    return None


def distinct(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The evidence items, each place once: a computed end date carries its start's and its
    term's evidence, and one sentence often states both ("effective as of 1 April 2024 and
    shall continue for two years")."""
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for item in evidence:
        place = (item.get("page"), item.get("start"), item.get("end"), item.get("quote"))
        if place not in seen:
            seen.add(place)
            kept.append(item)
    return kept


def evidence_view(evidence: dict[str, Any], page_text: str | None,
                  context: int = CONTEXT_CHARS) -> EvidenceView:
    page = evidence.get("page")
    page_number = page if isinstance(page, int) else 0
    quote = str(evidence.get("quote") or "")
    span = locate(page_text, evidence.get("start"), evidence.get("end"), quote) \
        if page_text else None
    if page_text is None or span is None:
        return EvidenceView(page=page_number, quote=_flat(quote))
    start, end = span
    window_start = max(0, start - context)
    window_end = min(len(page_text), end + context)
    return EvidenceView(
        page=page_number,
        quote=_flat(page_text[start:end]),
        before=("… " if window_start > 0 else "") + _flat(page_text[window_start:start]).lstrip(),
        after=_flat(page_text[end:window_end]).rstrip()
        + (" …" if window_end < len(page_text) else ""),
        page_quote=page_text[start:end],
        page_before=page_text[:start],
        page_after=page_text[end:],
        in_page=True,
    )


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text)
