"""Users and their credentials: creation, password login, API tokens."""

from __future__ import annotations

import re
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.models import ApiToken, Role, User
from core.models.base import utcnow
from core.security import hash_password, new_api_token, token_digest, verify_password

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 10


class UserError(ValueError):
    """A user request that cannot be met; the message is safe to show."""


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    if not _EMAIL.match(email):
        raise UserError(f"not an e-mail address: {email!r}")
    return email


def create_user(
    session: Session,
    *,
    email: str,
    role: Role,
    password: str | None = None,
    name: str = "",
    actor_id: int | None = None,
) -> User:
    email = normalise_email(email)
    if session.scalar(select(User).where(User.email == email)) is not None:
        raise UserError(f"a user with e-mail {email} already exists")
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    user = User(
        email=email,
        name=name,
        role=role,
        password_hash=hash_password(password) if password else None,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor_id=actor_id, action="user.created", entity_type="user",
                 entity_id=user.id, detail={"email": email, "role": role.value})
    return user


def has_users(session: Session) -> bool:
    return session.scalar(select(User.id).limit(1)) is not None


def user_by_email(session: Session, email: str) -> User | None:
    try:
        email = normalise_email(email)
    except UserError:
        return None
    return session.scalar(select(User).where(User.email == email))


def authenticate_password(session: Session, email: str, password: str) -> User | None:
    user = user_by_email(session, email)
    if user is None or not user.active:
        # Spend the same time as a real check so timing does not reveal which e-mails exist.
        verify_password(password, _dummy_hash())
        return None
    return user if verify_password(password, user.password_hash) else None


def create_token(session: Session, user: User, name: str = "") -> str:
    """Create an API token for the user; returns the token, which is not stored."""
    token = new_api_token()
    session.add(ApiToken(user_id=user.id, token_hash=token_digest(token), prefix=token[:10],
                         name=name, created_at=utcnow()))
    audit.record(session, actor_id=user.id, action="token.created", entity_type="user",
                 entity_id=user.id, detail={"prefix": token[:10], "name": name})
    return token


def authenticate_token(session: Session, token: str) -> User | None:
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == token_digest(token)))
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    row.last_used_at = utcnow()
    return row.user


@cache
def _dummy_hash() -> str:
    return hash_password("not-a-real-password")
