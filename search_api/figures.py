"""The figures a contract's index document carries besides its own fields: its spend, its
supplier's risk level and its supplier's last evaluation score, read in bulk for a batch of
contracts (a handful of queries per batch, none per contract).

Spend is counted in the 12 months up to the newest spend line in the database, not up to
today: spend files arrive weeks or months after the fact, and a window sliding with the
calendar would change the figures (and make every document look stale to `index check`)
every day without anything having been imported. The newest line moves only with an
import, which re-indexes the contracts with spend (spend.index_updates).

Contract loyalty is left out on purpose: a line counts towards a contract only when it is on
contract (spend.matching sets both together), so per contract it would always be 100%.
Loyalty is a figure of a category, supplier or unit (spend.reports), not of one contract.

The evaluation score is the one suppliers.evaluations.scoring computes (mean per criterion,
then weighted by the criteria's weights, criteria nobody scored left out), repeated here in
SQL because search sits below suppliers. Only evaluations every viewer of the contract may
see count: those of the supplier alone and those made for this very contract, never one
made for another contract of the supplier (its viewers may differ).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from core.models import (
    Contract,
    Evaluation,
    EvaluationCriterion,
    EvaluationScore,
    SpendLine,
    SupplierRegisterRecord,
)
from search_api.port import RISK_LEVELS, RiskLevel

# Worst first: a supplier known to two registers is as risky as the worse answer.
_RISK_ORDER: tuple[RiskLevel, ...] = ("high", "medium", "low")
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class ContractFigures:
    spend_12m: float | None = None
    spend_total: float | None = None
    spend_trend: float | None = None
    supplier_risk: RiskLevel = "unknown"
    evaluation_score: float | None = None


NO_FIGURES = ContractFigures()


def contract_figures(session: Session, contracts: Sequence[Contract]) -> dict[int, ContractFigures]:
    """Figures by contract id; a contract with none of them is left out (`NO_FIGURES`)."""
    if not contracts:
        return {}
    spend = _spend(session, [c.id for c in contracts])
    supplier_ids = sorted({c.supplier_id for c in contracts if c.supplier_id is not None})
    risks = _risk_levels(session, supplier_ids)
    scores = _evaluation_scores(session, contracts, supplier_ids)
    found: dict[int, ContractFigures] = {}
    for contract in contracts:
        figures = spend.get(contract.id, {})
        risk = risks.get(contract.supplier_id, "unknown") if contract.supplier_id else "unknown"
        score = scores.get(contract.id)
        if figures or risk != "unknown" or score is not None:
            found[contract.id] = ContractFigures(
                spend_12m=figures.get("spend_12m"), spend_total=figures.get("spend_total"),
                spend_trend=figures.get("spend_trend"), supplier_risk=risk,
                evaluation_score=score,
            )
    return found


def newest_spend_date(session: Session) -> dt.date | None:
    return session.scalar(select(func.max(SpendLine.date)))


def months_back(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day where that day does not exist)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for candidate in range(day.day, 27, -1):
        try:
            return dt.date(year, month + 1, candidate)
        except ValueError:
            continue
    return dt.date(year, month + 1, min(day.day, 28))


def _spend(session: Session, contract_ids: list[int]) -> dict[int, dict[str, float | None]]:
    newest = newest_spend_date(session)
    if newest is None:
        return {}
    year_ago, two_years_ago = months_back(newest, 12), months_back(newest, 24)
    recent = func.sum(case((SpendLine.date > year_ago, SpendLine.amount), else_=0))
    before = func.sum(case(
        (SpendLine.date > two_years_ago, case((SpendLine.date <= year_ago, SpendLine.amount),
                                              else_=0)),
        else_=0))
    rows = session.execute(
        select(SpendLine.contract_id, func.sum(SpendLine.amount), recent, before)
        .where(SpendLine.contract_id.in_(contract_ids))
        .group_by(SpendLine.contract_id)
    )
    found: dict[int, dict[str, float | None]] = {}
    for contract_id, total, last_12, previous_12 in rows:
        last, previous = _money(last_12), _money(previous_12)
        found[int(contract_id)] = {
            "spend_total": float(_money(total)),
            "spend_12m": float(last),
            # Against a year of credits or nothing, a change as a fraction means nothing.
            "spend_trend": round(float((last - previous) / previous), 4) if previous > 0
            else None,
        }
    return found


def _risk_levels(session: Session, supplier_ids: list[int]) -> dict[int, RiskLevel]:
    if not supplier_ids:
        return {}
    levels: dict[int, set[str]] = defaultdict(set)
    for supplier_id, level in session.execute(
        select(SupplierRegisterRecord.supplier_id, SupplierRegisterRecord.risk_level)
        .where(SupplierRegisterRecord.supplier_id.in_(supplier_ids),
               # Never answered: the level stored is no assessment (as the risk page shows).
               SupplierRegisterRecord.fetched_at.is_not(None))
    ):
        if level in RISK_LEVELS:
            levels[int(supplier_id)].add(str(level))
    return {
        supplier_id: next((lvl for lvl in _RISK_ORDER if lvl in found), "unknown")
        for supplier_id, found in levels.items()
    }


def _evaluation_scores(
    session: Session, contracts: Sequence[Contract], supplier_ids: list[int]
) -> dict[int, float]:
    if not supplier_ids:
        return {}
    contract_ids = [c.id for c in contracts]
    evaluations = session.execute(
        select(Evaluation.id, Evaluation.supplier_id, Evaluation.contract_id)
        .where(Evaluation.supplier_id.in_(supplier_ids),
               or_(Evaluation.contract_id.is_(None), Evaluation.contract_id.in_(contract_ids)))
        # Newest first, so the first scored one found per contract is its last evaluation.
        .order_by(Evaluation.evaluated_on.desc(), Evaluation.id.desc())
    ).all()
    overall = _overall_scores(session, [row[0] for row in evaluations])
    found: dict[int, float] = {}
    for contract in contracts:
        for evaluation_id, supplier_id, for_contract in evaluations:
            if supplier_id != contract.supplier_id or for_contract not in (None, contract.id):
                continue
            score = overall.get(evaluation_id)
            if score is not None:
                found[contract.id] = score
                break
    return found


def _overall_scores(session: Session, evaluation_ids: list[int]) -> dict[int, float]:
    if not evaluation_ids:
        return {}
    means = (
        select(EvaluationScore.evaluation_id, EvaluationScore.criterion_id,
               func.avg(EvaluationScore.score).label("mean"))
        .where(EvaluationScore.evaluation_id.in_(evaluation_ids))
        .group_by(EvaluationScore.evaluation_id, EvaluationScore.criterion_id)
        .subquery()
    )
    weighed: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for evaluation_id, mean, weight in session.execute(
        select(means.c.evaluation_id, means.c.mean, EvaluationCriterion.weight)
        .join(EvaluationCriterion, EvaluationCriterion.id == means.c.criterion_id)
        .where(EvaluationCriterion.weight > 0)
        .order_by(means.c.evaluation_id, EvaluationCriterion.position, EvaluationCriterion.id)
    ):
        weighed[int(evaluation_id)].append((float(mean), float(weight)))
    found: dict[int, float] = {}
    for evaluation_id, pairs in weighed.items():
        total_weight = sum(weight for _, weight in pairs)
        if total_weight:
            found[evaluation_id] = round(
                sum(mean * weight for mean, weight in pairs) / total_weight, 2)
    return found


def _money(value: Any) -> Decimal:
    return Decimal(str(value or 0)).quantize(_CENT)
