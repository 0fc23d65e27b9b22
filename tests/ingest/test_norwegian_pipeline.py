"""Norwegian contracts as PDFs, through upload, the worker and the API, on both databases.

The PDFs are built at test time (tests/pdf_factory.py) from the Norwegian extraction fixtures
(tests/extraction/fixtures/nb_*.txt), whose .expected.json files say what a person reads in
them; price schedules are ruled tables, as in signed contracts.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import Actor, World
from pdf_factory import contract_pdf, fixture_text, image_only_pdf, pdf_from_text
from sqlalchemy import select

from contracts.deadlines import ContractTerms, DerivedEnd, compute_deadlines
from contracts.fields import REVIEWABLE_FIELDS
from contracts.suggestions import apply_extraction
from core.models import Contract, ContractPriceItem, Document, Role, Supplier
from extraction.model import FIELD_NAMES, Duration, Extraction, Finding, PriceItem
from ingest.pdf_reader import UnreadableDocumentError, looks_like_table, read_pdf

FIXTURES = Path(__file__).parents[1] / "extraction" / "fixtures"
NORWEGIAN = ["nb_konsulentavtale", "nb_lisensavtale_saas", "nb_rammeavtale_it", "nb_renholdsavtale"]


# Read by the engine and stored as the contract's suggested values; the fixtures label the
# fields of FIELD_NAMES (not the notice to terminate for convenience, which a contract has too).
COMPARED_FIELDS = tuple(name for name in REVIEWABLE_FIELDS if name in FIELD_NAMES)


def expected_of(name: str) -> dict[str, Any]:
    return dict(json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8")))


def valid_org_number(number: str) -> bool:
    """Brønnøysund's MOD11 check on a 9-digit Norwegian organisation number."""
    if len(number) != 9 or not number.isdigit():
        return False
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    check = (11 - sum(int(d) * w for d, w in zip(number, weights, strict=False)) % 11) % 11
    return check != 10 and check == int(number[8])


def upload(world: World, actor: Actor, filename: str, data: bytes) -> dict[str, Any]:
    """Upload one PDF, let the worker finish; the document's status."""
    response = actor.client.post(
        "/api/v1/documents", files=[("files", (filename, data, "application/pdf"))]
    )
    assert response.status_code == 202, response.text
    document_id = response.json()["documents"][0]["id"]
    world.wait_idle()
    status = dict(actor.client.get(f"/api/v1/documents/{document_id}").json())
    assert status["status"] == "ready", status
    return status


def contract_of(actor: Actor, contract_id: int) -> dict[str, Any]:
    response = actor.client.get(f"/api/v1/contracts/{contract_id}")
    assert response.status_code == 200, response.text
    return dict(response.json())


def comparable(field: str, value: Any) -> Any:
    if value is None:
        return None
    if field == "contract_value":
        # An expected value written before `per` existed is a total.
        return {"per": None, **value, "amount": Decimal(str(value["amount"]))}
    if field == "parties":
        return sorted(value, key=lambda party: str(party["name"]))
    return value


def check(field: str, got: Any, want: Any) -> None:
    assert comparable(field, got) == comparable(field, want), field


def _terms_of_expected(expected: dict[str, Any],
                       end_derived_from: dict[str, Any] | None) -> ContractTerms:
    """The expected terms; the end date computed (start + term) as the contract says it was:
    the fixtures give the end's value, not whether the text states it."""
    def date(name: str) -> dt.date | None:
        return dt.date.fromisoformat(expected[name]) if expected[name] else None

    def duration(name: str) -> Duration | None:
        return Duration.model_validate(expected[name]) if expected[name] else None

    return ContractTerms(
        signed_date=date("signed_date"),
        effective_date=date("effective_date"),
        end_date=date("end_date"),
        end_date_derived=DerivedEnd.from_json(end_derived_from),
        perpetual=expected["perpetual"],
        initial_term=duration("initial_term"),
        auto_renewal=expected["auto_renewal"],
        renewal_term=duration("renewal_term"),
        renewal_count=expected["renewal_count"],
        extension_options=tuple(
            Duration.model_validate(o) for o in expected["extension_options"] or ()
        ),
        notice_period=duration("notice_period"),
    )


# --- the PDFs themselves ------------------------------------------------------------------


@pytest.mark.parametrize("name", NORWEGIAN)
def test_built_pdfs_read_back_as_text_and_ruled_tables(name: str) -> None:
    expected = expected_of(name)
    pdf = read_pdf(pdf_from_text(fixture_text(name)))
    assert len(pdf.pages) == 2
    assert pdf.ocr_pages == []
    for party in expected["parties"]:
        assert party["name"] in "\n".join(pdf.pages)
    items = expected["price_items"] or []
    if not items:
        assert pdf.tables == []
        return
    [table] = pdf.tables
    assert table.page == items[0]["page"]
    assert [row[0] for row in table.rows[1:]] == [item["description"] for item in items]
    assert [row[1] for row in table.rows[1:]] == [item["unit"] for item in items]
    amounts = [Decimal(str(row[2]).replace(" ", "").replace(",", ".")) for row in table.rows[1:]]
    assert amounts == [Decimal(item["unit_price"]) for item in items]


def test_a_price_page_with_grouped_digits_looks_like_a_table() -> None:
    page = (
        "Prisskjema:\nSeniorutvikler time 1 250,00\nLøsningsarkitekt time 1 450,00\n"
        "Reisetid time 650,00\nLisens per år 12 000,-"
    )
    assert looks_like_table(page)
    prose = "Prisene reguleres årlig.\nAvtalen gjelder fra 1. mars 2024.\nSe punkt 3."
    assert not looks_like_table(prose)


def test_an_extra_price_table_can_be_drawn_under_any_page() -> None:
    rows = [
        ["Vare", "Enhet", "Pris NOK"],
        ["Kopipapir A4", "eske", "389,00"],
        ["Toner svart", "stk", "1 249,00"],
        ["Arkivboks", "stk", "59,90"],
    ]
    data = contract_pdf(
        ["KJØPSAVTALE\n\nAvtalen gjelder kontorrekvisita.", "Prisliste:"], price_table=rows
    )
    [table] = read_pdf(data).tables
    assert table.page == 2
    assert table.rows == rows


# --- upload, extraction, saving -----------------------------------------------------------


@pytest.mark.parametrize("name", NORWEGIAN)
def test_norwegian_contract_through_the_pipeline(world: World, name: str) -> None:
    editor = world.make_user("innkjop@example.no", Role.EDITOR)
    expected = expected_of(name)
    status = upload(world, editor, f"{name}.pdf", pdf_from_text(fixture_text(name)))
    assert status["language"] == "nb"
    assert status["page_count"] == 2
    contract = contract_of(editor, status["contract_id"])
    fields = {f["field"]: f for f in contract["fields"]}

    for field in COMPARED_FIELDS:
        row = fields.get(field)
        check(field, row["value"] if row else None, expected[field])
        if row is not None:
            assert row["review_state"] == "suggested"
            assert row["evidence"] and all(e["page"] in (1, 2) for e in row["evidence"]), field

    # Parties with valid org numbers; the supplier linked by its org number.
    parties = {p["name"]: p for p in contract["parties"]}
    for party in expected["parties"]:
        assert parties[party["name"]]["org_number"] == party["org_number"]
        assert valid_org_number(party["org_number"]), party
    [supplier] = [p for p in expected["parties"] if p["role"] == "supplier"]
    assert contract["supplier"] is not None
    assert contract["supplier"]["org_number"] == supplier["org_number"]
    assert contract["supplier"]["name"] == supplier["name"]

    # The contract's own columns carry the suggestions.
    for field in ("signed_date", "effective_date", "end_date"):
        assert contract[field] == expected[field], field
    assert contract["notice_period"] == expected["notice_period"]
    assert contract["extension_options"] == expected["extension_options"]
    assert contract["perpetual"] is bool(expected["perpetual"])
    assert contract["governing_law"] == "Norway"
    if contract["value_amount"] is not None:
        assert contract["value_currency"] == "NOK"
        assert Decimal(contract["value_amount"]) == Decimal(expected["contract_value"]["amount"])

    # Deadlines stored on the contract are the engine's answer for the terms a person reads.
    today = dt.date.today()
    if name == "nb_renholdsavtale":  # "gjelder fra 1. april 2024 og løper i ett år"
        assert contract["end_date_derived_from"] == {
            "effective_date": "2024-04-01", "initial_term": {"count": 1, "unit": "year"}}
    engine = compute_deadlines(
        _terms_of_expected(expected, contract["end_date_derived_from"]), today)
    stored = contract["deadlines"]
    assert contract["notice_deadline"] == (
        engine.notice_deadline.isoformat() if engine.notice_deadline else None
    )
    assert stored["end_date"] == (engine.end_date.isoformat() if engine.end_date else None)
    assert stored["status"] == engine.status
    assert stored["review_date"] == (engine.review_date.isoformat() if engine.review_date else None)
    with world.runtime.database.session() as session:
        row_contract = session.get(Contract, contract["id"])
        assert row_contract is not None
        assert row_contract.notice_deadline == engine.notice_deadline
        assert row_contract.language == "nb"
        price_rows = session.scalars(
            select(ContractPriceItem)
            .where(ContractPriceItem.contract_id == contract["id"])
            .order_by(ContractPriceItem.id)
        ).all()
        saved = [
            {
                "description": r.description,
                "unit": r.unit,
                "unit_price": str(r.unit_price) if r.unit_price is not None else None,
                "currency": r.currency,
                "page": r.page,
            }
            for r in price_rows
        ]
    want_items = [
        {**item, "unit_price": str(Decimal(item["unit_price"]).quantize(Decimal("0.01")))}
        for item in expected["price_items"] or []
    ]
    saved = [
        {
            **item,
            "unit_price": str(Decimal(item["unit_price"]).quantize(Decimal("0.01")))
            if item["unit_price"] is not None
            else None,
        }
        for item in saved
    ]
    check("price_items", saved or None, want_items or None)

    # Found by a Norwegian word from its text and by its supplier.
    supplier_hits = editor.client.get("/api/v1/search", params={"supplier": supplier["name"]})
    assert [h["contract_id"] for h in supplier_hits.json()["hits"]] == [contract["id"]]


def test_deadlines_of_a_renewing_cleaning_contract(world: World) -> None:
    """From 1 April, one year, auto-renewing yearly, three months' notice: each term ends on
    the 1 April anniversary (derived), and notice is counted from the day before, so the
    deadline that matters is always a 31 December, within the coming year."""
    editor = world.make_user("innkjop@example.no", Role.EDITOR)
    status = upload(world, editor, "renhold.pdf", pdf_from_text(fixture_text("nb_renholdsavtale")))
    contract = contract_of(editor, status["contract_id"])
    notice = dt.date.fromisoformat(contract["notice_deadline"])
    today = dt.date.today()
    assert (notice.month, notice.day) == (12, 31)
    assert today <= notice <= today + dt.timedelta(days=366)
    assert contract["deadlines"]["notice_prevents_renewal"] is True
    assert contract["deadlines"]["notice_term_end"] == f"{notice.year + 1}-04-01"
    assert contract["deadlines"]["next_renewal_date"].endswith("-04-02")


def test_option_deadlines_of_a_framework_agreement(world: World) -> None:
    """2 years to 28 February 2026, options 1+1 year, exercised 3 months before expiry."""
    editor = world.make_user("innkjop@example.no", Role.EDITOR)
    status = upload(world, editor, "ramme.pdf", pdf_from_text(fixture_text("nb_rammeavtale_it")))
    contract = contract_of(editor, status["contract_id"])
    options = [
        (o["number"], o["exercise_deadline"], o["new_end_date"])
        for o in contract["deadlines"]["option_deadlines"]
    ]
    assert options == [(1, "2025-11-28", "2027-02-28"), (2, "2026-11-28", "2028-02-29")]


AVROP = """AVROPSAVTALE NR. 3 UNDER RAMMEAVTALE OM IT-KONSULENTTJENESTER

Mellom:

Vestland fylkeskommune
org.nr. 926 018 159
heretter kalt Kunden

og

Fjordkode Bergen AS
org.nr. 923 609 016
heretter kalt Leverandøren

1. OPPDRAGET

Leverandøren skal bistå Kunden med migrering av saksarkivet til ny plattform.

2. VARIGHET

Avropet gjelder fra 1. september 2024 til og med 31. august 2025.
Hver av partene kan si opp avropet med 1 måneds skriftlig varsel.

3. LOVVALG

Avtalen reguleres av norsk rett.

Bergen, 20. august 2024
"""


def test_a_second_contract_with_the_same_org_number_links_the_same_supplier(
    world: World,
) -> None:
    editor = world.make_user("innkjop@example.no", Role.EDITOR)
    first = upload(world, editor, "ramme.pdf", pdf_from_text(fixture_text("nb_rammeavtale_it")))
    # The supplier's name is written differently here: only the org number ties them.
    second = upload(world, editor, "avrop.pdf", pdf_from_text(AVROP))
    other = upload(world, editor, "renhold.pdf", pdf_from_text(fixture_text("nb_renholdsavtale")))
    supplier_of = {
        key: contract_of(editor, status["contract_id"])["supplier"]
        for key, status in (("first", first), ("second", second), ("other", other))
    }
    assert supplier_of["first"]["org_number"] == "923609016"
    assert supplier_of["second"]["id"] == supplier_of["first"]["id"]
    assert supplier_of["other"]["id"] != supplier_of["first"]["id"]
    second_contract = contract_of(editor, second["contract_id"])
    assert "Fjordkode Bergen AS" in [p["name"] for p in second_contract["parties"]]
    with world.runtime.database.session() as session:
        suppliers = session.scalars(
            select(Supplier).where(Supplier.org_number == "923609016")
        ).all()
        assert len(suppliers) == 1
        assert {a.normalized for a in suppliers[0].aliases} >= {"fjordkode", "fjordkode bergen"}
    hits = editor.client.get("/api/v1/search", params={"supplier": supplier_of["first"]["name"]})
    assert sorted(h["contract_id"] for h in hits.json()["hits"]) == sorted(
        [first["contract_id"], second["contract_id"]]
    )


# --- a scanned contract -------------------------------------------------------------------


@pytest.mark.ocr
def test_a_scanned_norwegian_page_is_ocrd_and_searchable(world: World) -> None:
    editor = world.make_user("innkjop@example.no", Role.EDITOR)
    text_pdf = pdf_from_text(fixture_text("nb_renholdsavtale"))
    scan = image_only_pdf(text_pdf, pages=[0])
    with pytest.raises(UnreadableDocumentError, match="no text"):
        read_pdf(scan, with_ocr=False, with_tables=False)  # no text layer at all

    status = upload(world, editor, "skannet-renholdsavtale.pdf", scan)
    assert status["page_count"] == 1
    with world.runtime.database.session() as session:
        document = session.get(Document, status["id"])
        assert document is not None
        assert document.ocr_pages == [1]
        assert document.ocr_languages_by_page() == {1: "nor+eng"}
        assert document.pages[0].ocr is True
        assert "Eiendomsselskapet Nidaros" in document.pages[0].text
    assert status["language"] == "nb"
    hits = editor.client.get("/api/v1/search", params={"q": '"daglig renhold"'}).json()
    assert [h["contract_id"] for h in hits["hits"]] == [status["contract_id"]]
    contract = contract_of(editor, status["contract_id"])
    assert contract["effective_date"] == "2024-04-01"
    assert contract["notice_period"] == {"count": 3, "unit": "month"}


def test_price_items_are_saved_as_rows_and_replaced_when_read_again(world: World) -> None:
    """The saving half of price items, with the items an extraction would give."""
    editor = world.make_user("innkjop@example.no", Role.EDITOR)
    status = upload(world, editor, "ramme.pdf", pdf_from_text(fixture_text("nb_rammeavtale_it")))
    items = [
        PriceItem.model_validate(item) for item in expected_of("nb_rammeavtale_it")["price_items"]
    ]

    def read_with(price_items: list[PriceItem]) -> list[tuple[str, str | None, Decimal | None]]:
        with world.runtime.database.session() as session:
            contract = session.get(Contract, status["contract_id"])
            assert contract is not None
            extraction = Extraction(
                language="nb", price_items=Finding(value=price_items, confidence=0.9)
            )
            apply_extraction(session, contract, status["id"], extraction, dt.date.today())
        with world.runtime.database.session() as session:
            rows = session.scalars(
                select(ContractPriceItem)
                .where(ContractPriceItem.contract_id == status["contract_id"])
                .order_by(ContractPriceItem.id)
            ).all()
            assert all(r.document_id == status["id"] and r.page == 2 for r in rows)
            assert all(r.currency == "NOK" for r in rows)
            return [(r.description, r.unit, r.unit_price) for r in rows]

    assert read_with(items) == [
        ("Seniorutvikler", "time", Decimal("1250.00")),
        ("Løsningsarkitekt", "time", Decimal("1450.00")),
        ("Prosjektleder", "time", Decimal("1380.50")),
        ("Reisetid", "time", Decimal("650.00")),
    ]
    # Read again (a better extractor): the document's rows are replaced, not added to.
    assert read_with(items[:2]) == [
        ("Seniorutvikler", "time", Decimal("1250.00")),
        ("Løsningsarkitekt", "time", Decimal("1450.00")),
    ]
