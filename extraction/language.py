"""Language of a contract, by counting very common function words.

A stop-word vote is enough to tell English from Norwegian bokmål in a contract (thousands of
words of running text) and costs microseconds; a statistical detector would add a dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


# "i" is Norwegian for "in", but English contracts number their clauses "(i)", "(ii)": it
# is left out where the vote has to rule Norwegian out.
_NORWEGIAN_NOT_NUMERAL = _NORWEGIAN - {"i"}
_NORWEGIAN_LETTERS = re.compile(r"[æøå]")

# What it takes for text to be English beyond doubt: enough words to count on; English
# function words a share of them that running English text has (a quarter to a third in
# CUAD contracts) and a list or table of figures has not; Norwegian function words at most
# 1 to 20 of the English ones; and words with æ, ø or å at most 1 in 100 (OCR with the
# Norwegian model turns a stray o or a into one about every 500 words of an English scan;
# a Norwegian contract has one in 10).
MIN_DECIDING_WORDS = 50
_MIN_ENGLISH_SHARE = 0.1
_MAX_NORWEGIAN_TO_ENGLISH = 1 / 20
_MAX_NORWEGIAN_LETTER_SHARE = 0.01


@dataclass(frozen=True)
class WordVote:
    """The words of a text, and how many of them are English function words, Norwegian
    ones (not counting "i"), or spelt with æ, ø or å."""

    words: int
    english: int
    norwegian: int
    norwegian_letters: int

    @property
    def norwegian_rare(self) -> bool:
        """Whether Norwegian function words are too few against English ones to mean
        Norwegian text (none at all in a text of neither)."""
        return self.norwegian <= _MAX_NORWEGIAN_TO_ENGLISH * self.english

    @property
    def clearly_english(self) -> bool:
        """Whether the text is English beyond doubt, for a choice where taking Norwegian
        text for English costs more than the other way round (the OCR language)."""
        return (
            self.words >= MIN_DECIDING_WORDS
            and self.english >= _MIN_ENGLISH_SHARE * self.words
            and self.norwegian_rare
            and self.norwegian_letters <= _MAX_NORWEGIAN_LETTER_SHARE * self.words
        )


def _words(text: str, sample_chars: int) -> list[str]:
    return _WORD.findall(text[:sample_chars].lower())


def word_vote(text: str, sample_chars: int = 20000) -> WordVote:
    words = _words(text, sample_chars)
    return WordVote(
        words=len(words),
        english=sum(1 for w in words if w in _ENGLISH),
        norwegian=sum(1 for w in words if w in _NORWEGIAN_NOT_NUMERAL),
        norwegian_letters=sum(1 for w in words if _NORWEGIAN_LETTERS.search(w)),
    )


def detect_language(text: str, sample_chars: int = 20000) -> Language:
    words = _words(text, sample_chars)
    english = sum(1 for w in words if w in _ENGLISH)
    norwegian = sum(1 for w in words if w in _NORWEGIAN)
    return "nb" if norwegian > english else "en"
