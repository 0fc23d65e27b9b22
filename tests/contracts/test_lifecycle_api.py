"""Recording a contract's life over the API: each event moves the deadlines, the search
entry and the lists at once; withdrawing it undoes that; archive, restore and delete."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import Actor, World

from core.models import AuditEvent, Role

TODAY = dt.date.today()


@pytest.fixture
def people(world: World) -> dict[str, Actor]:
    return {
        "editor": world.make_user("editor@example.no", Role.EDITOR),
        "viewer": world.make_user("viewer@example.no", Role.VIEWER),
        "admin": world.make_user("admin@example.no", Role.ADMIN),
    }


def _renewing(actor: Actor) -> dict[str, Any]:
    """Renews every year; this term ends in 200 days; three months' notice."""
    end = TODAY + dt.timedelta(days=200)
    response = actor.client.post("/api/v1/contracts", json={
        "title": "Cleaning framework", "supplier_name": "Renhold Vest AS",
        "end_date": end.isoformat(), "auto_renewal": True,
        "renewal_term": {"count": 1, "unit": "year"},
        "notice_period": {"count": 3, "unit": "month"},
        "extension_options": [{"count": 1, "unit": "year"}],
    })
    assert response.status_code == 201, response.text
    return dict(response.json())


def _hit(world: World, actor: Actor, contract_id: int, **params: Any) -> dict[str, Any] | None:
    world.wait_idle()
    hits = actor.client.get("/api/v1/search", params=params).json()["hits"]
    return next((h for h in hits if h["contract_id"] == contract_id), None)


def test_notice_given_stops_the_renewal_everywhere_and_withdrawing_it_restores_it(
    world: World, people: dict[str, Actor]
) -> None:
    editor = people["editor"]
    contract = _renewing(editor)
    cid = contract["id"]
    assert contract["next_renewal_date"] is not None and contract["notice_deadline"]
    before = _hit(world, editor, cid)
    assert before is not None and before["next_renewal_date"] is not None

    recorded = editor.client.post(f"/api/v1/contracts/{cid}/events", json={
        "kind": "notice_given", "occurred_on": TODAY.isoformat(), "note": "Sent by letter"})
    assert recorded.status_code == 201, recorded.text
    event = recorded.json()
    assert (event["kind"], event["recorded_by_email"]) == ("notice_given", editor.email)

    page = editor.client.get(f"/api/v1/contracts/{cid}").json()
    assert page["next_renewal_date"] is None
    assert page["notice_deadline"] is None
    assert page["ends_on"] == contract["current_term_end"]
    assert page["deadlines"]["ended_by"] == "notice"
    assert [e["kind"] for e in page["events"]] == ["notice_given"]
    hit = _hit(world, editor, cid)
    assert hit is not None and hit["next_renewal_date"] is None and hit["notice_deadline"] is None

    withdrawn = editor.client.delete(f"/api/v1/contracts/{cid}/events/{event['id']}")
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"]
    page = editor.client.get(f"/api/v1/contracts/{cid}").json()
    assert page["next_renewal_date"] == contract["next_renewal_date"]
    assert page["notice_deadline"] == contract["notice_deadline"]
    with world.runtime.database.session() as session:
        actions = [a.action for a in session.query(AuditEvent).filter_by(entity_id=cid)]
    assert "contract.notice_given" in actions and "contract.event_withdrawn" in actions


def test_option_exercise_and_early_termination_move_the_end(
    world: World, people: dict[str, Actor]
) -> None:
    editor = people["editor"]
    cid = _renewing(editor)["id"]
    first = editor.client.post(f"/api/v1/contracts/{cid}/events", json={
        "kind": "option_exercised", "occurred_on": TODAY.isoformat()})
    assert first.status_code == 201
    extended = editor.client.get(f"/api/v1/contracts/{cid}").json()
    assert extended["deadlines"]["end_date"] > extended["end_date"]
    again = editor.client.post(f"/api/v1/contracts/{cid}/events", json={
        "kind": "option_exercised", "occurred_on": TODAY.isoformat()})
    assert again.status_code == 422 and "no extension option left" in again.text

    ends = TODAY + dt.timedelta(days=30)
    ended = editor.client.post(f"/api/v1/contracts/{cid}/events", json={
        "kind": "terminated", "occurred_on": ends.isoformat()})
    assert ended.status_code == 201
    page = editor.client.get(f"/api/v1/contracts/{cid}").json()
    assert (page["status"], page["ends_on"]) == ("expiring", ends.isoformat())
    hit = _hit(world, editor, cid, status="expiring")
    assert hit is not None and hit["end_date"] == ends.isoformat()


def test_renewed_on_new_terms_changes_the_terms_and_starts_afresh(
    world: World, people: dict[str, Actor]
) -> None:
    editor = people["editor"]
    cid = _renewing(editor)["id"]
    editor.client.post(f"/api/v1/contracts/{cid}/events", json={
        "kind": "notice_given", "occurred_on": TODAY.isoformat()})
    new_end = TODAY + dt.timedelta(days=3 * 365)
    missing = editor.client.post(f"/api/v1/contracts/{cid}/events", json={
        "kind": "renewed", "occurred_on": TODAY.isoformat()})
    assert missing.status_code == 422 and "new terms" in missing.text
    renewed = editor.client.post(f"/api/v1/contracts/{cid}/events", json={
        "kind": "renewed", "occurred_on": TODAY.isoformat(),
        "new_terms": {"end_date": new_end.isoformat(), "auto_renewal": False}})
    assert renewed.status_code == 201, renewed.text
    page = editor.client.get(f"/api/v1/contracts/{cid}").json()
    # The notice given before the renewal no longer ends it: the new term runs.
    assert page["ends_on"] == new_end.isoformat()
    assert page["deadlines"]["ended_by"] is None


def test_events_need_an_editor_who_may_see_the_contract(
    world: World, people: dict[str, Actor]
) -> None:
    cid = _renewing(people["editor"])["id"]
    body = {"kind": "notice_given", "occurred_on": TODAY.isoformat()}
    assert people["viewer"].client.post(
        f"/api/v1/contracts/{cid}/events", json=body).status_code == 403
    assert people["viewer"].client.get(f"/api/v1/contracts/{cid}/events").status_code == 200
    far = {"kind": "terminated", "occurred_on": "9999-12-31"}
    assert people["editor"].client.post(
        f"/api/v1/contracts/{cid}/events", json=far).status_code == 422
    foreign = {**body, "document_id": 424242}
    assert people["editor"].client.post(
        f"/api/v1/contracts/{cid}/events", json=foreign).status_code == 422


def test_archive_hides_it_from_search_and_lists_and_restore_brings_it_back(
    world: World, people: dict[str, Actor]
) -> None:
    editor = people["editor"]
    cid = _renewing(editor)["id"]
    assert editor.client.post(f"/api/v1/contracts/{cid}/archive").status_code == 200
    assert _hit(world, editor, cid) is None
    assert _hit(world, editor, cid, archived="true") is not None
    listed = editor.client.get("/api/v1/contracts").json()["contracts"]
    assert cid not in [c["id"] for c in listed]
    assert editor.client.get(f"/api/v1/contracts/{cid}").json()["archived_at"]

    assert editor.client.post(f"/api/v1/contracts/{cid}/restore").status_code == 200
    assert _hit(world, editor, cid) is not None


def test_only_admins_delete_and_the_deletion_is_audited(
    world: World, people: dict[str, Actor]
) -> None:
    cid = _renewing(people["editor"])["id"]
    assert people["editor"].client.delete(f"/api/v1/contracts/{cid}").status_code == 403
    assert people["admin"].client.delete(f"/api/v1/contracts/{cid}").status_code == 204
    assert people["admin"].client.get(f"/api/v1/contracts/{cid}").status_code == 404
    assert _hit(world, people["admin"], cid, archived="true") is None
    with world.runtime.database.session() as session:
        deleted = session.query(AuditEvent).filter_by(action="contract.deleted").one()
    assert deleted.detail["title"] == "Cleaning framework"
