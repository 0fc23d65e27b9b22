"""Dates of other agreements than this one, and signing dates in signature tables."""

from __future__ import annotations

import datetime as dt

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
