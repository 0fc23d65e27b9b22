"""A contract as its page shows the watching of it: upcoming events, who watches, and the
viewer's own watch with its lead times."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.models import Contract, User, Watch
from core.models.watchers import DEFAULT_LEAD_DAYS
from core.principals import may_see
from watchers import repository
from watchers.events import ContractEvent, events_of_contract


@dataclasses.dataclass(frozen=True)
class ContractWatching:
    upcoming: list[ContractEvent]
    # Who follows the contract: only people who may see it themselves, so a name never
    # tells a viewer more about a restricted contract than its own access list would.
    watchers: list[str]
    mine: Watch | None
    lead_days: list[int]  # the viewer's watch's, or their default ones


def contract_watching(
    session: Session, viewer: User, contract: Contract, today: dt.date
) -> ContractWatching:
    watches = session.scalars(
        select(Watch).where(Watch.contract_id == contract.id, Watch.active.is_(True))
        .options(selectinload(Watch.user))
    ).all()
    names = sorted({w.user.name or w.user.email for w in watches
                    if w.user.active and may_see(w.user, contract)}, key=str.casefold)
    mine = repository.watch_on_contract(session, viewer.id, contract.id)
    preferences = repository.preferences_of(session, viewer.id)
    default = list(preferences.lead_days) if preferences and preferences.lead_days \
        else list(DEFAULT_LEAD_DAYS)
    lead_days = list(mine.lead_days) if mine is not None and mine.lead_days else default
    return ContractWatching(
        upcoming=[e for e in events_of_contract(contract) if e.on >= today],
        watchers=names, mine=mine if mine is not None and mine.active else None,
        lead_days=lead_days,
    )
