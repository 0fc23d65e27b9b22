"""Governing law and venue."""

from __future__ import annotations

from typing import Any

from extraction.model import Finding, Language
from extraction.text import ContractText


def extract_law(text: ContractText, language: Language) -> dict[str, Finding[Any]]:
    return {}
