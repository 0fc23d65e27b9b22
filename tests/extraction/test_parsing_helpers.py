"""Number words, durations and calendar dates as contracts write them."""

from __future__ import annotations

import datetime as dt

import pytest

from extraction.dates_parse import find_dates, parse_date
from extraction.durations import DURATION_RE, find_durations, parse_duration
from extraction.model import Duration
from extraction.numbers import find_number, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ninety (90)", 90),
        ("90", 90),
        ("(90)", 90),
        ("thirty-six", 36),
        ("one hundred twenty (120)", 120),
        ("one hundred and twenty", 120),
        ("twenty four", 24),
        ("tolv (12)", 12),
        ("ett", 1),
        ("tre", 3),
        ("hundre og tjue", 120),
        ("", None),
        ("several", None),
    ],
)
def test_parse_number(text: str, expected: int | None) -> None:
    assert parse_number(text) == expected


def test_find_number_in_phrase() -> None:
    assert find_number("for a period of five (5) years") == 5


@pytest.mark.parametrize(
    ("text", "count", "unit"),
    [
        ("ninety (90) days prior", 90, "day"),
        ("three (3) years", 3, "year"),
        ("a thirty-day notice", 30, "day"),
        ("30- days advance notice", 30, "day"),
        ("6 months' written notice", 6, "month"),
        ("six (6) month periods", 6, "month"),
        ("thirty-six (36)\nmonths", 36, "month"),
        ("two years (2)", 2, "year"),
        ("one-month periods", 1, "month"),
        ("sixty (60) calendar days", 60, "day"),
        ("24 måneder", 24, "month"),
        ("ett år", 1, "year"),
        ("tolv (12) måneder", 12, "month"),
        ("3 måneders oppsigelsestid", 3, "month"),
        ("14 dager netto", 14, "day"),
        ("2 uker", 2, "week"),
    ],
)
def test_parse_duration(text: str, count: int, unit: str) -> None:
    assert parse_duration(text) == Duration(count=count, unit=unit)  # type: ignore[arg-type]


def test_no_duration_in_plain_text() -> None:
    assert parse_duration("the parties agree as follows") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("July 26, 2013", dt.date(2013, 7, 26)),
        ("26th day of July, 2013", dt.date(2013, 7, 26)),
        ("the 1st day of March 2010", dt.date(2010, 3, 1)),
        ("March 1st, 2010", dt.date(2010, 3, 1)),
        ("Nov  5,  1999", dt.date(1999, 11, 5)),
        ("November 01, 2016", dt.date(2016, 11, 1)),
        ("1s t day of October 2008", dt.date(2008, 10, 1)),
        ("6t h day of March, 2006", dt.date(2006, 3, 6)),
        ("19 Jan. 1998", dt.date(1998, 1, 19)),
        ("31 December,\n1996", dt.date(1996, 12, 31)),
        ("31 December,\r\n --------- \r\n1996", dt.date(1996, 12, 31)),
        ("16th June 2004", dt.date(2004, 6, 16)),
        ("1 April, 2020", dt.date(2020, 4, 1)),
        ("JUNE 23, 2015", dt.date(2015, 6, 23)),
        ("7/7/98", dt.date(1998, 7, 7)),
        ("12/31/2023", dt.date(2023, 12, 31)),
        ("2024-03-01", dt.date(2024, 3, 1)),
        ("1.4.2011", dt.date(2011, 4, 1)),
        ("1. mars 2024", dt.date(2024, 3, 1)),
        ("15. januar 2025", dt.date(2025, 1, 15)),
        ("01.03.2024", dt.date(2024, 3, 1)),
        ("gjelder til 31.12.2027", dt.date(2027, 12, 31)),
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


def test_numeric_dates_are_day_first_in_norwegian_and_month_first_in_english() -> None:
    assert parse_date("03/04/2024", "nb") == dt.date(2024, 4, 3)
    assert parse_date("03/04/2024", "en") == dt.date(2024, 3, 4)
    # A first figure above 12 can only be a day.
    assert parse_date("31/12/2023", "en") == dt.date(2023, 12, 31)


@pytest.mark.parametrize(
    "text",
    [
        "Section 1.4.2 of the Agreement",
        "see clause 1.4.20",
        "May 2013",
        "September ___, 2019",
        "February 30, 2020",
        "version 2.1.2019x",
    ],
)
def test_not_a_date(text: str) -> None:
    assert parse_date(text) is None


def test_find_dates_reports_spans() -> None:
    text = "commence on July 23, 2013 and expire on July 22, 2016."
    found = list(find_dates(text))
    assert [d.date for d in found] == [dt.date(2013, 7, 23), dt.date(2016, 7, 22)]
    assert text[found[0].start : found[0].end] == "July 23, 2013"


def test_find_durations_matches_a_full_scan() -> None:
    text = (
        "The initial term is three (3) years; thereafter it renews for successive one-year "
        "periods unless either party gives at least one hundred twenty (120) days' notice, "
        "or 6 months' notice in Norway (oppsigelsestid 6 måneder), within 30- days."
    )
    full = [(m.start(), m.end()) for m in DURATION_RE.finditer(text)]
    fast = [(m.start(), m.end()) for m in find_durations(text)]
    assert fast == full
    assert [text[a:b] for a, b in fast][:2] == ["three (3) years", "one-year"]


def test_find_durations_on_a_whole_text_is_the_same_every_time_and_within_a_range() -> None:
    text = "Payment is due within thirty (30) days of invoice. Notice: 3 months. " * 40
    full = [(m.start(), m.end()) for m in DURATION_RE.finditer(text)]
    first = [(m.start(), m.end()) for m in find_durations(text)]
    again = [(m.start(), m.end()) for m in find_durations(text)]  # the remembered scan
    assert first == again == full
    assert len(full) == 80
    start, end = 100, 500
    ranged = [(m.start(), m.end()) for m in find_durations(text, start, end)]
    assert ranged == [(m.start(), m.end()) for m in DURATION_RE.finditer(text, start, end)]
    assert ranged and all(start <= a and b <= end for a, b in ranged)
