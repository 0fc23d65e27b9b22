"""An alert as a webhook call: a JSON body signed with the webhook's secret.

Receivers verify a call by computing HMAC-SHA256 over `<timestamp>.<body>` with their
secret and comparing it with the `X-Avtale-Signature` header (`sha256=<hex>`), and reject
timestamps (`X-Avtale-Timestamp`, Unix seconds) too far from their clock, which stops
replays. `X-Avtale-Alert` is the same on every retry of one alert, so a receiver that saw a
call succeed but whose answer was lost can drop the repeat.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json

from watchers.alert_view import AlertView

SIGNATURE_HEADER = "X-Avtale-Signature"
TIMESTAMP_HEADER = "X-Avtale-Timestamp"
ALERT_HEADER = "X-Avtale-Alert"


def alert_webhook_body(view: AlertView, user_id: int) -> bytes:
    body = {
        "type": "alert",
        "alert_id": view.alert_id,
        "recipient_user_id": user_id,
        "contract": {"id": view.contract_id, "title": view.contract_title,
                     "url": view.contract_url},
        "event": {"kind": view.event_kind, "date": view.event_date.isoformat(),
                  "label": view.event_label, "what_to_do": view.what_to_do},
        "lead_days": view.lead_days,
        "language": view.language,
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True).encode()


def signature(body: bytes, secret: str, timestamp: int) -> str:
    signed = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signed_headers(body: bytes, secret: str, now: dt.datetime) -> dict[str, str]:
    timestamp = int(now.timestamp())
    alert_id = json.loads(body)["alert_id"]
    return {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(body, secret, timestamp),
        ALERT_HEADER: str(alert_id),
    }
