"""A framework's total for its whole period against the yearly estimate stated beside it."""

from __future__ import annotations

from decimal import Decimal

from extraction.money import extract_money
from extraction.text import ContractText


def _value(text: str) -> tuple[Decimal, str | None]:
    money = extract_money(ContractText.of([text]), "nb")["contract_value"].value
    return money.amount, money.per


def test_a_total_for_the_whole_period_beats_the_yearly_estimate() -> None:
    text = (
        "2.3 Det estimerte årlige volumet under denne avtalen er 3 500 timer, tilsvarende en "
        "estimert årlig verdi på kr 2 100 000,- eks. mva.\n\n"
        "2.4 Rammeavtalens samlede ramme er begrenset til kr 8 400 000,- eks. mva for hele "
        "avtaleperioden, inklusive eventuelle opsjoner.\n"
    )
    assert _value(text) == (Decimal("8400000"), None)


def test_without_the_whole_period_the_yearly_estimate_stays() -> None:
    text = (
        "2.3 Det estimerte årlige volumet under denne avtalen er 3 500 timer, tilsvarende en "
        "estimert årlig verdi på kr 2 100 000,- eks. mva.\n\n"
        "2.4 Timeprisene er faste i hele avtaleperioden og er kr 1 190 eks. mva.\n"
    )
    assert _value(text) == (Decimal("2100000"), "year")
