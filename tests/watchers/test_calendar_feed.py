"""The personal iCal feed, fetched without a token as a calendar app does, and parsed back
with the icalendar library."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import icalendar
from conftest import World

from core.models import Role
from tests.watchers.helpers import FIXED, RENEWING, edit_contract, make_contract, run_pass
from watchers.channels import Channels

CREATED = dt.date(2026, 6, 1)


def fetch(world: World, url: str) -> icalendar.Calendar | int:
    response = world.app_client.get(urlsplit(url).path)  # no Authorization header
    if response.status_code != 200:
        return response.status_code
    assert response.headers["content-type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def events(calendar: icalendar.Calendar | int) -> list[icalendar.Event]:
    assert isinstance(calendar, icalendar.Calendar)
    return list(calendar.walk("VEVENT"))


def test_the_feed_holds_the_watched_deadlines_the_user_may_see(
    world: World, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    renewing = make_contract(world, owner, CREATED, **RENEWING)
    make_contract(world, owner, CREATED, **FIXED)
    run_pass(world, channels, CREATED)
    viewer.client.post("/api/v1/watches", json={
        "contract_id": renewing, "event_kinds": ["notice"], "lead_days": [30, 7]})

    url = viewer.client.post("/api/v1/alert-preferences/calendar").json()["url"]
    calendar = fetch(world, url)
    assert isinstance(calendar, icalendar.Calendar)
    assert str(calendar["version"]) == "2.0" and "Avtale" in str(calendar["prodid"])
    (notice,) = events(calendar)
    assert notice.decoded("dtstart") == dt.date(2026, 9, 30)
    assert notice.decoded("dtend") == dt.date(2026, 10, 1)
    assert str(notice["summary"]) == "Notice deadline: Maintenance agreement"
    assert "Give notice by 30 September 2026 or the contract renews for 12 months." in str(
        notice["description"])
    assert str(notice["url"]).endswith(f"/contracts/{renewing}")
    assert str(notice["uid"]) == f"contract-{renewing}-notice-2026-09-30@127.0.0.1"
    triggers = sorted(alarm.decoded("trigger") for alarm in notice.walk("VALARM"))
    assert triggers == [-dt.timedelta(days=30), -dt.timedelta(days=7)]

    owners = fetch(world, owner.client.post("/api/v1/alert-preferences/calendar").json()["url"])
    assert sorted((str(e["summary"]), e.decoded("dtstart")) for e in events(owners)) == [
        ("Contract end: Cleaning services", dt.date(2026, 12, 31)),
        ("Notice deadline: Maintenance agreement", dt.date(2026, 9, 30)),
        ("Renewal: Maintenance agreement", dt.date(2027, 1, 2)),
    ]

    edit_contract(world, owner, renewing, CREATED, visibility="restricted")
    assert events(fetch(world, url)) == []


def test_a_new_url_revokes_the_old_and_revoking_ends_the_feed(world: World) -> None:
    user = world.make_user("user@example.no", Role.VIEWER)
    first = user.client.post("/api/v1/alert-preferences/calendar").json()["url"]
    assert isinstance(fetch(world, first), icalendar.Calendar)
    second = user.client.post("/api/v1/alert-preferences/calendar").json()["url"]
    assert second != first
    assert fetch(world, first) == 404
    assert isinstance(fetch(world, second), icalendar.Calendar)
    assert user.client.delete("/api/v1/alert-preferences/calendar").status_code == 204
    assert fetch(world, second) == 404
    assert fetch(world, "/api/v1/calendar/guessed.ics") == 404


def test_a_norwegian_user_gets_a_norwegian_feed(world: World, channels: Channels) -> None:
    owner = world.make_user("eier@example.no", Role.EDITOR)
    owner.client.put("/api/v1/alert-preferences", json={"language": "nb"})
    make_contract(world, owner, CREATED, **RENEWING)
    run_pass(world, channels, CREATED)
    calendar = fetch(world, owner.client.post("/api/v1/alert-preferences/calendar").json()["url"])
    summaries = sorted(str(e["summary"]) for e in events(calendar))
    assert summaries == ["Fornyelse: Maintenance agreement",
                         "Oppsigelsesfrist: Maintenance agreement"]
