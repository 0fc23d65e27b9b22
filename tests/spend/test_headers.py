"""Header layouts recognised from synonyms, case, separators and misspellings."""

from __future__ import annotations

from spend.headers import header_signature, missing_fields, recognise


def test_the_misspelt_oxford_layout() -> None:
    headers = ["Service Area", "Expenditure Catergory", "Expenditure Code", "Paid Date",
               "Trans No", "Amount", "Type of Expenditure", "Supplier ID", "Supplier Name"]
    assert recognise(headers) == {
        "organisational_unit": "Service Area", "category": "Expenditure Catergory",
        "account": "Expenditure Code", "date": "Paid Date", "reference": "Trans No",
        "amount": "Amount", "supplier_ref": "Supplier ID", "supplier_name": "Supplier Name",
    }


def test_snake_case_and_a_missing_letter() -> None:
    mapping = recognise(["body_name", "Organisatonal Unit", "paid_date", "amount",
                         "supplier_name "])
    assert mapping == {"organisational_unit": "Organisatonal Unit", "date": "paid_date",
                       "amount": "amount", "supplier_name": "supplier_name "}


def test_norwegian_headers() -> None:
    mapping = recognise(["Dato", "Leverandør", "Org.nr", "Beløp", "Konto", "Kontonavn",
                         "Beskrivelse", "Antall", "Enhetspris", "Avdeling"])
    assert mapping == {
        "date": "Dato", "supplier_name": "Leverandør", "supplier_org_number": "Org.nr",
        "amount": "Beløp", "account": "Konto", "category": "Kontonavn",
        "description": "Beskrivelse", "quantity": "Antall", "unit_price": "Enhetspris",
        "organisational_unit": "Avdeling",
    }


def test_unknown_headers_are_left_for_a_person() -> None:
    mapping = recognise(["Col A", "Col B", "Organisation"])
    assert mapping == {}
    assert missing_fields(mapping) == ["supplier_name", "amount"]


def test_signature_ignores_case_and_separators_only() -> None:
    assert header_signature(["Paid Date", "Amount"]) == header_signature(["paid_date", "AMOUNT "])
    assert header_signature(["Paid Date", "Amount"]) != header_signature(["Amount", "Paid Date"])
