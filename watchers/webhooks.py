"""A user's webhooks: where alerts on the "webhook" channel are POSTed, each signed with
the webhook's own secret (shown once, when the webhook is made)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import User, Webhook
from watchers.errors import InputError, NotFoundError
from watchers.webhook_guard import ForbiddenTargetError, Resolver, checked_address, system_resolver


def webhooks_of(session: Session, user: User) -> Sequence[Webhook]:
    return session.scalars(
        select(Webhook).where(Webhook.user_id == user.id).order_by(Webhook.id)
    ).all()


def create_webhook(
    session: Session, user: User, url: str, *, allow_private: bool = False,
    resolve: Resolver = system_resolver,
) -> Webhook:
    """Refuses URLs that lead to the service's own surroundings (see webhook_guard)."""
    try:
        checked_address(url, allow_private=allow_private, resolve=resolve)
    except ForbiddenTargetError as error:
        raise InputError(str(error)) from error
    hook = Webhook(user_id=user.id, url=url, secret=secrets.token_urlsafe(32), active=True)
    session.add(hook)
    session.flush()
    return hook


def webhook_of(session: Session, user: User, webhook_id: int) -> Webhook:
    hook = session.get(Webhook, webhook_id)
    if hook is None or hook.user_id != user.id:
        raise NotFoundError(f"webhook {webhook_id} not found")
    return hook


def delete_webhook(session: Session, hook: Webhook) -> None:
    """Pending deliveries to it are withdrawn when next tried (see watchers.delivery)."""
    session.delete(hook)
    session.flush()
