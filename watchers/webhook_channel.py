"""Webhook calls over HTTP(S) with httpx: a 2xx answer is a delivery, anything else a retry.
Every call is first checked against the SSRF guard (see `watchers.webhook_guard`)."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit

import httpx

from watchers.channels import DeliveryError, PermanentDeliveryError
from watchers.webhook_guard import ForbiddenTargetError, Resolver, checked_address, system_resolver

WEBHOOK_TIMEOUT_SECONDS = 10.0


class HttpWebhookPoster:
    def __init__(self, timeout: float = WEBHOOK_TIMEOUT_SECONDS, *,
                 allow_private: bool = False, resolve: Resolver = system_resolver) -> None:
        self.timeout = timeout
        self.allow_private = allow_private
        self.resolve = resolve

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> None:
        try:
            address = checked_address(url, allow_private=self.allow_private,
                                      resolve=self.resolve)
        except ForbiddenTargetError as error:
            # Refused for good: retrying would only knock on the same door again.
            raise PermanentDeliveryError(str(error)) from error
        pinned, host_header, sni = _pinned(url, address)
        try:
            with httpx.Client(timeout=self.timeout, follow_redirects=False) as client:
                response = client.post(pinned, content=body,
                                       headers={**headers, "Host": host_header},
                                       extensions={"sni_hostname": sni} if sni else None)
        except httpx.HTTPError as error:
            raise DeliveryError(f"{type(error).__name__}: {error}") from error
        if not 200 <= response.status_code < 300:
            raise DeliveryError(f"HTTP {response.status_code} from the webhook")


def _pinned(url: str, address: str) -> tuple[str, str, str | None]:
    """`url` with its host replaced by the checked address, the Host header it needs, and
    the name TLS must verify the certificate against (https only)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    shown = f"[{address}]" if ipaddress.ip_address(address.split("%", 1)[0]).version == 6 \
        else address
    netloc = shown + (f":{parts.port}" if parts.port else "")
    host_header = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port
                                                             else "")
    sni = host if parts.scheme == "https" else None
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), \
        host_header, sni
