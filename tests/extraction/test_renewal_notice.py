"""Renewal term and the notice that stops renewal: made-up clauses in the styles contracts use."""

from __future__ import annotations

from typing import Any

from extraction.model import Duration, Finding
from extraction.terms import extract_terms
from extraction.text import ContractText


def run(*pages: str) -> dict[str, Finding[Any]]:
    return extract_terms(ContractText.of(pages), "en")


def value(found: dict[str, Finding[Any]], name: str) -> Any:
    finding = found.get(name)
    return None if finding is None else finding.value


def test_renewal_without_a_length_runs_as_long_as_the_term() -> None:
    found = run(
        "This Agreement shall be for a term of two years; thereafter, this Agreement shall "
        "renew automatically on the same conditions unless replaced by a new agreement."
    )
    assert value(found, "renewal_term") == Duration(count=2, unit="year")


def test_renewal_naming_its_own_length_keeps_it() -> None:
    found = run(
        "This Agreement shall be for a term of two years; thereafter, this Agreement shall renew "
        "automatically for successive periods of one (1) year."
    )
    assert value(found, "renewal_term") == Duration(count=1, unit="year")


def test_a_renewal_of_another_agreement_for_a_minimum_is_no_renewal_term() -> None:
    found = run(
        "Supplier may terminate this Agreement upon sixty (60) days notice if the Hosting "
        "Agreement has not been renewed for an additional term of one (1) year or more."
    )
    assert value(found, "renewal_term") is None


def test_notice_in_the_sentence_after_an_automatic_renewal_stops_it() -> None:
    found = run(
        "This Agreement will be automatically renewed for further terms of three (3) years. "
        "A ninety (90) days notice must be given by either party wishing to terminate it."
    )
    assert value(found, "notice_period") == Duration(count=90, unit="day")


def test_notice_to_terminate_unrelated_to_renewal_stays_apart() -> None:
    found = run(
        "This Agreement will be automatically renewed for further terms of three (3) years. "
        "Each party shall keep the other's information confidential. "
        "Either party may terminate this Agreement upon ninety (90) days notice."
    )
    assert value(found, "notice_period") is None


def test_notice_word_before_the_figure_during_the_renewal_term() -> None:
    found = run(
        "After the Initial Term this Agreement shall continue for an indefinite Extended Term. "
        "Vendor may terminate this Agreement only during the Extended Term, with or without "
        "cause, upon prior written notice to Buyer of not less than four (4) months."
    )
    assert value(found, "notice_period") == Duration(count=4, unit="month")


def test_at_will_notice_outside_a_renewal_term_is_not_the_notice_period() -> None:
    found = run(
        "This Agreement renews automatically for one year terms. Vendor may terminate this "
        "Agreement at any time without cause upon written notice of not less than four (4) months."
    )
    assert value(found, "notice_period") is None


def test_insurance_cancellation_notice_is_not_the_notice_period() -> None:
    found = run(
        "Licensee shall name Licensor as an additional insured. In the event of cancellation, "
        "non-renewal or material change Licensor shall receive twenty (20) days written notice."
    )
    assert value(found, "notice_period") is None


def test_open_ended_term_ends_by_the_notice_in_the_next_sentence_only() -> None:
    next_sentence = run(
        "This Agreement shall remain in force for an indefinite period. Either party may "
        "terminate this Agreement without cause upon forty-five (45) days written notice."
    )
    assert value(next_sentence, "notice_period") == Duration(count=45, unit="day")
    two_on = run(
        "This Agreement shall remain in force for an indefinite period. Both parties may "
        "terminate this Agreement at once if the other becomes insolvent. Buyer may terminate "
        "this Agreement without cause by giving forty-five (45) days written notice."
    )
    assert value(two_on, "notice_period") is None
    assert value(two_on, "termination_notice") == Duration(count=45, unit="day")


def test_norwegian_notice_in_a_bilingual_contract_counted_as_english() -> None:
    found = run(
        "The Agreement shall apply from 1 May 2025 until 31 October 2025. Either party may "
        "terminate the Agreement for convenience by giving 30 days' written notice. Hver av "
        "partene kan si opp avtalen med 30 dagers skriftlig varsel."
    )
    assert value(found, "notice_period") == Duration(count=30, unit="day")
    # "this opportunity" holds the letters of "si opp" but is no Norwegian termination.
    english_only = run(
        "The Agreement shall apply until 31 October 2025. Customer may terminate at any time "
        "with 30 days' written notice, which gives Supplier this opportunity to cure."
    )
    assert value(english_only, "notice_period") is None


def test_a_norwegian_contract_running_on_a_year_at_a_time_is_stopped_by_its_notice() -> None:
    term = ("6.1 Avtalen trer i kraft 1. mars 2025 og gjelder for en bindingstid på 24 måneder. "
            "6.2 Etter bindingstiden fortsetter avtalen å løpe for ett år av gangen med mindre en "
            "av partene sier den opp skriftlig med minst 3 måneders varsel før utløpet av "
            "inneværende periode. ")
    early = ("6.3 Dersom styret beslutter å avvikle ordningen i bindingstiden, kan avtalen sies "
             "opp med 6 måneders skriftlig varsel.")
    found = extract_terms(ContractText.of([term + early]), "nb")
    assert value(found, "notice_period") == Duration(count=3, unit="month")
    # Without the running-on there is no renewal to stop, only the termination right.
    only_early = extract_terms(ContractText.of([term.split("6.2")[0] + early]), "nb")
    assert value(only_early, "notice_period") != Duration(count=3, unit="month")
