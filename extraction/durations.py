"""Durations as contracts write them: "three (3) years", "a thirty-day notice", "24 måneder".

`DURATION` is a regex with named groups `num` and `unit`; `duration_of` turns a match into a
`Duration`. English and Norwegian units; "business days" count as days (the deadline engine
may refine that later).
"""

from __future__ import annotations

import re

from extraction.model import Duration, DurationUnit
from extraction.numbers import NUMBER, parse_number

_UNIT_WORDS: dict[str, DurationUnit] = {
    "day": "day", "days": "day", "day's": "day", "days'": "day",
    "week": "week", "weeks": "week", "week's": "week", "weeks'": "week",
    "month": "month", "months": "month", "month's": "month", "months'": "month",
    "year": "year", "years": "year", "year's": "year", "years'": "year",
    "dag": "day", "dager": "day", "dagers": "day", "døgn": "day",
    "uke": "week", "uker": "week", "ukers": "week",
    "måned": "month", "måneder": "month", "måneders": "month", "mnd": "month",
    "mnd.": "month", "md": "month", "md.": "month",
    "år": "year", "års": "year",
}

UNIT = (
    r"(?:days?['’]?|weeks?['’]?|months?['’]?|years?['’]?|day['’]s|week['’]s|month['’]s|year['’]s"
    r"|dagers|dager|dag|døgn|ukers|uker|uke|måneders|måneder|måned|mnd\.?|md\.|års|år)"
)
_QUALIFIER = r"(?:(?:calendar|business|working|full|consecutive|contract|virke|kalender)[\s-]*)?"

DURATION = (
    rf"(?P<num>{NUMBER})\s*(?:-\s*)?(?:\(\s*\d{{1,4}}\s*\)\s*)?{_QUALIFIER}"
    rf"(?P<unit>{UNIT})(?![a-zæøå])"
)
DURATION_RE = re.compile(DURATION, re.IGNORECASE)


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
