"""Spend imports, risk refreshes and evaluation scores reach the contracts' search hits
through the outbox (nothing writes the index directly), and `index check` sees figures that
changed behind the outbox's back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Actor, World
from fastapi import FastAPI, Response
from loopback import live_server

from core.models import Role, Supplier, SupplierAlias, SupplierRegisterRecord
from search_api.service import check_index
from suppliers.names import normalise_name
from suppliers.risk.brreg import Brreg
from suppliers.risk.refresh import refresh_due

API = "/api/v1"
BRREG_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "brreg"
NOW = dt.datetime(2026, 12, 2, 6, 0, tzinfo=dt.UTC)
# Renhold Vest AS is a sound company in the register fixtures, Krise Bygg AS a bankrupt one
# (whose made-up org number fails MOD11, so it is entered as master data, not through the API).
SOUND = ("Renhold Vest AS", "923609016")
BANKRUPT = ("Krise Bygg AS", "987654321")


@pytest.fixture(autouse=True)
def bankrupt_supplier(world: World) -> None:
    with world.runtime.database.session() as session:
        supplier = Supplier(name=BANKRUPT[0], org_number=BANKRUPT[1])
        supplier.aliases.append(SupplierAlias(alias=BANKRUPT[0],
                                              normalized=normalise_name(BANKRUPT[0])))
        session.add(supplier)
        session.commit()


def _contract(owner: Actor, title: str, supplier: tuple[str, str | None]) -> int:
    name, org_number = supplier
    body: dict[str, Any] = {"title": title, "supplier_name": name,
                            "effective_date": "2023-01-01"}
    if org_number and org_number != BANKRUPT[1]:
        body["supplier_org_number"] = org_number
    response = owner.client.post(f"{API}/contracts", json=body)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _hits(actor: Actor, **params: Any) -> dict[int, dict[str, Any]]:
    response = actor.client.get(f"{API}/search", params={"page_size": 100, **params})
    assert response.status_code == 200, response.text
    return {hit["contract_id"]: hit for hit in response.json()["hits"]}


def _import(actor: Actor, name: str, csv: str) -> None:
    response = actor.client.post(f"{API}/spend/imports",
                                 files={"files": (name, csv.encode(), "text/csv")})
    assert response.status_code == 200, response.text
    assert response.json()["imports"][0]["status"] == "done", response.text


def test_spend_imports_reach_the_hits(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    cleaning = _contract(owner, "Cleaning", SOUND)
    building = _contract(owner, "Building works", BANKRUPT)
    untouched = _contract(owner, "Consulting", ("Nobody AS", None))
    world.wait_idle()
    assert _hits(owner)[cleaning]["spend_12m"] is None

    _import(owner, "spring.csv", "Date,Supplier,Amount\n"
            "2024-03-01,Renhold Vest AS,1000.00\n"  # a year before the newest line: before
            "2025-02-01,Renhold Vest AS,3000.00\n"
            "2025-03-01,Renhold Vest AS,2000.00\n"
            "2025-01-10,Krise Bygg AS,700.00\n")
    world.wait_idle()
    hits = _hits(owner)
    assert (hits[cleaning]["spend_12m"], hits[cleaning]["spend_trend"]) == (5000.0, 4.0)
    assert (hits[building]["spend_12m"], hits[building]["spend_trend"]) == (700.0, None)
    assert hits[untouched]["spend_12m"] is None
    assert set(_hits(owner, q="spend:>1000")) == {cleaning}
    assert list(_hits(owner, sort="-spend_12m"))[:2] == [cleaning, building]

    # A later line moves every contract's 12 months, also those it is not about.
    _import(owner, "later.csv", "Date,Supplier,Amount\n2026-03-05,Renhold Vest AS,500.00\n")
    world.wait_idle()
    hits = _hits(owner)
    assert (hits[cleaning]["spend_12m"], hits[cleaning]["spend_trend"]) == (500.0, -0.9)
    assert (hits[building]["spend_12m"], hits[building]["spend_trend"]) == (0.0, -1.0)
    assert set(_hits(owner, spend_min=100)) == {cleaning}
    assert check_index(world.runtime.database, world.runtime.search_index).clean


def _evaluate(actor: Actor, supplier_id: int, day: str, score: int,
              contract_id: int | None = None) -> None:
    templates = actor.client.get(f"{API}/evaluation-templates").json()
    template = next(t for t in templates if t["language"] == "en")
    made = actor.client.post(f"{API}/suppliers/{supplier_id}/evaluations", json={
        "template_id": template["id"], "contract_id": contract_id, "evaluated_on": day})
    assert made.status_code == 201, made.text
    scored = actor.client.put(
        f"{API}/suppliers/{supplier_id}/evaluations/{made.json()['id']}/scores",
        json={"scores": [{"criterion_id": c["id"], "score": score}
                         for c in template["criteria"]]})
    assert scored.status_code == 200, scored.text


def test_evaluation_scores_reach_the_hits_of_those_who_may_see_them(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    first = _contract(owner, "Cleaning north", SOUND)
    second = _contract(owner, "Cleaning south", SOUND)
    supplier_id = owner.client.get(f"{API}/contracts/{first}").json()["supplier"]["id"]

    _evaluate(owner, supplier_id, "2026-01-15", 4)  # the supplier's, seen by all
    world.wait_idle()
    hits = _hits(owner)
    assert (hits[first]["evaluation_score"], hits[second]["evaluation_score"]) == (4.0, 4.0)

    # A newer evaluation made for the first contract counts for it alone: the second
    # contract's viewers need not be allowed to see it.
    _evaluate(owner, supplier_id, "2026-06-01", 2, contract_id=first)
    world.wait_idle()
    hits = _hits(owner)
    assert (hits[first]["evaluation_score"], hits[second]["evaluation_score"]) == (2.0, 4.0)
    assert set(_hits(owner, q="score:<3")) == {first}
    assert set(_hits(owner, score_min=3)) == {second}
    assert list(_hits(owner, sort="score")) == [first, second]


class _Register:
    """A loopback Brønnøysund serving the register fixtures."""

    def __init__(self) -> None:
        self.app = FastAPI()

        @self.app.get("/enhetsregisteret/api/enheter/{orgnr}")
        def entity(orgnr: str) -> Response:
            return self._serve(f"enheter_{orgnr}.json")

        @self.app.get("/regnskapsregisteret/regnskap/{orgnr}")
        def accounts(orgnr: str) -> Response:
            return self._serve(f"regnskap_{orgnr}.json")

    @staticmethod
    def _serve(name: str) -> Response:
        path = BRREG_FIXTURES / name
        if not path.exists():
            return Response('{"status": 404}', status_code=404, media_type="application/json")
        return Response(path.read_bytes(), media_type="application/json")


@pytest.fixture
def brreg() -> Iterator[Brreg]:
    with live_server(_Register().app) as (host, port):
        client = Brreg(f"http://{host}:{port}")
        yield client
        client.close()


def test_risk_refreshes_reach_the_hits_and_facets(world: World, brreg: Brreg) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    sound = _contract(owner, "Cleaning", SOUND)
    risky = _contract(owner, "Building works", BANKRUPT)
    world.wait_idle()
    assert {h["supplier_risk"] for h in _hits(owner).values()} == {"unknown"}

    with world.runtime.database.session() as session:
        outcomes = refresh_due(session, brreg, NOW, pause=lambda _seconds: None)
        assert [o.ok for o in outcomes] == [True, True]
        session.commit()
    world.wait_idle()

    hits = _hits(owner)
    assert (hits[sound]["supplier_risk"], hits[risky]["supplier_risk"]) == ("low", "high")
    assert set(_hits(owner, q="risk:high")) == {risky}
    found = owner.client.get(f"{API}/search", params={"risk": ["high", "medium"]}).json()
    assert [h["contract_id"] for h in found["hits"]] == [risky]
    # The facet leaves out its own filter: the low-risk contract stays countable.
    assert {f["value"]: f["count"] for f in found["facets"]["supplier_risk"]} == {
        "low": 1, "medium": 0, "high": 1, "unknown": 0}
    assert check_index(world.runtime.database, world.runtime.search_index).clean


def test_index_check_sees_a_figure_changed_behind_the_outbox(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    contract_id = _contract(owner, "Cleaning", SOUND)
    world.wait_idle()
    database, index = world.runtime.database, world.runtime.search_index
    with database.session() as session:
        supplier = session.query(Supplier).filter_by(org_number=SOUND[1]).one()
        session.add(SupplierRegisterRecord(
            supplier_id=supplier.id, register="brreg", identifier=SOUND[1], entity={},
            status_flags=[], accounts=[], failures=0, fetched_at=NOW, risk_level="medium"))
        session.commit()
    assert check_index(database, index).stale == [contract_id]
    check_index(database, index, repair=True)
    assert _hits(owner, risk="medium").keys() == {contract_id}
