"""What falls due across the contracts someone may see: the Deadlines page's rows."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from contracts import repository as contract_repository
from core.models import Contract, User
from core.principals import principals_of_user
from watchers.evaluation_events import evaluation_events
from watchers.events import ContractEvent, events_of_contract

HORIZONS = (30, 90, 365)


@dataclasses.dataclass(frozen=True)
class Upcoming:
    contract: Contract
    event: ContractEvent


def upcoming_for(
    session: Session, user: User, today: dt.date, within_days: int,
    suppliers: list[str] | None = None, categories: list[str] | None = None,
) -> list[Upcoming]:
    """Every event from today to `within_days` ahead on the contracts `user` may see (not
    archived), nearest first; `suppliers` and `categories` narrow it by name and path."""
    horizon = today + dt.timedelta(days=within_days)
    contracts = session.scalars(
        select(Contract)
        .where(contract_repository.visible_clause(principals_of_user(user)),
               Contract.archived_at.is_(None), Contract.status != "expired")
        .options(selectinload(Contract.supplier), selectinload(Contract.category))
    ).all()
    found: list[Upcoming] = []
    for contract in contracts:
        if suppliers and (contract.supplier is None or contract.supplier.name not in suppliers):
            continue
        if categories and (contract.category is None or contract.category.path not in categories):
            continue
        found.extend(Upcoming(contract, event) for event in events_of_contract(contract)
                     if today <= event.on <= horizon)
        # An evaluation still owed is shown however overdue it is: the decision is ahead.
        found.extend(Upcoming(contract, event)
                     for event in evaluation_events(session, contract, today)
                     if event.on <= horizon)
    found.sort(key=lambda item: (item.event.on, item.contract.title.casefold()))
    return found
