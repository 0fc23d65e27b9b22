"""the deadline engine's status, end if nobody acts and the day it was computed for

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

Existing rows get `deadlines_as_of` NULL, so the daily pass recomputes them on the first start.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ends_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("status", sa.String(length=20), nullable=False, server_default="unknown")
        )
        batch_op.add_column(sa.Column("deadlines_as_of", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_contracts_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contracts_deadlines_as_of"), ["deadlines_as_of"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contracts_current_term_end"), ["current_term_end"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contracts_current_term_end"))
        batch_op.drop_index(batch_op.f("ix_contracts_deadlines_as_of"))
        batch_op.drop_index(batch_op.f("ix_contracts_status"))
        batch_op.drop_column("deadlines_as_of")
        batch_op.drop_column("status")
        batch_op.drop_column("ends_on")
