"""Watcher fixtures: a real SMTP server on loopback, and the channels that reach it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.watchers.helpers import (
    BASE_URL,
    MAIL_FROM,
    SECRET_KEY,
    SmtpServer,
    WebhookReceiver,
)
from watchers.channels import Channels
from watchers.email_channel import SmtpMailer
from watchers.webhook_channel import HttpWebhookPoster


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def channels(smtp_server: SmtpServer) -> Channels:
    return Channels(base_url=BASE_URL, mail_from=MAIL_FROM, secret_key=SECRET_KEY,
                    mailer=SmtpMailer("127.0.0.1", smtp_server.port, timeout=5),
                    webhooks=HttpWebhookPoster(timeout=5, allow_private=True))


@pytest.fixture
def webhook_receiver() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    yield receiver
    receiver.close()
