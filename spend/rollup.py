"""Keeping `spend_rollups` equal to the spend lines summed per month and report dimension
(see core.spend_rollup for how it is read). A change to some lines takes their sums out
before and puts them back after, set-wise in the database, so its cost follows the lines
changed, not the lines held; then the months it touched are compacted to one row per group.
Every write to spend lines goes through here: the importer, matching, re-mapping and the
supplier merge (which renames the supplier in both). No commits here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, delete, func, insert, literal, or_, select
from sqlalchemy.orm import Session

from core.models import SpendLine, SpendRollup
from core.spend_rollup import GROUPED, lock_for_writing

CENT = Decimal("0.01")
# Months compacted per statement: few enough to stay well inside any database's limit on
# bound parameters.
_MONTH_BATCH = 200


def take_out(session: Session, scope: ColumnElement[bool]) -> set[str | None]:
    """Take the lines in `scope` out of the rollup (before changing or deleting them);
    returns the months they fall in, for `compact`."""
    return _add(session, scope, -1)


def put_in(session: Session, scope: ColumnElement[bool]) -> set[str | None]:
    """Put the lines in `scope` into the rollup (after adding or changing them)."""
    return _add(session, scope, 1)


def _add(session: Session, scope: ColumnElement[bool], sign: int) -> set[str | None]:
    lock_for_writing(session)
    months = set(session.scalars(select(SpendLine.month).where(scope).distinct()))
    if not months:
        return months
    columns = [getattr(SpendLine, c) for c in GROUPED]
    summed = (select(*columns, func.sum(SpendLine.amount) * literal(sign),
                     func.count() * literal(sign))
              .where(scope).group_by(*columns))
    session.execute(insert(_table()).from_select([*GROUPED, "amount", "lines"], summed))
    return months


def compact(session: Session, months: Iterable[str | None]) -> None:
    """One row per group in these months, none for a group whose lines are gone."""
    lock_for_writing(session)
    chosen = sorted(months, key=lambda month: month or "")
    for begin in range(0, len(chosen), _MONTH_BATCH):
        batch = chosen[begin:begin + _MONTH_BATCH]
        named = [month for month in batch if month is not None]
        conditions: list[ColumnElement[bool]] = [SpendRollup.month.in_(named)]
        if None in batch:
            conditions.append(SpendRollup.month.is_(None))
        where = or_(*conditions)
        sums: dict[tuple[Any, ...], list[Any]] = defaultdict(lambda: [Decimal(0), 0])
        columns = [getattr(SpendRollup, c) for c in GROUPED]
        for *key, amount, lines in session.execute(
                select(*columns, func.sum(SpendRollup.amount), func.sum(SpendRollup.lines))
                .where(where).group_by(*columns)):
            sums[tuple(key)][0] += Decimal(str(amount or 0))
            sums[tuple(key)][1] += int(lines or 0)
        session.execute(delete(SpendRollup).where(where))
        rows = [{**dict(zip(GROUPED, key, strict=True)),
                 "amount": amount.quantize(CENT), "lines": lines}
                for key, (amount, lines) in sums.items() if lines]
        if rows:
            session.execute(insert(_table()), rows)


def rebuild(session: Session) -> None:
    """The rollup from scratch (after a full re-match, or lines written behind its back)."""
    lock_for_writing(session)
    session.execute(delete(SpendRollup))
    columns = [getattr(SpendLine, c) for c in GROUPED]
    session.execute(insert(_table()).from_select(
        [*GROUPED, "amount", "lines"],
        select(*columns, func.sum(SpendLine.amount), func.count()).group_by(*columns)))


def _table() -> Table:
    return cast(Table, SpendRollup.__table__)
