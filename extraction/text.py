"""A contract's page texts joined into one searchable string, with offsets mapped back to pages.

Extractors search the joined text (clauses run across page breaks) and report evidence in
page-local character spans, which is what the review page highlights.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from extraction.model import Evidence

PAGE_SEPARATOR = "\n\n"
_MAX_QUOTE = 400


@dataclass(frozen=True)
class ContractText:
    pages: tuple[str, ...]
    text: str = field(init=False)
    _page_starts: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        starts: list[int] = []
        pos = 0
        for page in self.pages:
            starts.append(pos)
            pos += len(page) + len(PAGE_SEPARATOR)
        object.__setattr__(self, "text", PAGE_SEPARATOR.join(self.pages))
        object.__setattr__(self, "_page_starts", tuple(starts))

    @classmethod
    def of(cls, pages: Sequence[str]) -> ContractText:
        return cls(tuple(pages))

    def page_of(self, offset: int) -> int:
        """0-based page index containing a global offset."""
        return max(0, bisect.bisect_right(self._page_starts, offset) - 1)

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for a global span; a span crossing a page break is cut at the break."""
        index = self.page_of(start)
        page_start = self._page_starts[index]
        page_len = len(self.pages[index]) if self.pages else 0
        local_start = start - page_start
        local_end = min(end - page_start, page_len)
        quote = self.pages[index][local_start:local_end] if self.pages else ""
        if len(quote) > _MAX_QUOTE:
            quote = quote[: _MAX_QUOTE - 1] + "…"
        return Evidence(page=index + 1, start=local_start, end=local_end, quote=quote)

    def evidence_for(self, match: re.Match[str], group: int | str = 0) -> Evidence:
        return self.evidence(match.start(group), match.end(group))

    def sentence_around(self, offset: int, limit: int = 600) -> tuple[int, int]:
        """Global span of the sentence (or clause) containing offset, bounded by limit."""
        text = self.text
        lo = max(0, offset - limit)
        hi = min(len(text), offset + limit)
        start = offset
        while start > lo and not _is_sentence_end(text, start - 1):
            start -= 1
        end = offset
        while end < hi and not _is_sentence_end(text, end):
            end += 1
        while start < end and text[start].isspace():
            start += 1
        return start, min(end + 1, len(text))


def _is_sentence_end(text: str, i: int) -> bool:
    ch = text[i]
    if ch == "\n" and i + 1 < len(text) and text[i + 1] == "\n":
        return True
    if ch not in ".;":
        return False
    # "Inc." / "No." / "1.2" are not sentence ends.
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if not nxt.isspace():
        return False
    word_start = i
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:i]
    if len(word) <= 2 and word_start > 0 and text[word_start - 1] == ".":
        # Dotted abbreviations: "f.o.m. 1. mars", "t.o.m. 31.12.2025", "p.m. on".
        return False
    if not word and i > 0 and text[i - 1].isdigit():
        # "1. mars 2024", "the 2. lowercase": an ordinal, not a sentence end.
        rest = text[i + 1 : i + 40].lstrip()
        if rest[:1].islower():
            return False
    if word.lower() in _MONTH_ABBREVIATIONS and text[i + 1 : i + 4].lstrip()[:1].isdigit():
        return False  # "as of Nov. 02, 2019": the date goes on.
    if word.lower() == "mva" and text[i + 1 : i + 4].lstrip()[:1].isupper():
        # "... NOK 850 000 ekskl. mva. Timepris for ...": a sum's VAT note ends its sentence.
        return True
    return word.lower() not in _ABBREVIATIONS and not (len(word) == 1 and word.isupper())


_MONTH_ABBREVIATIONS = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "okt",
     "des"}
)
_ABBREVIATIONS = frozenset(
    {"inc", "ltd", "co", "corp", "no", "nr", "art", "sec", "st", "mr", "mrs", "dr", "jr", "sr",
     "u.s", "e.g", "i.e", "etc", "vs", "pr", "jf", "ca", "kr", "org", "bl.a", "mva", "llc",
     "eks", "ekskl", "inkl", "mnd"}
)
