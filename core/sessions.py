"""Browser sessions, kept in the database so that they end when someone says so.

The cookie holds only a random session id; the row behind it says whose session it is and
until when it holds. Signing out, changing the password and deactivation revoke rows, so a
copied cookie stops working at once instead of at the end of its signed lifetime.
"""

from __future__ import annotations

import datetime as dt
import secrets
from functools import cache

from sqlalchemy import Select, bindparam, delete, or_, select, update
from sqlalchemy.orm import Session, joinedload

from core.clock import as_utc
from core.models import User, UserSession
from core.security import token_digest

# last_seen_at is written at most this often, so that reading pages does not mean a database
# write per request.
LAST_SEEN_RESOLUTION = dt.timedelta(minutes=1)


def start_session(session: Session, user: User, *, now: dt.datetime,
                  lifetime: dt.timedelta) -> str:
    """Open a session for the user; returns the id to put in the cookie (stored hashed)."""
    # Rows of this user that can never be used again are dropped here, where we are writing
    # anyway, so the table does not grow with every sign-in.
    session.execute(delete(UserSession).where(
        UserSession.user_id == user.id,
        or_(UserSession.expires_at < now, UserSession.revoked_at.is_not(None)),
    ))
    session_id = secrets.token_urlsafe(32)
    session.add(UserSession(id_hash=token_digest(session_id), user_id=user.id, created_at=now,
                            last_seen_at=now, expires_at=now + lifetime))
    session.flush()
    return session_id


def session_user(session: Session, session_id: str, *, now: dt.datetime) -> User | None:
    """The user of a live session, or None when it is unknown, expired, revoked, or the user
    was deactivated."""
    row = session.scalar(_session_by_digest(), {"digest": token_digest(session_id)})
    if row is None or row.revoked_at is not None or as_utc(row.expires_at) <= now:
        return None
    if not row.user.active:
        return None
    if now - as_utc(row.last_seen_at) >= LAST_SEEN_RESOLUTION:
        row.last_seen_at = now
    return row.user


@cache
def _session_by_digest() -> Select[UserSession]:
    # Every page runs this: built once, with the user in the same query (as API tokens).
    return (select(UserSession).options(joinedload(UserSession.user))
            .where(UserSession.id_hash == bindparam("digest")))


def end_session(session: Session, session_id: str, *, now: dt.datetime) -> None:
    session.execute(update(UserSession)
                    .where(UserSession.id_hash == token_digest(session_id),
                           UserSession.revoked_at.is_(None))
                    .values(revoked_at=now))


def end_user_sessions(session: Session, user_id: int, *, now: dt.datetime) -> int:
    """Revoke every live session of the user; returns how many were ended."""
    result = session.execute(update(UserSession)
                             .where(UserSession.user_id == user_id,
                                    UserSession.revoked_at.is_(None),
                                    UserSession.expires_at > now)
                             .values(revoked_at=now))
    return int(getattr(result, "rowcount", 0) or 0)
