"""The spend pages' tables, each built once from the report functions and then both shown
and exported, so an export holds exactly the rows the page shows. Loyalty, leakage and
prices per supplier are organisation data for everyone signed in; rows per contract only
for contracts the reader may see (as the JSON endpoints in spend/report_endpoints.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Literal
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import QueryParams

from core.models import Category, Contract, SpendLine, User
from spend import prices, reports
from spend.concentration import Concentration
from spend.report_endpoints import visible_contract_ids
from web.i18n import N_

Cell = str | int | float | Decimal | None
# "date": an ISO day, shown the reader's way (01.03.2026 in Norwegian), exported as it is;
# "period": a month (2025-12) or quarter (2025-Q4) alike ("des. 2025").
Kind = Literal["text", "money", "share", "change", "count", "quantity", "reason", "flag",
               "date", "period"]
BY_TITLES: dict[reports.DevelopmentBy, str] = {
    "contract": N_("Contract"), "supplier": N_("Supplier"), "category": N_("Category")}
PERIOD_TITLES: dict[reports.Period, str] = {
    "month": N_("Month"), "quarter": N_("Quarter"), "year": N_("Year")}
LEAKAGE_ROWS = 25
CONCENTRATION_ROWS = 25
_CONTRACT_KEY = re.compile(r"\(#(\d+)\)$")  # reports.development names contracts "title (#id)"


@dataclasses.dataclass(frozen=True)
class Column:
    title: str  # an English msgid: the page shows it translated, an export as it is
    kind: Kind = "text"


@dataclasses.dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    link: str | None = None  # where the first cell leads


@dataclasses.dataclass(frozen=True)
class SpendTable:
    name: str  # what its export is called: /spend/export/{name}.csv
    columns: tuple[Column, ...]
    rows: list[Row]


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None


@dataclasses.dataclass(frozen=True)
class SpendFilter:
    """The spend pages' URL parameters; a page and its exports read the same ones."""

    category: str | None = None
    by: reports.DevelopmentBy = "supplier"
    period: reports.Period = "quarter"
    key: str | None = None  # one contract, supplier or category in the development
    supplier: str | None = None  # price development for one supplier
    start: dt.date | None = None
    end: dt.date | None = None

    @classmethod
    def of(cls, params: QueryParams) -> SpendFilter:
        def text(name: str) -> str | None:
            return params.get(name, "").strip()[:200] or None

        by, period = params.get("by", ""), params.get("period", "")
        return cls(category=text("category"),
                   by=next((b for b in BY_TITLES if b == by), "supplier"),
                   period=next((p for p in PERIOD_TITLES if p == period), "quarter"),
                   key=text("key"), supplier=text("supplier"),
                   start=_date(params.get("from")), end=_date(params.get("to")))

    @property
    def window(self) -> reports.Window:
        return reports.Window(self.start, self.end)

    def query(self, **changes: str | None) -> str:
        """This filter as a query string, with `changes` ('' or None drops a parameter)."""
        values: dict[str, str | None] = {
            "category": self.category, "by": self.by, "period": self.period, "key": self.key,
            "supplier": self.supplier, "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None, **changes}
        return urlencode({k: v for k, v in values.items() if v})


def loyalty_by_category(session: Session, chosen: SpendFilter) -> SpendTable:
    rows = [r for r in reports.loyalty(session, "category", chosen.window)
            if chosen.category is None or r.key == chosen.category]
    return SpendTable("loyalty-by-category", (
        Column(N_("Category")), Column(N_("Total"), "money"), Column(N_("On contract"), "money"),
        Column(N_("Off contract"), "money"), Column(N_("Loyalty"), "share"),
        Column(N_("Lines"), "count")), [
        Row((r.key, r.total, r.on_contract, r.off_contract, r.share, r.lines),
            link="/spend?" + chosen.query(category=r.key)) for r in rows])


def loyalty_by_quarter(session: Session, chosen: SpendFilter) -> SpendTable:
    return SpendTable("loyalty-by-quarter", (
        Column(N_("Quarter"), "period"), Column(N_("Total"), "money"),
        Column(N_("On contract"), "money"), Column(N_("Loyalty"), "share")), [
        Row((r.key, r.total, r.on_contract, r.share))
        for r in reports.loyalty(session, "quarter", chosen.window, chosen.category)])


def leakage(session: Session, chosen: SpendFilter) -> SpendTable:
    return SpendTable("leakage", (
        Column(N_("Supplier")), Column(N_("Off-contract spend"), "money"),
        Column(N_("Lines"), "count"), Column(N_("Why"), "reason")), [
        Row((r.supplier, r.off_contract, r.lines, r.reason),
            link=f"/suppliers/{r.supplier_id}" if r.supplier_id else None)
        for r in reports.leakage(session, window=chosen.window, category=chosen.category,
                                 limit=LEAKAGE_ROWS)])


def development(session: Session, user: User, chosen: SpendFilter) -> SpendTable:
    """Spend per contract, supplier or category and period with the change from the period
    before; contracts only those the reader may see."""
    ids = visible_contract_ids(session, user) if chosen.by == "contract" else None
    found = reports.development(session, chosen.by, chosen.period, chosen.window, ids,
                                category=chosen.category)
    if chosen.key is not None:
        found = [r for r in found if r.key == chosen.key]
    rows = []
    for r in found:
        contract = _CONTRACT_KEY.search(r.key) if chosen.by == "contract" else None
        rows.append(Row((r.key, r.period, r.amount, r.change, r.change_share),
                        link=f"/contracts/{contract.group(1)}" if contract else
                        "/spend/development?" + chosen.query(key=r.key)))
    return SpendTable("development", (
        Column(BY_TITLES[chosen.by]), Column(N_("Period"), "period"), Column(N_("Amount"), "money"),
        Column(N_("Change"), "money"), Column(N_("Relative change"), "change")), rows)


def price_development(session: Session, chosen: SpendFilter) -> SpendTable:
    points = prices.price_development(session, period=chosen.period, window=chosen.window,
                                      supplier=chosen.supplier, category=chosen.category)
    return SpendTable("price-development", (
        Column(N_("Supplier")), Column(N_("Item")), Column(N_("Period"), "period"),
        Column(N_("Average unit price"), "money"), Column(N_("Lowest"), "money"),
        Column(N_("Highest"), "money"), Column(N_("Lines"), "count")), [
        Row((p.supplier, p.item, p.period, p.average_unit_price, p.lowest, p.highest, p.lines),
            link="/spend/prices?" + chosen.query(supplier=p.supplier)) for p in points])


def _line_categories(session: Session, line_ids: Iterable[int]) -> dict[int, str]:
    """Each line's category as the reports name it."""
    query = (select(SpendLine.id, reports.category_key()).select_from(SpendLine)
             .outerjoin(Category, Category.id == SpendLine.category_id)
             .where(SpendLine.id.in_(list(line_ids))))
    return {line_id: name for line_id, name in session.execute(query)}


def price_compliance(session: Session, user: User, chosen: SpendFilter) -> SpendTable:
    """Lines bought under contracts the reader may see that paid more than the price list,
    largest overpayment first; in one category when one is chosen."""
    ids = visible_contract_ids(session, user)
    found = prices.price_compliance(session, contract_ids=ids, window=chosen.window)
    if chosen.category is not None:
        categories = _line_categories(session, (d.line_id for d in found))
        found = [d for d in found if categories.get(d.line_id) == chosen.category]
    titles: dict[int, str] = {contract_id: title for contract_id, title in session.execute(
        select(Contract.id, Contract.title).where(
            Contract.id.in_({d.contract_id for d in found})))}
    return SpendTable("price-compliance", (
        Column(N_("Contract")), Column(N_("Date"), "date"), Column(N_("Item")),
        Column(N_("Agreed unit price"), "money"), Column(N_("Paid unit price"), "money"),
        Column(N_("Quantity"), "quantity"), Column(N_("Above per unit"), "money"),
        Column(N_("Paid above"), "money")), [
        Row((titles.get(d.contract_id, f"#{d.contract_id}"), d.date, d.item,
             d.agreed_unit_price, d.paid_unit_price, d.quantity,
             d.paid_unit_price - d.agreed_unit_price, d.overpaid),
            link=f"/contracts/{d.contract_id}") for d in found])


def paid_above(table: SpendTable) -> Decimal:
    """What paying above the agreed prices cost, over the price-compliance table's rows."""
    return sum((row.cells[-1] for row in table.rows if isinstance(row.cells[-1], Decimal)),
               Decimal(0))


def contract_spend(session: Session, contract_id: int, today: dt.date) -> SpendTable:
    """A contract's spend by month, newest first; the caller has checked the reader may see
    the contract."""
    figures = reports.contract_spend(session, contract_id, today)
    return SpendTable("contract-spend", (
        Column(N_("Month"), "period"), Column(N_("Amount"), "money")), [
        Row((month, amount)) for month, amount in reversed(figures.by_month)])


def concentration_categories(found: Concentration, chosen: SpendFilter) -> SpendTable:
    """Each category's largest supplier, the most concentrated first."""
    shown = [c for c in found.categories
             if chosen.category is None or c.category == chosen.category][:CONCENTRATION_ROWS]
    return SpendTable("concentration-categories", (
        Column(N_("Category")), Column(N_("Largest supplier")), Column(N_("Share"), "share"),
        Column(N_("Category spend"), "money"), Column(N_("Concentration risk"), "flag")), [
        Row((c.category, c.largest.supplier if c.largest else "",
             c.largest.share if c.largest else None, c.total,
             N_("concentrated") if c.concentrated else None)) for c in shown])


def concentration_contracts(found: Concentration, chosen: SpendFilter) -> SpendTable:
    """Contracts (those the reader may see: `found` is theirs) whose supplier holds more than
    the threshold of a category."""
    return SpendTable("concentration-contracts", (
        Column(N_("Contract")), Column(N_("Supplier")), Column(N_("Category")),
        Column(N_("Share"), "share")), [
        Row((c.title, c.supplier, c.category, c.share), link=f"/contracts/{c.contract_id}")
        for c in found.contracts if chosen.category is None or c.category == chosen.category])


CONCENTRATION_EXPORTS: dict[str, Callable[[Concentration, SpendFilter], SpendTable]] = {
    "concentration-categories": concentration_categories,
    "concentration-contracts": concentration_contracts,
}
# The tables an export may ask for by name, built from the same query as the page.
Builder = Callable[[Session, User, SpendFilter], SpendTable]
EXPORTS: dict[str, Builder] = {
    "loyalty-by-category": lambda session, _user, chosen: loyalty_by_category(session, chosen),
    "loyalty-by-quarter": lambda session, _user, chosen: loyalty_by_quarter(session, chosen),
    "leakage": lambda session, _user, chosen: leakage(session, chosen),
    "development": development,
    "price-development": lambda session, _user, chosen: price_development(session, chosen),
    "price-compliance": price_compliance,
}
