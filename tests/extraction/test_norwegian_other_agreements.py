"""Dates of other agreements than this one, and signing dates in signature tables."""

from __future__ import annotations

import datetime as dt

import pytest

from extraction.dates import extract_dates
from extraction.dates_parse import find_dates
from extraction.other_agreements import names_other_agreement, own_kinds
from extraction.signature_tables import table_signing_date
from extraction.text import ContractText


def _signed(text: str) -> dt.date | None:
    found = extract_dates(ContractText.of([text]), "nb")
    return found["signed_date"].value if "signed_date" in found else None


def test_a_replaced_agreement_does_not_date_this_one() -> None:
    text = ("AVTALE OM VINDUSVASK\n\nAvtalen erstatter avtale om vask datert 3. mai 2018.\n\n"
            "Avtalen gjelder fra 1. april 2024.\n\n" + "Tekst.\n" * 20 + "Tromsø, 2. mars 2024\n")
    assert _signed(text) == dt.date(2024, 3, 2)


def test_the_framework_of_a_call_off_is_another_agreement() -> None:
    body = "AVROPSAVTALE\nRammeavtalen ble signert 1.2.2021. Avropet gjelder fra 1.5.2024."
    kinds = own_kinds(body)
    assert kinds == {"avrop"}
    assert names_other_agreement(body, body.index("1.2.2021"), kinds)
    assert not names_other_agreement(body, body.index("1.5.2024"), kinds)


def test_a_framework_agreement_names_itself() -> None:
    body = "RAMMEAVTALE OM KONTORMØBLER\nRammeavtalen er inngått 4. juni 2024."
    assert not names_other_agreement(body, body.index("4. juni"), own_kinds(body))


def test_the_latest_date_of_a_signature_table_row() -> None:
    body = ("x\n" * 10 + "|      | For Kunden | For Leverandøren |\n"
            "| Dato | 03.04.2024 | 05.04.2024 |\n| Signatur | ____ | ____ |\n")
    found = table_signing_date(body, list(find_dates(body, "nb")))
    assert found is not None and found.date == dt.date(2024, 4, 5)


def test_a_price_table_row_is_no_signature() -> None:
    body = "x\n" * 10 + "| Tjeneste | Pris fra 01.01.2025 |\n| Vask | kr 300 |\n"
    assert table_signing_date(body, list(find_dates(body, "nb"))) is None


def test_a_dated_agreement_the_sentence_ends_is_the_earlier_one() -> None:
    text = ("LEIEAVTALE\n\nLeieavtale nr. 17 datert 12/2-2017 for de gamle maskinene avsluttes "
            "ved levering.\n\n" + "Tekst.\n" * 20 + "Tromsø, 3/3-2022\n")
    assert _signed(text) == dt.date(2022, 3, 3)


def test_a_bare_agreement_of_another_kind_dated_where_named() -> None:
    body = ("AVTALE OM LEVERING AV FJERNVARME\n"
            "Bygget er tilknyttet etter tilknytningsavtale datert 1. mai 2019.")
    assert names_other_agreement(body, body.index("1. mai"), own_kinds(body))


def test_an_attachment_dated_in_brackets_is_not_the_signing() -> None:
    text = ("AVTALE\n\nBilag 1 Kundens kravspesifikasjon (datert 2022-11-15)\n\n"
            + "Tekst.\n" * 20 + "Oslo, 3. mars 2023\n")
    assert _signed(text) == dt.date(2023, 3, 3)


def test_place_and_date_fields_side_by_side_sign_on_the_later() -> None:
    text = ("SSA-O\nKunde: A AS\n\nSted og dato: Hamar, 2023-03-01      Sted og dato: Oslo, "
            "2023-03-03\n\n" + "Tekst.\n" * 20)
    assert _signed(text) == dt.date(2023, 3, 3)


def test_the_tender_announced_in_the_preamble_does_not_date_it() -> None:
    text = ("Denne avtalen er inngått mellom A AS og B AS etter anbudskonkurranse kunngjort i "
            "Doffin 15.01.2025.\n\n" + "Tekst.\n" * 30 + "Notodden, 24. april 2025\n")
    assert _signed(text) == dt.date(2025, 4, 24)


def test_dates_under_a_header_row_of_date_labels() -> None:
    body = ("x\n" * 200 + "| Sted og dato      | Sted og dato        |\n"
            "|-------------------|---------------------|\n"
            "| Florø, 2024-02-12 | München, 2024-02-14 |\n| For Kunden | For Leverandøren |\n")
    found = table_signing_date(body, list(find_dates(body, "nb")))
    assert found is not None and found.date == dt.date(2024, 2, 14)


def test_a_framework_agreement_runs_to_its_stated_last_day() -> None:
    text = ("RAMMEAVTALE\n\n3.1 Rammeavtalen gjelder fra og med 01.01.2024 til og med "
            "31.12.2025.\n")
    found = extract_dates(ContractText.of([text]), "nb")
    assert found["end_date"].value == dt.date(2025, 12, 31)


@pytest.mark.parametrize(("written", "expected"), [
    ("Tromsø, 3/3-2022", dt.date(2022, 3, 3)), ("avtalt til 15/3-22.", dt.date(2022, 3, 15))])
def test_the_handwritten_day_slash_month_dash_year(written: str, expected: dt.date) -> None:
    assert [d.date for d in find_dates(written, "nb")] == [expected]
