"""Price development (unit prices paid over time per item and supplier) and price compliance
(lines on contract that paid more than the contract's price list says)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import Category, ContractPriceItem, SpendLine, Supplier
from spend.reports import Period, Window, category_key, period_of

CENT = Decimal("0.01")


def item_key(text: str | None) -> str:
    """Invoice texts and price-list items compare alike after case and punctuation."""
    return " ".join(re.sub(r"[^\w]+", " ", (text or "").lower()).split())


def paid_unit_price(line: SpendLine) -> Decimal | None:
    """The unit price as invoiced, else the amount over the quantity."""
    if line.unit_price is not None:
        return Decimal(line.unit_price)
    if line.quantity:
        return Decimal(line.amount) / Decimal(line.quantity)
    return None


@dataclass(frozen=True)
class PricePoint:
    supplier: str
    item: str
    period: str
    average_unit_price: Decimal
    lowest: Decimal
    highest: Decimal
    lines: int


def price_development(session: Session, *, period: Period = "quarter",
                      window: Window = Window(), supplier: str | None = None,
                      category: str | None = None) -> list[PricePoint]:
    """Unit prices paid per supplier, item and period; optionally for one supplier and one
    category (named as the reports name it)."""
    query = (select(SpendLine, Supplier.name).outerjoin(Supplier,
                                                        Supplier.id == SpendLine.supplier_id)
             .outerjoin(Category, Category.id == SpendLine.category_id)
             .where(SpendLine.month.is_not(None), SpendLine.description.is_not(None),
                    *window.conditions()))
    if category is not None:
        query = query.where(category_key() == category)
    prices: dict[tuple[str, str, str], list[Decimal]] = defaultdict(list)
    for line, supplier_name in session.execute(query):
        name = supplier_name or line.supplier_name
        if supplier is not None and name != supplier:
            continue
        price = paid_unit_price(line)
        if price is not None:
            prices[(name, item_key(line.description), period_of(line.month, period))].append(
                price)
    return [PricePoint(supplier=name, item=item, period=when,
                       average_unit_price=(sum(found, Decimal(0)) / len(found)).quantize(CENT),
                       lowest=min(found).quantize(CENT), highest=max(found).quantize(CENT),
                       lines=len(found))
            for (name, item, when), found in sorted(prices.items())]


@dataclass(frozen=True)
class PriceDeviation:
    line_id: int
    contract_id: int
    date: str | None
    item: str
    agreed_unit_price: Decimal
    paid_unit_price: Decimal
    quantity: Decimal
    overpaid: Decimal  # (paid - agreed) x quantity


def price_compliance(session: Session, *, contract_ids: Iterable[int],
                     window: Window = Window()) -> list[PriceDeviation]:
    """Lines bought under these contracts whose unit price is above the price list's for the
    same item, largest overpayment first."""
    ids = list(contract_ids)
    agreed: dict[tuple[int, str], Decimal] = {}
    for item in session.scalars(select(ContractPriceItem).where(
            ContractPriceItem.contract_id.in_(ids), ContractPriceItem.unit_price.is_not(None))):
        agreed.setdefault((item.contract_id, item_key(item.description)),
                          Decimal(item.unit_price or 0))
    if not agreed:
        return []
    deviations: list[PriceDeviation] = []
    for line in session.scalars(select(SpendLine).where(
            SpendLine.contract_id.in_(ids), SpendLine.description.is_not(None),
            *window.conditions())):
        assert line.contract_id is not None
        price_agreed = agreed.get((line.contract_id, item_key(line.description)))
        paid = paid_unit_price(line)
        if price_agreed is None or paid is None or paid <= price_agreed:
            continue
        quantity = Decimal(line.quantity) if line.quantity else Decimal(line.amount) / paid
        deviations.append(PriceDeviation(
            line_id=line.id, contract_id=line.contract_id,
            date=line.date.isoformat() if line.date else None, item=item_key(line.description),
            agreed_unit_price=price_agreed.quantize(CENT), paid_unit_price=paid.quantize(CENT),
            quantity=quantity, overpaid=((paid - price_agreed) * quantity).quantize(CENT)))
    return sorted(deviations, key=lambda d: (-d.overpaid, d.line_id))
