"""Tables that become cards on a phone (style.css, `.table-view`): every cell names its
column, since the card shows "column: value" and the column headings are hidden. Without it
a five-column table at 390 px broke e-mails, "Deactivate" and "yes" mid-word."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from card_cells import every_cell_is_a_card_line, table_cells
from conftest import World
from page_client import Browser
from pdf_factory import contract_pdf

from core.models import Role


def test_admin_users_and_tokens_are_cards_on_a_phone(world: World) -> None:
    admin = Browser(world, world.make_user("admin@example.no", Role.ADMIN))
    world.make_user("script@example.no", Role.EDITOR)  # with an API token
    for language in ("en", "nb"):
        admin.post("/account/language", {"language": language})
        every_cell_is_a_card_line(admin.get("/admin/users").text)
        every_cell_is_a_card_line(admin.get("/admin/tokens").text)
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
    every_cell_is_a_card_line(page)
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
        cells = [cell for cell in table_cells(page) if name in str(cell[0]).split()]
        assert cells, name
        for table, label, button in cells:
            assert "table-view" in str(table).split(), name
            assert label or button, name
    assert '<td data-label="Note">—</td>' in page  # an event recorded without a note


def test_the_audit_log_is_cards_with_dates_the_readers_way(world: World) -> None:
    admin = Browser(world, world.make_user("admin@example.no", Role.ADMIN))
    admin.post("/admin/users", {"email": "new@example.no", "role": "viewer"})  # an event
    page = admin.get("/admin/audit").text
    every_cell_is_a_card_line(page)
    assert re.search(r'data-label="When \(UTC\)">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d<', page)
    admin.post("/account/language", {"language": "nb"})
    shown = admin.get("/admin/audit").text
    assert re.search(r'">\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d</td>', shown), "not 03.12.2026"


def test_every_table_in_the_templates_becomes_cards_on_a_phone() -> None:
    """Spend by month, risk indicators, evaluation criteria and the spend imports were left
    as tables: at 390 px "2025-12" and "Vaskemiddel" broke mid-word. The terms table has a
    phone layout of its own (`table.fields`)."""
    templates = Path(__file__).resolve().parents[2] / "web/templates"
    plain = []
    for template in sorted(templates.rglob("*.html")):
        for tag in re.findall(r"<table\b[^>]*>", template.read_text()):
            found = re.search(r'class="([^"]*)"', tag)
            classes = found.group(1).split() if found else []
            if "table-view" not in classes and "fields" not in classes:
                plain.append(f"{template.name}: {tag}")
    assert plain == []
