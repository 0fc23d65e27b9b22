"""The supplier list: every supplier with its active contracts, spend over the last 12 months,
risk level and last evaluation score, as someone with given principals may see them.

Suppliers are organisation data, so every supplier is listed; what is counted is not: a
contract the reader may not see is not in the contract count, its spend lines are not in the
spend, and an evaluation made for it is not the last score. Spend lines bought under no
contract are organisation data, as in the spend reports. A handful of grouped queries, not
one per supplier.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, selectinload

from core.models import (
    Contract,
    Evaluation,
    EvaluationScore,
    EvaluationTemplate,
    SpendLine,
    Supplier,
    SupplierRegisterRecord,
)
from core.principals import visible_clause
from core.spend_rollup import spend_source
from suppliers.evaluations.scoring import combine
from suppliers.risk.indicators import LEVELS, assess
from suppliers.risk.refresh import answer_of, thresholds

SortKey = Literal["name", "org_number", "country", "active_contracts", "spend", "risk",
                  "score"]
SORT_KEYS: tuple[SortKey, ...] = ("name", "org_number", "country", "active_contracts",
                                  "spend", "risk", "score")
# In force today: the deadline engine's statuses that are not over (or undated).
ACTIVE_STATUSES = ("active", "expiring")
CENT = Decimal("0.01")


@dataclasses.dataclass(frozen=True)
class SupplierRow:
    id: int
    name: str
    org_number: str | None
    country: str | None
    aliases: tuple[str, ...]
    active_contracts: int
    spend_12_months: Decimal
    risk_level: str  # one of suppliers.risk.indicators.LEVELS
    last_score: float | None  # the last scored evaluation, on its template's scale
    last_score_percent: float | None
    last_evaluated_on: dt.date | None


def twelve_months_before(day: dt.date) -> dt.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def spend_condition(principals: frozenset[str],
                    contract_id: ColumnElement[int | None] | None = None
                    ) -> ColumnElement[bool]:
    """Spend lines someone with these principals may count: under no contract, or under one
    they may see. `contract_id` is the column to test (default: the lines' own)."""
    column = SpendLine.contract_id if contract_id is None else contract_id
    return or_(column.is_(None), column.in_(
        select(Contract.id).where(visible_clause(principals))))


def supplier_rows(session: Session, principals: frozenset[str], today: dt.date, *,
                  text: str = "", risk: str = "", order: SortKey = "name",
                  descending: bool = False) -> list[SupplierRow]:
    """The suppliers matching `text` (in the name, another name or the org number) and
    `risk` (a level; empty = any), sorted by `order`; empty values sort last."""
    suppliers = session.scalars(
        select(Supplier).options(selectinload(Supplier.aliases))).all()
    wanted = text.strip().casefold()
    if wanted:
        suppliers = [s for s in suppliers if _matches(s, wanted)]
    contracts = _active_contracts(session, principals)
    spend = _spend(session, principals, today)
    levels = _risk_levels(session, today)
    scores = _last_scores(session, principals)
    rows = []
    for supplier in suppliers:
        score = scores.get(supplier.id)
        rows.append(SupplierRow(
            id=supplier.id, name=supplier.name, org_number=supplier.org_number,
            country=supplier.country,
            aliases=tuple(sorted(a.alias for a in supplier.aliases if a.alias != supplier.name)),
            active_contracts=contracts.get(supplier.id, 0),
            spend_12_months=spend.get(supplier.id, Decimal(0)).quantize(CENT),
            risk_level=levels.get(supplier.id, "unknown"),
            last_score=score[0] if score else None,
            last_score_percent=score[1] if score else None,
            last_evaluated_on=score[2] if score else None))
    if risk:
        rows = [row for row in rows if row.risk_level == risk]
    return sort_rows(rows, order, descending)


def sort_rows(rows: Sequence[SupplierRow], order: SortKey, descending: bool
              ) -> list[SupplierRow]:
    def key(row: SupplierRow) -> tuple[bool, object, str, int]:
        value: object
        if order == "name":
            value = row.name.casefold()
        elif order == "org_number":
            value = row.org_number
        elif order == "country":
            value = row.country
        elif order == "active_contracts":
            value = row.active_contracts
        elif order == "spend":
            value = row.spend_12_months
        elif order == "risk":
            value = LEVELS.index(row.risk_level) if row.risk_level != "unknown" else None
        else:
            value = row.last_score
        return (value is None, value if value is not None else 0, row.name.casefold(), row.id)

    present = sorted((r for r in rows if key(r)[0] is False), key=key, reverse=descending)
    missing = sorted((r for r in rows if key(r)[0] is True), key=key)
    return present + missing


def _matches(supplier: Supplier, wanted: str) -> bool:
    if wanted in supplier.name.casefold():
        return True
    if supplier.org_number and wanted.replace(" ", "") in supplier.org_number.casefold():
        return True
    return any(wanted in alias.alias.casefold() for alias in supplier.aliases)


def _active_contracts(session: Session, principals: frozenset[str]) -> dict[int, int]:
    query = (select(Contract.supplier_id, func.count())
             .where(Contract.supplier_id.is_not(None), Contract.archived_at.is_(None),
                    Contract.status.in_(ACTIVE_STATUSES), visible_clause(principals))
             .group_by(Contract.supplier_id))
    return {supplier_id: int(count) for supplier_id, count in session.execute(query)
            if supplier_id is not None}


def _spend(session: Session, principals: frozenset[str], today: dt.date) -> dict[int, Decimal]:
    # Through the monthly rollup: over the lines themselves this took 2.4-2.9 s at 500,000.
    spend = spend_source(twelve_months_before(today) + dt.timedelta(days=1), today)
    query = (select(spend.c.supplier_id, func.sum(spend.c.amount))
             .where(spend.c.supplier_id.is_not(None),
                    spend_condition(principals, spend.c.contract_id))
             .group_by(spend.c.supplier_id))
    return {supplier_id: Decimal(str(amount or 0))
            for supplier_id, amount in session.execute(query) if supplier_id is not None}


def _risk_levels(session: Session, today: dt.date) -> dict[int, str]:
    """The highest level any register gives the supplier, assessed as its page assesses it
    (suppliers/risk/view.py): today's thresholds over the kept register figures."""
    limits = thresholds(session)
    levels: dict[int, str] = {}
    for record in session.scalars(select(SupplierRegisterRecord).where(
            SupplierRegisterRecord.fetched_at.is_not(None))):
        level = assess(answer_of(record), today, limits).level
        if LEVELS.index(level) > LEVELS.index(levels.get(record.supplier_id, "unknown")):
            levels[record.supplier_id] = level
    return levels


def _last_scores(session: Session, principals: frozenset[str]
                 ) -> dict[int, tuple[float, float | None, dt.date]]:
    """Supplier -> (score, percent, day) of its latest evaluation that has scores."""
    visible = set(session.scalars(select(Contract.id).where(
        Contract.id.in_(select(Evaluation.contract_id)), visible_clause(principals))))
    evaluations = session.scalars(
        select(Evaluation).where(Evaluation.id.in_(select(EvaluationScore.evaluation_id)))
        .options(selectinload(Evaluation.scores),
                 selectinload(Evaluation.template).selectinload(EvaluationTemplate.criteria))
        .order_by(Evaluation.evaluated_on, Evaluation.id)).all()
    scores: dict[int, tuple[float, float | None, dt.date]] = {}
    for evaluation in evaluations:
        if evaluation.contract_id is not None and evaluation.contract_id not in visible:
            continue
        result = combine(evaluation)
        if result.overall is not None:
            scores[evaluation.supplier_id] = (result.overall, result.percent,
                                              evaluation.evaluated_on)
    return scores
