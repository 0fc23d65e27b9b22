"""HTTP API for spend reports: contract loyalty, leakage, purchase development, supplier
concentration, and a contract's own spend. Reports over suppliers and categories are
organisation data for everyone signed in; figures per contract only for contracts the
reader may see."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, status
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from contracts import repository as contract_repository
from contracts.service import ContractNotFoundError, visible_contract
from core.http import CurrentUser, DbSession, clock_of, settings_of
from core.ids import MAX_ID, PathId
from core.models import Contract, User
from core.principals import principals_of_user
from spend import concentration, prices, reports

router = APIRouter(tags=["spend"])

From = Annotated[dt.date | None, Query(alias="from", description="first day, included")]
To = Annotated[dt.date | None, Query(alias="to", description="last day, included")]


class LoyaltyOut(BaseModel):
    key: str
    total: Decimal
    on_contract: Decimal
    off_contract: Decimal
    share: float | None
    lines: int


class LeakageOut(BaseModel):
    supplier: str
    supplier_id: int | None
    off_contract: Decimal
    lines: int
    reason: str


class DevelopmentOut(BaseModel):
    key: str
    period: str
    amount: Decimal
    change: Decimal | None
    change_share: float | None


class MonthOut(BaseModel):
    month: str
    amount: Decimal


class ContractSpendOut(BaseModel):
    contract_id: int
    total: Decimal
    last_12_months: Decimal
    lines: int
    by_month: list[MonthOut]


def visible_contract_ids(session: Session, user: User) -> list[int]:
    clause = contract_repository.visible_clause(principals_of_user(user))
    return list(session.scalars(select(Contract.id).where(clause)))


@router.get("/spend/loyalty", response_model=list[LoyaltyOut])
def loyalty(_user: CurrentUser, session: DbSession, by: reports.LoyaltyBy = "category",
            start: From = None, end: To = None) -> list[LoyaltyOut]:
    """Contract loyalty: on-contract spend / total spend, per category, supplier,
    organisational unit, month, quarter or year."""
    rows = reports.loyalty(session, by, reports.Window(start, end))
    return [LoyaltyOut(**row.__dict__) for row in rows]


@router.get("/spend/leakage", response_model=list[LeakageOut])
def leakage(_user: CurrentUser, session: DbSession, start: From = None, end: To = None,
            category: str | None = None, limit: Annotated[int, Query(ge=1, le=1000)] = 50,
            min_amount: Decimal = Decimal(0), any_category: bool = False) -> list[LeakageOut]:
    """Off-contract spend by supplier, largest first, in categories bought on contract
    (`any_category=true`: everywhere, e.g. with `min_amount` for spend with no contract)."""
    rows = reports.leakage(session, window=reports.Window(start, end), category=category,
                           limit=limit, min_amount=min_amount, any_category=any_category)
    return [LeakageOut(**row.__dict__) for row in rows]


@router.get("/spend/development", response_model=list[DevelopmentOut])
def development(user: CurrentUser, session: DbSession,
                by: reports.DevelopmentBy = "supplier", period: reports.Period = "quarter",
                start: From = None, end: To = None) -> list[DevelopmentOut]:
    """Spend per supplier, category or contract by month, quarter or year, with the change
    from the previous period."""
    contract_ids = visible_contract_ids(session, user) if by == "contract" else None
    rows = reports.development(session, by, period, reports.Window(start, end), contract_ids)
    return [DevelopmentOut(**row.__dict__) for row in rows]


@router.get("/contracts/{contract_id}/spend", response_model=ContractSpendOut)
def contract_spend(contract_id: PathId, user: CurrentUser, session: DbSession,
                   request: Request) -> ContractSpendOut:
    """What was bought under this contract: total, last 12 months, by month."""
    try:
        visible_contract(session, user, contract_id)
    except ContractNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
    figures = reports.contract_spend(session, contract_id, clock_of(request)().date())
    return ContractSpendOut(
        contract_id=figures.contract_id, total=figures.total,
        last_12_months=figures.last_12_months, lines=figures.lines,
        by_month=[MonthOut(month=m, amount=a) for m, a in figures.by_month])


class PricePointOut(BaseModel):
    supplier: str
    item: str
    period: str
    average_unit_price: Decimal
    lowest: Decimal
    highest: Decimal
    lines: int


class PriceDeviationOut(BaseModel):
    line_id: int
    contract_id: int
    date: str | None
    item: str
    agreed_unit_price: Decimal
    paid_unit_price: Decimal
    quantity: Decimal
    overpaid: Decimal


class PriceComplianceOut(BaseModel):
    overpaid_total: Decimal
    lines: list[PriceDeviationOut]


@router.get("/spend/price-development", response_model=list[PricePointOut])
def price_development(_user: CurrentUser, session: DbSession,
                      period: reports.Period = "quarter", supplier: str | None = None,
                      start: From = None, end: To = None) -> list[PricePointOut]:
    """Unit prices paid per supplier and item over time."""
    points = prices.price_development(session, period=period, supplier=supplier,
                                      window=reports.Window(start, end))
    return [PricePointOut(**point.__dict__) for point in points]


@router.get("/spend/price-compliance", response_model=PriceComplianceOut)
def price_compliance(user: CurrentUser, session: DbSession,
                     contract_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
                     start: From = None, end: To = None) -> PriceComplianceOut:
    """Lines that paid more than the contract's price list, and what that cost in total;
    only for contracts the reader may see."""
    visible = visible_contract_ids(session, user)
    chosen = [contract_id] if contract_id is not None and contract_id in visible else (
        [] if contract_id is not None else visible)
    found = prices.price_compliance(session, contract_ids=chosen,
                                    window=reports.Window(start, end))
    return PriceComplianceOut(overpaid_total=sum((d.overpaid for d in found), Decimal(0)),
                              lines=[PriceDeviationOut(**d.__dict__) for d in found])


class SupplierShareOut(BaseModel):
    supplier: str
    supplier_id: int | None
    amount: Decimal
    share: float
    concentrated: bool


class CategoryConcentrationOut(BaseModel):
    category: str
    total: Decimal
    concentrated: bool
    suppliers: list[SupplierShareOut]


class ConcentratedContractOut(BaseModel):
    contract_id: int
    title: str
    category: str
    supplier: str
    supplier_id: int
    share: float


class ConcentrationOut(BaseModel):
    since: dt.date
    until: dt.date
    threshold: float
    categories: list[CategoryConcentrationOut]
    contracts: list[ConcentratedContractOut]


@router.get("/suppliers/concentration", response_model=ConcentrationOut)
def supplier_concentration(
    user: CurrentUser, session: DbSession, request: Request,
    threshold: Annotated[float | None, Query(gt=0, lt=1, description=(
        "flag a supplier above this share of a category; default "
        "AVTALE_CONCENTRATION_THRESHOLD"))] = None,
) -> ConcentrationOut:
    """Each supplier's share of its category's spend over the last 12 months (after the
    `since` day, up to `until`), the most concentrated categories first, and the contracts
    the reader may see whose supplier holds more than the threshold of their category."""
    found = concentration.concentration_for(
        session, user, clock_of(request)().date(),
        threshold if threshold is not None else settings_of(request).concentration_threshold)
    return ConcentrationOut(
        since=found.since, until=found.until, threshold=found.threshold,
        categories=[CategoryConcentrationOut(
            category=c.category, total=c.total, concentrated=c.concentrated,
            suppliers=[SupplierShareOut(**s.__dict__) for s in c.suppliers])
            for c in found.categories],
        contracts=[ConcentratedContractOut(**c.__dict__) for c in found.contracts])
