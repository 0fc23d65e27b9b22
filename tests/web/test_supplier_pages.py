"""The supplier list and a supplier's page as a browser gets them: filters, sorting, CSV and
XLSX exports of exactly the rows shown, the register upload, and figures that count only the
contracts the viewer may see (a restricted contract is neither counted nor shown, nor is its
spend or the evaluation made for it)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import pytest
from card_cells import every_cell_is_a_card_line
from conftest import Actor, World
from openpyxl import load_workbook
from page_client import Browser

from core.models import Role, SpendLine, Supplier, SupplierRegisterRecord
from spend import rollup
from web.formatting import date_text

TODAY = dt.date.today()
RENHOLD = "923609016"


def _line(number: int, supplier_id: int, amount: str, day: dt.date,
          contract_id: int | None) -> SpendLine:
    return SpendLine(natural_key=f"test-{number}", source_file="test.csv", line_number=number,
                     date=day, month=day.strftime("%Y-%m"), supplier_name="x",
                     amount=Decimal(amount), supplier_id=supplier_id, contract_id=contract_id,
                     on_contract=contract_id is not None)


def _score(actor: Actor, supplier_id: int, score: int, day: str,
           contract_id: int | None = None) -> None:
    template = next(t for t in actor.client.get("/api/v1/evaluation-templates").json()
                    if t["language"] == "en")
    url = f"/api/v1/suppliers/{supplier_id}/evaluations"
    made = actor.client.post(url, json={"template_id": template["id"], "evaluated_on": day,
                                        "contract_id": contract_id})
    assert made.status_code == 201, made.text
    scored = actor.client.put(f"{url}/{made.json()['id']}/scores", json={"scores": [
        {"criterion_id": c["id"], "score": score} for c in template["criteria"]]})
    assert scored.status_code == 200, scored.text


@pytest.fixture
def suppliers(world: World) -> dict[str, Any]:
    """Renhold: one contract everyone sees and one only its owner sees, spend under each
    and under none, an evaluation for each, high risk. Bygg: a contract, little spend."""
    owner = world.make_user("owner@example.no", Role.EDITOR)
    reader = world.make_user("reader@example.no", Role.VIEWER)
    ends = (TODAY + dt.timedelta(days=300)).isoformat()

    def contract(title: str, supplier: str, **extra: Any) -> dict[str, Any]:
        response = owner.client.post("/api/v1/contracts", json={
            "title": title, "supplier_name": supplier, "end_date": ends, **extra})
        assert response.status_code == 201, response.text
        return dict(response.json())

    shown = contract("Renhold 2026", "Renhold Vest AS")
    secret = contract("Secret cleaning", "Renhold Vest AS", visibility="restricted")
    bygg = contract("Bygg 2026", "Bygg og Anlegg AS")
    renhold_id, bygg_id = shown["supplier"]["id"], bygg["supplier"]["id"]
    assert owner.client.patch(f"/api/v1/suppliers/{renhold_id}", json={
        "org_number": RENHOLD, "country": "NO", "aliases": ["RV Renhold"]}).status_code == 200
    _score(owner, renhold_id, 4, (TODAY - dt.timedelta(days=60)).isoformat())
    _score(owner, renhold_id, 2, (TODAY - dt.timedelta(days=10)).isoformat(), secret["id"])
    recent, older = TODAY - dt.timedelta(days=20), TODAY - dt.timedelta(days=100)
    with world.runtime.database.session() as session:
        session.add_all([
            _line(1, renhold_id, "1000", recent, shown["id"]),
            _line(2, renhold_id, "500", older, None),
            _line(3, renhold_id, "7000", recent, secret["id"]),
            _line(4, renhold_id, "9999", TODAY - dt.timedelta(days=400), None),  # too old
            _line(5, bygg_id, "250", recent, bygg["id"]),
            SupplierRegisterRecord(supplier_id=renhold_id, register="brreg",
                                   identifier=RENHOLD, entity={"name": "RENHOLD VEST AS"},
                                   status_flags=["winding_up"],  # high whatever the figures
                                   accounts=[{"year": 2025, "equity": 6e6,
                                              "total_assets": 2e7}],
                                   fetched_at=dt.datetime.now(dt.UTC), failures=0),
        ])
        session.flush()
        rollup.rebuild(session)  # lines written straight to the table, not imported
        session.commit()
    return {"owner": owner, "reader": reader, "renhold": renhold_id, "bygg": bygg_id,
            "shown": shown["id"], "secret": secret["id"], "recent": recent}


def _csv(browser: Browser, query: str = "") -> list[list[str]]:
    response = browser.get("/suppliers/export.csv" + query)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_list_counts_only_contracts_the_viewer_may_see(world: World,
                                                       suppliers: dict[str, Any]) -> None:
    reader = Browser(world, world.make_user("other@example.no", Role.VIEWER))
    page = reader.get("/suppliers")
    assert page.status_code == 200
    assert 'href="/suppliers"' in page.text  # the nav link
    assert f'<a href="/suppliers/{suppliers["renhold"]}">Renhold Vest AS</a>' in page.text
    assert 'data-label="Spend last 12 months"' in page.text  # cards on a phone
    rows = {row[1]: row for row in _csv(reader)[1:]}
    renhold = rows["Renhold Vest AS"]
    # Id, Name, Org number, Country, Other names, Active contracts, Spend, Risk, Score, Day
    assert renhold[2:8] == [RENHOLD, "NO", "RV Renhold", "1", "1500.00", "high"]
    assert renhold[8] == "4.0"  # the evaluation for the restricted contract is not the last
    assert rows["Bygg og Anlegg AS"][5:8] == ["1", "250.00", "unknown"]

    owner = Browser(world, suppliers["owner"])
    mine = {row[1]: row for row in _csv(owner)[1:]}["Renhold Vest AS"]
    assert mine[5:7] == ["2", "8500.00"] and mine[8] == "2.0"


def test_filters_and_sorting(world: World, suppliers: dict[str, Any]) -> None:
    reader = Browser(world, suppliers["reader"])
    names = lambda query: [row[1] for row in _csv(reader, query)[1:]]  # noqa: E731
    assert names("") == ["Bygg og Anlegg AS", "Renhold Vest AS"]
    assert names("?order=name&dir=desc") == ["Renhold Vest AS", "Bygg og Anlegg AS"]
    assert names("?order=spend&dir=asc") == ["Bygg og Anlegg AS", "Renhold Vest AS"]
    assert names("?q=renhold") == ["Renhold Vest AS"]
    assert names("?q=923 609") == ["Renhold Vest AS"]  # the org number, as typed
    assert names("?q=rv+renhold") == ["Renhold Vest AS"]  # another name it goes by
    assert names("?risk=high") == ["Renhold Vest AS"]
    assert names("?risk=unknown&q=renhold") == []
    page = reader.get("/suppliers?order=spend&dir=desc")
    assert page.text.index("Renhold Vest AS</a>") < page.text.index("Bygg og Anlegg AS</a>")
    assert 'aria-sort="descending"' in page.text
    assert "No suppliers match." in reader.get("/suppliers?q=nobody").text


def test_xlsx_export_has_the_rows_shown(world: World, suppliers: dict[str, Any]) -> None:
    reader = Browser(world, suppliers["reader"])
    response = reader.get("/suppliers/export.xlsx?q=renhold")
    assert response.status_code == 200
    assert "suppliers-" in response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["Id", "Name", "Org number"]
    assert len(rows) == 2
    assert rows[1][1] == "Renhold Vest AS" and rows[1][5] == 1
    assert rows[1][6] == 1500 and rows[1][7] == "high"
    assert reader.get("/suppliers/export.pdf").status_code == 404


def test_supplier_page_shows_visible_contracts_spend_chart_and_scorecard(
        world: World, suppliers: dict[str, Any]) -> None:
    reader = Browser(world, suppliers["reader"])
    page = reader.get(f"/suppliers/{suppliers['renhold']}")
    assert page.status_code == 200
    text = page.text
    assert RENHOLD in text and "RV Renhold" in text
    assert f'href="/contracts/{suppliers["shown"]}"' in text
    assert "Secret cleaning" not in text and f'/contracts/{suppliers["secret"]}"' not in text
    assert '<svg class="bar-chart"' in text and "<script" not in text
    bars = re.findall(r'<rect [^>]*class="bar', text)
    # From the oldest line's month to the newest one's, gaps as zero bars.
    first, last = TODAY - dt.timedelta(days=400), suppliers["recent"]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    assert len(bars) == months
    # The restricted contract's 7000 is not in the chart: 9999 + 1000 + 500.
    assert "7\u202f000.00" not in text and "11\u202f499.00" in text
    assert f'href="/suppliers/{suppliers["renhold"]}/scorecard"' in text
    assert 'id="evaluations"' in text and "risk: high" in text
    assert reader.get("/suppliers/999999").status_code == 404

    contract_page = reader.get(f"/contracts/{suppliers['shown']}")
    assert f'<a href="/suppliers/{suppliers["renhold"]}">Renhold Vest AS</a>' in contract_page.text


def test_register_upload_on_the_list_page(world: World, suppliers: dict[str, Any]) -> None:
    reader = Browser(world, suppliers["reader"])
    assert 'action="/suppliers/import"' not in reader.get("/suppliers").text
    register = ("Navn;Orgnr;Land\n"
                f"Renhold Vest AS;{RENHOLD};NO\n"
                "Ny Leverandør AS;987654309;NO\n"
                "Feil AS;923609017;NO\n").encode()
    files = {"files": ("register.csv", register, "text/csv")}
    refused = reader.client.post("/suppliers/import", data={"csrf_token": reader.csrf},
                                 files=files)
    assert refused.status_code == 403

    owner = Browser(world, suppliers["owner"])
    assert 'action="/suppliers/import"' in owner.get("/suppliers").text
    done = owner.client.post("/suppliers/import", data={"csrf_token": owner.csrf}, files=files)
    assert done.status_code == 200, done.text
    assert "3 rows: 1 added, 0 updated, 1 unchanged, 1 rejected." in done.text
    assert "check digit" in done.text and ">4</td>" in done.text  # the bad row's line
    assert "Ny Leverandør AS</a>" in done.text
    without_csrf = owner.client.post("/suppliers/import", files=files)
    assert without_csrf.status_code == 403


def test_a_long_list_comes_in_pages_and_exports_whole(world: World) -> None:
    reader = Browser(world, world.make_user("reader@example.no", Role.VIEWER))
    with world.runtime.database.session() as session:
        session.add_all(Supplier(name=f"Leverandør {n:03d} AS") for n in range(105))
        session.commit()
    first = reader.get("/suppliers?q=leverand")
    assert len(re.findall(r'<a href="/suppliers/\d+">', first.text)) == 100
    assert "Page 1 of 2" in first.text and "105 suppliers" in first.text
    assert 'href="/suppliers?q=leverand&amp;order=name&amp;dir=asc&amp;page=2"' in first.text
    second = reader.get("/suppliers?q=leverand&page=2")
    assert len(re.findall(r'<a href="/suppliers/\d+">', second.text)) == 5
    assert "Leverandør 104 AS" in second.text and "Leverandør 000 AS" not in second.text
    assert len(_csv(reader, "?q=leverand&page=2")) == 106  # the header and every row


def test_the_supplier_page_shows_the_current_term_of_a_renewing_contract(
        world: World) -> None:
    owner = world.make_user("renewing@example.no", Role.EDITOR)
    created = owner.client.post("/api/v1/contracts", json={
        "title": "Vaktmester", "supplier_name": "Vakt AS", "effective_date": "2020-01-01",
        "initial_term": {"count": 1, "unit": "year"}, "auto_renewal": True,
        "renewal_term": {"count": 1, "unit": "year"}})
    assert created.status_code == 201, created.text
    shown = created.json()
    current = shown["current_term_end"]
    assert current is not None and shown["supplier"] is not None
    detail = owner.client.get(f"/api/v1/suppliers/{shown['supplier']['id']}").json()
    assert [(c["ends_on"], c["current_term_end"]) for c in detail["contracts"]] == [
        (None, current)]
    page = Browser(world, owner).get(f"/suppliers/{shown['supplier']['id']}").text
    assert date_text(current) in page


def test_the_supplier_pages_tables_are_cards_on_a_phone(
        world: World, suppliers: dict[str, Any]) -> None:
    """Spend by month, the evaluation criteria and the register's indicators broke words
    mid-word at 390 px, in Norwegian most."""
    owner = Browser(world, suppliers["owner"])
    for language in ("en", "nb"):
        owner.post("/account/language", {"language": language})
        for path in (f"/suppliers/{suppliers['renhold']}",
                     f"/suppliers/{suppliers['renhold']}/scorecard"):
            page = owner.get(path).text
            every_cell_is_a_card_line(page)
    assert 'data-label="Nøkkeltall"' in page and 'data-label="Kriterium"' in page
