"""HTTP API for API tokens: create (optionally expiring), list and revoke my tokens."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, HTTPException, Request, Response, status
from pydantic import BaseModel, Field

from core.clock import as_utc
from core.http import CurrentUser, DbSession, clock_of
from core.ids import PathId
from core.models import ApiToken, Role
from core.text import StorableText
from core.tokens import TokenNotFoundError, issue_token, revoke_token, tokens_of

router = APIRouter(prefix="/tokens", tags=["tokens"])
MAX_EXPIRES_DAYS = 3650


class TokenCreate(StorableText):
    name: str = Field(default="", max_length=200)
    expires_days: int | None = Field(default=None, ge=1, le=MAX_EXPIRES_DAYS,
                                     description="days until it stops working; none = never")


class TokenInfo(BaseModel):
    id: int
    prefix: str = Field(description="the token's first characters, to tell tokens apart")
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None


class NewToken(TokenInfo):
    token: str = Field(description="shown only now; store it safely")


def _info(row: ApiToken) -> TokenInfo:
    def utc(moment: dt.datetime | None) -> dt.datetime | None:
        return as_utc(moment) if moment is not None else None

    return TokenInfo(id=row.id, prefix=row.prefix, name=row.name,
                     created_at=as_utc(row.created_at), last_used_at=utc(row.last_used_at),
                     expires_at=utc(row.expires_at), revoked_at=utc(row.revoked_at))


@router.post("", status_code=status.HTTP_201_CREATED, response_model=NewToken)
def new_token(body: TokenCreate, user: CurrentUser, session: DbSession,
              request: Request) -> NewToken:
    now = clock_of(request)()
    expires_at = now + dt.timedelta(days=body.expires_days) if body.expires_days else None
    row, token = issue_token(session, user, body.name, expires_at=expires_at, now=now)
    session.commit()
    return NewToken(**_info(row).model_dump(), token=token)


@router.get("", response_model=list[TokenInfo])
def my_tokens(user: CurrentUser, session: DbSession) -> list[TokenInfo]:
    return [_info(row) for row in tokens_of(session, user.id)]


@router.delete("/{token_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke(token_id: PathId, user: CurrentUser, session: DbSession, request: Request) -> Response:
    """Revoke one of my tokens (admins: any token); it is refused from now on."""
    owner_id = None if user.role is Role.ADMIN else user.id
    try:
        revoke_token(session, token_id, actor=user, now=clock_of(request)(), owner_id=owner_id)
    except TokenNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
