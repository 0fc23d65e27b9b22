"""Language of a contract, by counting very common function words.

A stop-word vote is enough to tell English from Norwegian bokmål in a contract (thousands of
words of running text) and costs microseconds; a statistical detector would add a dependency.
"""

from __future__ import annotations

import re

from extraction.model import Language

_WORD = re.compile(r"[a-zæøå]+")

_ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "shall",
        "be",
        "or",
        "any",
        "this",
        "by",
        "for",
        "with",
        "as",
        "such",
        "agreement",
        "party",
        "is",
        "that",
    ]
)
_NORWEGIAN = frozenset(
    [
        "og",
        "i",
        "til",
        "av",
        "på",
        "som",
        "med",
        "er",
        "skal",
        "den",
        "det",
        "avtalen",
        "ved",
        "eller",
        "fra",
        "partene",
        "kan",
        "har",
        "ikke",
    ]
)


def detect_language(text: str, sample_chars: int = 20000) -> Language:
    words = _WORD.findall(text[:sample_chars].lower())
    english = sum(1 for w in words if w in _ENGLISH)
    norwegian = sum(1 for w in words if w in _NORWEGIAN)
    return "nb" if norwegian > english else "en"
