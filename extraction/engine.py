"""The extraction engine: page texts (and tables) in, a typed `Extraction` out.

Each field family lives in its own module and returns `{field_name: Finding}`; this module only
detects the language and merges what they found. Pure: no I/O, no database, no queue.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from extraction import dates, law, money, parties, prices, terms, title
from extraction.language import detect_language
from extraction.model import Extraction, Finding, Language, PageTable
from extraction.roles.model import RoleModel, apply_roles, shipped_model
from extraction.text import ContractText

Extractor = Callable[[ContractText, Language], dict[str, Finding[Any]]]

_EXTRACTORS: tuple[Extractor, ...] = (
    title.extract_title,
    dates.extract_dates,
    terms.extract_terms,
    law.extract_law,
    money.extract_money,
)


def extract(
    pages: Sequence[str],
    tables: Sequence[PageTable] = (),
    language: Language | None = None,
    nlp_model: str | None = None,
    roles: RoleModel | None = None,
) -> Extraction:
    """`nlp_model`: an installed trained spaCy model to use besides the rules (see
    `extraction.nlp`); None or "" = the rule pipeline only. `roles`: the model deciding which
    date or duration plays which role (None = the one shipped; `RULES_ONLY` = the rules)."""
    text = ContractText.of(pages)
    lang: Language = language or detect_language(text.text)
    found: dict[str, Finding[Any]] = parties.extract_parties(text, lang, nlp_model or None)
    for extractor in _EXTRACTORS:
        found.update(extractor(text, lang))
    found = apply_roles(text, lang, found, shipped_model() if roles is None else roles)
    price_items = prices.extract_price_items(tables, lang)
    if price_items is not None:
        found["price_items"] = price_items
    return Extraction(language=lang, **found)
