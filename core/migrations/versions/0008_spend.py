"""spend: imported files, spend lines and remembered column mappings

Revision ID: 0008_spend
Revises: 0006_watchers
Create Date: 2026-12-02
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_spend"
down_revision: str | None = "0006_watchers"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "spend_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("header_signature", sa.String(length=64), nullable=True),
        sa.Column("mapping", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_imported", sa.Integer(), nullable=False),
        sa.Column("rows_already_imported", sa.Integer(), nullable=False),
        sa.Column("rows_rejected", sa.Integer(), nullable=False),
        sa.Column("rows_without_date", sa.Integer(), nullable=False),
        sa.Column("problem_counts", sa.JSON(), nullable=False),
        sa.Column("problems", sa.JSON(), nullable=False),
        sa.Column("imported_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["imported_by_id"], ["users.id"],
                                name=op.f("fk_spend_imports_imported_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spend_imports")),
    )
    op.create_index(op.f("ix_spend_imports_sha256"), "spend_imports", ["sha256"])
    op.create_table(
        "spend_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("natural_key", sa.String(length=64), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.Column("source_file", sa.String(length=500), nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("month", sa.String(length=7), nullable=True),
        sa.Column("supplier_name", sa.String(length=300), nullable=False),
        sa.Column("supplier_ref", sa.String(length=100), nullable=True),
        sa.Column("supplier_org_number", sa.String(length=40), nullable=True),
        sa.Column("amount", sa.Numeric(18, 2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("category_text", sa.String(length=300), nullable=True),
        sa.Column("account", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("quantity", sa.Numeric(18, 4), nullable=True),
        sa.Column("unit", sa.String(length=50), nullable=True),
        sa.Column("unit_price", sa.Numeric(18, 4), nullable=True),
        sa.Column("organisational_unit", sa.String(length=300), nullable=True),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("supplier_id", sa.Integer(), nullable=True),
        sa.Column("supplier_match", sa.String(length=20), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("on_contract", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["import_id"], ["spend_imports.id"],
                                name=op.f("fk_spend_lines_import_id_spend_imports"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["supplier_id"], ["suppliers.id"],
                                name=op.f("fk_spend_lines_supplier_id_suppliers"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["category_id"], ["categories.id"],
                                name=op.f("fk_spend_lines_category_id_categories"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["contract_id"], ["contracts.id"],
                                name=op.f("fk_spend_lines_contract_id_contracts"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spend_lines")),
        sa.UniqueConstraint("natural_key", name=op.f("uq_spend_lines_natural_key")),
    )
    op.create_index(op.f("ix_spend_lines_import_id"), "spend_lines", ["import_id"])
    op.create_index(op.f("ix_spend_lines_date"), "spend_lines", ["date"])
    op.create_index(op.f("ix_spend_lines_supplier_name"), "spend_lines", ["supplier_name"])
    op.create_index(op.f("ix_spend_lines_contract_id"), "spend_lines", ["contract_id"])
    op.create_index("ix_spend_lines_supplier_month", "spend_lines", ["supplier_id", "month"])
    op.create_index("ix_spend_lines_category_month", "spend_lines", ["category_id", "month"])
    op.create_table(
        "spend_column_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("header_signature", sa.String(length=64), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("confirmed_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["confirmed_by_id"], ["users.id"],
                                name=op.f("fk_spend_column_mappings_confirmed_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spend_column_mappings")),
        sa.UniqueConstraint("header_signature",
                            name=op.f("uq_spend_column_mappings_header_signature")),
    )


def downgrade() -> None:
    op.drop_table("spend_column_mappings")
    op.drop_index("ix_spend_lines_category_month", table_name="spend_lines")
    op.drop_index("ix_spend_lines_supplier_month", table_name="spend_lines")
    for column in ("contract_id", "supplier_name", "date", "import_id"):
        op.drop_index(op.f(f"ix_spend_lines_{column}"), table_name="spend_lines")
    op.drop_table("spend_lines")
    op.drop_index(op.f("ix_spend_imports_sha256"), table_name="spend_imports")
    op.drop_table("spend_imports")
