"""Recording a contract's life on its page: notice given moves the deadlines shown; archive
takes it out of the search page and restore brings it back."""

from __future__ import annotations

import datetime as dt

from conftest import World

from core.models import Role
from tests.web.test_pages import Browser

TODAY = dt.date.today()


def _contract(world: World) -> tuple[Browser, int]:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/contracts", json={
        "title": "Canteen services", "end_date": (TODAY + dt.timedelta(days=200)).isoformat(),
        "auto_renewal": True, "renewal_term": {"count": 1, "unit": "year"},
        "notice_period": {"count": 3, "unit": "month"},
    })
    assert response.status_code == 201
    return Browser(world, editor), int(response.json()["id"])


def test_recording_notice_on_the_page_moves_the_deadlines(world: World) -> None:
    browser, cid = _contract(world)
    page = browser.get(f"/contracts/{cid}").text
    assert "The contract&#39;s life" in page or "The contract's life" in page
    assert "Next renewal</dt><dd>" + (TODAY + dt.timedelta(days=201)).isoformat() in page

    bad = browser.post(f"/contracts/{cid}/events", {"kind": "notice_given",
                                                   "occurred_on": "tomorrow"})
    assert bad.status_code == 303
    assert "Not recorded" in browser.get(f"/contracts/{cid}").text

    done = browser.post(f"/contracts/{cid}/events", {
        "kind": "notice_given", "occurred_on": TODAY.isoformat(), "note": "Registered letter"})
    assert done.status_code == 303
    page = browser.get(f"/contracts/{cid}").text
    assert "Notice given recorded" in page
    assert "Registered letter" in page
    assert "Next renewal</dt><dd>—" in page
    assert "Ended by</dt><dd>notice given" in page

    refused = browser.post(f"/contracts/{cid}/events", {
        "kind": "notice_given", "occurred_on": TODAY.isoformat()}, csrf=False)
    assert refused.status_code == 403


def test_archive_and_restore_on_the_page(world: World) -> None:
    browser, cid = _contract(world)
    world.wait_idle()
    link = f'href="/contracts/{cid}"'
    assert link in browser.get("/", params={"q": "canteen"}).text
    assert browser.post(f"/contracts/{cid}/archive").status_code == 303
    world.wait_idle()
    assert link not in browser.get("/", params={"q": "canteen"}).text
    archived = browser.get("/", params={"q": "canteen", "archived": "1"}).text
    assert link in archived and "archived</span>" in archived
    assert browser.post(f"/contracts/{cid}/archive", {"restore": "1"}).status_code == 303
    world.wait_idle()
    assert link in browser.get("/", params={"q": "canteen"}).text
