"""A supplier's risk as shown: the kept register data, its indicators and level."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import RiskThresholds, SupplierRegisterRecord
from core.text import StorableText
from suppliers.risk.indicators import DEFAULT_THRESHOLDS, assess, thresholds_with
from suppliers.risk.refresh import answer_of, thresholds


class IndicatorOut(BaseModel):
    name: str
    value: float | bool | None
    year: int | None
    formula: str
    warning: bool


class RegisterRiskOut(BaseModel):
    # "register" in the JSON; not the attribute's name, which pydantic's BaseModel has.
    register_name: str = Field(serialization_alias="register")
    identifier: str
    level: str
    status_flags: list[str]
    facts: dict[str, Any]
    accounts: list[dict[str, Any]]
    indicators: list[IndicatorOut]
    fetched_at: dt.datetime | None
    last_error: str | None


class ThresholdsIn(StorableText):
    values: dict[str, float] = Field(max_length=len(DEFAULT_THRESHOLDS))


def supplier_risk(session: Session, supplier_id: int, today: dt.date) -> list[RegisterRiskOut]:
    limits = thresholds(session)
    shown = []
    for record in session.scalars(select(SupplierRegisterRecord).where(
            SupplierRegisterRecord.supplier_id == supplier_id)).all():
        assessment = assess(answer_of(record), today, limits)
        shown.append(RegisterRiskOut(
            register_name=record.register, identifier=record.identifier,
            level=assessment.level if record.fetched_at else "unknown",
            status_flags=list(record.status_flags), facts=dict(record.entity),
            accounts=list(record.accounts),
            indicators=[IndicatorOut(**i.__dict__) for i in assessment.indicators]
            if record.fetched_at else [],
            fetched_at=record.fetched_at, last_error=record.last_error))
    return shown


def current_thresholds(session: Session) -> dict[str, float]:
    return thresholds_with(thresholds(session))


def set_thresholds(session: Session, values: dict[str, float]) -> dict[str, float]:
    """Store an admin's thresholds; a name not among the documented ones is refused."""
    unknown = sorted(set(values) - set(DEFAULT_THRESHOLDS))
    if unknown:
        raise ValueError(f"unknown thresholds: {', '.join(unknown)}; "
                         f"known: {', '.join(DEFAULT_THRESHOLDS)}")
    row = session.scalar(select(RiskThresholds).limit(1))
    if row is None:
        row = RiskThresholds(values={})
        session.add(row)
    row.values = {**row.values, **values}
    session.flush()
    return thresholds_with(row.values)
