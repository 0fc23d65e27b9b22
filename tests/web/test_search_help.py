"""The search help page: every example it shows is understood by the search and finds a
contract made to hold what it looks for; the page reads in English and Norwegian."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import Actor, World
from page_client import Browser
from pdf_factory import contract_pdf

from core.models import Role, SupplierRegisterRecord, User
from search_api.query_language import parse_query
from suppliers.reindex import reindex_contracts_of
from web.search_help import SECTIONS

BODY = contract_pdf([
    "RAMMEAVTALE OM IT OG RENHOLD\n\nThis framework agreement is made between Fjordbyen "
    'kommune (the "Customer") and Acme Consulting AS (the "Supplier").\n\n'
    "1. Liability. The liability cap is the annual fees; the limitation of liability "
    "applies to both parties. Denne avtale gjelder også renhold.\n\n"
    "2. Services. Software and daily cleaning of the offices in Oslo.\n\n"
    "3. Prices. Prices follow indexation (indeksregulering) each January."
])
OTHER = contract_pdf(["KRAFTLEVERINGSAVTALE\n\nThis draft agreement covers power supply."])
NORWEGIAN = Path(__file__).resolve().parents[1] / "fixtures/norwegian"
# Per language: the contract the examples look for, another one, its category and law.
CORPUS = {
    "en": (BODY, OTHER, "IT", "New York"),
    "nb": (contract_pdf([(NORWEGIAN / "tuning_stiftelse_renhold.txt").read_text()]),
           contract_pdf([(NORWEGIAN / "tuning_kraft_fastpris.txt").read_text()]),
           "Renhold", "Norway"),
}
_EXAMPLE = re.compile(r'<code class="search-example">([^<]+)</code>')


def test_every_example_parses() -> None:
    for section in SECTIONS:
        for example in section.examples:
            parse_query(example.query)


@pytest.mark.parametrize("language", ["en", "nb"])
def test_every_example_on_the_help_page_finds_a_contract(world: World, language: str) -> None:
    """In both languages: the Norwegian page's examples have Norwegian words, run here on
    Norwegian contracts."""
    editor = world.make_user("editor@example.no", Role.EDITOR)
    body, other_body, category, law = CORPUS[language]
    document = _uploaded(world, editor, "ramme.pdf", body)
    _uploaded(world, editor, "annen.pdf", other_body)
    today = dt.date.today()
    patched = editor.client.patch(f"/api/v1/contracts/{document['contract_id']}", json={
        "supplier_name": "Renhold Vest AS", "category_path": category, "governing_law": law,
        "perpetual": False,
        "effective_date": (today - dt.timedelta(days=300)).isoformat(),
        "end_date": (today + dt.timedelta(days=45)).isoformat(),
        "notice_period": {"count": 1, "unit": "month"},
        "value_amount": "2000000", "value_currency": "NOK",
    })
    assert patched.status_code == 200, patched.text
    other = editor.client.post("/api/v1/contracts", json={
        "title": "Draft services agreement", "end_date": "2027-03-01",
        "value_amount": "300000", "value_currency": "NOK"})
    assert other.status_code == 201, other.text
    _give_figures(world, editor, document["contract_id"], today)
    world.wait_idle()
    with world.runtime.database.session() as session:
        user = session.get(User, editor.user.id)
        assert user is not None
        user.language = language
        session.commit()

    page = Browser(world, editor).get("/help/search")
    assert page.status_code == 200
    shown = [html.unescape(example) for example in _EXAMPLE.findall(page.text)]
    assert shown == [e.in_language(language).query for s in SECTIONS for e in s.examples]
    for query in shown:
        found = editor.client.get("/api/v1/search", params={"q": query})
        assert found.status_code == 200, (query, found.text)
        assert found.json()["total"] >= 1, query


def _uploaded(world: World, editor: Actor, name: str, body: bytes) -> dict[str, Any]:
    response = editor.client.post(
        "/api/v1/documents", files=[("files", (name, body, "application/pdf"))])
    assert response.status_code == 202, response.text
    world.wait_idle()
    document: dict[str, Any] = editor.client.get(
        f"/api/v1/documents/{response.json()['documents'][0]['id']}").json()
    return document


def _give_figures(world: World, editor: Actor, contract_id: int, today: dt.date) -> None:
    """Spend, a low evaluation score and a high risk for the contract's supplier, so the
    risk:, score: and spend: examples have something to find."""
    spend = f"Date,Supplier,Amount\n{(today - dt.timedelta(days=100)).isoformat()}," \
            "Renhold Vest AS,150000.00\n"
    imported = editor.client.post("/api/v1/spend/imports",
                                  files={"files": ("spend.csv", spend.encode(), "text/csv")})
    assert imported.status_code == 200, imported.text
    supplier_id = editor.client.get(f"/api/v1/contracts/{contract_id}").json()["supplier"]["id"]
    template = editor.client.get("/api/v1/evaluation-templates").json()[0]
    made = editor.client.post(f"/api/v1/suppliers/{supplier_id}/evaluations",
                              json={"template_id": template["id"]})
    assert made.status_code == 201, made.text
    scored = editor.client.put(
        f"/api/v1/suppliers/{supplier_id}/evaluations/{made.json()['id']}/scores",
        json={"scores": [{"criterion_id": c["id"], "score": 2} for c in template["criteria"]]})
    assert scored.status_code == 200, scored.text
    # No register answers here: the level a refresh would have stored, then the re-index
    # a refresh asks for.
    with world.runtime.database.session() as session:
        session.add(SupplierRegisterRecord(
            supplier_id=supplier_id, register="brreg", identifier="", entity={},
            status_flags=["bankruptcy"], accounts=[], failures=0,
            fetched_at=dt.datetime.now(dt.UTC), risk_level="high"))
        reindex_contracts_of(session, supplier_id)
        session.commit()


def test_the_help_page_reads_in_norwegian(world: World) -> None:
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    with world.runtime.database.session() as session:
        user = session.get(User, viewer.user.id)
        assert user is not None
        user.language = "nb"
    page = Browser(world, viewer).get("/help/search").text
    assert 'lang="nb"' in page
    assert "Slik søker du" in page and "How to search" not in page


def test_a_search_that_cannot_be_read_says_why_in_norwegian(world: World) -> None:
    viewer = world.make_user("leser@example.no", Role.VIEWER)
    with world.runtime.database.session() as session:
        user = session.get(User, viewer.user.id)
        assert user is not None
        user.language = "nb"
    page = Browser(world, viewer).get("/", params={"q": '"unclosed'})
    assert page.status_code == 400
    assert "Anførselstegnet ved tegn 1 er ikke lukket" in html.unescape(page.text)
    assert "is not closed" not in page.text
    api = viewer.client.get("/api/v1/search", params={"q": '"unclosed'})
    assert api.status_code == 400 and "The quote at character 1 is not closed" in api.text
