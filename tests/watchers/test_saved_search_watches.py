"""Watching a saved search: deadlines of every matching contract, and new or changed
contracts that come to match, evaluated through the real search index."""

from __future__ import annotations

import datetime as dt

from conftest import World

from core.models import Role
from tests.watchers.helpers import (
    FIXED,
    RENEWING,
    SmtpServer,
    edit_contract,
    make_contract,
    run_pass,
)
from watchers.channels import Channels

CREATED = dt.date(2026, 6, 1)
NOTICE_90 = dt.date(2026, 7, 2)


def test_deadlines_of_every_contract_a_shared_search_finds(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    watcher = world.make_user("watcher@example.no", Role.VIEWER)
    maintenance = make_contract(world, owner, CREATED, **RENEWING)
    make_contract(world, owner, CREATED, **{**RENEWING, "title": "Catering agreement"})
    make_contract(world, owner, CREATED, **{**RENEWING, "title": "Secret maintenance",
                                            "visibility": "restricted"})
    search = owner.client.post("/api/v1/saved-searches", json={
        "name": "Maintenance", "query": "maintenance", "shared": True}).json()
    made = watcher.client.post("/api/v1/watches", json={
        "saved_search_id": search["id"], "event_kinds": ["notice"], "lead_days": [90]})
    assert made.status_code == 201, made.text

    run_pass(world, channels, NOTICE_90, search=True)

    alerts = watcher.client.get("/api/v1/alerts").json()["alerts"]
    assert [(a["contract_id"], a["event_kind"], a["lead_days"]) for a in alerts] == [
        (maintenance, "notice", 90)]
    assert [m["To"] for m in smtp_server.messages].count(watcher.email) == 1

    # The owner stops sharing the search: it finds nothing more for the watcher.
    owner.client.patch(f"/api/v1/saved-searches/{search['id']}", json={"shared": False})
    run_pass(world, channels, NOTICE_90 + dt.timedelta(days=1), search=True)
    assert [m["To"] for m in smtp_server.messages].count(watcher.email) == 1
    assert watcher.client.get("/api/v1/alerts").json()["alerts"] == []


def test_a_new_or_changed_contract_that_comes_to_match_is_announced_once(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    alice = world.make_user("alice@example.no", Role.EDITOR)
    search = alice.client.post("/api/v1/saved-searches", json={
        "name": "Maintenance", "query": "maintenance"}).json()
    watch = alice.client.post("/api/v1/watches", json={
        "saved_search_id": search["id"], "event_kinds": ["match"]})
    assert watch.status_code == 201, watch.text

    matching = make_contract(world, owner, CREATED, **RENEWING)
    cleaning = make_contract(world, owner, CREATED, **FIXED)
    make_contract(world, owner, CREATED, **{**RENEWING, "title": "Hidden maintenance",
                                            "visibility": "restricted"})
    run_pass(world, channels, CREATED, search=True)
    run_pass(world, channels, CREATED, hour=7, search=True)

    alerts = alice.client.get("/api/v1/alerts").json()["alerts"]
    assert [(a["contract_id"], a["event_kind"]) for a in alerts] == [(matching, "match")]
    assert alerts[0]["what_to_do"] == (
        "the contract now matches your saved search “Maintenance”: "
        "check whether it concerns you")
    (message,) = smtp_server.messages
    assert message["Subject"].startswith("New match ")

    edit_contract(world, owner, cleaning, CREATED, title="Cleaning and maintenance")
    next_day = CREATED + dt.timedelta(days=1)
    run_pass(world, channels, next_day, search=True)
    alerts = alice.client.get("/api/v1/alerts").json()["alerts"]
    assert sorted(a["contract_id"] for a in alerts) == [matching, cleaning]
    assert len(smtp_server.messages) == 2
    run_pass(world, channels, next_day + dt.timedelta(days=1), search=True)
    assert len(smtp_server.messages) == 2


def test_match_is_only_for_saved_search_watches(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    contract_id = make_contract(world, owner, CREATED, **RENEWING)
    response = owner.client.post("/api/v1/watches", json={
        "contract_id": contract_id, "event_kinds": ["match"]})
    assert response.status_code == 422
