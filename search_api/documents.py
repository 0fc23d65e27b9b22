"""Building the index document of a contract from the database (the source of truth)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.models import Contract, Document, DocumentPage
from core.principals import principals_of_contract
from search_api.figures import NO_FIGURES, ContractFigures, contract_figures
from search_api.port import CONTRACT_STATUSES, IndexedContract

# Bodies beyond this many characters add little to search and a lot to the index.
MAX_BODY_CHARS = 2_000_000


def indexed_contracts(session: Session, contract_ids: Sequence[int]) -> list[IndexedContract]:
    contracts = session.scalars(
        select(Contract)
        .where(Contract.id.in_(contract_ids))
        .options(
            selectinload(Contract.parties),
            selectinload(Contract.access),
            selectinload(Contract.supplier),
            selectinload(Contract.category),
        )
    ).all()
    bodies = _bodies(session, [c.id for c in contracts])
    figures = contract_figures(session, contracts)
    return [to_indexed(c, bodies.get(c.id, ""), figures.get(c.id, NO_FIGURES))
            for c in contracts]


def all_contract_ids(session: Session, batch: int = 500) -> Iterator[list[int]]:
    last = 0
    while True:
        ids = list(session.scalars(
            select(Contract.id).where(Contract.id > last).order_by(Contract.id).limit(batch)
        ))
        if not ids:
            return
        yield ids
        last = ids[-1]


def to_indexed(
    contract: Contract, body: str, figures: ContractFigures = NO_FIGURES
) -> IndexedContract:
    """Status and dates as the deadline engine stored them (see contracts.stored_deadlines);
    spend, supplier risk and evaluation score as `search_api.figures` read them."""
    return IndexedContract(
        contract_id=contract.id,
        title=contract.title,
        parties=[p.name for p in contract.parties],
        body=body[:MAX_BODY_CHARS],
        supplier=contract.supplier.name if contract.supplier else None,
        category=contract.category.path if contract.category else None,
        governing_law=contract.governing_law or None,
        status=contract.status if contract.status in CONTRACT_STATUSES else "unknown",
        end_date=contract.current_term_end,
        next_renewal_date=contract.next_renewal_date,
        notice_deadline=contract.notice_deadline,
        perpetual=contract.perpetual,
        archived=contract.archived_at is not None,
        value=float(contract.value_amount) if contract.value_amount is not None else None,
        currency=contract.value_currency,
        spend_12m=figures.spend_12m,
        spend_total=figures.spend_total,
        spend_trend=figures.spend_trend,
        supplier_risk=figures.supplier_risk,
        evaluation_score=figures.evaluation_score,
        principals=sorted(principals_of_contract(contract)),
    )


def _bodies(session: Session, contract_ids: Iterable[int]) -> dict[int, str]:
    rows = session.execute(
        select(Document.contract_id, DocumentPage.text)
        .join(DocumentPage, DocumentPage.document_id == Document.id)
        .where(Document.contract_id.in_(list(contract_ids)))
        .order_by(Document.contract_id, Document.id, DocumentPage.number)
    )
    bodies: dict[int, list[str]] = {}
    for contract_id, text in rows:
        if contract_id is not None:
            bodies.setdefault(contract_id, []).append(text)
    return {cid: "\n\n".join(pages) for cid, pages in bodies.items()}
