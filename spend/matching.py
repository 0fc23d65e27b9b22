"""Matching spend lines to suppliers, categories and contracts, set-wise: one update per
known org number, name or contract, not one per line, so a full rematch of millions of lines
stays a matter of seconds. The caller owns the transaction."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, func, or_, select, true, update
from sqlalchemy.orm import Session

from core.models import (
    Category,
    Contract,
    SpendLine,
    Supplier,
    SupplierAlias,
    SupplierSuggestion,
)
from spend import rollup
from spend.index_updates import reindexing_changed_contracts
from suppliers.fuzzy import FuzzyNames
from suppliers.names import normalise_name

# Public spend files replace private persons' names with a marker; such lines belong to no
# supplier and must stay visibly unmatched rather than be guessed.
_REDACTED = re.compile(r"(?i)^\W*redacted\b")

ORG_NUMBER = "org_number"
ALIAS = "alias"
NAME = "name"
FUZZY = "fuzzy"
REDACTED = "redacted"
NO_NAME = "no_name"
UNMATCHED = "unmatched"


@dataclass
class MatchSummary:
    lines: int = 0
    by_supplier_match: dict[str, int] = field(default_factory=dict)
    with_category: int = 0
    on_contract: int = 0


def rematch(session: Session, import_id: int | None = None, *,
            in_rollup: bool = True) -> MatchSummary:
    """Match the lines of one import, or all lines when `import_id` is None. `in_rollup`
    False: the import's lines are not summed into the rollup yet (see import_file)."""
    if import_id is None:
        return _rematch_all(session)
    return rematch_where(session, SpendLine.import_id == import_id, in_rollup=in_rollup)


def _rematch_all(session: Session) -> MatchSummary:
    """Every line: the rollup is built again once rather than taken out and put back."""
    _match(session, true())
    rollup.rebuild(session)
    return summarise(session, true())


def rematch_spelling(session: Session, spelling: str) -> MatchSummary:
    """Match again the lines that spell their supplier this way (after a person confirmed
    which supplier it is)."""
    return rematch_where(session, SpendLine.supplier_name == spelling)


def rematch_where(session: Session, scope: ColumnElement[bool], *,
                  in_rollup: bool = True) -> MatchSummary:
    """`scope` must select the same lines before and after matching (it may not name what
    matching sets), so the rollup gets back what was taken out."""
    months = rollup.take_out(session, scope) if in_rollup else set()
    with reindexing_changed_contracts(session, scope):
        _match(session, scope)
    months |= rollup.put_in(session, scope)
    rollup.compact(session, months)
    return summarise(session, scope)


def _match(session: Session, scope: ColumnElement[bool]) -> None:
    session.execute(update(SpendLine).where(scope).values(
        supplier_id=None, supplier_match=None, category_id=None, contract_id=None,
        on_contract=False))
    _match_suppliers(session, scope)
    _match_categories(session, scope)
    _match_contracts(session, scope)


def _match_suppliers(session: Session, scope: ColumnElement[bool]) -> None:
    unmatched = and_(scope, SpendLine.supplier_id.is_(None))
    for supplier_id, org_number in session.execute(
            select(Supplier.id, Supplier.org_number).where(Supplier.org_number.is_not(None))):
        session.execute(update(SpendLine).where(
            unmatched, or_(SpendLine.supplier_org_number == org_number,
                           SpendLine.supplier_ref == org_number),
        ).values(supplier_id=supplier_id, supplier_match=ORG_NUMBER))
    aliases = {normalised: supplier_id for normalised, supplier_id in session.execute(
        select(SupplierAlias.normalized, SupplierAlias.supplier_id))}
    names: dict[str, int] = {}
    for supplier_id, name in session.execute(select(Supplier.id, Supplier.name)):
        names.setdefault(normalise_name(name), supplier_id)
    spelled = session.scalars(select(SpendLine.supplier_name).where(unmatched).distinct()).all()
    for spelling in spelled:
        if not spelling.strip() or _REDACTED.match(spelling):
            continue
        normalised = normalise_name(spelling)
        if normalised in aliases:
            supplier_id, how = aliases[normalised], ALIAS
        elif normalised in names:
            supplier_id, how = names[normalised], NAME
        else:
            continue
        session.execute(update(SpendLine).where(unmatched, SpendLine.supplier_name == spelling)
                        .values(supplier_id=supplier_id, supplier_match=how))
    _match_fuzzy(session, unmatched, [s for s in spelled
                                       if s.strip() and not _REDACTED.match(s)])
    for spelling in spelled:
        if _REDACTED.match(spelling):
            how = REDACTED
        elif not spelling.strip():
            how = NO_NAME
        else:
            continue
        session.execute(update(SpendLine).where(unmatched, SpendLine.supplier_name == spelling)
                        .values(supplier_match=how))
    session.execute(update(SpendLine).where(unmatched, SpendLine.supplier_match.is_(None))
                    .values(supplier_match=UNMATCHED))


def _match_fuzzy(session: Session, unmatched: ColumnElement[bool], spelled: list[str]) -> None:
    """Spellings still unmatched: a clear fuzzy winner is linked, a doubtful one is left
    unmatched with a suggestion for a person (see suppliers.fuzzy)."""
    matched = set(session.scalars(select(SpendLine.supplier_name).distinct().where(
        SpendLine.supplier_name.in_(spelled), SpendLine.supplier_id.is_not(None))))
    remaining = [s for s in spelled if s not in matched]
    if not remaining:
        return
    known = list(session.execute(select(Supplier.id, Supplier.name)))
    known += list(session.execute(select(SupplierAlias.supplier_id, SupplierAlias.alias)))
    names = FuzzyNames((int(i), str(n)) for i, n in known)
    suggested = {s.spelling: s for s in session.scalars(
        select(SupplierSuggestion).where(SupplierSuggestion.spelling.in_(remaining)))}
    for spelling in remaining:
        found = names.match(spelling)
        if found is None:
            continue
        if found.accepted:
            session.execute(update(SpendLine).where(unmatched,
                                                    SpendLine.supplier_name == spelling)
                            .values(supplier_id=found.supplier_id, supplier_match=FUZZY))
            continue
        suggestion = suggested.get(spelling)
        if suggestion is None:
            session.add(SupplierSuggestion(spelling=spelling, supplier_id=found.supplier_id,
                                           score=found.score, ambiguous=found.ambiguous))
        elif not suggestion.rejected:
            suggestion.supplier_id = found.supplier_id
            suggestion.score, suggestion.ambiguous = found.score, found.ambiguous
    session.flush()


def _match_categories(session: Session, scope: ColumnElement[bool]) -> None:
    """By the category text (a category's name or path), then by account (a category's
    code)."""
    by_name: dict[str, int] = {}
    by_code: dict[str, int] = {}
    for category in session.scalars(select(Category)):
        by_name.setdefault(_category_key(category.name), category.id)
        by_name.setdefault(_category_key(category.path), category.id)
        if category.code:
            by_code.setdefault(category.code.strip().lower(), category.id)
    if not by_name:
        return
    unmatched = and_(scope, SpendLine.category_id.is_(None))
    for text in session.scalars(select(SpendLine.category_text).distinct()
                                .where(unmatched, SpendLine.category_text.is_not(None))).all():
        category_id = by_name.get(_category_key(text or ""))
        if category_id is not None:
            session.execute(update(SpendLine).where(unmatched, SpendLine.category_text == text)
                            .values(category_id=category_id))
    for account in session.scalars(select(SpendLine.account).distinct()
                                   .where(unmatched, SpendLine.account.is_not(None))).all():
        category_id = by_code.get((account or "").strip().lower())
        if category_id is not None:
            session.execute(update(SpendLine).where(unmatched, SpendLine.account == account)
                            .values(category_id=category_id))


def _category_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower().replace("&", " and ")).split())


@dataclass(frozen=True)
class Term:
    """The days a contract is in force; None on a side means unbounded."""

    starts: dt.date | None
    ends: dt.date | None


def term_of(contract: Contract) -> Term:
    """From the stored deadline-engine results: the start, and the day it ends if nobody
    acts. A contract that renews without end, or that nothing dates, is open on that side."""
    starts = contract.effective_date or contract.signed_date
    ends = contract.ends_on
    if ends is None and not (contract.perpetual or contract.auto_renewal):
        ends = contract.current_term_end or contract.end_date
    return Term(starts, ends)


def _match_contracts(session: Session, scope: ColumnElement[bool]) -> None:
    contracts = session.scalars(
        select(Contract).where(Contract.supplier_id.is_not(None), Contract.archived_at.is_(None))
        # The latest contract wins where two overlap: it is the one being bought under.
        .order_by(Contract.effective_date.desc().nulls_last(), Contract.id.desc())).all()
    for contract in contracts:
        term = term_of(contract)
        conditions: list[ColumnElement[bool]] = [
            scope, SpendLine.contract_id.is_(None), SpendLine.date.is_not(None),
            SpendLine.supplier_id == contract.supplier_id]
        if term.starts is not None:
            conditions.append(SpendLine.date >= term.starts)
        if term.ends is not None:
            conditions.append(SpendLine.date <= term.ends)
        if contract.category_id is not None:
            # A contract that names its category covers that category only; a line of
            # unknown category is given the benefit of the doubt.
            conditions.append(or_(SpendLine.category_id == contract.category_id,
                                  SpendLine.category_id.is_(None)))
        session.execute(update(SpendLine).where(*conditions)
                        .values(contract_id=contract.id, on_contract=True))


def summarise(session: Session, scope: ColumnElement[bool]) -> MatchSummary:
    summary = MatchSummary()
    for how, count in session.execute(select(SpendLine.supplier_match, func.count())
                                      .where(scope).group_by(SpendLine.supplier_match)):
        summary.by_supplier_match[how or UNMATCHED] = int(count)
        summary.lines += int(count)
    summary.with_category = int(session.scalar(select(func.count()).where(
        scope, SpendLine.category_id.is_not(None))) or 0)
    summary.on_contract = int(session.scalar(select(func.count()).where(
        scope, SpendLine.on_contract.is_(True))) or 0)
    return summary
