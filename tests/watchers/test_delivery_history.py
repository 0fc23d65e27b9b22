"""The delivery history, API and page: own deliveries for a user, everyone's for an admin,
failures with their error, filters by channel and state."""

from __future__ import annotations

import datetime as dt

from conftest import World
from page_client import Browser

from core.models import Role
from tests.watchers.helpers import RENEWING, SmtpServer, make_contract, run_pass
from watchers.channels import Channels

CREATED = dt.date(2026, 6, 1)
NOTICE_90 = dt.date(2026, 7, 2)


def test_history_shows_what_went_and_what_failed_to_whom_it_may_concern(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    sent_to = world.make_user("sent@example.no", Role.EDITOR)
    refused = world.make_user("refused@example.no", Role.EDITOR)
    admin = world.make_user("admin@example.no", Role.ADMIN)
    make_contract(world, sent_to, CREATED, **{**RENEWING, "title": "Lifts"})
    make_contract(world, refused, CREATED, **{**RENEWING, "title": "Canteen"})
    smtp_server.collector.refuse.add(refused.email)
    run_pass(world, channels, CREATED)
    run_pass(world, channels, NOTICE_90)

    (mine,) = sent_to.client.get("/api/v1/deliveries").json()
    assert (mine["contract_title"], mine["recipient"], mine["channel"], mine["state"]) == (
        "Lifts", sent_to.email, "email", "sent")
    assert mine["sent_at"] and mine["last_error"] is None
    (theirs,) = refused.client.get("/api/v1/deliveries").json()
    assert theirs["state"] == "failed" and "recipient refused" in theirs["last_error"]

    everyone = admin.client.get("/api/v1/deliveries").json()
    assert {d["contract_title"] for d in everyone} == {"Lifts", "Canteen"}
    failed = admin.client.get("/api/v1/deliveries", params={"state": "failed"}).json()
    assert [d["recipient"] for d in failed] == [refused.email]
    assert admin.client.get("/api/v1/deliveries", params={"channel": "webhook"}).json() == []
    assert admin.client.get("/api/v1/deliveries", params={"state": "lost"}).status_code == 422
    assert admin.client.get("/api/v1/deliveries",
                            params={"channel": "pigeon"}).status_code == 422

    browser = Browser(world, sent_to)
    assert 'href="/deliveries"' in browser.get("/inbox").text
    page = browser.get("/deliveries").text
    assert "Lifts" in page and "Canteen" not in page
    admin_page = Browser(world, admin).get("/deliveries", params={"state": "failed"}).text
    assert "Canteen" in admin_page and "recipient refused" in admin_page
    assert "Lifts" not in admin_page
    assert browser.get("/deliveries", params={"state": "lost"}).status_code == 400
