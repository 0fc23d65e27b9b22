"""The contract page's upcoming events, who watches it, and its watch button (no scripts:
plain forms with the CSRF token)."""

from __future__ import annotations

import datetime as dt

from conftest import World
from page_client import Browser

from core.models import Role

TODAY = dt.date.today()


def _contract(actor: object, title: str, **fields: object) -> int:
    response = actor.client.post(  # type: ignore[attr-defined]
        "/api/v1/contracts", json={"title": title, **fields})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def test_watch_with_lead_times_see_who_watches_and_unwatch(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    contract_id = _contract(owner, "Canteen",
                            end_date=(TODAY + dt.timedelta(days=200)).isoformat(),
                            auto_renewal=True, renewal_term={"count": 1, "unit": "year"},
                            notice_period={"count": 3, "unit": "month"})
    world.runtime.run_alerts()  # the owner's default watch
    browser = Browser(world, viewer)
    url = f"/contracts/{contract_id}"

    page = browser.get(url).text
    assert page.count('class="upcoming-event"') == 2  # notice deadline and renewal
    assert "give notice by" in page.lower()
    assert "Watched by: owner@example.no" in page
    assert "Unwatch" not in page

    assert browser.post(f"{url}/watch", {"lead_days": "60, 14"}).status_code == 303
    (watch,) = viewer.client.get("/api/v1/watches").json()
    assert (watch["contract_id"], watch["lead_days"]) == (contract_id, [60, 14])
    page = browser.get(url).text
    assert "Watched by: owner@example.no, viewer@example.no" in page
    assert 'value="60, 14"' in page and "Unwatch" in page

    refused = browser.post(f"{url}/watch", {"lead_days": "soon"})
    assert refused.status_code == 303
    assert "whole days" in browser.get(url).text
    assert browser.post(f"{url}/watch", {"lead_days": "5000"}).status_code == 303
    assert viewer.client.get("/api/v1/watches").json()[0]["lead_days"] == [60, 14]

    assert browser.post(f"{url}/watch", {"lead_days": "7"}, csrf=False).status_code == 403
    assert browser.post(f"{url}/unwatch").status_code == 303
    assert viewer.client.get("/api/v1/watches").json() == []
    assert "viewer@example.no" not in browser.get(url).text.split("Watched by:")[1][:200]


def test_a_restricted_contract_cannot_be_watched_or_shown_by_others(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    outsider = world.make_user("outsider@example.no", Role.EDITOR)
    secret = _contract(owner, "Merger", visibility="restricted",
                       end_date=(TODAY + dt.timedelta(days=100)).isoformat())
    browser = Browser(world, outsider)
    assert browser.get(f"/contracts/{secret}").status_code == 404
    assert browser.post(f"/contracts/{secret}/watch", {"lead_days": ""}).status_code == 404
    assert outsider.client.get("/api/v1/watches").json() == []
