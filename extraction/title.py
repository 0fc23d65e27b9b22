"""The contract's title, read from the top of the first page."""

from __future__ import annotations

from typing import Any

from extraction.model import Finding, Language
from extraction.text import ContractText


def extract_title(text: ContractText, language: Language) -> dict[str, Finding[Any]]:
    return {}
