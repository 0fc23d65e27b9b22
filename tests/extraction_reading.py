"""What the extraction tests read off a text: one rule family's findings, a finding's value,
the party names, the whole engine's extraction."""

from __future__ import annotations

from typing import Any

from extraction.dates import extract_dates
from extraction.engine import extract
from extraction.model import Finding, Language
from extraction.parties import extract_parties
from extraction.text import ContractText


def value(found: dict[str, Finding[Any]], name: str) -> Any:
    finding = found.get(name)
    return None if finding is None else finding.value


def date_value(name: str, *pages: str, language: Language = "en") -> Any:
    """The value the date rules give `name` ("signed_date", "effective_date", ...)."""
    return value(extract_dates(ContractText.of(list(pages)), language), name)


def party_names(text: str, language: Language = "en") -> list[str]:
    found = extract_parties(ContractText.of([text]), language).get("parties")
    return [] if found is None else [p.name for p in found.value]


def read(text: str) -> Any:
    """The whole engine on a one-page text (Any: tests reach into optional findings)."""
    return extract([text])
