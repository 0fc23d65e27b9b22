"""Durations a contract states without writing a number and a unit.

"renew for successive annual periods" is a one-year renewal term, "continue on a month-to-month
basis" a one-month one, and "until the fifth anniversary of the Effective Date" a five-year
initial term. They are candidates like any written duration: the role model decides what they
are, from the same context features.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extraction.model import Duration
from extraction.numbers import ordinal
from extraction.quick_start import quick_start

_I = re.IGNORECASE

_ONE_PERIOD = re.compile(
    r"\b(?:(?:successive|additional|consecutive|further|subsequent)\s+)?(?P<year>annual|yearly)"
    r"\s+(?:renewal\s+)?(?:periods?|terms?|renewals?|basis|extensions?)"
    r"|\b(?P<year2>year[\s-]+to[\s-]+year|annually|(?:fornyes|forlenges)\s+årlig)\b"
    r"|\b(?P<month>month[\s-]+to[\s-]+month|måned\s+for\s+måned)\b",
    _I,
)
# "the fifth (5th) anniversary of the Effective Date", "the 3rd anniversary of this Agreement"
_ANNIVERSARY = quick_start(re.compile(
    r"\b(?P<nth>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|fifteenth"
    r"|twentieth|\d{1,2}\s?(?:s\s?t|n\s?d|r\s?d|t\s?h)"
    # "the four (4) year anniversary of the Effective Date"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})(?:\s*\(\d{1,2}\))?[\s-]+year)"
    r"(?:\s*\(\s*\d{1,2}\s*(?:s\s?t|n\s?d|r\s?d|t\s?h)?\s*\))?\s+anniversary\b",
    _I,
))
# Every _ANNIVERSARY match has the word: most contracts have none, and looking for the word
# alone is ten times cheaper than trying the pattern at every position.
_ANNIVERSARY_WORD = re.compile("anniversary", _I)


def implied_durations(text: str) -> Iterator[tuple[int, int, Duration]]:
    """(start, end, duration) of every implied duration, in order of the text."""
    found: list[tuple[int, int, Duration]] = []
    for match in _ONE_PERIOD.finditer(text):
        unit = "month" if match.group("month") else "year"
        found.append((match.start(), match.end(), Duration(count=1, unit=unit)))
    anniversaries = _ANNIVERSARY.finditer(text) if _ANNIVERSARY_WORD.search(text) else ()
    for match in anniversaries:
        nth = match.group("nth").lower()
        years = ordinal(nth)
        if years:
            found.append((match.start(), match.end(), Duration(count=years, unit="year")))
    yield from sorted(found, key=lambda item: item[0])
