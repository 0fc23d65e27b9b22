"""Contract loyalty, leakage, purchase development and a contract's own spend, read from the
stored on-contract flag (joining contracts on the fly is what made the measured alternatives
slow) through the monthly rollup (core.spend_rollup: at 10 million lines SQLite took 3.8 s
over the lines themselves). Queries only; callers decide who may see what."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import ColumnElement, Subquery, case, func, literal, select
from sqlalchemy.orm import Session

from core.models import Category, Contract, SpendLine, Supplier
from core.spend_rollup import spend_source

LoyaltyBy = Literal["category", "supplier", "organisational_unit", "month", "quarter", "year"]
DevelopmentBy = Literal["category", "supplier", "contract"]
Period = Literal["month", "quarter", "year"]
NO_CATEGORY = "(no category)"
NO_UNIT = "(no unit)"
NO_DATE = "(no date)"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Window:
    """Lines dated from `start` to `end`, both included; None is unbounded. A bounded window
    leaves out lines without a date."""

    start: dt.date | None = None
    end: dt.date | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.start is not None:
            conditions.append(SpendLine.date >= self.start)
        if self.end is not None:
            conditions.append(SpendLine.date <= self.end)
        return conditions


@dataclass(frozen=True)
class LoyaltyRow:
    key: str
    total: Decimal
    on_contract: Decimal
    off_contract: Decimal
    share: float | None  # on-contract spend / total spend; None when the total is zero
    lines: int


@dataclass(frozen=True)
class LeakageRow:
    supplier: str
    supplier_id: int | None
    off_contract: Decimal
    lines: int
    reason: str  # "contract not in force" | "no contract"


@dataclass(frozen=True)
class DevelopmentRow:
    key: str
    period: str
    amount: Decimal
    change: Decimal | None  # from the previous period of the same key
    change_share: float | None


def _money(value: Any) -> Decimal:
    return Decimal(str(value or 0)).quantize(CENT)


def category_key(source: Subquery | None = None) -> ColumnElement[str]:
    text = SpendLine.category_text if source is None else source.c.category_text
    return func.coalesce(Category.name, text, literal(NO_CATEGORY))


def supplier_key(source: Subquery | None = None) -> ColumnElement[str]:
    return func.coalesce(Supplier.name,
                         SpendLine.supplier_name if source is None else source.c.supplier_name)


def period_of(month: str | None, period: Period) -> str:
    if month is None:
        return NO_DATE
    if period == "month":
        return month
    if period == "year":
        return month[:4]
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


def loyalty(session: Session, by: LoyaltyBy, window: Window = Window(),
            category: str | None = None) -> list[LoyaltyRow]:
    """On- and off-contract spend per category, supplier, organisational unit or period,
    optionally only in one category (by name, as `category_key` names it)."""
    spend = spend_source(window.start, window.end)
    on = func.sum(case((spend.c.on_contract.is_(True), spend.c.amount), else_=0))
    # Grouped by the line's own columns, names looked up afterwards: no join per line.
    keys: tuple[Any, ...]
    names: dict[Any, str] = {}
    if by == "category":
        keys = (spend.c.category_id, spend.c.category_text)
        names.update((row.id, row.name) for row in session.execute(
            select(Category.id, Category.name)))
    elif by == "supplier":
        keys = (spend.c.supplier_id, spend.c.supplier_name)
        names.update((row.id, row.name) for row in session.execute(
            select(Supplier.id, Supplier.name)))
    elif by == "organisational_unit":
        keys = (spend.c.organisational_unit,)
    else:
        keys = (spend.c.month,)
    query = select(*keys, func.sum(spend.c.amount), on, func.sum(spend.c.lines)).group_by(*keys)
    if category is not None:
        query = query.select_from(spend).outerjoin(
            Category, Category.id == spend.c.category_id).where(category_key(spend) == category)
    totals: dict[str, list[Any]] = defaultdict(lambda: [Decimal(0), Decimal(0), 0])
    for *values, total, on_contract, lines in session.execute(query):
        if by in ("category", "supplier"):
            found = names.get(values[0]) if values[0] is not None else None
            fallback = values[1] or ("" if by == "supplier" else NO_CATEGORY)
            name = found or fallback
        elif by == "organisational_unit":
            name = values[0] or NO_UNIT
        else:
            name = period_of(values[0], "month" if by == "month" else
                             "quarter" if by == "quarter" else "year")
        totals[name][0] += _money(total)
        totals[name][1] += _money(on_contract)
        totals[name][2] += int(lines)
    rows = [LoyaltyRow(key=name, total=total, on_contract=on_contract,
                       off_contract=total - on_contract,
                       share=float(on_contract / total) if total else None, lines=lines)
            for name, (total, on_contract, lines) in totals.items()]
    if by in ("month", "quarter", "year"):
        return sorted(rows, key=lambda row: row.key)
    return sorted(rows, key=lambda row: (-row.total, row.key))


def leakage(session: Session, *, window: Window = Window(), category: str | None = None,
            limit: int = 50, min_amount: Decimal = Decimal(0),
            any_category: bool = False) -> list[LeakageRow]:
    """Off-contract spend by supplier, largest first: in categories where the organisation
    does buy on contract (unless `any_category`), optionally in one category."""
    spend = spend_source(window.start, window.end)
    conditions: list[ColumnElement[bool]] = [spend.c.on_contract.is_(False)]
    if category is not None:
        conditions.append(category_key(spend) == category)
    elif not any_category:
        ever = spend_source()
        contracted = select(category_key(ever)).select_from(ever).outerjoin(
            Category, Category.id == ever.c.category_id).where(
            ever.c.on_contract.is_(True)).distinct()
        named = select(Category.name).join(Contract, Contract.category_id == Category.id)
        conditions.append(category_key(spend).in_(contracted.union(named).scalar_subquery()))
    with_contract = set(session.scalars(
        select(Contract.supplier_id).where(Contract.supplier_id.is_not(None)).distinct()))
    total = func.sum(spend.c.amount)
    query = (select(supplier_key(spend), spend.c.supplier_id, total, func.sum(spend.c.lines))
             .select_from(spend)
             .outerjoin(Category, Category.id == spend.c.category_id)
             .outerjoin(Supplier, Supplier.id == spend.c.supplier_id)
             .where(*conditions)
             .group_by(supplier_key(spend), spend.c.supplier_id)
             .having(total > min_amount).order_by(total.desc()).limit(limit))
    return [LeakageRow(supplier=name, supplier_id=supplier_id, off_contract=_money(amount),
                       lines=int(lines),
                       reason="contract not in force" if supplier_id in with_contract
                       else "no contract")
            for name, supplier_id, amount, lines in session.execute(query)]


def development(session: Session, by: DevelopmentBy, period: Period,
                window: Window = Window(),
                contract_ids: Iterable[int] | None = None,
                category: str | None = None) -> list[DevelopmentRow]:
    """Spend per key and period with the change from the key's previous period, optionally
    only in one category. For contracts, only those in `contract_ids` (the ones the reader
    may see)."""
    key: Any  # a column or an expression over columns
    spend = spend_source(window.start, window.end)
    conditions: list[ColumnElement[bool]] = [spend.c.month.is_not(None)]
    if category is not None:
        conditions.append(category_key(spend) == category)
    if by == "category":
        key = category_key(spend)
    elif by == "supplier":
        key = supplier_key(spend)
    else:
        key = spend.c.contract_id
        conditions.append(spend.c.contract_id.in_(list(contract_ids or [])))
    query = (select(key, Contract.title, spend.c.month, func.sum(spend.c.amount))
             .select_from(spend)
             .outerjoin(Category, Category.id == spend.c.category_id)
             .outerjoin(Supplier, Supplier.id == spend.c.supplier_id)
             .outerjoin(Contract, Contract.id == spend.c.contract_id)
             .where(*conditions).group_by(key, Contract.title, spend.c.month))
    amounts: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for value, title, month, amount in session.execute(query):
        name = f"{title} (#{value})" if by == "contract" else str(value)
        amounts[(name, period_of(month, period))] += _money(amount)
    rows: list[DevelopmentRow] = []
    previous: tuple[str, Decimal] | None = None
    for (name, when), amount in sorted(amounts.items()):
        change = amount - previous[1] if previous and previous[0] == name else None
        base = previous[1] if previous and previous[0] == name else None
        rows.append(DevelopmentRow(key=name, period=when, amount=amount, change=change,
                                   change_share=float(change / base)
                                   if change is not None and base else None))
        previous = (name, amount)
    return rows


@dataclass(frozen=True)
class ContractSpend:
    contract_id: int
    total: Decimal
    last_12_months: Decimal
    lines: int
    by_month: list[tuple[str, Decimal]]


def contract_spend(session: Session, contract_id: int, today: dt.date) -> ContractSpend:
    """The spend bought under one contract: in total, in the 12 months up to today, and by
    month."""
    since = _months_back(today, 12)
    by_month = [(month, _money(amount)) for month, amount in session.execute(
        select(SpendLine.month, func.sum(SpendLine.amount))
        .where(SpendLine.contract_id == contract_id)
        .group_by(SpendLine.month).order_by(SpendLine.month))]
    total, lines = session.execute(
        select(func.sum(SpendLine.amount), func.count())
        .where(SpendLine.contract_id == contract_id)).one()
    recent = session.scalar(select(func.sum(SpendLine.amount)).where(
        SpendLine.contract_id == contract_id, SpendLine.date > since,
        SpendLine.date <= today))
    return ContractSpend(contract_id=contract_id, total=_money(total),
                         last_12_months=_money(recent), lines=int(lines),
                         by_month=[(m or NO_DATE, a) for m, a in by_month])


def _months_back(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day where that day does not exist)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for candidate in range(day.day, 27, -1):
        try:
            return dt.date(year, month + 1, candidate)
        except ValueError:
            continue
    return dt.date(year, month + 1, min(day.day, 28))
