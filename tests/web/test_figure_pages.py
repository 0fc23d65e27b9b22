"""The search page's supplier-risk facet and figure filters, the table's spend, risk and score
columns, and a saved search that keeps the figure filters: only contracts one may see."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from conftest import Actor, World
from page_client import Browser

from core.models import Role, SavedSearch, SupplierRegisterRecord
from suppliers.reindex import reindex_contracts_of
from watchers.saved_search_matching import query_of

_HITS = re.compile(r'<a href="/contracts/(\d+)">')


def _contract(actor: Actor, title: str, supplier: str, **fields: object) -> int:
    response = actor.client.post("/api/v1/contracts", json={
        "title": title, "supplier_name": supplier, **fields})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _risk(world: World, actor: Actor, contract_id: int, level: str) -> None:
    """The level a register refresh would have stored, and the re-index it asks for."""
    supplier_id = actor.client.get(f"/api/v1/contracts/{contract_id}").json()["supplier"]["id"]
    with world.runtime.database.session() as session:
        session.add(SupplierRegisterRecord(
            supplier_id=supplier_id, register="brreg", identifier="", entity={},
            status_flags=[], accounts=[], failures=0, fetched_at=dt.datetime.now(dt.UTC),
            risk_level=level))
        reindex_contracts_of(session, supplier_id)
        session.commit()


@pytest.fixture
def people(world: World) -> dict[str, Actor]:
    return {"editor": world.make_user("editor@example.no", Role.EDITOR),
            "other": world.make_user("other@example.no", Role.EDITOR)}


@pytest.fixture
def contracts(world: World, people: dict[str, Actor]) -> dict[str, int]:
    editor, other = people["editor"], people["other"]
    made = {
        "risky": _contract(editor, "Building works", "Krise Bygg AS"),
        "sound": _contract(editor, "Cleaning", "Renhold Vest AS"),
        "secret": _contract(other, "Secret works", "Krise Bygg AS", visibility="restricted"),
    }
    _risk(world, editor, made["risky"], "high")
    _risk(world, editor, made["sound"], "low")
    world.wait_idle()
    return made


def test_the_risk_facet_filters_and_counts_only_visible_contracts(
    world: World, people: dict[str, Actor], contracts: dict[str, int]
) -> None:
    browser = Browser(world, people["editor"])
    page = browser.get("/").text
    assert "Supplier risk" in page
    facet = page.split("<h2>Supplier risk</h2>")[1].split("</section>")[0]
    # The restricted contract of the high-risk supplier is counted nowhere.
    assert re.search(r'risk=high" >high</a>\s*<span class="count">1</span>', facet), facet
    filtered = browser.get("/?risk=high").text
    assert {int(i) for i in _HITS.findall(filtered)} == {contracts["risky"]}
    assert '<input type="hidden" name="risk" value="high">' in filtered
    assert "Supplier risk: high" in filtered
    assert browser.get("/?risk=severe").status_code == 400
    typed = browser.get("/?q=risk:low").text
    assert {int(i) for i in _HITS.findall(typed)} == {contracts["sound"]}


def test_the_table_shows_and_sorts_by_supplier_risk(
    world: World, people: dict[str, Actor], contracts: dict[str, int]
) -> None:
    browser = Browser(world, people["editor"])
    page = browser.get("/table?col=title&col=supplier_risk&order=supplier_risk&dir=desc")
    assert page.status_code == 200
    assert page.text.index("Building works") < page.text.index("Cleaning")
    assert "Secret works" not in page.text
    exported = browser.get("/table/export.csv?col=title&col=supplier_risk&col=spend_12m"
                           "&col=evaluation_score&order=title")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0] == ["Id", "Title", "Supplier risk", "Spend, last 12 months",
                       "Last evaluation score"]
    assert rows[1:] == [[str(contracts["risky"]), "Building works", "high", "", ""],
                        [str(contracts["sound"]), "Cleaning", "low", "", ""]]


def test_a_saved_search_keeps_the_figure_filters(
    world: World, people: dict[str, Actor], contracts: dict[str, int]
) -> None:
    browser = Browser(world, people["editor"])
    saved = browser.post("/searches/save", {
        "name": "Risky", "search": "risk=high&spend_min=10&score_max=3", "watch": ""})
    assert saved.status_code == 303
    with world.runtime.database.session() as session:
        (search,) = session.query(SavedSearch).filter_by(name="Risky").all()
        assert search.filters == {"risk_levels": ["high"], "spend_min": 10.0,
                                  "score_max": 3.0}
        # ...and a watch on it searches with them.
        query = query_of(search, dt.date.today())
        assert (query.risk_levels, query.spend_min, query.score_max) == (["high"], 10.0, 3.0)
