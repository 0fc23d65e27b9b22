"""Shared FastAPI dependencies: the unit of work and the signed-in user.

The composition root puts the runtime objects on `app.state`; endpoints reach them only
through these functions, so every capability sees the same settings, database and queue.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, cast

from fastapi import Depends, HTTPException, Request, status
from sqlalchemy.orm import Session

from core.db import Database
from core.filestore import FileStore
from core.jobs import JobQueue
from core.models import Role, User
from core.settings import Settings
from core.users import authenticate_token

SESSION_USER_KEY = "user_id"


def settings_of(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


def database_of(request: Request) -> Database:
    return cast(Database, request.app.state.database)


def jobs_of(request: Request) -> JobQueue:
    return cast(JobQueue, request.app.state.jobs)


def files_of(request: Request) -> FileStore:
    return cast(FileStore, request.app.state.files)


def unit_of_work(request: Request) -> Iterator[Session]:
    """One transaction per request, committed when the endpoint returns normally."""
    with database_of(request).session() as session:
        yield session


DbSession = Annotated[Session, Depends(unit_of_work)]


def _user_from_request(request: Request, session: Session) -> User | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token:
        return authenticate_token(session, token.strip())
    user_id = request.session.get(SESSION_USER_KEY) if "session" in request.scope else None
    if isinstance(user_id, int):
        user = session.get(User, user_id)
        if user is not None and user.active:
            return user
    return None


def current_user(request: Request, session: DbSession) -> User:
    user = _user_from_request(request, session)
    if user is None:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="sign in, or send an API token as 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user


def optional_user(request: Request, session: DbSession) -> User | None:
    return _user_from_request(request, session)


CurrentUser = Annotated[User, Depends(current_user)]


def require_editor(user: CurrentUser) -> User:
    if user.role not in (Role.ADMIN, Role.EDITOR):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "editors and admins only")
    return user


EditorUser = Annotated[User, Depends(require_editor)]
