"""Webhook delivery to a real HTTP receiver on loopback: signed JSON, retried after errors,
exactly one successful call per alert."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json

from conftest import World

from core.models import Role
from tests.watchers.helpers import (
    RENEWING,
    SmtpServer,
    WebhookReceiver,
    at,
    make_contract,
    run_pass,
)
from watchers.channels import Channels
from watchers.service import run_alerts
from watchers.webhook_message import signature

CREATED = dt.date(2026, 6, 1)
NOTICE_90 = dt.date(2026, 7, 2)


def test_a_webhook_gets_one_signed_call_per_alert_after_retrying_an_error(
    world: World, smtp_server: SmtpServer, webhook_receiver: WebhookReceiver,
    channels: Channels,
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    contract_id = make_contract(world, owner, CREATED, **RENEWING)
    made = owner.client.post("/api/v1/webhooks", json={"url": webhook_receiver.url})
    assert made.status_code == 201, made.text
    secret = made.json()["secret"]
    assert "secret" not in owner.client.get("/api/v1/webhooks").json()[0]
    run_pass(world, channels, CREATED)
    (watch,) = owner.client.get("/api/v1/watches").json()
    owner.client.patch(f"/api/v1/watches/{watch['id']}", json={"channels": ["webhook"]})

    webhook_receiver.answers = [500]
    first = run_pass(world, channels, NOTICE_90)
    assert first.delivered.retrying == 1
    run_pass(world, channels, NOTICE_90)  # the backoff has not run out
    second = run_alerts(world.runtime.database, channels,
                        now=at(NOTICE_90) + dt.timedelta(minutes=2), today=NOTICE_90)
    assert second.delivered.sent == 1
    run_pass(world, channels, NOTICE_90 + dt.timedelta(days=1))

    assert [call.answered for call in webhook_receiver.calls] == [500, 200]
    assert smtp_server.messages == []  # the watch now goes to the webhook only
    failed, delivered = webhook_receiver.calls
    assert failed.body == delivered.body
    assert failed.headers["X-Avtale-Alert"] == delivered.headers["X-Avtale-Alert"]
    timestamp = delivered.headers["X-Avtale-Timestamp"]
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + delivered.body,
                        hashlib.sha256).hexdigest()
    assert delivered.headers["X-Avtale-Signature"] == f"sha256={expected}"
    assert delivered.headers["Content-Type"] == "application/json"
    body = json.loads(delivered.body)
    assert body["contract"]["id"] == contract_id
    assert body["event"] == {
        "kind": "notice", "date": "2026-09-30", "label": "Notice deadline",
        "what_to_do": "give notice by 30 September 2026 or the contract renews for 12 months",
    }
    assert body["lead_days"] == 90


def test_a_wrong_secret_or_timestamp_does_not_verify() -> None:
    body = b'{"alert_id": 1}'
    assert signature(body, "right", 1) != signature(body, "wrong", 1)
    assert signature(body, "right", 1) != signature(body, "right", 2)


def test_a_receiver_that_is_gone_is_retried_and_deleting_the_webhook_withdraws_the_call(
    world: World, smtp_server: SmtpServer, webhook_receiver: WebhookReceiver,
    channels: Channels,
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    make_contract(world, owner, CREATED, **RENEWING)
    hook = owner.client.post("/api/v1/webhooks", json={"url": webhook_receiver.url}).json()
    run_pass(world, channels, CREATED)
    (watch,) = owner.client.get("/api/v1/watches").json()
    owner.client.patch(f"/api/v1/watches/{watch['id']}", json={"channels": ["webhook"]})
    webhook_receiver.close()

    assert run_pass(world, channels, NOTICE_90).delivered.retrying == 1
    assert owner.client.delete(f"/api/v1/webhooks/{hook['id']}").status_code == 204
    later = run_pass(world, channels, NOTICE_90 + dt.timedelta(days=1))
    assert later.delivered.withdrawn == 1
    (alert,) = owner.client.get("/api/v1/alerts").json()["alerts"]
    assert alert["deliveries"][0]["state"] == "withdrawn"


def test_a_webhook_url_must_be_http(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    response = owner.client.post("/api/v1/webhooks", json={"url": "file:///etc/passwd"})
    assert response.status_code == 422
