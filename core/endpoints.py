"""HTTP API for users and API tokens: who am I, tokens for myself, users (admins only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, Field
from sqlalchemy import select

from core.http import CurrentUser, DbSession
from core.models import Role, User
from core.text import StorableText
from core.users import UserError, create_token, create_user

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


class TokenCreate(StorableText):
    name: str = Field(default="", max_length=200)


class TokenOut(BaseModel):
    token: str = Field(description="shown only now; store it safely")


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


@router.post("/tokens", status_code=status.HTTP_201_CREATED, response_model=TokenOut)
def new_token(body: TokenCreate, user: CurrentUser, session: DbSession) -> TokenOut:
    token = create_token(session, user, body.name)
    session.commit()
    return TokenOut(token=token)


@router.get("/users", response_model=list[UserOut])
def list_users(_admin: AdminUser, session: DbSession) -> list[UserOut]:
    return [_out(u) for u in session.scalars(select(User).order_by(User.email))]


@router.post("/users", status_code=status.HTTP_201_CREATED, response_model=UserOut)
def add_user(body: UserCreate, admin: AdminUser, session: DbSession) -> UserOut:
    try:
        user = create_user(session, email=body.email, role=body.role, password=body.password,
                           name=body.name, actor_id=admin.id)
    except UserError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(error)) from error
    session.commit()
    return _out(user)
