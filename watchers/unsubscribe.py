"""One-click unsubscribe (RFC 8058): a signed link in every alert e-mail that switches the
watch off without signing in.

The token is the watch id signed with the secret key, so it cannot be guessed or turned
into another watch's. GET only shows a confirmation button (link scanners and previews
follow links); the POST, which mail clients send for `List-Unsubscribe-Post`, acts.
"""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import Session

from core.models import Watch, WatchOrigin

_SALT = "avtale.watch.unsubscribe"
PATH = "/api/v1/unsubscribe/{token}"


def unsubscribe_token(secret_key: str, watch_id: int) -> str:
    return str(URLSafeSerializer(secret_key, salt=_SALT).dumps(watch_id))


def unsubscribe_url(base_url: str, secret_key: str, watch_id: int) -> str:
    return base_url.rstrip("/") + PATH.format(token=unsubscribe_token(secret_key, watch_id))


def watch_of_token(session: Session, secret_key: str, token: str) -> Watch | None:
    try:
        watch_id = URLSafeSerializer(secret_key, salt=_SALT).loads(token)
    except BadSignature:
        return None
    return session.get(Watch, watch_id) if isinstance(watch_id, int) else None


def unsubscribe(session: Session, watch: Watch) -> None:
    """Switch the watch off; as the user's own choice, the default-watch sync keeps off it."""
    watch.active = False
    watch.origin = WatchOrigin.USER
    session.flush()
