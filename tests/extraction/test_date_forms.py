"""Date and duration forms that are candidates for the role model: days in words, US dashed
dates, renewals by the year without a number, anniversaries, renewals by mutual agreement."""

from __future__ import annotations

import datetime as dt

import pytest

from extraction.dates_parse import parse_date
from extraction.model import Duration
from extraction.roles.candidates import duration_candidates
from extraction.roles.implied import implied_durations
from extraction.terms import extract_terms
from extraction.text import ContractText


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("made and entered into this first day of July, 2017 (the", dt.date(2017, 7, 1)),
        ("this twenty-second (22nd) day of May 1998", dt.date(1998, 5, 22)),
        ("the thirty first day of March, 2001", dt.date(2001, 3, 31)),
        ("as of the (1st)  day of January, 1996", dt.date(1996, 1, 1)),
        ("Date: 3-31-16", dt.date(2016, 3, 31)),
        ("signed on 03-31-2016.", dt.date(2016, 3, 31)),
    ],
)
def test_written_forms_of_a_date(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


def test_a_dashed_date_is_day_first_in_norwegian() -> None:
    assert parse_date("Dato: 03-02-2024", "nb") == dt.date(2024, 2, 3)


@pytest.mark.parametrize("text", ["Form 10-K 2016", "call 408-567-3000", "Section 1-2-3"])
def test_dashed_numbers_that_are_not_dates(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("and will automatically renew for one or more annual periods", Duration(count=1,
                                                                                unit="year")),
        ("shall continue automatically for successive annual periods", Duration(count=1,
                                                                               unit="year")),
        ("thereafter on a month-to-month basis", Duration(count=1, unit="month")),
        ("until the fifth (5t h) anniversary of the Effective Date", Duration(count=5,
                                                                             unit="year")),
        ("until the 3rd anniversary of this Agreement", Duration(count=3, unit="year")),
    ],
)
def test_durations_implied_without_a_number_and_unit(text: str, expected: Duration) -> None:
    assert [d for _, _, d in implied_durations(text)] == [expected]


def test_implied_durations_are_role_candidates_beside_written_ones() -> None:
    body = ("This Agreement continues in effect for an initial term of seven (7) years and will "
            "automatically renew for one or more annual periods after the Initial Term.")
    candidates = duration_candidates(ContractText.of([body]), "en", {})
    assert [(c.value, "implied" in c.features) for c in candidates] == [
        (Duration(count=7, unit="year"), False), (Duration(count=1, unit="year"), True)]


@pytest.mark.parametrize(
    "clause",
    [
        "Thereafter, this Agreement can be renewed by mutual written agreement of the parties "
        "for successive one (1) year periods.",
        "The Term of this Agreement shall be extended for subsequent one year periods upon the "
        "mutual agreement of the parties.",
        "Avtalen kan forlenges med ett år etter avtale mellom partene.",
    ],
)
def test_a_renewal_the_parties_must_agree_on_is_no_renewal_term(clause: str) -> None:
    found = extract_terms(ContractText.of([clause]), "nb" if "Avtalen" in clause else "en")
    assert "renewal_term" not in found


def test_an_automatic_renewal_still_gives_its_term() -> None:
    clause = ("This Agreement shall renew automatically for successive one (1) year periods "
              "unless either party gives notice of non-renewal.")
    found = extract_terms(ContractText.of([clause]), "en")
    assert found["renewal_term"].value == Duration(count=1, unit="year")


def _dates(text: str) -> dict[str, dt.date]:
    from extraction.dates import extract_dates

    return {k: v.value for k, v in extract_dates(ContractText.of([text]), "en").items()}


def test_an_amendment_to_another_agreement_is_dated_by_its_own_preamble() -> None:
    found = _dates("This SECOND AMENDMENT TO SERVICES AGREEMENT, dated and effective as of "
                   'March 1, 2016 (this "Second Amendment"), is made between Federated '
                   "Investment Management Company and Federated Services Company.")
    assert found["signed_date"] == dt.date(2016, 3, 1)


def test_an_amendment_that_takes_effect_on_a_date() -> None:
    found = _dates("This First Amendment will be effective as of July 5, 2011, upon the "
                   "signature of both Cargill and BioAmber.")
    assert found["effective_date"] == dt.date(2011, 7, 5)


def test_a_term_counted_from_the_date_hereof_starts_on_signing() -> None:
    found = _dates("This agreement is made and entered into this 10th day of January, 2018 by "
                   "and between Bravatek Solutions, Inc. and Intelligent Highway Solutions.\n\n"
                   "7) Term The term of this Agreement is twelve (12) months from the date "
                   "hereof, and will be automatically renewed.")
    assert found["effective_date"] == dt.date(2018, 1, 10)


def test_the_first_date_of_a_list_of_ends_is_the_end_date() -> None:
    found = _dates("This Agreement is made as of November 25, 2019 by and between Emmis Inc. and "
                   'Beta LLC.\n\nThe term of this Agreement (the "Term") will begin on the date '
                   "hereof, and will continue until the earlier of (i) December 31, 2022, (ii) "
                   "the termination or expiration of the Studio Lease.")
    assert found["end_date"] == dt.date(2022, 12, 31)


def test_a_term_that_extends_until_an_anniversary_is_the_initial_term() -> None:
    clause = ("This Agreement shall become effective as of the Effective Date and, unless earlier "
              "terminated as provided in this ARTICLE 12, shall extend until the four (4) year "
              'anniversary of the Effective Date (the "Term").')
    found = extract_terms(ContractText.of([clause]), "en")
    assert found["initial_term"].value == Duration(count=4, unit="year")
    assert [d for _, _, d in implied_durations(clause)] == [Duration(count=4, unit="year")]
