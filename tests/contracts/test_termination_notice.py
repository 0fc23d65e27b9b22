"""The notice to terminate for convenience is a contract field of its own: suggested from the
text, reviewed, set over the API, shown on the contract page (en and nb), and never mixed up
with the notice that stops renewal, on which the notice deadline rests."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import Actor, World
from page_client import Browser
from services_contract import contract_of, field_of, lines_of, upload

from contracts.deadlines.calendar import notice_deadline_before
from contracts.derived import with_derived_end_date
from contracts.suggestions import apply_extraction
from core.models import Contract, Role, User
from extraction.engine import extract
from extraction.model import Duration, Finding

THIRTY_DAYS = {"count": 30, "unit": "day"}
THREE_MONTHS = {"count": 3, "unit": "month"}
# Three months (the notice that stops renewal) before the day before the computed end.
NOTICE_DEADLINE = notice_deadline_before(dt.date(2032, 3, 31), Duration(count=3, unit="month"))


@pytest.fixture
def editor(world: World) -> Actor:
    return world.make_user("editor@example.no", Role.EDITOR)


def test_it_is_suggested_from_the_text_apart_from_the_notice_period(
    world: World, editor: Actor
) -> None:
    contract = upload(world, editor, lines_of())
    assert contract["termination_notice"] == THIRTY_DAYS
    assert contract["notice_period"] == THREE_MONTHS
    suggestion = field_of(contract, "termination_notice")
    assert suggestion["review_state"] == "suggested"
    assert "thirty (30) days" in " ".join(e["quote"] for e in suggestion["evidence"])
    # No deadline rests on it: the notice deadline is the renewal notice's.
    assert contract["notice_deadline"] == NOTICE_DEADLINE.isoformat()
    assert not any("30 days" in step["text"] for step in contract["deadlines"]["explanation"])


def test_review_corrects_it_and_re_extraction_keeps_the_correction(
    world: World, editor: Actor
) -> None:
    contract = upload(world, editor, lines_of())
    corrected = editor.client.post(
        f"/api/v1/contracts/{contract['id']}/fields/termination_notice/review",
        json={"decision": "correct", "value": {"count": 2, "unit": "month"}},
    )
    assert corrected.status_code == 200, corrected.text
    refused = editor.client.post(
        f"/api/v1/contracts/{contract['id']}/fields/termination_notice/review",
        json={"decision": "correct", "value": {"count": 0, "unit": "month"}},
    )
    assert refused.status_code == 422, refused.text
    with world.runtime.database.session() as session:
        stored = session.get(Contract, contract["id"])
        assert stored is not None
        again = with_derived_end_date(extract(["\n".join(lines_of())])).model_copy(update={
            "termination_notice": Finding(value=Duration(count=10, unit="day"), confidence=0.9)
        })
        apply_extraction(session, stored, contract["documents"][0]["id"], again, dt.date.today())
    after = contract_of(editor, contract["id"])
    assert after["termination_notice"] == {"count": 2, "unit": "month"}
    assert field_of(after, "termination_notice")["review_state"] == "corrected"
    assert after["notice_deadline"] == NOTICE_DEADLINE.isoformat()


def test_it_is_set_over_the_api_as_a_human_decision(editor: Actor) -> None:
    created = editor.client.post("/api/v1/contracts", json={
        "title": "Cleaning", "end_date": "2031-12-31", "notice_period": THREE_MONTHS,
        "termination_notice": {"count": 1, "unit": "month"}})
    assert created.status_code == 201, created.text
    shown = created.json()
    assert shown["termination_notice"] == {"count": 1, "unit": "month"}
    assert field_of(shown, "termination_notice")["review_state"] == "corrected"
    assert shown["notice_deadline"] == "2031-09-30"  # from the three months, not the one
    patched = editor.client.patch(f"/api/v1/contracts/{shown['id']}",
                                  json={"termination_notice": None})
    assert patched.status_code == 200, patched.text
    assert patched.json()["termination_notice"] is None
    bad = editor.client.patch(f"/api/v1/contracts/{shown['id']}",
                              json={"termination_notice": {"count": 0, "unit": "day"}})
    assert bad.status_code == 422


def test_the_contract_page_shows_it_as_information_in_both_languages(
    world: World, editor: Actor
) -> None:
    contract = upload(world, editor, lines_of())
    page = Browser(world, editor).get(f"/contracts/{contract['id']}").text
    assert 'id="field-termination_notice"' in page
    assert page.count("Notice to terminate for convenience") == 2  # terms and deadlines
    assert "may be given at any time; no deadline is counted from it" in page
    assert "30 days" in page

    with world.runtime.database.session() as session:
        user = session.get(User, editor.user.id)
        assert user is not None
        user.language = "nb"
    page = Browser(world, editor).get(f"/contracts/{contract['id']}").text
    assert page.count("Oppsigelsesfrist uten særskilt grunn") == 2
    assert "kan gis når som helst; ingen frist regnes ut fra den" in page
    assert "30 dager" in page and "Notice to terminate" not in page


def test_the_review_form_corrects_it(world: World, editor: Actor) -> None:
    contract = upload(world, editor, lines_of())
    browser = Browser(world, editor)
    saved = browser.post(f"/contracts/{contract['id']}/fields/termination_notice/review",
                         {"decision": "correct", "count": "6", "unit": "week"})
    assert saved.status_code == 303
    assert contract_of(editor, contract["id"])["termination_notice"] == {"count": 6,
                                                                         "unit": "week"}
