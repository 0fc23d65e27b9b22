"""Durations as contracts write them: "three (3) years", "a thirty-day notice", "24 måneder".

`DURATION` is a regex with named groups `num` and `unit`; `duration_of` turns a match into a
`Duration`. English and Norwegian units; "business days" count as days (the deadline engine
may refine that later).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from extraction.model import Duration, DurationUnit
from extraction.numbers import NUMBER, parse_number
from extraction.quick_start import quick_start

_UNIT_WORDS: dict[str, DurationUnit] = {
    "day": "day", "days": "day", "day's": "day", "days'": "day",
    "week": "week", "weeks": "week", "week's": "week", "weeks'": "week",
    "month": "month", "months": "month", "month's": "month", "months'": "month",
    "year": "year", "years": "year", "year's": "year", "years'": "year",
    "dag": "day", "dager": "day", "dagers": "day", "døgn": "day",
    "uke": "week", "uker": "week", "ukers": "week", "ukes": "week", "dags": "day",
    "måned": "month", "måneder": "month", "måneders": "month", "måneds": "month", "mnd": "month",
    "mnd.": "month", "md": "month", "md.": "month",
    "år": "year", "års": "year",
}

UNIT = (
    r"(?:days?['’]?|weeks?['’]?|months?['’]?|years?['’]?|day['’]s|week['’]s|month['’]s|year['’]s"
    r"|dagers|dager|dags|dag|døgn|ukers|uker|ukes|uke|måneders|måneder|måneds|måned|mnd\.?|md\.|års|år)"
)
_QUALIFIER = r"(?:(?:calendar|business|working|full|consecutive|contract|virke|kalender)[\s-]*)?"

# "løper i 3 – tre – år": Norwegian contracts repeat the figure in words between dashes.
_SPELLED_OUT = r"(?:[–—-]\s*[a-zæøå]+(?:[\s-][a-zæøå]+)?\s*[–—-]\s*)"

# A number starts a word: "oppsigelsesfristen tre (3) måneder" holds no "ten".
DURATION = (
    rf"(?<![\wæøå])(?P<num>{NUMBER})\s*(?:-\s*)?(?:\(\s*\d{{1,4}}\s*\)\s*|{_SPELLED_OUT})?{_QUALIFIER}"
    rf"(?P<unit>{UNIT})(?![a-zæøå])"
)
DURATION_RE = quick_start(re.compile(DURATION, re.IGNORECASE))


_UNIT_RE = quick_start(re.compile(rf"{UNIT}(?![a-zæøå])", re.IGNORECASE))


def find_durations(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Every DURATION match in text[start:end], in order.

    Same matches as `DURATION_RE.finditer`, found from the unit words backwards: scanning
    running text for written numbers at every position is several times slower.
    """
    if start == 0 and end is None:
        return iter(_whole_text_durations(text))
    return _durations_between(text, start, len(text) if end is None else end)


@functools.lru_cache(maxsize=2)
def _whole_text_durations(text: str) -> tuple[re.Match[str], ...]:
    # The term, notice, payment and role rules each walk every duration of the same
    # contract (five scans of its whole text); it is scanned once.
    return tuple(_durations_between(text, 0, len(text)))


def _durations_between(text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
    for unit in _UNIT_RE.finditer(text, start, stop):
        lo = max(start, unit.start() - 80)
        while lo > start and not text[lo - 1].isspace():
            lo -= 1
        for match in DURATION_RE.finditer(text, lo, unit.end()):
            if match.end() == unit.end():
                yield match
                break


def unit_of(word: str) -> DurationUnit | None:
    word = word.lower().replace("’", "'").strip()
    return _UNIT_WORDS.get(word)


def duration_of(match: re.Match[str]) -> Duration | None:
    count = parse_number(match.group("num"))
    unit = unit_of(match.group("unit"))
    if count is None or unit is None or count <= 0 or count > 1000:
        return None
    return Duration(count=count, unit=unit)


def parse_duration(text: str) -> Duration | None:
    """The first duration written in a short phrase, e.g. "ninety (90) days" -> 90 day."""
    match = DURATION_RE.search(text)
    return duration_of(match) if match else None
