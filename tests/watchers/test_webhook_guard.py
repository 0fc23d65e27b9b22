"""Webhooks cannot be pointed at the service's own surroundings (SSRF): refused when made
and again at send time after resolving the name, unless the setting allows private targets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import ipaddress
from collections.abc import Iterator

import pytest
from conftest import World
from sqlalchemy import select

from core.models import AlertDelivery, DeliveryState, Role
from core.settings import Settings
from tests.watchers.helpers import RENEWING, WebhookReceiver, make_contract, run_pass
from watchers.channels import Channels
from watchers.webhook_channel import HttpWebhookPoster
from watchers.webhook_guard import ForbiddenTargetError, checked_address, is_public

CREATED = dt.date(2026, 6, 1)
NOTICE_90 = dt.date(2026, 7, 2)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1",
    "169.254.169.254", "fe80::1", "100.64.0.1", "0.0.0.0", "::ffff:127.0.0.1",
    "::ffff:169.254.169.254", "224.0.0.1", "fd00::1", "192.0.2.1",
])
def test_internal_addresses_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700::6810:84e5", "8.8.8.8"])
def test_public_addresses_are(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


def _resolves_to(*addresses: str):  # type: ignore[no-untyped-def]
    """A DNS answer of our choosing: the guard must judge what a name resolves to."""
    return lambda _host, _port: list(addresses)


def test_a_public_name_resolving_inside_is_refused_and_one_resolving_outside_is_pinned() -> None:
    with pytest.raises(ForbiddenTargetError, match="not a public address"):
        checked_address("https://hooks.example.com/x", allow_private=False,
                        resolve=_resolves_to("93.184.216.34", "10.0.0.7"))
    assert checked_address("https://hooks.example.com/x", allow_private=False,
                           resolve=_resolves_to("93.184.216.34")) == "93.184.216.34"
    assert checked_address("http://intranet/x", allow_private=True,
                           resolve=_resolves_to("10.0.0.7")) == "10.0.0.7"
    with pytest.raises(ForbiddenTargetError, match="metadata"):
        checked_address("http://metadata.google.internal/computeMetadata/v1/",
                        allow_private=False, resolve=_resolves_to("93.184.216.34"))


@pytest.fixture
def strict(world: World) -> Iterator[World]:
    """The app with the default rule: no private webhook targets."""
    settings: Settings = world.app_client.app.state.settings  # type: ignore[attr-defined]
    settings.webhook_allow_private = False
    yield world
    settings.webhook_allow_private = True


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/api/v1/users", "http://localhost/", "http://[::1]:6379/",
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://0x7f000001/",
    "http://metadata.google.internal/", "http://no-such-host.invalid/", "http://host:99999/",
])
def test_making_a_webhook_to_an_internal_target_is_refused(strict: World, url: str) -> None:
    owner = strict.make_user("owner@example.no", Role.EDITOR)
    answer = owner.client.post("/api/v1/webhooks", json={"url": url})
    assert answer.status_code == 422, answer.text
    assert owner.client.get("/api/v1/webhooks").json() == []


def test_the_setting_allows_a_loopback_receiver(world: World,
                                                webhook_receiver: WebhookReceiver) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    answer = owner.client.post("/api/v1/webhooks", json={"url": webhook_receiver.url})
    assert answer.status_code == 201, answer.text


def test_at_send_time_a_target_now_inside_is_refused_for_good(
    world: World, webhook_receiver: WebhookReceiver, channels: Channels
) -> None:
    """A webhook made while allowed (or whose name was re-pointed since) is checked again
    when the alert goes out: no call reaches the receiver, the delivery fails with why."""
    owner = world.make_user("owner@example.no", Role.EDITOR)
    make_contract(world, owner, CREATED, **RENEWING)
    by_name = webhook_receiver.url.replace("127.0.0.1", "localhost")
    assert owner.client.post("/api/v1/webhooks", json={"url": by_name}).status_code == 201
    run_pass(world, channels, CREATED)
    (watch,) = owner.client.get("/api/v1/watches").json()
    owner.client.patch(f"/api/v1/watches/{watch['id']}", json={"channels": ["webhook"]})

    guarded = dataclasses.replace(channels, webhooks=HttpWebhookPoster(timeout=5))
    report = run_pass(world, guarded, NOTICE_90)
    assert report.delivered.failed == 1
    assert webhook_receiver.calls == []
    with world.runtime.database.session() as session:
        delivery = session.scalars(select(AlertDelivery)).one()
        assert delivery.state is DeliveryState.FAILED
        assert delivery.last_error and "not a public address" in delivery.last_error


def test_a_pinned_call_still_reaches_the_receiver_by_name(
    world: World, webhook_receiver: WebhookReceiver, channels: Channels
) -> None:
    """Calling the checked address keeps the Host header the receiver expects."""
    poster = HttpWebhookPoster(timeout=5, allow_private=True)
    by_name = webhook_receiver.url.replace("127.0.0.1", "localhost")
    poster.post(by_name, b"{}", {"Content-Type": "application/json"})
    (call,) = webhook_receiver.calls
    assert call.headers["Host"].startswith("localhost:")
    assert call.path == "/hook"
