"""suppliers: country of a supplier, suggested matches of spend spellings to suppliers

Revision ID: 0011_suppliers
Revises: 0010_user_language
Create Date: 2026-12-02
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_suppliers"
down_revision: str | None = "0010_user_language"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("suppliers") as batch_op:
        batch_op.add_column(sa.Column("country", sa.String(length=2), nullable=True))
    op.create_table(
        "supplier_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("spelling", sa.String(length=300), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("ambiguous", sa.Boolean(), nullable=False),
        sa.Column("rejected", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["supplier_id"], ["suppliers.id"],
                                name=op.f("fk_supplier_suggestions_supplier_id_suppliers"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplier_suggestions")),
        sa.UniqueConstraint("spelling", name=op.f("uq_supplier_suggestions_spelling")),
    )
    op.create_index(op.f("ix_supplier_suggestions_supplier_id"), "supplier_suggestions",
                    ["supplier_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_supplier_suggestions_supplier_id"),
                  table_name="supplier_suggestions")
    op.drop_table("supplier_suggestions")
    with op.batch_alter_table("suppliers") as batch_op:
        batch_op.drop_column("country")
