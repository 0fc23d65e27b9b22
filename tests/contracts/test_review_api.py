"""Reviewing extracted values over HTTP: accept, correct, reject, who may, and re-extraction.

Every test starts from a real upload (a CUAD PDF through POST /api/v1/documents, processed by
the in-process worker) and runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import Actor, World, cuad_pdf
from services_contract import contract_of, ready_contract
from sqlalchemy import select

from contracts.suggestions import apply_extraction
from core.models import AuditEvent, Contract, Document, DocumentState, FieldValue, Role
from extraction.model import Duration, Evidence, Extraction, Finding, Money, Party
from ingest.pipeline import process_document

SERVICES = "ABILITYINC"  # effective 2019-11-01, ends 2020-12-31, Israeli law


def upload(world: World, actor: Actor, name: str = SERVICES, **form: str) -> dict[str, Any]:
    """Upload a CUAD PDF, let the worker finish, and return the contract as the API shows it."""
    pdf = cuad_pdf(name)
    response = actor.client.post(
        "/api/v1/documents",
        files=[("files", (pdf.name, pdf.read_bytes(), "application/pdf"))],
        data=form,
    )
    return ready_contract(world, actor, response)


def fields_of(contract: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["field"]: f for f in contract["fields"]}


def review(actor: Actor, contract_id: int, field: str, decision: str, value: Any = None) -> Any:
    return actor.client.post(
        f"/api/v1/contracts/{contract_id}/fields/{field}/review",
        json={"decision": decision, "value": value},
    )


def search_ids(actor: Actor, **params: str) -> list[int]:
    response = actor.client.get("/api/v1/search", params=params)
    assert response.status_code == 200, response.text
    return [hit["contract_id"] for hit in response.json()["hits"]]


def audit_events(world: World, contract_id: int, action: str) -> list[AuditEvent]:
    with world.runtime.database.session() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity_id == contract_id, AuditEvent.action == action)
            .order_by(AuditEvent.id)
        ).all()
        session.expunge_all()
    return list(events)


# --- decisions ----------------------------------------------------------------------------


def test_accept_keeps_the_value_and_is_audited(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    contract = upload(world, editor)
    suggested = fields_of(contract)["effective_date"]
    assert suggested["review_state"] == "suggested"
    assert suggested["value"] == "2019-11-01"

    response = review(editor, contract["id"], "effective_date", "accept")
    assert response.status_code == 200, response.text
    row = response.json()
    assert row["review_state"] == "accepted"
    assert row["effective_value"] == "2019-11-01"
    assert row["reviewed_at"] is not None

    after = contract_of(editor, contract["id"])
    assert after["effective_date"] == "2019-11-01"
    assert after["end_date"] == contract["end_date"]
    assert after["deadlines"]["end_date"] == contract["deadlines"]["end_date"]
    assert fields_of(after)["effective_date"]["review_state"] == "accepted"
    # Only the reviewed field changed state.
    assert fields_of(after)["end_date"]["review_state"] == "suggested"

    [event] = audit_events(world, contract["id"], "review.accepted")
    assert event.actor_id == editor.user.id
    assert event.detail["field"] == "effective_date"
    assert event.detail["now"] == "2019-11-01"


def test_correcting_dates_moves_the_stored_deadlines_and_the_search_index(
    world: World,
) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    contract = upload(world, editor)
    cid = contract["id"]
    assert contract["end_date"] == "2020-12-31"
    assert search_ids(editor, expires_from="2020-12-01", expires_to="2020-12-31") == [cid]

    response = review(editor, cid, "end_date", "correct", "2031-06-30")
    assert response.status_code == 200, response.text
    assert response.json()["review_state"] == "corrected"
    assert response.json()["value"] == "2020-12-31"  # what the machine read is kept
    assert response.json()["corrected_value"] == "2031-06-30"
    assert response.json()["effective_value"] == "2031-06-30"
    # A notice period nothing was extracted for: correcting a miss.
    response = review(editor, cid, "notice_period", "correct", {"count": 3, "unit": "month"})
    assert response.status_code == 200, response.text

    after = contract_of(editor, cid)
    assert after["end_date"] == "2031-06-30"
    assert after["notice_period"] == {"count": 3, "unit": "month"}
    assert after["deadlines"]["end_date"] == "2031-06-30"
    # Three months before a 30 June expiry: the earlier reading, 30 March.
    assert after["notice_deadline"] == "2031-03-30"
    assert after["status"] == "active"
    with world.runtime.database.session() as session:
        stored = session.get(Contract, cid)
        assert stored is not None
        assert stored.computed_end_date == dt.date(2031, 6, 30)
        assert stored.notice_deadline == dt.date(2031, 3, 30)

    world.wait_idle()  # the outbox carries the change to the index
    assert search_ids(editor, expires_from="2031-06-01", expires_to="2031-06-30") == [cid]
    assert search_ids(editor, expires_from="2020-12-01", expires_to="2020-12-31") == []

    [event] = audit_events(world, cid, "review.corrected")[:1]
    assert event.detail["field"] == "end_date"
    assert event.detail["previous"] == "2020-12-31"
    assert event.detail["now"] == "2031-06-30"


def test_reject_clears_the_field_and_its_deadlines(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    contract = upload(world, editor)
    cid = contract["id"]
    assert contract["governing_law"] == "Israel"

    response = review(editor, cid, "governing_law", "reject")
    assert response.status_code == 200, response.text
    assert response.json()["review_state"] == "rejected"
    assert response.json()["effective_value"] is None
    assert review(editor, cid, "end_date", "reject").status_code == 200

    after = contract_of(editor, cid)
    assert after["governing_law"] is None
    assert after["end_date"] is None
    assert after["deadlines"]["end_date"] is None  # nothing else dates its end
    assert fields_of(after)["governing_law"]["value"] == "Israel"  # the reading is kept
    world.wait_idle()
    assert search_ids(editor, expires_from="2020-12-01", expires_to="2020-12-31") == []
    assert [e.detail["field"] for e in audit_events(world, cid, "review.rejected")] == [
        "governing_law",
        "end_date",
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("end_date", "31.02.2025"),
        ("end_date", "not a date"),
        ("notice_period", {"count": "three", "unit": "month"}),
        ("notice_period", {"count": 3, "unit": "fortnight"}),
        ("perpetual", "yes"),
        ("renewal_count", -1),
        ("contract_value", {"amount": "lots", "currency": "NOK"}),
    ],
)
def test_an_invalid_correction_is_422_and_changes_nothing(
    world: World, field: str, value: Any
) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    contract = upload(world, editor)

    response = review(editor, contract["id"], field, "correct", value)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]

    after = contract_of(editor, contract["id"])
    assert after["end_date"] == "2020-12-31"
    assert fields_of(after)["end_date"]["review_state"] == "suggested"
    assert field not in fields_of(after) or fields_of(after)[field]["review_state"] == "suggested"
    assert audit_events(world, contract["id"], "review.corrected") == []


def test_a_correction_that_contradicts_the_contract_is_rolled_back(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    contract = upload(world, editor)

    # Perpetual while an end date stands: refused, and nothing of it is kept.
    response = review(editor, contract["id"], "perpetual", "correct", True)
    assert response.status_code == 422, response.text
    after = contract_of(editor, contract["id"])
    assert after["perpetual"] is False
    assert after["end_date"] == "2020-12-31"
    assert "perpetual" not in fields_of(after)


def test_unknown_fields_and_decisions(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    contract = upload(world, editor)
    assert review(editor, contract["id"], "favourite_colour", "accept").status_code == 404
    assert review(editor, contract["id"], "end_date", "approve").status_code == 422
    # Nothing was extracted for the notice period: there is nothing to accept or reject.
    assert "notice_period" not in fields_of(contract)
    assert review(editor, contract["id"], "notice_period", "accept").status_code == 404
    assert review(editor, 999_999, "end_date", "accept").status_code == 404


def test_a_viewer_may_not_review(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    contract = upload(world, editor)

    assert viewer.client.get(f"/api/v1/contracts/{contract['id']}").status_code == 200
    for decision, value in (("accept", None), ("correct", "2030-01-01"), ("reject", None)):
        response = review(viewer, contract["id"], "end_date", decision, value)
        assert response.status_code == 403, response.text
    after = contract_of(editor, contract["id"])
    assert after["end_date"] == "2020-12-31"
    assert fields_of(after)["end_date"]["review_state"] == "suggested"


def test_an_outsider_cannot_find_a_restricted_contract_to_review(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    outsider = world.make_user("outsider@example.no", Role.EDITOR)
    contract = upload(world, owner, visibility="restricted")

    for decision in ("accept", "reject"):
        response = review(outsider, contract["id"], "end_date", decision)
        assert response.status_code == 404, response.text
    response = review(outsider, contract["id"], "end_date", "correct", "2030-01-01")
    assert response.status_code == 404
    # Not even an unknown field tells the outsider that the contract exists.
    assert review(outsider, contract["id"], "favourite_colour", "accept").status_code == 404
    assert fields_of(contract_of(owner, contract["id"]))["end_date"]["review_state"] == (
        "suggested"
    )
    queue = outsider.client.get("/api/v1/contracts/review-queue").json()
    assert contract["id"] not in [item["contract_id"] for item in queue]


# --- re-extraction ------------------------------------------------------------------------


def _reprocess(world: World, document_id: int) -> None:
    with world.runtime.database.session() as session:
        document = session.get(Document, document_id)
        assert document is not None
        document.state = DocumentState.QUEUED
    process_document(world.runtime.database, world.runtime.files, document_id)
    world.wait_idle()


def test_reprocessing_the_document_never_overwrites_a_human_decision(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    contract = upload(world, editor)
    cid = contract["id"]
    [document] = contract["documents"]
    assert review(editor, cid, "effective_date", "accept").status_code == 200
    assert review(editor, cid, "end_date", "correct", "2031-06-30").status_code == 200
    assert review(editor, cid, "governing_law", "reject").status_code == 200
    before = fields_of(contract_of(editor, cid))
    # A stale suggestion (as from an older extractor) must be replaced by the new reading.
    with world.runtime.database.session() as session:
        row = session.scalars(
            select(FieldValue).where(FieldValue.contract_id == cid, FieldValue.field == "venue")
        ).one()
        assert row.review_state.value == "suggested"
        row.value = "stale venue"
        stored = session.get(Contract, cid)
        assert stored is not None
        stored.venue = "stale venue"

    _reprocess(world, document["id"])

    status = editor.client.get(f"/api/v1/documents/{document['id']}").json()
    assert status["status"] == "ready" and status["contract_id"] == cid
    after = contract_of(editor, cid)
    fields = fields_of(after)
    assert after["effective_date"] == "2019-11-01"
    assert fields["effective_date"]["review_state"] == "accepted"
    assert after["end_date"] == "2031-06-30"
    assert fields["end_date"]["review_state"] == "corrected"
    assert fields["end_date"]["corrected_value"] == "2031-06-30"
    assert after["deadlines"]["end_date"] == "2031-06-30"
    assert after["governing_law"] is None
    assert fields["governing_law"]["review_state"] == "rejected"
    for name in ("effective_date", "end_date", "governing_law"):
        assert fields[name]["reviewed_at"] == before[name]["reviewed_at"]
    assert after["venue"] == before["venue"]["value"] != "stale venue"
    assert fields["venue"]["value"] == before["venue"]["value"]
    assert fields["venue"]["review_state"] == "suggested"
    # Still one contract, still found by the corrected end date.
    assert search_ids(editor) == [cid]
    assert search_ids(editor, expires_from="2031-06-01", expires_to="2031-06-30") == [cid]


def _found(value: Any, quote: str = "quoted text") -> Finding[Any]:
    return Finding(
        value=value,
        confidence=0.8,
        evidence=[Evidence(page=1, start=0, end=len(quote), quote=quote)],
    )


def test_a_different_extraction_updates_only_what_nobody_decided(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    contract = upload(world, editor)
    cid = contract["id"]
    assert review(editor, cid, "effective_date", "accept").status_code == 200
    assert review(editor, cid, "end_date", "correct", "2031-06-30").status_code == 200
    assert review(editor, cid, "governing_law", "reject").status_code == 200
    # A value nothing was extracted for, set by a person, is a decision too.
    assert (
        review(editor, cid, "notice_period", "correct", {"count": 3, "unit": "month"}).status_code
        == 200
    )
    assert "signed_date" in fields_of(contract)

    newer = Extraction(
        language="en",
        effective_date=_found(dt.date(2020, 1, 1)),
        end_date=_found(dt.date(2022, 12, 31)),
        governing_law=_found("New York"),
        notice_period=_found(Duration(count=30, unit="day")),
        venue=_found("courts of New York"),
        contract_value=_found(Money(amount="125000", currency="USD")),
        parties=_found([Party(name="Vendor Ltd", role="supplier")]),
        # signed_date is no longer found: its suggestion goes, and so does its value.
    )
    with world.runtime.database.session() as session:
        stored = session.get(Contract, cid)
        assert stored is not None
        apply_extraction(session, stored, contract["documents"][0]["id"], newer, dt.date.today())
    world.wait_idle()

    after = contract_of(editor, cid)
    fields = fields_of(after)
    # Decided: unchanged.
    assert after["effective_date"] == "2019-11-01"
    assert fields["effective_date"]["value"] == "2019-11-01"
    assert after["end_date"] == "2031-06-30"
    assert after["governing_law"] is None
    assert after["notice_period"] == {"count": 3, "unit": "month"}
    assert after["notice_deadline"] == "2031-03-30"
    assert {
        name: fields[name]["review_state"]
        for name in ("effective_date", "end_date", "governing_law", "notice_period")
    } == {
        "effective_date": "accepted",
        "end_date": "corrected",
        "governing_law": "rejected",
        "notice_period": "corrected",
    }
    # Suggested: the new reading.
    assert after["venue"] == "courts of New York"
    assert fields["venue"]["value"] == "courts of New York"
    assert fields["venue"]["review_state"] == "suggested"
    assert float(after["value_amount"]) == 125000
    assert after["value_currency"] == "USD"
    assert [p["name"] for p in after["parties"]] == ["Vendor Ltd"]
    assert "signed_date" not in fields
    assert after["signed_date"] is None


def test_a_value_another_source_suggested_stays_when_this_one_is_silent(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    contract = upload(world, editor)
    cid = contract["id"]
    assert fields_of(contract)["signed_date"]["document_id"] == contract["documents"][0]["id"]
    with world.runtime.database.session() as session:
        stored = session.get(Contract, cid)
        assert stored is not None
        # Not the uploaded document (say, an amendment): it adds a value, removes none.
        apply_extraction(
            session, stored, None, Extraction(venue=_found("Oslo tingrett")), dt.date.today()
        )
    after = contract_of(editor, cid)
    assert after["signed_date"] == contract["signed_date"] is not None
    assert fields_of(after)["signed_date"]["review_state"] == "suggested"
    assert after["venue"] == "Oslo tingrett"


def test_a_re_extraction_does_not_undo_a_perpetual_decision(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    contract = upload(world, editor)
    cid = contract["id"]
    assert review(editor, cid, "end_date", "reject").status_code == 200
    assert review(editor, cid, "perpetual", "correct", True).status_code == 200
    assert contract_of(editor, cid)["perpetual"] is True

    with world.runtime.database.session() as session:
        # The end date was rejected; a new extraction still reads one (and no perpetuity).
        stored = session.get(Contract, cid)
        assert stored is not None
        apply_extraction(
            session,
            stored,
            None,
            Extraction(end_date=_found(dt.date(2024, 12, 31)), perpetual=_found(False)),
            dt.date.today(),
        )
    after = contract_of(editor, cid)
    assert after["perpetual"] is True
    assert after["end_date"] is None


def test_a_suggested_end_date_yields_to_a_perpetual_decision(world: World) -> None:
    """Perpetual decided by a person, no end date read before: a newly read end date is
    suggested for review but does not flip the decision."""
    editor = world.make_user("editor@example.no", Role.EDITOR)
    cid = _contract_with_suggestions(
        world, editor, "Open-ended", Extraction(governing_law=_found("Norway"))
    )
    assert review(editor, cid, "perpetual", "correct", True).status_code == 200

    with world.runtime.database.session() as session:
        stored = session.get(Contract, cid)
        assert stored is not None
        apply_extraction(
            session,
            stored,
            None,
            Extraction(end_date=_found(dt.date(2024, 12, 31))),
            dt.date.today(),
        )
    after = contract_of(editor, cid)
    assert after["perpetual"] is True
    assert after["end_date"] is None
    assert fields_of(after)["end_date"]["review_state"] == "suggested"
    assert fields_of(after)["end_date"]["value"] == "2024-12-31"


def test_an_edit_through_patch_is_a_decision_too(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    contract = upload(world, editor)
    cid = contract["id"]
    assert "notice_period" not in fields_of(contract)
    patch = editor.client.patch(
        f"/api/v1/contracts/{cid}",
        json={"notice_period": {"count": 6, "unit": "month"}, "governing_law": "Norway"},
    )
    assert patch.status_code == 200, patch.text

    with world.runtime.database.session() as session:
        stored = session.get(Contract, cid)
        assert stored is not None
        apply_extraction(
            session,
            stored,
            contract["documents"][0]["id"],
            Extraction(
                notice_period=_found(Duration(count=30, unit="day")), governing_law=_found("Israel")
            ),
            dt.date.today(),
        )
    after = contract_of(editor, cid)
    assert after["notice_period"] == {"count": 6, "unit": "month"}
    assert after["governing_law"] == "Norway"
    fields = fields_of(after)
    assert fields["notice_period"]["review_state"] == "corrected"
    assert fields["governing_law"]["review_state"] == "corrected"


# --- the review queue ---------------------------------------------------------------------


def _contract_with_suggestions(
    world: World, actor: Actor, title: str, extraction: Extraction, **fields: Any
) -> int:
    response = actor.client.post("/api/v1/contracts", json={"title": title, **fields})
    assert response.status_code == 201, response.text
    cid = int(response.json()["id"])
    with world.runtime.database.session() as session:
        stored = session.get(Contract, cid)
        assert stored is not None
        apply_extraction(session, stored, None, extraction, dt.date.today())
    return cid


def _dated(end: dt.date, notice_days: int | None) -> Extraction:
    return Extraction(
        end_date=_found(end),
        notice_period=_found(Duration(count=notice_days, unit="day"))
        if notice_days is not None
        else None,
    )


def test_review_queue_is_visible_unreviewed_and_most_urgent_first(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    colleague = world.make_user("colleague@example.no", Role.VIEWER)
    uploaded = upload(world, owner)  # ended in 2020, no notice period: no notice deadline
    today = dt.date.today()
    late = _contract_with_suggestions(
        world, owner, "Late notice", _dated(today + dt.timedelta(days=700), 90)
    )
    soon = _contract_with_suggestions(
        world, owner, "Soon notice", _dated(today + dt.timedelta(days=200), 90)
    )
    no_notice = _contract_with_suggestions(
        world, owner, "No notice period", _dated(today + dt.timedelta(days=30), None)
    )
    undated = _contract_with_suggestions(
        world, owner, "Undated", Extraction(governing_law=_found("Norway"))
    )
    secret = _contract_with_suggestions(
        world,
        owner,
        "Restricted",
        _dated(today + dt.timedelta(days=100), 30),
        visibility="restricted",
    )
    reviewed = _contract_with_suggestions(
        world, owner, "All reviewed", _dated(today + dt.timedelta(days=40), 10)
    )
    for field in ("end_date", "notice_period"):
        assert review(owner, reviewed, field, "accept").status_code == 200
    _contract_with_suggestions(world, owner, "Nothing extracted", Extraction())

    queue = owner.client.get("/api/v1/contracts/review-queue")
    assert queue.status_code == 200, queue.text
    items = queue.json()
    ids = [item["contract_id"] for item in items]
    # By the next date to act on (notice deadline, else end date), soonest first; then
    # undated; then the contract that ended in 2020.
    assert ids == [no_notice, secret, soon, late, undated, uploaded["id"]]
    by_id = {item["contract_id"]: item for item in items}
    assert by_id[soon]["notice_deadline"] == (today + dt.timedelta(days=110)).isoformat()
    assert by_id[soon]["unreviewed_fields"] == 2
    assert by_id[undated]["notice_deadline"] is None
    assert by_id[undated]["end_date"] is None

    # A colleague sees the same queue without the restricted contract.
    others = [
        i["contract_id"] for i in colleague.client.get("/api/v1/contracts/review-queue").json()
    ]
    assert others == [no_notice, soon, late, undated, uploaded["id"]]

    # Reviewing the last open value takes a contract off the queue.
    assert review(owner, undated, "governing_law", "accept").status_code == 200
    ids = [i["contract_id"] for i in owner.client.get("/api/v1/contracts/review-queue").json()]
    assert undated not in ids
