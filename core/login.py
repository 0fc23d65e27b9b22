"""Checking a password on someone's behalf, throttled, with repeated failures logged and
audited. Every path that takes a password (sign-in, changing one's password) goes here, so
none of them is an unthrottled way to guess."""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy.orm import Session

from core import audit
from core.login_throttle import Lockout, LoginThrottle
from core.models import User
from core.security import verify_password
from core.users import authenticate_password, user_by_email

log = logging.getLogger(__name__)


class LoginThrottledError(Exception):
    """Too many failed attempts; try again after `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed attempts; try again in {retry_after} seconds")
        self.retry_after = retry_after


def password_sign_in(session: Session, throttle: LoginThrottle, *, email: str, password: str,
                     address: str, now: dt.datetime) -> User | None:
    """The user whose e-mail and password these are, or None; raises LoginThrottledError
    (without looking at the password) while the account or the address is locked."""
    _refuse_while_locked(throttle, email, address, now)
    user = authenticate_password(session, email, password) if email and password else None
    if user is None:
        _count_failure(session, throttle, email, address, now)
        return None
    throttle.succeeded(email, address)
    return user


def check_current_password(session: Session, throttle: LoginThrottle, user: User,
                           password: str, *, address: str, now: dt.datetime) -> bool:
    """Whether `password` is the signed-in user's; guessing it counts like failed sign-ins,
    so a stolen session cannot be used to find the password."""
    _refuse_while_locked(throttle, user.email, address, now)
    if verify_password(password, user.password_hash):
        throttle.succeeded(user.email, address)
        return True
    _count_failure(session, throttle, user.email, address, now)
    return False


def _refuse_while_locked(throttle: LoginThrottle, email: str, address: str,
                         now: dt.datetime) -> None:
    wait = throttle.retry_after(email, address, now)
    if wait is not None:
        raise LoginThrottledError(wait)


def _count_failure(session: Session, throttle: LoginThrottle, email: str, address: str,
                   now: dt.datetime) -> None:
    for lockout in throttle.failed(email, address, now):
        _report(session, lockout, email, address)


def _report(session: Session, lockout: Lockout, email: str, address: str) -> None:
    log.warning("login throttled: %s %s locked for %d s after %d failed attempts",
                lockout.scope, lockout.subject, lockout.seconds, lockout.failures)
    user = user_by_email(session, email) if lockout.scope == "account" else None
    audit.record(session, actor_id=None, action="login.throttled",
                 entity_type="user" if lockout.scope == "account" else "address",
                 entity_id=user.id if user else None,
                 detail={"scope": lockout.scope, "email": email[:320], "address": address,
                         "failures": lockout.failures, "locked_seconds": lockout.seconds})
