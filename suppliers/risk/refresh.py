"""Refreshing suppliers' register data: one lookup per supplier, paced, with backoff.

A failed lookup keeps the last good figures and only records the error and when to try
again (doubling from `BACKOFF_START` up to `BACKOFF_MAX`, or the register's Retry-After);
a good one merges its years into those kept, since the open accounts API gives only the
newest year and "loss two years running" needs the one before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.clock import as_utc
from core.models import RiskThresholds, Supplier, SupplierRegisterRecord
from suppliers.reindex import reindex_contracts_of
from suppliers.risk.figures import RegisterAnswer, YearFigures
from suppliers.risk.indicators import LEVELS, assess
from suppliers.risk.port import CompanyNotFoundError, CompanyRegister, RegisterUnavailableError

REFRESH_EVERY = dt.timedelta(days=7)
BACKOFF_START = dt.timedelta(minutes=15)
BACKOFF_MAX = dt.timedelta(days=1)
YEARS_KEPT = 5


@dataclasses.dataclass(frozen=True)
class RefreshOutcome:
    supplier_id: int
    ok: bool
    risk_rose: bool = False
    new_flags: tuple[str, ...] = ()
    error: str | None = None


def answer_of(record: SupplierRegisterRecord) -> RegisterAnswer:
    """The kept register answer, as the indicators read it."""
    due = record.entity.get("next_accounts_due")
    return RegisterAnswer(
        identifier=record.identifier, name=str(record.entity.get("name", "")),
        status_flags=tuple(record.status_flags), facts=dict(record.entity),
        accounts=tuple(YearFigures.from_json(y) for y in record.accounts),
        next_accounts_due=dt.date.fromisoformat(due) if due else None)


def thresholds(session: Session) -> dict[str, float]:
    row = session.scalar(select(RiskThresholds).limit(1))
    return dict(row.values) if row is not None else {}


def refresh_supplier(session: Session, supplier: Supplier, register: CompanyRegister,
                     now: dt.datetime) -> RefreshOutcome:
    record = session.scalar(select(SupplierRegisterRecord).where(
        SupplierRegisterRecord.supplier_id == supplier.id,
        SupplierRegisterRecord.register == register.name))
    if record is None:
        record = SupplierRegisterRecord(supplier_id=supplier.id, register=register.name,
                                        identifier=supplier.org_number or "", entity={},
                                        status_flags=[], accounts=[], failures=0)
        session.add(record)
    try:
        answer = register.lookup(record.identifier)
    except (RegisterUnavailableError, CompanyNotFoundError) as error:
        record.failures += 1
        record.last_error = str(error)
        wait = min(BACKOFF_START * 2 ** (record.failures - 1), BACKOFF_MAX)
        hint = getattr(error, "retry_after", None)
        if hint:
            wait = max(wait, dt.timedelta(seconds=hint))
        record.next_attempt_at = now + wait
        session.flush()
        return RefreshOutcome(supplier.id, ok=False, error=str(error))

    before_level, before_flags = record.risk_level, set(record.status_flags)
    years = {y["year"]: y for y in record.accounts}
    years.update({y.year: y.to_json() for y in answer.accounts})
    record.accounts = [years[y] for y in sorted(years, reverse=True)[:YEARS_KEPT]]
    record.status_flags = list(answer.status_flags)
    record.entity = {**answer.facts, "name": answer.name,
                     "next_accounts_due": answer.next_accounts_due.isoformat()
                     if answer.next_accounts_due else None}
    record.fetched_at, record.failures, record.last_error = now, 0, None
    record.next_attempt_at = now + REFRESH_EVERY
    level = assess(answer_of(record), now.date(), thresholds(session)).level
    record.risk_level = level
    if level != before_level:
        reindex_contracts_of(session, supplier.id)  # their documents carry the level
    session.flush()
    rose = before_level is not None and LEVELS.index(level) > LEVELS.index(before_level)
    return RefreshOutcome(supplier.id, ok=True, risk_rose=rose,
                          new_flags=tuple(f for f in answer.status_flags
                                          if f not in before_flags))


def refresh_due(session: Session, register: CompanyRegister, now: dt.datetime, *,
                limit: int = 100, pause_seconds: float = 1.0,
                pause: Callable[[float], None] = time.sleep) -> list[RefreshOutcome]:
    """Look up to `limit` suppliers whose data is due (never fetched, or past their next
    attempt), one at a time with `pause_seconds` between lookups: the registers ask callers
    not to hammer them."""
    kept = select(SupplierRegisterRecord.supplier_id).where(
        SupplierRegisterRecord.register == register.name,
        SupplierRegisterRecord.next_attempt_at > now)
    suppliers = session.scalars(
        select(Supplier).where(Supplier.org_number.is_not(None),
                               Supplier.id.not_in(kept))
        .order_by(Supplier.id).limit(limit)).all()
    outcomes = []
    for index, supplier in enumerate(suppliers):
        if index:
            pause(pause_seconds)
        outcomes.append(refresh_supplier(session, supplier, register, as_utc(now)))
    return outcomes
