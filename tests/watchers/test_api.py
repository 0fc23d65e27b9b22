"""/api/v1/watches, /saved-searches, /alerts and /alert-preferences over HTTP, with the
permissions of the pages: only ever the caller's own things, about contracts they may see."""

from __future__ import annotations

import datetime as dt

from conftest import World
from sqlalchemy import select

from core.models import Role, Watch
from tests.watchers.helpers import RENEWING, SmtpServer, edit_contract, make_contract, run_pass
from watchers.channels import Channels

CREATED = dt.date(2026, 6, 1)
NOTICE_90 = dt.date(2026, 7, 2)


def test_a_user_watches_a_contract_they_may_see_and_changes_and_ends_the_watch(
    world: World,
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    contract_id = make_contract(world, owner, CREATED, **RENEWING)

    made = viewer.client.post("/api/v1/watches", json={
        "contract_id": contract_id, "event_kinds": ["notice"], "lead_days": [7, 60]})
    assert made.status_code == 201, made.text
    watch = made.json()
    assert (watch["lead_days"], watch["follows_default_lead_days"]) == ([60, 7], False)
    again = viewer.client.post("/api/v1/watches", json={"contract_id": contract_id})
    assert again.status_code == 409

    patched = viewer.client.patch(f"/api/v1/watches/{watch['id']}", json={"lead_days": None})
    assert patched.json()["lead_days"] == [90, 30, 7]
    assert patched.json()["follows_default_lead_days"] is True
    assert [w["id"] for w in viewer.client.get("/api/v1/watches").json()] == [watch["id"]]
    assert owner.client.get(f"/api/v1/watches/{watch['id']}").status_code == 404

    assert viewer.client.delete(f"/api/v1/watches/{watch['id']}").status_code == 204
    assert viewer.client.get("/api/v1/watches").json() == []


def test_no_watch_on_a_contract_the_user_may_not_see(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    hidden = make_contract(world, owner, CREATED, **RENEWING, visibility="restricted")
    response = viewer.client.post("/api/v1/watches", json={"contract_id": hidden})
    assert response.status_code == 404
    bad = viewer.client.post("/api/v1/watches", json={"contract_id": hidden,
                                                      "saved_search_id": 1})
    assert bad.status_code == 422


def test_a_watch_disappears_from_the_list_when_its_contract_is_restricted(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    contract_id = make_contract(world, owner, CREATED, **RENEWING)
    watch_id = viewer.client.post("/api/v1/watches", json={"contract_id": contract_id}).json()["id"]
    edit_contract(world, owner, contract_id, CREATED, visibility="restricted")
    assert viewer.client.get("/api/v1/watches").json() == []
    assert viewer.client.get(f"/api/v1/watches/{watch_id}").status_code == 404


def test_the_owner_can_switch_off_the_default_watch_for_good(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    contract_id = make_contract(world, owner, CREATED, **RENEWING)
    run_pass(world, channels, CREATED)
    (default,) = owner.client.get("/api/v1/watches").json()
    assert (default["contract_id"], default["origin"]) == (contract_id, "default")

    assert owner.client.delete(f"/api/v1/watches/{default['id']}").status_code == 204
    run_pass(world, channels, CREATED + dt.timedelta(days=1))
    run_pass(world, channels, NOTICE_90)
    with world.runtime.database.session() as session:
        assert [(w.active, w.origin.value) for w in session.scalars(select(Watch))] == [
            (False, "user")]
    assert smtp_server.messages == []


def test_saved_searches_are_private_or_shared_and_only_the_owner_changes_them(
    world: World,
) -> None:
    alice = world.make_user("alice@example.no", Role.EDITOR)
    bob = world.make_user("bob@example.no", Role.VIEWER)
    private = alice.client.post("/api/v1/saved-searches", json={
        "name": "Mine", "query": "indexation"}).json()
    shared = alice.client.post("/api/v1/saved-searches", json={
        "name": "IT contracts", "query": "", "filters": {"categories": ["IT"]},
        "shared": True})
    assert shared.status_code == 201, shared.text
    shared_id = shared.json()["id"]

    assert [s["name"] for s in alice.client.get("/api/v1/saved-searches").json()] == [
        "IT contracts", "Mine"]
    seen_by_bob = bob.client.get("/api/v1/saved-searches").json()
    assert [(s["name"], s["mine"], s["owner_email"]) for s in seen_by_bob] == [
        ("IT contracts", False, alice.email)]
    assert seen_by_bob[0]["filters"]["categories"] == ["IT"]
    assert bob.client.get(f"/api/v1/saved-searches/{private['id']}").status_code == 404
    assert bob.client.patch(f"/api/v1/saved-searches/{shared_id}",
                            json={"name": "Mine now"}).status_code == 403
    assert bob.client.delete(f"/api/v1/saved-searches/{shared_id}").status_code == 403

    watch = bob.client.post("/api/v1/watches", json={"saved_search_id": shared_id,
                                                     "event_kinds": ["notice", "end"]})
    assert watch.status_code == 201, watch.text
    assert bob.client.post("/api/v1/watches", json={
        "saved_search_id": private["id"]}).status_code == 404

    renamed = alice.client.patch(f"/api/v1/saved-searches/{shared_id}",
                                 json={"name": "IT", "shared": False})
    assert (renamed.json()["name"], renamed.json()["shared"]) == ("IT", False)
    assert bob.client.get("/api/v1/saved-searches").json() == []
    assert alice.client.delete(f"/api/v1/saved-searches/{shared_id}").status_code == 204
    assert bob.client.get("/api/v1/watches").json() == []  # the watch went with the search


def test_inbox_lists_my_alerts_and_done_snooze_dismiss_move_them(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    other = world.make_user("other@example.no", Role.EDITOR)
    make_contract(world, owner, CREATED, **RENEWING)
    make_contract(world, owner, CREATED, **{**RENEWING, "title": "Second agreement"})
    run_pass(world, channels, CREATED)
    run_pass(world, channels, NOTICE_90)

    listed = owner.client.get("/api/v1/alerts").json()
    assert listed["open"] == 2
    first, second = listed["alerts"]
    assert first["what_to_do"] == (
        "give notice by 30 September 2026 or the contract renews for 12 months")
    assert (first["event_kind"], first["lead_days"], first["state"]) == ("notice", 90, "due")
    assert first["deliveries"][0]["state"] == "sent"
    assert other.client.get("/api/v1/alerts").json() == {"open": 0, "alerts": []}
    assert other.client.post(f"/api/v1/alerts/{first['id']}/done").status_code == 404

    assert owner.client.post(f"/api/v1/alerts/{first['id']}/done").json()["inbox_state"] == "done"
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    snoozed = owner.client.post(f"/api/v1/alerts/{second['id']}/snooze",
                                json={"until": tomorrow})
    assert snoozed.json()["snoozed_until"] == tomorrow
    assert owner.client.get("/api/v1/alerts").json()["alerts"] == []
    assert owner.client.post(f"/api/v1/alerts/{second['id']}/snooze", json={
        "until": dt.date.today().isoformat()}).status_code == 422

    everything = owner.client.get("/api/v1/alerts", params={"include_closed": True}).json()
    assert [a["inbox_state"] for a in everything["alerts"]] == ["done"]
    owner.client.post(f"/api/v1/alerts/{first['id']}/reopen")
    owner.client.post(f"/api/v1/alerts/{first['id']}/dismiss")
    everything = owner.client.get("/api/v1/alerts", params={"include_closed": True}).json()
    assert [a["inbox_state"] for a in everything["alerts"]] == ["dismissed"]


def test_an_alert_leaves_the_inbox_when_its_contract_is_restricted(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    contract_id = make_contract(world, owner, CREATED, **RENEWING)
    viewer.client.post("/api/v1/watches", json={"contract_id": contract_id})
    with world.runtime.database.session() as session:
        for watch in session.scalars(select(Watch)):
            watch.created_at = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    run_pass(world, channels, NOTICE_90)
    (alert,) = viewer.client.get("/api/v1/alerts").json()["alerts"]

    edit_contract(world, owner, contract_id, NOTICE_90, visibility="restricted")
    assert viewer.client.get("/api/v1/alerts").json()["alerts"] == []
    assert viewer.client.post(f"/api/v1/alerts/{alert['id']}/done").status_code == 404


def test_preferences_set_language_and_default_lead_times(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    assert owner.client.get("/api/v1/alert-preferences").json() == {
        "language": "en", "lead_days": [90, 30, 7], "digest": "off"}
    put = owner.client.put("/api/v1/alert-preferences",
                           json={"language": "nb", "lead_days": [14, 60]})
    assert put.json() == {"language": "nb", "lead_days": [60, 14], "digest": "off"}
    assert owner.client.put("/api/v1/alert-preferences",
                            json={"lead_days": [-1]}).status_code == 422

    make_contract(world, owner, CREATED, **RENEWING)
    run_pass(world, channels, CREATED)
    run_pass(world, channels, NOTICE_90)
    assert smtp_server.messages == []  # 60 days before, not 90, is this user's first alert
    run_pass(world, channels, dt.date(2026, 8, 1))
    (alert,) = owner.client.get("/api/v1/alerts").json()["alerts"]
    assert alert["lead_days"] == 60
    assert alert["event_label"] == "Oppsigelsesfrist"
    assert alert["what_to_do"].startswith("si opp innen 30. september 2026")
    assert "Oppsigelsesfrist" in smtp_server.messages[0]["Subject"]
