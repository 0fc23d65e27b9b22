"""Contracts as table rows: the columns people sort, export and act on in bulk.

Rows come from the database (the source of truth) for ids the search port matched, and the
permission filter is applied again here, so a table or an export only ever holds contracts
the user may see now. Sorting happens here because it spans columns the index does not sort.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from contracts import repository
from contracts.stored_deadlines import contract_status
from core.models import Contract, User
from core.principals import principals_of_user
from search_api.figures import NO_FIGURES, ContractFigures, contract_figures

Column = Literal[
    "title", "supplier", "category", "status", "end_date", "notice_deadline", "value", "owner",
    "spend_12m", "supplier_risk", "evaluation_score",
]
COLUMNS: tuple[Column, ...] = (
    "title", "supplier", "category", "status", "end_date", "notice_deadline", "value", "owner",
    "spend_12m", "supplier_risk", "evaluation_score",
)
COLUMN_TITLES: dict[Column, str] = {
    "title": "Title", "supplier": "Supplier", "category": "Category", "status": "Status",
    "end_date": "Current term ends", "notice_deadline": "Notice deadline", "value": "Value",
    "owner": "Owner", "spend_12m": "Spend, last 12 months", "supplier_risk": "Supplier risk",
    "evaluation_score": "Last evaluation score",
}
# Risk sorts by how bad it is, not alphabetically; "unknown" is an empty cell.
_RISK_RANK = {"low": 0, "medium": 1, "high": 2}
# More rows than this is not a table anyone reads; exports say when they were cut.
MAX_ROWS = 50_000
_CHUNK = 900  # below SQLite's limit of bound parameters, with room for the permission filter


@dataclasses.dataclass(frozen=True)
class TableRow:
    id: int
    title: str
    supplier: str | None
    category: str | None
    status: str
    end_date: dt.date | None
    notice_deadline: dt.date | None
    value: Decimal | None
    currency: str | None
    owner: str | None
    archived: bool
    # The same figures the contract's index document carries (search_api.figures).
    spend_12m: float | None = None
    supplier_risk: str | None = None
    evaluation_score: float | None = None

    def cell(self, column: Column) -> Any:
        return getattr(self, column)


def table_rows(
    session: Session, user: User, contract_ids: Sequence[int], order: Column = "title",
    descending: bool = False,
) -> list[TableRow]:
    """The rows of these contracts that `user` may see, sorted by `order` (empty values
    last, whichever the direction), then by id."""
    visible = repository.visible_clause(principals_of_user(user))
    rows: list[TableRow] = []
    ids = list(dict.fromkeys(contract_ids))[:MAX_ROWS]
    for start in range(0, len(ids), _CHUNK):
        contracts = session.scalars(
            select(Contract)
            .where(Contract.id.in_(ids[start:start + _CHUNK]), visible)
            .options(selectinload(Contract.supplier), selectinload(Contract.category),
                     selectinload(Contract.owner))
        ).all()
        figures = contract_figures(session, contracts)
        rows.extend(_row(c, figures.get(c.id, NO_FIGURES)) for c in contracts)
    present = [r for r in rows if r.cell(order) is not None]
    empty = [r for r in rows if r.cell(order) is None]
    present.sort(key=lambda r: _key(order, r.cell(order)), reverse=descending)
    empty.sort(key=lambda r: r.id)
    return present + empty


def _key(column: Column, value: Any) -> Any:
    if column == "supplier_risk":
        return _RISK_RANK.get(value, -1)
    return value.casefold() if isinstance(value, str) else value


def _row(contract: Contract, figures: ContractFigures) -> TableRow:
    return TableRow(
        id=contract.id, title=contract.title,
        supplier=contract.supplier.name if contract.supplier else None,
        category=contract.category.path if contract.category else None,
        status=contract_status(contract), end_date=contract.current_term_end,
        notice_deadline=contract.notice_deadline, value=contract.value_amount,
        currency=contract.value_currency,
        owner=contract.owner.email if contract.owner else None,
        archived=contract.archived_at is not None,
        spend_12m=figures.spend_12m,
        supplier_risk=figures.supplier_risk if figures.supplier_risk != "unknown" else None,
        evaluation_score=figures.evaluation_score,
    )
