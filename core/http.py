"""Shared FastAPI dependencies: the unit of work and the signed-in user.

The composition root puts the runtime objects on `app.state`; endpoints reach them only
through these functions, so every capability sees the same settings, database and queue.

Two ways to be signed in: an API token (`Authorization: Bearer`), or a browser session (the
cookie carries a session id that `core.sessions` looks up). A browser sends its cookie along
with any cross-site form, so the API takes the cookie for reading only: a write through the
API with nothing but the cookie also needs the session's CSRF token in `X-CSRF-Token`, which
another site cannot read or set.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated, cast

from fastapi import Depends, HTTPException, Request, status
from sqlalchemy.orm import Session

from core.clock import Clock
from core.db import Database
from core.filestore import FileStore
from core.jobs import JobQueue
from core.login_throttle import LoginThrottle
from core.models import Role, User
from core.sessions import session_user
from core.settings import Settings
from core.tokens import authenticate_token

SESSION_ID_KEY = "sid"
CSRF_SESSION_KEY = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def settings_of(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


def public_base_url(request: Request) -> str:
    """The address links on a page should start with: AVTALE_BASE_URL when an operator set it
    (behind a proxy only they know the public one), else the origin this request came to, so
    `avtale serve --port 8781` does not hand out links to port 8000."""
    settings = settings_of(request)
    if settings.base_url_configured:
        return settings.base_url.rstrip("/")
    return str(request.base_url).rstrip("/")


def database_of(request: Request) -> Database:
    return cast(Database, request.app.state.database)


def jobs_of(request: Request) -> JobQueue:
    return cast(JobQueue, request.app.state.jobs)


def files_of(request: Request) -> FileStore:
    return cast(FileStore, request.app.state.files)


def clock_of(request: Request) -> Clock:
    return cast(Clock, request.app.state.clock)


def login_throttle_of(request: Request) -> LoginThrottle:
    return cast(LoginThrottle, request.app.state.login_throttle)


def client_address(request: Request) -> str:
    # The peer as the server sees it; behind a reverse proxy run uvicorn with
    # --proxy-headers so this is the real client, not the proxy.
    return request.client.host if request.client else "unknown"


def session_id_of(request: Request) -> str | None:
    session_id = request.session.get(SESSION_ID_KEY) if "session" in request.scope else None
    return session_id if isinstance(session_id, str) and session_id else None


def unit_of_work(request: Request) -> Iterator[Session]:
    """One transaction per request, committed when the endpoint returns normally."""
    with database_of(request).session() as session:
        yield session


DbSession = Annotated[Session, Depends(unit_of_work)]


def _bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _user_from_request(request: Request, session: Session) -> tuple[User | None, bool]:
    """The signed-in user, and whether they came by the session cookie."""
    now = clock_of(request)()
    token = _bearer_token(request)
    if token is not None:
        return authenticate_token(session, token, now=now), False
    session_id = session_id_of(request)
    if session_id is None:
        return None, False
    return session_user(session, session_id, now=now), True


def has_csrf_header(request: Request) -> bool:
    expected = request.session.get(CSRF_SESSION_KEY) if "session" in request.scope else None
    sent = request.headers.get(CSRF_HEADER, "")
    return (isinstance(expected, str) and bool(expected) and bool(sent)
            and hmac.compare_digest(expected.encode(), sent.encode()))


def current_user(request: Request, session: DbSession) -> User:
    """The API's user: by token, or by session cookie for reads (and for writes that carry
    the session's CSRF token)."""
    return signed_in_user(request, session)


def signed_in_user(request: Request, session: Session) -> User:
    """`current_user` for an endpoint that opens its own unit of work: a busy read endpoint
    (search) does its lookup, its work and its commit in one trip to the threadpool instead
    of one per dependency."""
    user, by_cookie = _user_from_request(request, session)
    if user is None:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="sign in, or send an API token as 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if by_cookie and request.method not in SAFE_METHODS and not has_csrf_header(request):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"a write with the session cookie needs the {CSRF_HEADER} header; "
            "scripts and other clients should send 'Authorization: Bearer <token>'",
        )
    return user


def optional_user(request: Request, session: DbSession) -> User | None:
    """The user for pages: their POST routes check the form's CSRF token themselves."""
    return _user_from_request(request, session)[0]


CurrentUser = Annotated[User, Depends(current_user)]


def require_editor(user: CurrentUser) -> User:
    if user.role not in (Role.ADMIN, Role.EDITOR):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "editors and admins only")
    return user


EditorUser = Annotated[User, Depends(require_editor)]
