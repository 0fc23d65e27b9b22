"""Calendar dates as contracts write them, in English and Norwegian.

`DATE` is a regex fragment matching one written date ("July 26, 2013", "26th day of July,
2013", "1. mars 2024", "01.03.2024", "2024-03-01"); `find_dates` yields every date in a text with
its span, `parse_date` reads one. Rules, not a date-guessing library: a contract date has a
year, and numeric dates are read day-first for Norwegian text and month-first for US text
(except dotted dates, which are day-first everywhere).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from extraction.model import Language
from extraction.quick_start import quick_start

_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "januar": 1, "februar": 2, "mars": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10,
    "desember": 12, "okt": 10, "des": 12,
}
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|januar|februar|mars|mai|juni|juli|oktober|desember"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|okt|nov|dec|des)\.?"
)
# "1st", "22nd", "6th", also PDF text that splits the suffix: "1s t", "6t h".
_ORD = r"(?:s\s?t|n\s?d|r\s?d|t\s?h)"
# A line break may split the suffix from its number: "the 1\nst day of JUNE".
_DAY = rf"(?:[0-3]?\d)(?:(?:\r\n|\s)?{_ORD})?\.?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
# Spaces, line breaks, commas (and an underline of dashes) between parts: "Nov  5,  1999".
_SEP = r"[\s,]*(?:-{3,}[\s,]*)?"

_MDY = rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}){_SEP}(?:day\s+of\s+)?(?P<y1>{_YEAR})"
_DMY = (
    rf"\(?(?P<d2>{_DAY})\)?\s*(?:day\s+(?:of\s+)?(?:-{{3,}}\s*)?|of\s+|dag\s+i\s+)?"
    rf"(?P<m2>{_MONTH}){_SEP}"
    rf"(?:in\s+the\s+year\s+)?(?P<y2>{_YEAR})"
)
# "the first day of July, 2017", "this twenty-second (22nd) day of May 1998": the day in words.
_ORDINAL_DAYS: dict[str, int] = {
    word: day for day, word in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
         "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
         "seventeenth", "eighteenth", "nineteenth", "twentieth"], 1)
}
_ORDINAL_DAYS.update({f"twenty-{w}": 20 + d for w, d in list(_ORDINAL_DAYS.items())[:9]})
_ORDINAL_DAYS.update({"thirtieth": 30, "thirty-first": 31})
_DAY_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|twenty[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth"
    r"|thirty[\s-]first)"
)
_WORD_DMY = (
    rf"(?P<d7>{_DAY_WORD})(?:\s*\(\s*\d{{1,2}}\s*(?:{_ORD})?\s*\))?\s+day\s+of\s+"
    rf"(?P<m7>{_MONTH}){_SEP}(?P<y7>{_YEAR})"
)
_ISO = r"(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]?\d)-(?P<d3>[0-3]?\d)"
_DOTTED = r"(?P<a4>[0-3]?\d)\.(?P<b4>[01]?\d)\.(?P<y4>(?:19|20)?\d\d)"
_SLASHED = r"(?P<a5>[01]?\d|[0-3]?\d)/(?P<b5>[0-3]?\d)/(?P<y5>(?:19|20)?\d\d)"
# "3-31-16", "03-31-2016": month first as US forms write it (day first in Norwegian text).
_DASHED = r"(?P<a6>[0-3]?\d)-(?P<b6>[0-3]?\d)-(?P<y6>(?:19|20)\d\d|\d\d)"
# "3/3-2022", "15/3-22": the Norwegian handwritten form, day and month over the year; only
# Norwegian writes it, so it is read day first whatever the text's language.
_DAY_MONTH_YEAR = r"(?P<a8>[0-3]?\d)/(?P<b8>[01]?\d)-(?P<y8>(?:19|20)\d\d|\d\d)"

DATE = rf"(?:{_MDY}|{_DMY}|{_WORD_DMY}|{_ISO}|{_DOTTED}|{_DAY_MONTH_YEAR}|{_SLASHED}|{_DASHED})"
_DATE_RE = quick_start(re.compile(rf"(?<![\w/.-]){DATE}(?![\w/]|\.\d)", re.IGNORECASE))


@dataclass(frozen=True)
class DateMatch:
    date: dt.date
    start: int
    end: int


def _month(word: str) -> int | None:
    return _MONTHS.get(word.lower().rstrip("."))


def _day(word: str) -> int | None:
    digits = re.match(r"\d+", word)
    return int(digits.group(0)) if digits else None


def _year(word: str) -> int:
    year = int(word)
    if year < 100:
        # Two-digit years: contracts here span 1990s to 2030s.
        year += 1900 if year >= 50 else 2000
    return year


def _make(year: int, month: int | None, day: int | None) -> dt.date | None:
    if month is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def date_of(match: re.Match[str], language: Language = "en") -> dt.date | None:
    """The date a `DATE` match stands for (None when it is not a real calendar day)."""
    g = match.groupdict()
    if g.get("m1"):
        return _make(_year(g["y1"]), _month(g["m1"]), _day(g["d1"]))
    if g.get("m2"):
        return _make(_year(g["y2"]), _month(g["m2"]), _day(g["d2"]))
    if g.get("m7"):
        day = _ORDINAL_DAYS.get(re.sub(r"\s+", "-", g["d7"].lower()))
        return _make(_year(g["y7"]), _month(g["m7"]), day)
    if g.get("a6"):
        first, second = int(g["a6"]), int(g["b6"])
        if language == "nb":
            return _make(_year(g["y6"]), second, first)
        return _make(_year(g["y6"]), first, second)
    if g.get("y3"):
        return _make(int(g["y3"]), int(g["m3"]), int(g["d3"]))
    if g.get("a4"):
        # English text numbers its sections "1.4.20": only a four-digit year makes a date.
        if language != "nb" and len(g["y4"]) != 4:
            return None
        return _make(_year(g["y4"]), int(g["b4"]), int(g["a4"]))
    if g.get("a8"):
        return _make(_year(g["y8"]), int(g["b8"]), int(g["a8"]))
    if g.get("a5"):
        first, second = int(g["a5"]), int(g["b5"])
        year = _year(g["y5"])
        if language == "nb" or first > 12:
            return _make(year, second, first)
        return _make(year, first, second)
    return None


def find_dates(text: str, language: Language = "en", start: int = 0,
               end: int | None = None) -> Iterator[DateMatch]:
    """Every real calendar date in text[start:end], with global spans, in order."""
    if start == 0 and end is None:
        return iter(_whole_text_dates(text, language))
    return _dates_between(text, language, start, len(text) if end is None else end)


@functools.lru_cache(maxsize=2)
def _whole_text_dates(text: str, language: Language) -> tuple[DateMatch, ...]:
    # The date rules and the role candidates each walk every date of the same contract:
    # its whole text is scanned once (~7% of extraction).
    return tuple(_dates_between(text, language, 0, len(text)))


def _dates_between(text: str, language: Language, start: int, end: int) -> Iterator[DateMatch]:
    for match in _DATE_RE.finditer(text, start, end):
        date = date_of(match, language)
        if date is not None:
            yield DateMatch(date, match.start(), match.end())


def parse_date(text: str, language: Language = "en") -> dt.date | None:
    """The first date written in a short phrase."""
    for found in find_dates(text, language):
        return found.date
    return None
