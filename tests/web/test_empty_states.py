"""A new organisation's first look: empty pages say what is missing and where to start,
in the reader's language, instead of "No contracts match." over nothing."""

from __future__ import annotations

from conftest import World
from page_client import Browser

from core.models import Role


def test_search_without_contracts_says_how_to_add_them(world: World) -> None:
    editor = Browser(world, world.make_user("editor@example.no", Role.EDITOR))
    page = editor.get("/").text
    assert "No contracts yet." in page and "No contracts match" not in page
    assert 'href="/upload"' in page.split("No contracts yet.")[1]
    assert 'href="/contracts/new"' in page.split("No contracts yet.")[1]
    # A search or a filter that finds nothing is another matter.
    assert "No contracts match" in editor.get("/", params={"q": "vaktmester"}).text
    assert "No contracts match" in editor.get("/", params={"status": "active"}).text

    viewer = Browser(world, world.make_user("viewer@example.no", Role.VIEWER))
    viewer.post("/account/language", {"language": "nb"})
    shown = viewer.get("/").text
    assert "Ingen avtaler ennå." in shown and "En redaktør kan laste dem opp." in shown


def test_empty_inbox_and_spend_say_where_alerts_and_spend_come_from(world: World) -> None:
    editor = Browser(world, world.make_user("editor@example.no", Role.EDITOR))
    inbox = editor.get("/inbox").text
    assert "contracts you watch" in inbox and 'href="/deadlines"' in inbox
    spend = editor.get("/spend").text
    assert "No spend has been imported yet." in spend
    assert 'href="/spend/import"' in spend.split("No spend has been imported yet.")[1]
    editor.post("/account/language", {"language": "nb"})
    assert "Se hva som forfaller" in editor.get("/inbox").text
    assert "Importer en innkjøpsfil" in editor.get("/spend").text


def test_an_unclear_supplier_says_where_to_set_it(world: World) -> None:
    """"Supplier unclear" explained itself only in a tooltip, which a phone never shows."""
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/contracts", json={
        "title": "Cleaning", "parties": [{"name": "Fjordbyen kommune"},
                                         {"name": "Renhold AS"}]})
    assert response.status_code == 201, response.text
    contract_id = response.json()["id"]
    page = Browser(world, editor).get(f"/contracts/{contract_id}").text
    assert "Supplier unclear" in page
    assert '<a href="#facts" class="small">Set the supplier</a>' in page
    assert 'id="facts"' in page and 'name="supplier_name"' in page  # where it leads
    viewer = Browser(world, world.make_user("viewer@example.no", Role.VIEWER))
    assert "Set the supplier" not in viewer.get(f"/contracts/{contract_id}").text


def test_the_upload_page_says_what_happens_to_a_file(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    browser = Browser(world, editor)
    assert "Check them afterwards in the review queue." in browser.get("/upload").text
    response = editor.client.post("/api/v1/contracts", json={"title": "Cleaning"})
    contract = browser.get(f"/contracts/{response.json()['id']}").text
    # The box takes Word files, scans and e-mails too, not only PDFs.
    assert "Attach a document (PDF, Word, scan, e-mail)" in contract
    browser.post("/account/language", {"language": "nb"})
    assert "Kontroller dem etterpå i kontrollkøen." in browser.get("/upload").text
