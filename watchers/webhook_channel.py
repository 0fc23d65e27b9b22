"""Webhook calls over HTTP(S) with httpx: a 2xx answer is a delivery, anything else a retry."""

from __future__ import annotations

from collections.abc import Mapping

import httpx

from watchers.channels import DeliveryError

WEBHOOK_TIMEOUT_SECONDS = 10.0


class HttpWebhookPoster:
    def __init__(self, timeout: float = WEBHOOK_TIMEOUT_SECONDS) -> None:
        self.timeout = timeout

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> None:
        try:
            response = httpx.post(url, content=body, headers=dict(headers),
                                  timeout=self.timeout, follow_redirects=False)
        except httpx.HTTPError as error:
            raise DeliveryError(f"{type(error).__name__}: {error}") from error
        if not 200 <= response.status_code < 300:
            raise DeliveryError(f"HTTP {response.status_code} from the webhook")
