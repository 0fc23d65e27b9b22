from __future__ import annotations

import datetime as dt

import pytest

from contracts.derived import with_derived_end_date
from extraction.model import Duration, DurationUnit, Evidence, Extraction, Finding

START_EVIDENCE = Evidence(page=1, start=10, end=30, quote="effective as of July 23, 2013")
TERM_EVIDENCE = Evidence(page=4, start=100, end=140, quote="for a period of three (3) years")


def _date(value: dt.date, confidence: float = 0.8) -> Finding[dt.date]:
    return Finding(value=value, confidence=confidence, evidence=[START_EVIDENCE])


def _term(count: int, unit: DurationUnit, confidence: float = 0.7) -> Finding[Duration]:
    return Finding(
        value=Duration(count=count, unit=unit), confidence=confidence, evidence=[TERM_EVIDENCE]
    )


def test_end_date_is_the_anniversary_of_the_start() -> None:
    # "three (3) years from July 23, 2013" ends on the 3rd anniversary (the start day is not
    # counted), as CUAD's annotators date it.
    extraction = Extraction(
        effective_date=_date(dt.date(2013, 7, 23)), initial_term=_term(3, "year")
    )
    derived = with_derived_end_date(extraction)
    assert derived.end_date is not None
    assert derived.end_date.value == dt.date(2016, 7, 23)
    assert derived.end_date.confidence == pytest.approx(0.9 * 0.7)
    assert derived.end_date.evidence == [START_EVIDENCE, TERM_EVIDENCE]
    assert extraction.end_date is None  # the input is not modified


def test_signed_date_is_the_fallback_start() -> None:
    extraction = Extraction(
        signed_date=_date(dt.date(2020, 1, 1), 0.5), initial_term=_term(2, "year")
    )
    derived = with_derived_end_date(extraction)
    assert derived.end_date is not None
    assert derived.end_date.value == dt.date(2022, 1, 1)
    assert derived.end_date.confidence == pytest.approx(0.45)


def test_effective_date_wins_over_signed_date() -> None:
    extraction = Extraction(
        signed_date=_date(dt.date(2020, 1, 1)),
        effective_date=_date(dt.date(2020, 3, 1)),
        initial_term=_term(1, "month"),
    )
    derived = with_derived_end_date(extraction)
    assert derived.end_date is not None
    assert derived.end_date.value == dt.date(2020, 4, 1)


@pytest.mark.parametrize(
    "quote",
    [
        "until the first anniversary of the date of this Agreement",
        "for a term of two (2) years from the date hereof",
        "for one year following execution",
        "Avtalen gjelder i ett år fra signering.",
    ],
)
def test_a_term_counted_from_the_agreements_date_runs_from_signing(quote: str) -> None:
    term = Finding(value=Duration(count=1, unit="year"), confidence=0.7,
                   evidence=[Evidence(page=1, start=0, end=len(quote), quote=quote)])
    extraction = Extraction(
        signed_date=_date(dt.date(2020, 1, 1)),
        effective_date=_date(dt.date(2020, 3, 1)),
        initial_term=term,
    )
    derived = with_derived_end_date(extraction)
    assert derived.end_date is not None
    assert derived.end_date.value == dt.date(2021, 1, 1)
    assert derived.end_date.derived_from is not None
    assert "signed_date" in derived.end_date.derived_from


@pytest.mark.parametrize(
    ("start", "term", "end"),
    [
        (dt.date(2018, 7, 19), Duration(count=3, unit="year"), dt.date(2021, 7, 19)),
        # No Feb 31 / Feb 29: the anniversary clamps to the month's last day.
        (dt.date(2023, 1, 31), Duration(count=1, unit="month"), dt.date(2023, 2, 28)),
        (dt.date(2024, 1, 31), Duration(count=1, unit="month"), dt.date(2024, 2, 29)),
        (dt.date(2024, 2, 29), Duration(count=1, unit="year"), dt.date(2025, 2, 28)),
        (dt.date(2024, 2, 29), Duration(count=4, unit="year"), dt.date(2028, 2, 29)),
        (dt.date(2024, 3, 1), Duration(count=1, unit="year"), dt.date(2025, 3, 1)),
        (dt.date(2023, 3, 31), Duration(count=1, unit="month"), dt.date(2023, 4, 30)),
        (dt.date(2024, 1, 1), Duration(count=90, unit="day"), dt.date(2024, 3, 31)),
        (dt.date(2024, 1, 1), Duration(count=2, unit="week"), dt.date(2024, 1, 15)),
    ],
)
def test_month_end_aware(start: dt.date, term: Duration, end: dt.date) -> None:
    extraction = Extraction(
        effective_date=_date(start),
        initial_term=Finding(value=term, confidence=1.0),
    )
    derived = with_derived_end_date(extraction)
    assert derived.end_date is not None
    assert derived.end_date.value == end


def test_stated_end_date_is_kept() -> None:
    extraction = Extraction(
        effective_date=_date(dt.date(2013, 7, 23)),
        initial_term=_term(3, "year"),
        end_date=_date(dt.date(2015, 1, 1)),
    )
    assert with_derived_end_date(extraction) is extraction


def test_perpetual_contract_gets_no_end_date() -> None:
    extraction = Extraction(
        effective_date=_date(dt.date(2013, 7, 23)),
        initial_term=_term(3, "year"),
        perpetual=Finding(value=True, confidence=0.9),
    )
    assert with_derived_end_date(extraction) is extraction


def test_not_perpetual_finding_still_derives() -> None:
    extraction = Extraction(
        effective_date=_date(dt.date(2013, 7, 23)),
        initial_term=_term(3, "year"),
        perpetual=Finding(value=False, confidence=0.9),
    )
    derived = with_derived_end_date(extraction)
    assert derived.end_date is not None


@pytest.mark.parametrize(
    "extraction",
    [
        Extraction(),
        Extraction(effective_date=_date(dt.date(2013, 7, 23))),
        Extraction(initial_term=_term(3, "year")),
        Extraction(effective_date=_date(dt.date(2013, 7, 23)), initial_term=_term(0, "year")),
    ],
)
def test_missing_parts_leave_it_unchanged(extraction: Extraction) -> None:
    assert with_derived_end_date(extraction) is extraction
