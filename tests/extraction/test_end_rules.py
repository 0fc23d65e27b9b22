"""How contracts state their end: a term named by its length, a term ending with a contract
year, a schedule's end-date label and a month's last day, each with a case that must not match."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from extraction.dates import extract_dates
from extraction.model import Duration, Finding
from extraction.terms import extract_terms
from extraction.text import ContractText


def terms(*pages: str) -> dict[str, Finding[Any]]:
    return extract_terms(ContractText.of(pages), "en")


def dates(*pages: str) -> dict[str, Finding[Any]]:
    return extract_dates(ContractText.of(pages), "en")


def initial_term(*pages: str) -> Duration | None:
    found = terms(*pages).get("initial_term")
    return None if found is None else found.value


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("The Sponsor agrees to a two year engagement of the Athlete for appearances.",
         Duration(count=2, unit="year")),
        ("Licensee is granted a 36-month term to distribute the Titles in the Territory.",
         Duration(count=36, unit="month")),
    ],
)
def test_term_named_by_its_length(clause: str, expected: Duration) -> None:
    assert initial_term(clause) == expected


def test_a_renewal_named_by_its_length_is_no_initial_term() -> None:
    assert initial_term(
        "Either party may renew this Agreement for a one year term by written notice."
    ) is None


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("The term of this Agreement will commence on the Effective Date and will end "
         "automatically upon the end of Year 4.", 4),
        ("This Agreement shall expire at the end of the second Contract Year.", 2),
    ],
)
def test_term_ending_with_a_contract_year(clause: str, expected: int) -> None:
    assert initial_term(clause) == Duration(count=expected, unit="year")


def test_a_price_for_a_contract_year_is_no_term() -> None:
    assert initial_term("Prices for Year 2 are set out in Schedule B of this Agreement.") is None


def test_a_covenant_period_is_not_the_term() -> None:
    assert initial_term(
        "The Issuer agrees (a) during a period of three years from the effective date of the "
        "Prospectus, to furnish copies of its reports under the Medium Term Note Program."
    ) is None


def test_schedule_end_date_label_is_the_end_date() -> None:
    found = dates(
        "This Agreement is entered into effective as of March 3, 2010.\n"
        "The Term ends on the termination date in Schedule 1.\n"
        "SCHEDULE 1\nTERMINATION DATE: January 31, 2010\nTERRITORY: Canada\n"
    )
    assert found["end_date"].value == dt.date(2010, 1, 31)


def test_an_earlier_date_without_the_label_is_not_the_end() -> None:
    found = dates(
        "This Agreement is entered into effective as of March 3, 2010.\n"
        "The prior agreement was in force until January 31, 2010.\n"
    )
    assert "end_date" not in found


def test_term_ending_on_the_last_day_of_a_month() -> None:
    found = dates(
        "The term of this Agreement shall commence on May 1, 2019 and shall continue until "
        "the later of (a) the end of the racing season and (b) the last day in February, 2024."
    )
    assert found["end_date"].value == dt.date(2024, 2, 29)


def test_a_payment_on_the_last_day_of_a_month_is_not_the_end() -> None:
    found = dates(
        "This Agreement is effective as of May 1, 2019. Until the Term ends, the fees are "
        "payable on the last day of June 2019."
    )
    assert "end_date" not in found


def test_a_term_stated_initially_for_the_years_is_the_initial_term() -> None:
    assert initial_term(
        "This Agreement shall remain in effect initially for the three (3) year term "
        '("Initial Term") from the date signed and shall be automatically extended for one (1) '
        'year periods after the Initial Term ("Renewal Term").'
    ) == Duration(count=3, unit="year")


def test_an_end_named_the_term_is_the_end_even_before_the_amendments_date() -> None:
    found = dates(
        "AMENDMENT NO. 2 dated as of March 2, 2012\n"
        "Section 3 of the Agreement is replaced with the following: \"The licence shall be "
        'effective as of the Effective Date and shall expire on June 30, 2011 (the "Term"); '
        'provided that the sell-off rights shall continue until June 30, 2013."'
    )
    assert found["end_date"].value == dt.date(2011, 6, 30)


def test_an_open_ended_wish_in_the_recitals_is_not_a_perpetual_term() -> None:
    found = dates(
        "RECITALS\nA. The Parties wish to form a joint venture for the sale of Products.\n"
        "B. The Parties envision the joint venture continuing indefinitely, subject to "
        "termination in accordance with this Agreement.\n"
        "NOW, THEREFORE, the Parties agree as follows:\n1. The Parties form the joint venture."
    )
    assert "perpetual" not in found


def test_an_open_ended_term_after_the_recitals_is_perpetual() -> None:
    found = dates(
        "WHEREAS the Parties wish to cooperate;\nNOW, THEREFORE, the Parties agree as follows:\n"
        "1. This Agreement shall continue in full force and effect until terminated by either "
        "party."
    )
    assert found["perpetual"].value is True


def test_the_term_of_a_lease_the_contract_provides_for_is_not_its_term() -> None:
    assert initial_term(
        "The Company shall enter into a lease of the Site with the Landlord, which lease will "
        "have a term of at least 25 years at an annual rent of $1."
    ) is None


def test_a_term_starting_on_a_dated_launch_starts_then() -> None:
    found = dates(
        "THIS AGREEMENT is made as of the 15th day of March 2001.\n"
        "The Parties agree that the launch date of the Joint Website shall be May 1, 2001.\n"
        "9.1 Term. The term of this Agreement shall be three (3) years. The start of the Term "
        "will be from the Launch Date."
    )
    assert found["effective_date"].value == dt.date(2001, 5, 1)


def test_a_term_starting_on_an_undated_launch_keeps_the_signing_date() -> None:
    found = dates(
        "THIS AGREEMENT is made and effective as of the 15th day of March 2001.\n"
        "9.1 Term. The term of this Agreement shall be three (3) years. The start of the Term "
        "will be from the Launch Date."
    )
    assert found["effective_date"].value == dt.date(2001, 3, 15)


def test_a_term_as_long_as_the_licensed_patents_is_perpetual() -> None:
    found = dates(
        "5.1 Term. Unless terminated earlier under Section 5.2, this License Agreement shall "
        "continue in effect until the expiration of the last to expire of the Licensed Patents."
    )
    assert found["perpetual"].value is True


def test_a_royalty_until_the_last_patent_expires_is_not_the_term() -> None:
    found = dates(
        "Royalties shall be paid quarterly and shall continue until the expiration of the last "
        "to expire of the Licensed Patents. This Agreement is made as of May 1, 2010."
    )
    assert "perpetual" not in found


def test_a_term_ending_days_after_the_effective_date_is_that_many_days() -> None:
    assert initial_term(
        "11. Termination. This Agreement shall automatically terminate at and as of (the first "
        "to occur of): (a) 12:00 midnight, New York City time, on the 30th day after the "
        "Effective Date (if Purchaser has not commenced the Offer by then); (b) the expiration "
        "of the Offer."
    ) == Duration(count=30, unit="day")


def test_a_payment_days_after_the_effective_date_is_no_term() -> None:
    assert initial_term(
        "Under this Agreement the Company shall pay the first instalment on the 30th day after "
        "the Effective Date."
    ) is None
