"""Users: creation, password login, password changes and deactivation."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.i18n import N_, Message, MessageError
from core.models import Role, User
from core.security import hash_password, verify_password
from core.sessions import end_user_sessions
from core.tokens import revoke_user_tokens

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD_LENGTH = 10


class UserError(MessageError):
    """A user request that cannot be met; the message is safe to show, and pages show it in
    the reader's language."""


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    if not _EMAIL.match(email):
        raise UserError(Message(N_("not an e-mail address: %(email)s"), {"email": repr(email)}))
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
        raise UserError(Message(N_("a user with e-mail %(email)s already exists"),
                                {"email": email}))
    if password is not None:
        _check_new_password(password)
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


LANGUAGES = ("en", "nb")


def set_language(session: Session, user: User, language: str | None) -> None:
    """The person's language for pages and e-mails; None = the organisation's default."""
    if language is not None and language not in LANGUAGES:
        raise UserError(Message(N_("unknown language %(language)s: choose one of %(choices)s"),
                                {"language": repr(language), "choices": ", ".join(LANGUAGES)}))
    user.language = language
    session.flush()


def change_password(session: Session, user: User, new_password: str, *,
                    now: dt.datetime) -> int:
    """Set a new password and end every session of the user (whoever knew the old password
    may be signed in somewhere); returns how many sessions were ended. API tokens are
    separate credentials and stay, listed and revocable on their own."""
    _check_new_password(new_password)
    user.password_hash = hash_password(new_password)
    ended = end_user_sessions(session, user.id, now=now)
    audit.record(session, actor_id=user.id, action="user.password_changed",
                 entity_type="user", entity_id=user.id, detail={"sessions_ended": ended})
    return ended


def set_active(session: Session, user: User, active: bool, *, actor: User | None,
               now: dt.datetime) -> None:
    """Deactivate (or reactivate) a user. Deactivation ends their sessions and revokes their
    tokens at once, so reactivating later does not bring old credentials back."""
    if not active and actor is not None and actor.id == user.id:
        raise UserError(N_("you cannot deactivate yourself; ask another admin"))
    if user.active == active:
        return
    user.active = active
    detail: dict[str, int] = {}
    if not active:
        detail["sessions_ended"] = end_user_sessions(session, user.id, now=now)
        detail["tokens_revoked"] = revoke_user_tokens(session, user.id, now=now)
    audit.record(session, actor_id=actor.id if actor else None,
                 action="user.activated" if active else "user.deactivated",
                 entity_type="user", entity_id=user.id, detail=detail)


def set_role(session: Session, user: User, role: Role, *, actor: User) -> None:
    """Change a user's role (audited). An admin cannot demote themselves, so the last admin
    can never lock everyone out of administration."""
    if user.id == actor.id and role is not Role.ADMIN:
        raise UserError(N_("you cannot take away your own admin role; ask another admin"))
    if user.role is role:
        return
    audit.record(session, actor_id=actor.id, action="user.role_changed", entity_type="user",
                 entity_id=user.id, detail={"from": user.role.value, "to": role.value})
    user.role = role


def _check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(Message(N_("the password must have at least %(count)s characters"),
                                {"count": MIN_PASSWORD_LENGTH}))


@cache
def _dummy_hash() -> str:
    return hash_password("not-a-real-password")
