"""a contract's life: recorded events (notice given, option exercised, terminated, renewed)
and archiving

Revision ID: 0007
Revises: 0002
Create Date: 2026-12-02
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contract_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("NOTICE_GIVEN", "OPTION_EXERCISED", "TERMINATED", "RENEWED",
                    name="lifecyclekind", native_enum=False, length=30),
            nullable=False,
        ),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["contract_id"], ["contracts.id"],
                                name=op.f("fk_contract_events_contract_id_contracts"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_contract_events_document_id_documents"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"],
                                name=op.f("fk_contract_events_recorded_by_id_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["withdrawn_by_id"], ["users.id"],
                                name=op.f("fk_contract_events_withdrawn_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_events")),
    )
    with op.batch_alter_table("contract_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contract_events_contract_id"), ["contract_id"],
                              unique=False)
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_contracts_archived_at"), ["archived_at"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contracts_archived_at"))
        batch_op.drop_column("archived_at")
    with op.batch_alter_table("contract_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_events_contract_id"))
    op.drop_table("contract_events")
