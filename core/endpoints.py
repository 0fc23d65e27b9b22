"""HTTP API for users: who am I, my password, users (admins only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from pydantic import BaseModel, Field
from sqlalchemy import select

from core.http import CurrentUser, DbSession, client_address, clock_of, login_throttle_of
from core.ids import PathId
from core.login import LoginThrottledError, check_current_password
from core.models import Role, User
from core.text import StorableText
from core.users import UserError, change_password, create_user, set_active

router = APIRouter(tags=["users"])


class UserOut(BaseModel):
    id: int
    email: str
    name: str
    role: Role
    active: bool


class UserCreate(StorableText):
    email: str = Field(max_length=320)
    role: Role = Role.VIEWER
    name: str = Field(default="", max_length=200)
    password: str | None = Field(default=None, max_length=1000)


class UserChange(BaseModel):
    active: bool | None = Field(
        default=None, description="false deactivates: their sessions and tokens end at once")


class PasswordChange(BaseModel):
    current_password: str = Field(max_length=1000)
    new_password: str = Field(max_length=1000)


def _out(user: User) -> UserOut:
    return UserOut(id=user.id, email=user.email, name=user.name, role=user.role,
                   active=user.active)


def require_admin(user: CurrentUser) -> User:
    if user.role is not Role.ADMIN:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admins only")
    return user


AdminUser = Annotated[User, Depends(require_admin)]


@router.get("/me", response_model=UserOut)
def me(user: CurrentUser) -> UserOut:
    return _out(user)


@router.post("/users/me/password", status_code=status.HTTP_204_NO_CONTENT,
             responses={403: {"description": "the current password is wrong"},
                        429: {"description": "too many wrong passwords; see Retry-After"}})
def new_password(body: PasswordChange, user: CurrentUser, session: DbSession,
                 request: Request) -> Response:
    """Change my password. Every browser session of mine ends; API tokens stay."""
    now = clock_of(request)()
    try:
        right = check_current_password(session, login_throttle_of(request), user,
                                       body.current_password, address=client_address(request),
                                       now=now)
    except LoginThrottledError as error:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, str(error),
                            headers={"Retry-After": str(error.retry_after)}) from error
    if not right:
        session.commit()  # the failure counts, and its audit entry stays
        raise HTTPException(status.HTTP_403_FORBIDDEN, "the current password is wrong")
    try:
        change_password(session, user, body.new_password, now=now)
    except UserError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/users", response_model=list[UserOut])
def list_users(_admin: AdminUser, session: DbSession) -> list[UserOut]:
    return [_out(u) for u in session.scalars(select(User).order_by(User.email))]


@router.post("/users", status_code=status.HTTP_201_CREATED, response_model=UserOut)
def add_user(body: UserCreate, admin: AdminUser, session: DbSession) -> UserOut:
    try:
        user = create_user(session, email=body.email, role=body.role, password=body.password,
                           name=body.name, actor_id=admin.id)
    except UserError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
    session.commit()
    return _out(user)


@router.patch("/users/{user_id}", response_model=UserOut)
def change_user(user_id: PathId, body: UserChange, admin: AdminUser, session: DbSession,
                request: Request) -> UserOut:
    user = session.get(User, user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no user {user_id}")
    if body.active is not None:
        try:
            set_active(session, user, body.active, actor=admin, now=clock_of(request)())
        except UserError as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
    session.commit()
    return _out(user)
