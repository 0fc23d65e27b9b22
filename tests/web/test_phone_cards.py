"""Tables that become cards on a phone (style.css, `.table-view`): every cell names its
column, since the card shows "column: value" and the column headings are hidden. Without it
a five-column table at 390 px broke e-mails, "Deactivate" and "yes" mid-word."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

from conftest import World
from page_client import Browser
from pdf_factory import contract_pdf

from core.models import Role


class _Cells(HTMLParser):
    """The body cells of the page's tables: [table classes, data-label or None, whether the
    cell is a button (which needs no column name: "Deactivate: Deactivate")]."""

    def __init__(self) -> None:
        super().__init__()
        self.table = ""
        self.in_body = False
        self.cells: list[list[object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.table = found.get("class") or ""
        elif tag == "tbody":
            self.in_body = True
        elif tag == "td" and self.in_body and "colspan" not in found:
            self.cells.append([self.table, found.get("data-label"), False])
        elif tag == "button" and self.in_body and self.cells:
            self.cells[-1][2] = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self.in_body = False


def _cells(page: str) -> list[list[object]]:
    parser = _Cells()
    parser.feed(page)
    assert parser.cells, "no table rows on the page"
    return parser.cells


def _every_cell_is_a_card_line(page: str) -> None:
    for table, label, button in _cells(page):
        assert "table-view" in str(table).split(), table
        assert label or button, "a cell without its column's name"


def test_admin_users_and_tokens_are_cards_on_a_phone(world: World) -> None:
    admin = Browser(world, world.make_user("admin@example.no", Role.ADMIN))
    world.make_user("script@example.no", Role.EDITOR)  # with an API token
    for language in ("en", "nb"):
        admin.post("/account/language", {"language": language})
        _every_cell_is_a_card_line(admin.get("/admin/users").text)
        _every_cell_is_a_card_line(admin.get("/admin/tokens").text)
    assert 'data-label="E-post"' in admin.get("/admin/users").text  # the column in Norwegian


def test_the_upload_status_is_cards_on_a_phone(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/documents", files=[(
        "files", ("avtale.pdf", contract_pdf(["RAMMEAVTALE\n\nAvtalen gjelder fra 1. mars 2024."]),
                  "application/pdf"))])
    assert response.status_code == 202, response.text
    document_id = response.json()["documents"][0]["id"]
    world.wait_idle()
    page = Browser(world, editor).get("/upload/status", params={"id": document_id}).text
    _every_cell_is_a_card_line(page)
    assert re.search(r'data-label="Contract"><a href="/contracts/\d+"', page)


def test_a_deadline_without_a_supplier_says_so(world: World) -> None:
    """The card's "Supplier:" with nothing after it read as a page that failed to load."""
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/contracts", json={
        "title": "Canteen", "end_date": (dt.date.today() + dt.timedelta(days=20)).isoformat()})
    assert response.status_code == 201, response.text
    page = Browser(world, editor).get("/deadlines").text
    assert '<td data-label="Supplier">—</td>' in page


def test_the_contracts_documents_and_life_are_cards_on_a_phone(world: World) -> None:
    """At 390 px "2026-11-20" broke into "202 6- 11- 20" and "ready" into "re ad y"."""
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/documents", files=[(
        "files", ("avtale.pdf", contract_pdf(["RAMMEAVTALE\n\nAvtalen gjelder fra 1. mars 2024."]),
                  "application/pdf"))])
    assert response.status_code == 202, response.text
    world.wait_idle()
    contract_id = editor.client.get(
        f"/api/v1/documents/{response.json()['documents'][0]['id']}").json()["contract_id"]
    recorded = editor.client.post(f"/api/v1/contracts/{contract_id}/events", json={
        "kind": "notice_given", "occurred_on": dt.date.today().isoformat()})
    assert recorded.status_code == 201, recorded.text
    page = Browser(world, editor).get(f"/contracts/{contract_id}").text
    for name in ("documents", "life"):
        cells = [cell for cell in _cells(page) if name in str(cell[0]).split()]
        assert cells, name
        for table, label, button in cells:
            assert "table-view" in str(table).split(), name
            assert label or button, name
    assert '<td data-label="Note">—</td>' in page  # an event recorded without a note


def test_the_audit_log_is_cards_with_dates_the_readers_way(world: World) -> None:
    admin = Browser(world, world.make_user("admin@example.no", Role.ADMIN))
    admin.post("/admin/users", {"email": "new@example.no", "role": "viewer"})  # an event
    page = admin.get("/admin/audit").text
    _every_cell_is_a_card_line(page)
    assert re.search(r'data-label="When \(UTC\)">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d<', page)
    admin.post("/account/language", {"language": "nb"})
    shown = admin.get("/admin/audit").text
    assert re.search(r'">\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d</td>', shown), "not 03.12.2026"
