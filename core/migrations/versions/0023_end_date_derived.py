"""contracts: whether the end date was computed (start + term) and from what; the notice to
terminate for convenience; field values: what a computed suggestion was computed from

Revision ID: 0023_end_date_derived
Revises: 0022_spend_rollups
Create Date: 2026-12-03

Until now the deadline engine guessed that a stored end date equal to start + initial term
was derived. The mark replaces the guess, so the rows already stored are read once here:

- An end date is backfilled as derived only when the machine computed it and nobody has
  reviewed it since: its `field_values` row is still `SUGGESTED`, holds the contract's end
  date, and its evidence is exactly the start's evidence followed by the initial term's (what
  `contracts.derived` gives a computed end), and the end is start + term to the anniversary
  (the start being the effective date, else the signed date). The mark then holds those parts.
- Every other end date is stated, including one a person typed or accepted that happens to
  equal start + term: notice before it is now counted from the end itself, not the day
  before. So that no stored deadline keeps the old reading, every contract with an end date
  and an initial term has `deadlines_as_of` cleared, and the next daily pass recomputes it.
"""
import calendar
import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0023_end_date_derived"
down_revision: str | None = "0022_spend_rollups"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MONTHS = {"month": 1, "year": 12}
_DAYS = {"day": 1, "week": 7}


def upgrade() -> None:
    with op.batch_alter_table("contracts") as batch:
        batch.add_column(sa.Column("end_date_derived_from", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("termination_notice", sa.JSON(), nullable=True))
    with op.batch_alter_table("field_values") as batch:
        batch.add_column(sa.Column("derived_from", sa.JSON(), nullable=True))
    _backfill(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("field_values") as batch:
        batch.drop_column("derived_from")
    with op.batch_alter_table("contracts") as batch:
        batch.drop_column("termination_notice")
        batch.drop_column("end_date_derived_from")


def _backfill(connection: sa.Connection) -> None:
    contracts = sa.table(
        "contracts", sa.column("id", sa.Integer), sa.column("signed_date", sa.Date),
        sa.column("effective_date", sa.Date), sa.column("end_date", sa.Date),
        sa.column("initial_term", sa.JSON), sa.column("end_date_derived_from", sa.JSON),
        sa.column("deadlines_as_of", sa.Date),
    )
    values = sa.table(
        "field_values", sa.column("id", sa.Integer), sa.column("contract_id", sa.Integer),
        sa.column("field", sa.String), sa.column("value", sa.JSON),
        sa.column("evidence", sa.JSON), sa.column("review_state", sa.String),
        sa.column("derived_from", sa.JSON),
    )
    with_term = sa.and_(contracts.c.end_date.is_not(None), contracts.c.initial_term.is_not(None))
    rows = connection.execute(
        sa.select(contracts.c.id, contracts.c.signed_date, contracts.c.effective_date,
                  contracts.c.end_date, contracts.c.initial_term).where(with_term)
    ).all()
    for contract_id, signed, effective, end, term in rows:
        suggestions = {
            field: (row_id, value, evidence)
            for row_id, field, value, evidence in connection.execute(
                sa.select(values.c.id, values.c.field, values.c.value, values.c.evidence).where(
                    values.c.contract_id == contract_id,
                    values.c.field.in_(("end_date", "effective_date", "signed_date",
                                        "initial_term")),
                    values.c.review_state == "SUGGESTED",
                )
            )
        }
        derived_from = _derivation(suggestions, _date(signed), _date(effective), _date(end),
                                   _json(term))
        if derived_from is None:
            continue
        connection.execute(sa.update(contracts).where(contracts.c.id == contract_id)
                           .values(end_date_derived_from=derived_from))
        connection.execute(sa.update(values).where(values.c.id == suggestions["end_date"][0])
                           .values(derived_from=derived_from))
    connection.execute(sa.update(contracts).where(with_term).values(deadlines_as_of=None))


def _derivation(
    suggestions: dict[str, tuple[int, Any, Any]], signed: dt.date | None,
    effective: dt.date | None, end: dt.date | None, term: Any,
) -> dict[str, Any] | None:
    """The parts an unreviewed end date was computed from, or None when it was read."""
    start_field, start = ("effective_date", effective) if effective else ("signed_date", signed)
    if end is None or start is None or not isinstance(term, dict):
        return None
    if "end_date" not in suggestions or start_field not in suggestions \
            or "initial_term" not in suggestions:
        return None
    _, value, evidence = suggestions["end_date"]
    if _json(value) != end.isoformat():
        return None  # the contract's end is not (or no longer) the suggestion
    parts = [*(_json(suggestions[start_field][2]) or []),
             *(_json(suggestions["initial_term"][2]) or [])]
    if not parts or _json(evidence) != parts:
        return None
    if _anniversary(start, term) != end:
        return None
    return {start_field: start.isoformat(),
            "initial_term": {"count": term["count"], "unit": term["unit"]}}


def _anniversary(start: dt.date, term: dict[str, Any]) -> dt.date | None:
    """start + term, clamped to the month's end, as contracts.deadlines.calendar adds it
    (written out here: a migration must not change when that code does)."""
    count, unit = term.get("count"), term.get("unit")
    if not isinstance(count, int) or count <= 0:
        return None
    try:
        if unit in _MONTHS:
            months = start.month - 1 + count * _MONTHS[unit]
            year, month = start.year + months // 12, months % 12 + 1
            day = min(start.day, calendar.monthrange(year, month)[1])
            return dt.date(year, month, day)
        if unit in _DAYS:
            return start + dt.timedelta(days=count * _DAYS[unit])
    except (OverflowError, ValueError):
        return None
    return None


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _json(value: Any) -> Any:
    # JSON columns come back decoded on both engines; text would only come from a driver that
    # does not know the type.
    return json.loads(value) if isinstance(value, str) and value[:1] in "[{\"" else value
