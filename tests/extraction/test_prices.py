from __future__ import annotations

from decimal import Decimal

from extraction.model import PageTable
from extraction.prices import extract_price_items

Item = tuple[str, str | None, Decimal | None, str | None]


def _items(rows: list[list[str | None]], page: int = 2) -> list[Item]:
    found = extract_price_items([PageTable(page=page, rows=rows)], "nb")
    assert found is not None
    assert all(e.page == page for e in found.evidence)
    return [(i.description, i.unit, i.unit_price, i.currency) for i in found.value]


def test_norwegian_rate_card_with_currency_in_header() -> None:
    rows: list[list[str | None]] = [
        ["Beskrivelse", "Enhet", "Timepris NOK"],
        ["Seniorutvikler", "time", "1 250,00"],
        ["Prosjektleder", "time", "1 380,50"],
    ]
    assert _items(rows) == [
        ("Seniorutvikler", "time", Decimal("1250.00"), "NOK"),
        ("Prosjektleder", "time", Decimal("1380.50"), "NOK"),
    ]


def test_english_price_list_with_thousands_separator() -> None:
    rows: list[list[str | None]] = [
        ["Description", "Unit", "Unit price (USD)"],
        ["Support retainer", "month", "4,500.00"],
    ]
    assert _items(rows) == [("Support retainer", "month", Decimal("4500.00"), "USD")]


def test_currency_from_cell_and_no_unit_column() -> None:
    rows: list[list[str | None]] = [
        ["Rolle", "Pris"],
        ["Rådgiver", "kr 1 100,-"],
        ["Sum", None],
    ]
    assert _items(rows) == [("Rådgiver", None, Decimal("1100"), "NOK")]


def test_description_column_need_not_be_first() -> None:
    rows: list[list[str | None]] = [
        ["Nr", "Tjeneste", "Enhet", "Pris (kr)"],
        ["1", "Vinduspuss", "per gang", "12 500,00"],
    ]
    assert _items(rows) == [("Vinduspuss", "per gang", Decimal("12500.00"), "NOK")]


def test_table_without_price_column_is_ignored() -> None:
    rows: list[list[str | None]] = [["Navn", "Rolle"], ["Kari Nordmann", "Prosjektleder"]]
    assert extract_price_items([PageTable(page=1, rows=rows)], "nb") is None


def test_no_tables() -> None:
    assert extract_price_items([], "en") is None
