"""documents: the searchable PDF made from their OCR'd pages, and lineage (amendment,
appendix, renewal of their contract, with its number and the words it was read from)

Revision ID: 0012_document_lineage
Revises: 0011_suppliers
Create Date: 2026-12-02
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_document_lineage"
down_revision: str | None = "0011_suppliers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("searchable_sha256", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("relation", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("relation_number", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("relation_quote", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("relation_quote")
        batch.drop_column("relation_number")
        batch.drop_column("relation")
        batch.drop_column("searchable_sha256")
