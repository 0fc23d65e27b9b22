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
