"""Initial term, renewal, extension options and notice period, from real-world phrasings."""

from __future__ import annotations

from typing import Any

import pytest

from extraction.model import Duration, Finding, Language
from extraction.terms import extract_terms
from extraction.text import ContractText


def run(*pages: str, language: Language = "en") -> dict[str, Finding[Any]]:
    return extract_terms(ContractText.of(pages), language)


def value(found: dict[str, Finding[Any]], name: str) -> Any:
    finding = found.get(name)
    return None if finding is None else finding.value


def years(n: int) -> Duration:
    return Duration(count=n, unit="year")


def months(n: int) -> Duration:
    return Duration(count=n, unit="month")


def days(n: int) -> Duration:
    return Duration(count=n, unit="day")


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("This Agreement shall have an Initial Term of three (3) years.", years(3)),
        (
            "This Agreement shall become effective upon the date first written above and shall "
            "remain in full force and effect for a period of two years (2), unless earlier "
            "terminated.",
            years(2),
        ),
        (
            "The term of this Agreement shall be for one (1) year commencing on the Effective "
            "Date and automatically renewing annually thereafter.",
            years(1),
        ),
        ("The term of this Agreement is twenty-four (24) months.", months(24)),
        ("The term of the Agreement will be for 12 months unless terminated sooner.", months(12)),
        (
            "This Agreement will remain in effect for Thirty-six (36)\nmonths following the "
            'Hosting Service Ready Date ("Term").',
            months(36),
        ),
        (
            "The initial term of this Agreement shall commence on the Effective Date and end on "
            "the five (5) year anniversary of the Effective Date.",
            years(5),
        ),
        (
            "This Agreement shall commence on the Effective Date and shall continue until the "
            "fourth anniversary of the Effective Date.",
            years(4),
        ),
        (
            "The Agreement shall continue for a period of three (3) years commencing on the "
            "Effective Date.",
            years(3),
        ),
        ("The Term shall continue until the fifth anniversary of the Effective Date.", years(5)),
    ],
)
def test_initial_term(clause: str, expected: Duration) -> None:
    found = run(clause)
    assert value(found, "initial_term") == expected
    assert 0.0 <= found["initial_term"].confidence <= 1.0
    assert found["initial_term"].evidence[0].quote


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Avtalen trer i kraft 1. mars 2024 og gjelder i 2 år, til og med 28. februar 2026.",
         years(2)),
        ("Avtalen gjelder fra 1. april 2024 og løper i ett år.", years(1)),
        ("Avtaleperioden er 24 måneder fra signering.", months(24)),
    ],
)
def test_initial_term_norwegian(clause: str, expected: Duration) -> None:
    assert value(run(clause, language="nb"), "initial_term") == expected


@pytest.mark.parametrize(
    ("clause", "language"),
    [
        (
            'The term of this Agreement shall be ten (10) years (the "Term") which shall '
            "commence on the date upon which the Company delivers to Distributor the last Sample.",
            "en",
        ),
        (
            'This Agreement shall be effective as of that date (the "Effective Date") the Site '
            "becomes fully operational and shall continue for a period of one (1) year from the "
            "Effective Date.",
            "en",
        ),
        (
            "This Agreement shall terminate on the later of (i) the third anniversary of the "
            "Effective Date or (ii) the date on which ETI ceases to be a Subsidiary of NTL.",
            "en",
        ),
        ("Avtalen løper i tre år fra den dato leveransen er godkjent av Kunden.", "nb"),
    ],
)
def test_term_from_an_undated_event_is_not_an_initial_term(
    clause: str, language: Language
) -> None:
    # Its start is not the effective date, so no end date may be derived from it.
    assert "initial_term" not in run(clause, language=language)


def test_notice_or_warranty_periods_are_not_the_term() -> None:
    found = run(
        "The warranty period for each Product shall be twelve (12) months from delivery. "
        "Invoices are payable within thirty (30) days."
    )
    assert "initial_term" not in found


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "Upon expiration of the Initial Term, this Agreement will automatically renew for "
            "additional, successive five (5) year periods unless either Party provides written "
            "notice at least one hundred twenty (120) days prior to the end of the Initial Term.",
            years(5),
        ),
        (
            "This Agreement shall automatically be renewed for successive one (1) year "
            "increments unless either party request in writing, at least ninety (90) days "
            "prior to the anniversary date, that this Agreement not be renewed.",
            years(1),
        ),
        (
            "This Agreement will automatically renew at the end of the Initial Term on a year "
            "to year basis unless either party notifies the other at least 30 days prior.",
            years(1),
        ),
        (
            "The Initial Term shall automatically renew for one-month periods thereafter unless "
            "either party provides 30- days advance notice of termination.",
            months(1),
        ),
        (
            "This agreement shall automatically renew for successive six (6) month periods "
            "unless written notice is provided at least six (6) months before the end of the "
            "then-current term.",
            months(6),
        ),
        (
            "LeadersOnline shall have the option to extend the Term of this Agreement for an "
            "additional 12 months.",
            months(12),
        ),
    ],
)
def test_renewal_term(clause: str, expected: Duration) -> None:
    assert value(run(clause), "renewal_term") == expected


def test_renewal_norwegian() -> None:
    found = run(
        "Avtalen gjelder fra 1. april 2024 og løper i ett år. Avtalen fornyes deretter "
        "automatisk for ett år av gangen, med mindre den sies opp skriftlig av en av partene "
        "senest tre måneder før utløpet av inneværende avtaleperiode.",
        language="nb",
    )
    assert value(found, "initial_term") == years(1)
    assert value(found, "renewal_term") == years(1)
    assert value(found, "auto_renewal") is True
    assert value(found, "notice_period") == months(3)


def test_auto_renewal() -> None:
    assert value(run("This Agreement shall renew automatically for one year."), "auto_renewal")
    assert value(run("The Agreement is renewed tacitly every year."), "auto_renewal")
    found = run("This Agreement shall not renew automatically.")
    assert value(found, "auto_renewal") is False
    assert "auto_renewal" not in run("The parties may agree in writing to renew this Agreement.")


def test_renewal_count() -> None:
    found = run(
        "This Agreement will automatically renew for up to two (2) renewal terms of five (5) "
        "years each unless either Party provides notice at least six (6) months prior."
    )
    assert value(found, "renewal_count") == 2
    assert value(found, "renewal_term") == years(5)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Kunden har opsjon på forlengelse 1+1 år på samme vilkår.", [years(1), years(1)]),
        ("Oppdragsgiver har opsjon på 2 x 1 år.", [years(1), years(1)]),
        (
            "Customer shall have an option to extend for two additional periods of 12 months.",
            [months(12), months(12)],
        ),
        (
            "Customer has the option to extend the Agreement for an additional period of one "
            "(1) year.",
            [years(1)],
        ),
    ],
)
def test_extension_options(clause: str, expected: list[Duration]) -> None:
    language: Language = "nb" if "opsjon" in clause else "en"
    assert value(run(clause, language=language), "extension_options") == expected


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "This Agreement shall automatically continue following the Initial Term, for an "
            "additional period of three (3) years, unless a party provides written notice of "
            "termination at least sixty (60) days prior to the expiration of the Initial Term.",
            days(60),
        ),
        (
            "The term of this Agreement shall be for one (1) year and automatically renewing "
            "annually thereafter, unless either party provides a thirty-day notice of written "
            "termination.",
            days(30),
        ),
        (
            "This Agreement will automatically renew for additional periods of five (5) years "
            "unless one Party notifies the other of its intention not to renew, no less than 12 "
            "months prior to the expiration of the then-current term.",
            months(12),
        ),
        (
            "This Agreement shall be automatically renewed for successive one year periods "
            "unless either party gives written notice of termination to the other party at "
            "least thirty (30) days prior to the date of expiration.",
            days(30),
        ),
        (
            "This Agreement shall automatically renew for successive one-year terms unless "
            "either party gives notice of non-renewal not less than ninety (90) days prior to "
            "the expiration of the then-current term.",
            days(90),
        ),
        (
            "Upon expiration of the Initial Term, this Agreement shall automatically renew for "
            "consecutive one (1) year periods, unless terminated by Reseller within sixty (60) "
            "days prior to the expiration of the Initial Term or any renewal term.",
            days(60),
        ),
        (
            "You shall give us written notice of your desire to renew at least six (6) months "
            "but not more than twelve (12) months prior to the end of the term. We shall give "
            "you written notice of our election not to renew the franchise at least three (3) "
            "months prior to the expiration of the initial or first renewal term.",
            months(3),
        ),
        (
            "This Agreement renews automatically for one year periods unless either party "
            "objects in writing at least three (3) months but not more than six (6) months "
            "prior to the expiration of the then-current term.",
            months(3),
        ),
    ],
)
def test_notice_to_stop_renewal(clause: str, expected: Duration) -> None:
    found = run(clause)
    assert value(found, "notice_period") == expected
    assert found["notice_period"].evidence[0].quote


def test_a_right_to_terminate_at_will_is_not_the_notice_to_stop_renewal() -> None:
    # It is kept under its own name; the deadline engine counts from it only when no notice
    # to stop renewal is stated.
    found = run(
        "This Agreement will automatically renew for successive one (1) year periods unless "
        "terminated as provided below. Either party may terminate this Agreement at any time "
        "upon three (3) months' prior written notice."
    )
    assert "notice_period" not in found
    assert value(found, "termination_notice") == months(3)
    assert found["termination_notice"].evidence[0].quote


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Kunden kan si opp avtalen med en oppsigelsestid på 3 måneder.", months(3)),
        ("Avtalen kan sies opp av hver av partene med 6 måneders skriftlig oppsigelsestid.",
         months(6)),
        ("Gjensidig oppsigelsestid er tre (3) måneder.", months(3)),
        ("Avtalen fornyes automatisk for ett år av gangen med mindre den sies opp med tre "
         "måneders skriftlig varsel.", months(3)),
        ("Avtalen forlenges automatisk med ett år av gangen. Oppsigelsesfristen er tre måneder.",
         months(3)),
        ("Avtalen fornyes automatisk for 12 måneder. Kunden må varsle leverandøren skriftlig "
         "senest 60 dager før utløp av avtaleperioden dersom avtalen ikke skal fornyes.",
         days(60)),
        ("Avtalen fornyes automatisk med ett år dersom den ikke sies opp senest tre måneder og "
         "tidligst seks måneder før utløpet av avtaleperioden.", months(3)),
    ],
)
def test_notice_norwegian(clause: str, expected: Duration) -> None:
    assert value(run(clause, language="nb"), "notice_period") == expected


def test_termination_at_will_in_fixed_term_contract_is_not_the_notice_period() -> None:
    found = run(
        "The term of this Agreement is three (3) years. Either party may terminate this "
        "Agreement at any time upon ninety (90) days' written notice."
    )
    assert "notice_period" not in found


def test_termination_notice_of_a_perpetual_contract() -> None:
    found = run(
        "This Agreement shall continue in effect until terminated. Either party may terminate "
        "this Agreement at any time with 6 months' written notice."
    )
    assert value(found, "notice_period") == months(6)


def test_termination_at_will_far_from_the_open_ended_term_is_kept_apart() -> None:
    found = run(
        "2. Term. This Agreement shall continue in effect until terminated.\n\n"
        + "3. Services. The Supplier shall perform the services described in Exhibit A. " * 8
        + "\n\n19. Termination without cause. Either party may terminate this Agreement, "
        "without cause, by giving two (2) years written notice."
    )
    assert "notice_period" not in found
    assert value(found, "termination_notice") == years(2)


def test_insurance_and_option_notices_are_ignored() -> None:
    found = run(
        "Each policy shall require at least thirty (30) days prior notice of cancellation or "
        "non-renewal. To exercise the option to renew, Licensee must notify Licensor no later "
        "than 90 days prior to the expiration of the Term."
    )
    assert "notice_period" not in found


@pytest.mark.parametrize(
    "clause",
    [
        "Prior to the end of the Term, each party may notify the other if it desires to "
        "negotiate a further agreement by written request received at least ninety (90) days "
        "in advance of the termination of this Agreement.",
        "The Parties may negotiate for an extension of this Agreement six (6) months before "
        "the expiration of the Term.",
    ],
)
def test_request_to_negotiate_a_renewal_is_not_a_notice_period(clause: str) -> None:
    assert "notice_period" not in run(clause)


def test_contract_without_terms_gives_nothing() -> None:
    assert run("The parties agree as follows.") == {}
    assert run() == {}


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "Unless terminated earlier as provided herein, this Agreement shall terminate on the "
            "date three (3) years from the Effective Date.",
            years(3),
        ),
        (
            "This Agreement shall commence on the Effective Date and shall continue for ten (10) "
            "Contract Years, unless terminated in accordance with Section 6.",
            years(10),
        ),
        (
            "This OMA shall expire upon the earlier of (i) the first anniversary of the Effective "
            'Date and (ii) the date that all Shares have been sold (the "Term").',
            years(1),
        ),
        (
            "This Agreement shall remain in effect until the earlier of the below events "
            "occur:\n(a) The fifth (5th) anniversary of this Agreement; and\n(b) the Investor "
            "ceasing to own any shares.",
            years(5),
        ),
        (
            "Initial Term shall mean the Effective Date through the day prior to the fourth "
            "anniversary of the Effective Date, unless earlier terminated.",
            years(4),
        ),
        (
            "This Agreement shall be effective as of the date first set forth above and shall "
            "expire on the later of (i) five (5) years from the date hereof, or (ii) the "
            "completion of the Services and receipt of payment for said services.",
            years(5),
        ),
    ],
)
def test_initial_term_counted_from_the_start(clause: str, expected: Duration) -> None:
    assert value(run(clause), "initial_term") == expected


def test_obligations_after_the_term_are_not_the_term() -> None:
    found = run(
        "During the Term of this Agreement and for a period of six (6) months thereafter, "
        "MediaLinx shall not use the data. Any time following the third anniversary of the "
        "Effective Date, either Party may terminate this Agreement."
    )
    assert "initial_term" not in found


def test_initial_term_that_extends_is_not_a_renewal() -> None:
    found = run(
        "This Agreement shall commence on the Effective Date and shall extend for a period of "
        'Five (5) years thereafter ("Initial Term"), unless this Agreement is extended by '
        "mutual written agreement of the Parties."
    )
    assert value(found, "initial_term") == years(5)
    assert "renewal_term" not in found


def test_table_of_contents_is_not_a_notice_clause() -> None:
    found = run(
        "19.A. TERMINATION AND NON-RENEWAL..........................50\n"
        "19.B. NOTICE OF 30 DAYS PRIOR TO RENEWAL...................51"
    )
    assert "notice_period" not in found


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Avtalen har en varighet på 2+1+1 år.", [years(1), years(1)]),
        ("Avtalen gjelder i 2 år med mulighet for forlengelse 1+1 år.", [years(1), years(1)]),
        ("Avtaleperioden er 1+1 år.", [years(1)]),
    ],
)
def test_norwegian_plus_notation(clause: str, expected: list[Duration]) -> None:
    assert value(run(clause, language="nb"), "extension_options") == expected


def test_norwegian_contract_period_with_renewal_and_notice() -> None:
    found = run(
        "Avtaleperiode: 01.01.2025 – 31.12.2026. Avtalen forlenges automatisk med ett år av "
        "gangen dersom den ikke sies opp senest 3 måneder før utløp.",
        language="nb",
    )
    assert value(found, "auto_renewal") is True
    assert value(found, "renewal_term") == years(1)
    assert value(found, "notice_period") == months(3)


def test_norwegian_notice_of_a_running_contract() -> None:
    found = run("Avtalen løper til den sies opp. Oppsigelsesfristen er 6 måneder.", language="nb")
    assert value(found, "notice_period") == months(6)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "This Agreement shall automatically continue following the Initial Term, for an "
            "additional period of three (3) years, unless a party provides written notice of "
            "termination at least sixty (60) days prior to the expiration of the Initial Term.",
            years(3),
        ),
        (
            "This Agreement continues in effect for an initial term of seven (7) years and will "
            "automatically renew for one or more annual periods after the Initial Term.",
            years(1),
        ),
        (
            "You have the right to renew the franchise for two (2) successive terms equal to "
            "five (5) years each, providing you meet all of the following conditions:",
            years(5),
        ),
    ],
)
def test_more_renewal_phrasings(clause: str, expected: Duration) -> None:
    assert value(run(clause), "renewal_term") == expected


@pytest.mark.parametrize(
    ("clause", "language"),
    [
        ("It is established by calendar year and renewed tacitly every year.", "en"),
        ("Avtalen fornyes stilltiende for ett år om gangen.", "nb"),
    ],
)
def test_tacit_renewal(clause: str, language: Language) -> None:
    found = run(clause, language=language)
    assert value(found, "renewal_term") == years(1)
    assert value(found, "auto_renewal") is True


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Leieperioden er 48 måneder fra overtakelsesdato 1. februar 2024.", months(48)),
        ("Leieforholdet løper fra 1. juni 2023 i ti (10) år.", years(10)),
        ("Avtalen gjelder fra 1. oktober 2023 i to (2) år.", years(2)),
    ],
)
def test_norwegian_initial_term_after_its_start(sentence: str, expected: Duration) -> None:
    assert value(run(sentence, language="nb"), "initial_term") == expected


def test_norwegian_warranty_period_is_not_the_term() -> None:
    assert "initial_term" not in run("Leverandørens garanti gjelder i 24 måneder.", language="nb")


def test_a_clause_heading_naming_renewal_does_not_make_the_term_a_renewal() -> None:
    found = run(
        "2. Varighet og fornyelse\nAvtalen gjelder fra 1. oktober 2023 i to (2) år. Avtalen "
        "fornyes deretter automatisk for ett år av gangen.",
        language="nb",
    )
    assert value(found, "initial_term") == years(2)


def test_term_as_a_duration() -> None:
    found = run("It shall be effective on 06 October 2000 and this Agreement shall have a duration "
                "of two years.")
    assert value(found, "initial_term") == years(2)


def test_termination_right_before_an_anniversary_is_not_the_term() -> None:
    found = run(
        "Either party may terminate this Agreement upon written notice if the Supply Agreement "
        "terminates prior to the first anniversary of the Effective Date."
    )
    assert "initial_term" not in found


def test_notice_to_stop_renewal_and_notice_to_terminate_for_convenience_are_kept_apart() -> None:
    found = run(
        "The initial term of this Agreement is two (2) years. This Agreement shall renew "
        "automatically for successive one (1) year terms unless either party gives written "
        "notice of non-renewal at least ninety (90) days prior to the end of the then-current "
        "term.\nEither party may terminate this Agreement for convenience upon thirty (30) "
        "days' written notice to the other party."
    )
    assert value(found, "notice_period") == Duration(count=90, unit="day")
    assert value(found, "termination_notice") == Duration(count=30, unit="day")


def test_one_notice_clause_is_not_reported_twice() -> None:
    found = run(
        "This Agreement shall continue until terminated. Either party may terminate this "
        "Agreement at any time upon sixty (60) days' written notice."
    )
    assert value(found, "notice_period") == Duration(count=60, unit="day")
    assert "termination_notice" not in found


@pytest.mark.parametrize(
    "clause",
    [
        "The term of this Agreement will begin on the Effective Date and will end three (3) years "
        "from the date the Co-Branded Application becomes accessible to Members.",
        "The license shall be for an initial period of 36 months, commencing from the acceptance "
        "date.",
        "This Agreement shall commence on the Effective Date and shall remain in full force for "
        "ten (10) years after the First Commercial Sale.",
    ],
)
def test_a_term_counted_from_an_event_is_not_counted_from_the_start(clause: str) -> None:
    assert "initial_term" not in run(clause)


def test_a_term_that_continues_from_the_effective_date() -> None:
    # No "term" word in the sentence: the verb says it is the contract's duration.
    found = run("This Agreement is effective as of April 1, 2030 and shall continue for a "
                "period of two (2) years.")
    assert value(found, "initial_term") == Duration(count=2, unit="year")


def test_a_term_following_the_first_day_of_public_availability_is_counted_from_an_event() -> None:
    clause = ("This Agreement shall remain in effect for an initial term of five (5) years "
              "following the first date of public availability of the Licensed Content.")
    assert "initial_term" not in run(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "The term of this Agreement shall end with the Service Period (i.e., a two (2) year "
        "period commencing on the Effective Date).",
        "The term of this Agreement is a four (4) year term beginning on the Effective Date.",
    ],
)
def test_a_period_noun_between_the_duration_and_its_start(clause: str) -> None:
    found = run(clause)
    assert value(found, "initial_term") in (years(2), years(4))


def test_notice_of_an_election_to_renew_is_no_notice_period() -> None:
    clause = ("This Agreement may be renewed for one further term of five (5) years. The Dealer "
              "shall give written notice of its election to renew this Agreement at least four "
              "(4) months prior to the expiration of the then-current term.")
    assert "notice_period" not in run(clause)


def test_notice_of_a_choice_made_at_renewal_is_no_notice_period() -> None:
    clause = ("This Agreement shall renew automatically for successive one (1) year terms. "
              "Reseller may elect a new distributor annually by notifying McDATA thirty (30) "
              "days prior to renewal of the Agreement.")
    assert "notice_period" not in run(clause)


def test_notice_electing_not_to_renew_is_the_notice_period() -> None:
    clause = ("This Agreement shall renew automatically for successive one (1) year terms "
              "unless either party elects not to renew by notifying the other thirty (30) "
              "days prior to renewal of the Agreement.")
    assert value(run(clause), "notice_period") == days(30)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "The term of this Agreement is one (1) year and will be automatically renewed for "
            "one additional year unless either party gives notice of non-renewal. Such notice "
            "must be given sixty (60) days prior to expiration of the original term.",
            Duration(count=60, unit="day"),
        ),
        (
            "Unless either party gives at least forty-five days' prior written notice that it has "
            "elected not to extend the term of this Agreement, the term will be automatically "
            "extended by one year.",
            Duration(count=45, unit="day"),
        ),
    ],
)
def test_notice_to_stop_renewal_in_other_words(clause: str, expected: Duration) -> None:
    assert value(run(clause), "notice_period") == expected


def test_insurance_certificates_have_notice_periods_of_their_own() -> None:
    clause = ("This Agreement renews for successive one-year terms. All certificates evidencing "
              "the cover shall provide at least ten (10) days' prior written notice of "
              "cancellation or non-renewal of the coverages.")
    assert "notice_period" not in run(clause)


def test_a_term_until_terminated_upon_notice_names_the_notice_period() -> None:
    clause = ("The term of this Agreement shall commence on the Effective Date and shall remain in "
              "effect until terminated by either Party upon fifteen (15) days' prior written "
              "notice.")
    assert value(run(clause), "notice_period") == Duration(count=15, unit="day")


def test_a_period_after_the_date_of_termination_is_not_the_term() -> None:
    found = run(
        "The obligations of Section 7.4 shall be extended for one year after the date of such "
        "termination. Initial Term shall mean the Effective Date through the day prior to the "
        "fourth anniversary of the Effective Date."
    )
    assert value(found, "initial_term") == years(4)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "This Agreement shall automatically be renewed for one (1) or more one (1) month "
            "periods unless either party gives notice of its intention not to renew.",
            months(1),
        ),
        (
            "Thereafter, this Agreement shall be renewed automatically on a five (5) year basis, "
            "unless one party notifies the other of its desire to terminate this Agreement.",
            years(5),
        ),
        (
            "The term of this Agreement is twelve (12) months from the date hereof, and will be "
            "automatically renewed for one (1) additional twelve month period unless either "
            "party shall notify the other in writing of its intention not to renew.",
            months(12),
        ),
        (
            'This contract shall remain in effect for the five (5) year term ("Initial Term") '
            "and shall be automatically extended for one (1) year periods after the Initial "
            'Term ("Renewal Term").',
            years(1),
        ),
        (
            "The Term will be 3 years from Effective Date with an automatic 2 year term "
            "extensions unless otherwise advised by one of the Parties.",
            years(2),
        ),
        (
            "This Agreement shall continue in effect for two years from the date hereof, and "
            "thereafter shall continue automatically for successive annual periods.",
            years(1),
        ),
        (
            "This Agreement shall remain in effect until the end of the current calendar year and "
            "shall be automatically renewed for successive one (1) year periods.",
            years(1),
        ),
        (
            "The Consultation Period (as it may be extended by the mutual written agreement of "
            "the parties or automatically, or earlier terminated, being referred to as the "
            '"Consultation Period" in this Agreement), unless sooner terminated in accordance '
            "with the provisions of Section 4, shall automatically renew for successive one-year "
            "periods.",
            years(1),
        ),
    ],
)
def test_renewal_term_as_written(clause: str, expected: Duration) -> None:
    assert value(run(clause), "renewal_term") == expected


def test_renewal_pursuant_to_mutual_agreement_is_no_renewal_term() -> None:
    found = run(
        "This Agreement shall continue for a term set forth in Exhibit B, and may be renewed for "
        "successive one (1) year terms pursuant to mutual written agreement of the parties."
    )
    assert "renewal_term" not in found
