"""spend rollups: spend lines summed per month and report dimension, filled from the lines

Revision ID: 0022_spend_rollups
Revises: 0014_supplier_risk_alerts
Create Date: 2026-12-03 08:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0022_spend_rollups'
down_revision: str | None = "0014_supplier_risk_alerts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GROUPED = ("month, supplier_id, supplier_name, category_id, category_text, "
           "organisational_unit, contract_id, on_contract")


def upgrade() -> None:
    op.create_table('spend_rollups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=True),
    sa.Column('supplier_id', sa.Integer(), nullable=True),
    sa.Column('supplier_name', sa.String(length=300), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('category_text', sa.String(length=300), nullable=True),
    sa.Column('organisational_unit', sa.String(length=300), nullable=True),
    sa.Column('contract_id', sa.Integer(), nullable=True),
    sa.Column('on_contract', sa.Boolean(), nullable=False),
    sa.Column('amount', sa.Numeric(20, 2), nullable=False),
    sa.Column('lines', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['supplier_id'], ['suppliers.id'], name=op.f('fk_spend_rollups_supplier_id_suppliers'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_spend_rollups_category_id_categories'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['contract_id'], ['contracts.id'], name=op.f('fk_spend_rollups_contract_id_contracts'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spend_rollups'))
    )
    with op.batch_alter_table('spend_rollups', schema=None) as batch_op:
        batch_op.create_index('ix_spend_rollups_month', ['month'], unique=False)
        batch_op.create_index('ix_spend_rollups_supplier_month', ['supplier_id', 'month'], unique=False)
        batch_op.create_index('ix_spend_rollups_contract_month', ['contract_id', 'month'], unique=False)
    # The lines already there, summed once (spend.rollup.rebuild does the same).
    op.execute(f"INSERT INTO spend_rollups ({GROUPED}, amount, lines) "
               f"SELECT {GROUPED}, sum(amount), count(*) FROM spend_lines GROUP BY {GROUPED}")


def downgrade() -> None:
    with op.batch_alter_table('spend_rollups', schema=None) as batch_op:
        batch_op.drop_index('ix_spend_rollups_contract_month')
        batch_op.drop_index('ix_spend_rollups_supplier_month')
        batch_op.drop_index('ix_spend_rollups_month')
    op.drop_table('spend_rollups')
