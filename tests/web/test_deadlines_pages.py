"""The Deadlines page and the alert inbox, with the open-alert count in the page header."""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import urlsplit

from conftest import World
from fastapi.testclient import TestClient
from page_client import Browser

from avtale.app import create_app
from core.models import Role
from core.settings import Settings

TODAY = dt.date.today()


def _contract(actor: object, title: str, **fields: object) -> int:
    response = actor.client.post(  # type: ignore[attr-defined]
        "/api/v1/contracts", json={"title": title, **fields})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def test_deadlines_nearest_first_within_the_horizon_and_only_visible(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    other = world.make_user("other@example.no", Role.EDITOR)
    _contract(editor, "Cleaning", supplier_name="Renhold AS",
              end_date=(TODAY + dt.timedelta(days=200)).isoformat(), auto_renewal=True,
              renewal_term={"count": 1, "unit": "year"},
              notice_period={"count": 6, "unit": "month"})  # notice in ~17 days
    _contract(editor, "Printers", supplier_name="Print AS",
              end_date=(TODAY + dt.timedelta(days=60)).isoformat())
    _contract(other, "Secret merger", visibility="restricted",
              end_date=(TODAY + dt.timedelta(days=10)).isoformat())
    browser = Browser(world, editor)

    page = browser.get("/deadlines", params={"within": "90"}).text
    assert "Secret merger" not in page
    assert page.index("Cleaning") < page.index("Printers")  # notice first, then the end
    assert "give notice by" in page
    assert "Printers" not in browser.get("/deadlines", params={"within": "30"}).text
    only = browser.get("/deadlines", params={"within": "365", "supplier": "Print AS"}).text
    assert "Printers" in only and "Cleaning" not in only


def test_the_inbox_lists_alerts_and_the_header_counts_the_open_ones(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    _contract(editor, "Canteen", end_date=(TODAY + dt.timedelta(days=20)).isoformat())
    world.runtime.run_alerts()
    browser = Browser(world, editor)
    page = browser.get("/inbox").text
    assert "Canteen" in page
    assert 'aria-label="1 open alert"' in page
    alert_id = page.split('action="/inbox/')[1].split('"')[0]
    assert browser.post(f"/inbox/{alert_id}", {"action": "done"}).status_code == 303
    after = browser.get("/inbox").text
    assert "Canteen" not in after and "open alerts" not in after
    assert "Canteen" in browser.get("/inbox", params={"all": "1"}).text


def test_the_calendar_link_is_got_from_the_deadlines_page_and_stopped_there(
    world: World,
) -> None:
    """Before, the iCal feed was only reachable through the API: someone with a browser had
    no way to put their deadlines in their calendar."""
    editor = world.make_user("editor@example.no", Role.EDITOR)
    _contract(editor, "Canteen", end_date=(TODAY + dt.timedelta(days=20)).isoformat())
    world.runtime.run_alerts()  # the pass that has owners watch their contracts
    browser = Browser(world, editor)
    page = browser.get("/deadlines").text
    assert 'action="/deadlines/calendar"' in page and "Get a calendar link" in page
    assert "/deadlines/calendar/stop" not in page

    made = browser.post("/deadlines/calendar")
    assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
    url = re.search(r'value="(http[^"]+\.ics)"', made.text)
    assert url is not None
    path = urlsplit(html.unescape(url.group(1))).path
    feed = world.app_client.get(path)  # as a calendar app: no session, no token
    assert feed.status_code == 200 and "Contract end: Canteen" in feed.text
    assert 'href="/deadlines"' in made.text  # a way back

    again = browser.get("/deadlines").text
    assert "Make a new calendar link" in again and "/deadlines/calendar/stop" in again
    stopped = browser.post("/deadlines/calendar/stop")
    assert stopped.status_code == 303
    assert world.app_client.get(path).status_code == 404
    assert "no longer works" in browser.get("/deadlines").text

    browser.post("/account/language", {"language": "nb"})
    assert "Få en kalenderlenke" in browser.get("/deadlines").text
    assert "Kalenderlenken din" in browser.post("/deadlines/calendar").text


def test_the_calendar_link_starts_where_the_browser_reached_the_service(
    world: World, settings: Settings,
) -> None:
    """Under `avtale serve --port 8781` the link pointed at port 8000, the default
    AVTALE_BASE_URL, where nothing listened."""
    editor = world.make_user("editor@example.no", Role.EDITOR)
    _contract(editor, "Canteen", end_date=(TODAY + dt.timedelta(days=20)).isoformat())
    world.runtime.run_alerts()  # the pass that has owners watch their contracts
    browser = Browser(world, editor, base_url="http://127.0.0.1:8781")
    made = browser.post("/deadlines/calendar").text
    assert 'value="http://127.0.0.1:8781/api/v1/calendar/' in made
    url = html.unescape(re.search(r'value="(http[^"]+\.ics)"', made).group(1))  # type: ignore[union-attr]
    feed = browser.client.get(url).text.replace("\r\n ", "")  # unfolded
    assert "http://127.0.0.1:8781/contracts/" in feed  # its links too
    assert "@127.0.0.1\r\n" in feed  # the entries' UIDs keep one host whatever the address
    api = world.app_client.post("/api/v1/alert-preferences/calendar",
                                headers=editor.client.headers)
    assert api.json()["url"].startswith("http://testserver/api/v1/calendar/")


def test_a_configured_base_url_is_kept_for_the_calendar_link(
    world: World, settings: Settings,
) -> None:
    """Behind a proxy the request's own origin is the internal one; the operator's setting
    is the address people use."""
    configured = settings.model_copy(update={"base_url": "http://avtale.example.no/"})
    app = create_app(configured, runtime=world.runtime, run_worker=False)
    editor = world.make_user("editor@example.no", Role.EDITOR)
    browser = Browser(world, editor, base_url="http://10.0.0.5:8000", app=app)
    made = browser.post("/deadlines/calendar").text
    assert 'value="http://avtale.example.no/api/v1/calendar/' in made
    path = urlsplit(html.unescape(re.search(r'value="(http[^"]+\.ics)"', made)
                                  .group(1))).path  # type: ignore[union-attr]
    feed = TestClient(app, base_url="http://10.0.0.5:8000").get(path).text
    assert "10.0.0.5" not in feed
