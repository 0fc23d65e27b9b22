"""Refreshing suppliers' register data: one lookup per supplier, paced, with backoff.

A failed lookup keeps the last good figures and only records the error and when to try
again (doubling from `BACKOFF_START` up to `BACKOFF_MAX`, or the register's Retry-After);
a good one merges its years into those kept, since the open accounts API gives only the
newest year and "loss two years running" needs the one before.

A good answer whose level rose (low -> medium -> high) or that brings a severe status flag
the kept answer did not have is recorded as a `SupplierRiskChange`, the news the watchers'
pass alerts on. The kept level is the baseline: a refresh that finds the same level and
flags records nothing, and a first lookup (no baseline) only records its flags.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from core.clock import as_utc
from core.models import RiskThresholds, Supplier, SupplierRegisterRecord, SupplierRiskChange
from suppliers.org_numbers import NORWAY
from suppliers.reindex import reindex_contracts_of
from suppliers.risk.figures import RegisterAnswer, YearFigures
from suppliers.risk.indicators import SEVERE_FLAGS, assess
from suppliers.risk.port import CompanyNotFoundError, CompanyRegister, RegisterUnavailableError

REFRESH_EVERY = dt.timedelta(days=7)
BACKOFF_START = dt.timedelta(minutes=15)
BACKOFF_MAX = dt.timedelta(days=1)
YEARS_KEPT = 5
# The levels a rise is counted between: "unknown" to anything is first knowledge, not a rise.
RATED_LEVELS = ("low", "medium", "high")


@dataclasses.dataclass(frozen=True)
class RefreshOutcome:
    supplier_id: int
    ok: bool
    risk_rose: bool = False
    new_flags: tuple[str, ...] = ()
    error: str | None = None
    change_recorded: bool = False  # a SupplierRiskChange: alerts follow


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

    years = {y["year"]: y for y in record.accounts}
    years.update({y.year: y.to_json() for y in answer.accounts})
    record.accounts = [years[y] for y in sorted(years, reverse=True)[:YEARS_KEPT]]
    record.failures, record.last_error = 0, None
    record.next_attempt_at = now + REFRESH_EVERY
    return keep_answer(session, record, answer.status_flags, {
        **answer.facts, "name": answer.name,
        "next_accounts_due": answer.next_accounts_due.isoformat()
        if answer.next_accounts_due else None}, now)


def keep_answer(session: Session, record: SupplierRegisterRecord, flags: tuple[str, ...],
                entity: dict[str, Any], now: dt.datetime) -> RefreshOutcome:
    """Keep a good answer's flags and entity facts (the accounts are the caller's), assess
    the level anew and record the change it brings, if any."""
    before_level, before_flags = record.risk_level, set(record.status_flags)
    record.status_flags = list(flags)
    record.entity = entity
    record.fetched_at = now
    level = assess(answer_of(record), now.date(), thresholds(session)).level
    record.risk_level = level
    rose = rose_between(before_level, level)
    new_flags = tuple(f for f in flags if f not in before_flags)
    alerting = tuple(f for f in new_flags if f in SEVERE_FLAGS)
    changed = rose or bool(alerting)
    if changed:
        session.add(SupplierRiskChange(
            supplier_id=record.supplier_id, register=record.register,
            previous_level=before_level, level=level, new_flags=list(alerting),
            detected_at=now))
    if level != before_level:
        reindex_contracts_of(session, record.supplier_id)  # their documents carry the level
    session.flush()
    return RefreshOutcome(record.supplier_id, ok=True, risk_rose=rose, new_flags=new_flags,
                          change_recorded=changed)


def rose_between(before: str | None, after: str) -> bool:
    return (before in RATED_LEVELS and after in RATED_LEVELS
            and RATED_LEVELS.index(after) > RATED_LEVELS.index(before or ""))


def _registered_in(register: CompanyRegister) -> ColumnElement[bool]:
    """The suppliers this register knows: those of its country; a supplier without a
    country whose number is nine digits is Norwegian (how `org_numbers` stores it)."""
    if register.country == NORWAY:
        return or_(Supplier.country == NORWAY,
                   and_(Supplier.country.is_(None), func.length(Supplier.org_number) == 9))
    return Supplier.country == register.country


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
        select(Supplier).where(Supplier.org_number.is_not(None), _registered_in(register),
                               Supplier.id.not_in(kept))
        .order_by(Supplier.id).limit(limit)).all()
    outcomes = []
    for index, supplier in enumerate(suppliers):
        if index:
            pause(pause_seconds)
        outcomes.append(refresh_supplier(session, supplier, register, as_utc(now)))
    return outcomes
