"""Price items from tables."""

from __future__ import annotations

from collections.abc import Sequence

from extraction.model import Finding, Language, PageTable, PriceItem


def extract_price_items(
    tables: Sequence[PageTable], language: Language
) -> Finding[list[PriceItem]] | None:
    return None
