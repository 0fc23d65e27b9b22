"""API tokens: created for a user, optionally expiring, listed and revoked.

A token is 256 random bits shown once; only its SHA-256 is stored. An expired or revoked
token, or the token of a deactivated user, authenticates nobody.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import Session, joinedload

from core import audit
from core.clock import as_utc
from core.models import ApiToken, User
from core.models.base import utcnow
from core.security import new_api_token, token_digest


class TokenNotFoundError(LookupError):
    """No such token, or not one the asker may see (the two are not told apart)."""


def create_token(session: Session, user: User, name: str = "", *,
                 expires_at: dt.datetime | None = None) -> str:
    """Create an API token for the user; returns the token, which is not stored."""
    return issue_token(session, user, name, expires_at=expires_at)[1]


# How stale `last_used_at` may be (the token list shows it to the minute).
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def issue_token(session: Session, user: User, name: str = "", *,
                expires_at: dt.datetime | None = None,
                now: dt.datetime | None = None) -> tuple[ApiToken, str]:
    """Create an API token for the user; returns its row and the token, which is not stored."""
    token = new_api_token()
    row = ApiToken(user_id=user.id, token_hash=token_digest(token), prefix=token[:10],
                   name=name, created_at=now or utcnow(), expires_at=expires_at)
    session.add(row)
    session.flush()
    audit.record(session, actor_id=user.id, action="token.created", entity_type="api_token",
                 entity_id=row.id,
                 detail={"prefix": row.prefix, "name": name, "user_id": user.id,
                         "expires_at": expires_at.isoformat() if expires_at else None})
    return row, token


def authenticate_token(session: Session, token: str, *, now: dt.datetime) -> User | None:
    row = session.scalar(_token_by_digest(), {"digest": token_digest(token)})
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    if row.expires_at is not None and as_utc(row.expires_at) <= now:
        return None
    # Written at most once a minute, as a session's last_seen_at: a script's every request
    # would otherwise be a database write, and on SQLite writes queue behind one another.
    if row.last_used_at is None or now - as_utc(row.last_used_at) >= LAST_USED_RESOLUTION:
        row.last_used_at = now
    return row.user


@cache
def _token_by_digest() -> Select[ApiToken]:
    # Every API request runs this: built once (building an ORM statement costs about as much
    # as running it), and with the user in the same query (the lazy `row.user` would be a
    # second one).
    return (select(ApiToken).options(joinedload(ApiToken.user))
            .where(ApiToken.token_hash == bindparam("digest")))


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    return list(session.scalars(
        select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id)))


def revoke_token(session: Session, token_id: int, *, actor: User | None, now: dt.datetime,
                 owner_id: int | None = None) -> ApiToken:
    """Revoke one token. With `owner_id`, only a token of that user is found (people revoke
    their own tokens; admins and the CLI any)."""
    row = session.get(ApiToken, token_id)
    if row is None or (owner_id is not None and row.user_id != owner_id):
        raise TokenNotFoundError(f"no API token {token_id}")
    if row.revoked_at is None:
        row.revoked_at = now
        audit.record(session, actor_id=actor.id if actor else None, action="token.revoked",
                     entity_type="api_token", entity_id=row.id,
                     detail={"prefix": row.prefix, "user_id": row.user_id})
    return row


def revoke_user_tokens(session: Session, user_id: int, *, now: dt.datetime) -> int:
    result = session.execute(update(ApiToken)
                             .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
                             .values(revoked_at=now))
    return int(getattr(result, "rowcount", 0) or 0)
