"""What the delivery step needs from the outside world: a mailer and a webhook poster.

Both are ports so that the scheduler pass can be run against real loopback servers in tests
and against the configured SMTP server in production, with the same code in between.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from email.message import EmailMessage
from typing import Protocol, runtime_checkable


class DeliveryError(Exception):
    """The channel did not take the message; worth trying again later."""


class PermanentDeliveryError(DeliveryError):
    """The channel refused the message for good (e.g. an unknown recipient): no retry."""


class Mailer(Protocol):
    """Sends one message or raises `DeliveryError`; returning means the server accepted it."""

    def send(self, message: EmailMessage) -> None: ...


@runtime_checkable
class ClosableMailer(Mailer, Protocol):
    """A mailer that keeps a connection open between messages until closed."""

    def close(self) -> None: ...


class WebhookPoster(Protocol):
    """POSTs one body or raises `DeliveryError`; returning means a 2xx answer."""

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> None: ...


@dataclasses.dataclass(frozen=True)
class Channels:
    base_url: str
    mail_from: str
    # Signs the one-click unsubscribe links; empty = no such links.
    secret_key: str = ""
    mailer: Mailer | None = None
    webhooks: WebhookPoster | None = None
