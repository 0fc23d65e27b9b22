"""Concentration risk from spend: each supplier's share of its category's spend over the
last 12 months, the categories where one supplier holds more than a threshold, and the
contracts with such a supplier in such a category (what would be hit if it failed).

Category and supplier figures are organisation data, like the other spend reports; the
contracts are only those the caller passes as visible. Lines without a category are left
out (there is no category to be concentrated), and spend without a named supplier counts in
the category's total but is never a supplier's share.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from core.models import Category, Contract, SpendLine, Supplier, User
from core.principals import principals_of_user, visible_clause
from spend.reports import _money, _months_back, category_key


@dataclass(frozen=True)
class SupplierShare:
    supplier: str
    supplier_id: int | None
    amount: Decimal
    share: float  # of the category's spend
    concentrated: bool  # more than the threshold


@dataclass(frozen=True)
class CategoryConcentration:
    category: str
    total: Decimal
    suppliers: list[SupplierShare]  # largest first

    @property
    def largest(self) -> SupplierShare | None:
        return self.suppliers[0] if self.suppliers else None

    @property
    def concentrated(self) -> bool:
        return any(s.concentrated for s in self.suppliers)


@dataclass(frozen=True)
class ConcentratedContract:
    contract_id: int
    title: str
    category: str
    supplier: str
    supplier_id: int
    share: float


@dataclass(frozen=True)
class Concentration:
    since: dt.date  # excluded
    until: dt.date  # included
    threshold: float
    categories: list[CategoryConcentration]  # the most concentrated first
    contracts: list[ConcentratedContract]

    @property
    def first_day(self) -> dt.date:
        return self.since + dt.timedelta(days=1)


def concentration_for(session: Session, reader: User, today: dt.date, threshold: float
                      ) -> Concentration:
    """The report as `reader` may see it: every category, only their visible contracts."""
    visible = session.scalars(select(Contract.id).where(
        visible_clause(principals_of_user(reader))))
    return concentration(session, today, threshold, visible)


def concentration(session: Session, today: dt.date, threshold: float,
                  visible_contract_ids: Iterable[int]) -> Concentration:
    since = _months_back(today, 12)
    window = [SpendLine.date > since, SpendLine.date <= today]
    # Grouped by the columns themselves, named afterwards: PostgreSQL will not match a
    # grouped expression whose bound parameters differ from the selected one's.
    rows = session.execute(
        select(Category.name, SpendLine.category_text, SpendLine.supplier_id, Supplier.name,
               SpendLine.supplier_name, func.sum(SpendLine.amount))
        .select_from(SpendLine)
        .outerjoin(Category, Category.id == SpendLine.category_id)
        .outerjoin(Supplier, Supplier.id == SpendLine.supplier_id)
        .where(*window)
        .group_by(Category.name, SpendLine.category_text, SpendLine.supplier_id,
                  Supplier.name, SpendLine.supplier_name))
    amounts: dict[str, dict[tuple[int | None, str], Decimal]] = defaultdict(
        lambda: defaultdict(Decimal))
    for category, category_text, supplier_id, supplier, supplier_text, amount in rows:
        named = category or category_text
        if not named:
            continue
        amounts[named][(supplier_id, supplier or supplier_text or "")] += _money(amount)

    categories = []
    for category, by_supplier in amounts.items():
        total = sum(by_supplier.values(), Decimal(0))
        shares = [SupplierShare(supplier=name, supplier_id=supplier_id, amount=amount,
                                share=float(amount / total) if total > 0 else 0.0,
                                concentrated=bool(name) and total > 0
                                and amount / total > Decimal(str(threshold)))
                  for (supplier_id, name), amount in by_supplier.items() if name]
        shares.sort(key=lambda s: (-s.amount, s.supplier))
        categories.append(CategoryConcentration(category, total, shares))
    categories.sort(key=lambda c: (-(c.largest.share if c.largest else 0), c.category))
    return Concentration(since=since, until=today, threshold=threshold,
                         categories=categories,
                         contracts=_contracts(session, categories, window,
                                              set(visible_contract_ids)))


def _contracts(session: Session, categories: list[CategoryConcentration],
               window: list[ColumnElement[bool]], visible: set[int]
               ) -> list[ConcentratedContract]:
    """Visible, unarchived contracts with a concentrated supplier in its category: the
    contract's own category, or spend in that category bought under it."""
    found: dict[tuple[int, str], ConcentratedContract] = {}
    for row in categories:
        for share in row.suppliers:
            if not share.concentrated or share.supplier_id is None:
                continue
            bought_under = (select(SpendLine.contract_id)
                            .select_from(SpendLine)
                            .outerjoin(Category, Category.id == SpendLine.category_id)
                            .where(*window, SpendLine.supplier_id == share.supplier_id,
                                   SpendLine.contract_id.is_not(None),
                                   category_key() == row.category))
            in_category = (select(Contract.id).join(Category, Category.id == Contract.category_id)
                           .where(Category.name == row.category))
            contracts = session.execute(
                select(Contract.id, Contract.title).where(
                    Contract.supplier_id == share.supplier_id, Contract.archived_at.is_(None),
                    or_(Contract.id.in_(bought_under), Contract.id.in_(in_category)))
                .order_by(Contract.title, Contract.id))
            for contract_id, title in contracts:
                if contract_id in visible:
                    found[(contract_id, row.category)] = ConcentratedContract(
                        contract_id=contract_id, title=title, category=row.category,
                        supplier=share.supplier, supplier_id=share.supplier_id,
                        share=share.share)
    return sorted(found.values(), key=lambda c: (-c.share, c.category, c.title))
