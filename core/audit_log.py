"""Reading the audit log: filtered, newest first, one page at a time."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from core.models import AuditEvent, User


@dataclasses.dataclass(frozen=True)
class AuditFilter:
    actor_email: str = ""
    action: str = ""  # a prefix: "contract." finds every contract event
    entity_type: str = ""
    entity_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None  # inclusive


def audit_page(session: Session, chosen: AuditFilter, page: int,
               page_size: int = 100) -> tuple[int, Sequence[tuple[AuditEvent, str | None]]]:
    conditions: list[ColumnElement[bool]] = []
    if chosen.actor_email:
        conditions.append(User.email == chosen.actor_email.strip().lower())
    if chosen.action:
        conditions.append(AuditEvent.action.startswith(chosen.action.strip(), autoescape=True))
    if chosen.entity_type:
        conditions.append(AuditEvent.entity_type == chosen.entity_type.strip())
    if chosen.entity_id is not None:
        conditions.append(AuditEvent.entity_id == chosen.entity_id)
    if chosen.since:
        conditions.append(AuditEvent.at >= dt.datetime.combine(chosen.since, dt.time(),
                                                               dt.UTC))
    if chosen.until:
        conditions.append(AuditEvent.at < dt.datetime.combine(
            chosen.until + dt.timedelta(days=1), dt.time(), dt.UTC))
    base = select(AuditEvent, User.email).outerjoin(User, User.id == AuditEvent.actor_id)
    base = base.where(*conditions)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.execute(
        base.order_by(AuditEvent.id.desc()).offset((page - 1) * page_size).limit(page_size)
    ).all()
    return int(total), [(event, email) for event, email in rows]
