"""supplier risk changes: the news supplier risk alerts are raised for

Revision ID: 0014_supplier_risk_alerts
Revises: 0009_alert_digests
Create Date: 2026-12-03 07:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0014_supplier_risk_alerts'
down_revision: str | None = "0009_alert_digests"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('supplier_risk_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('register', sa.String(length=40), nullable=False),
    sa.Column('previous_level', sa.String(length=10), nullable=True),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('new_flags', sa.JSON(), nullable=False),
    sa.Column('detected_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['supplier_id'], ['suppliers.id'], name=op.f('fk_supplier_risk_changes_supplier_id_suppliers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supplier_risk_changes'))
    )
    with op.batch_alter_table('supplier_risk_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supplier_risk_changes_supplier_id'), ['supplier_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supplier_risk_changes_detected_at'), ['detected_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('supplier_risk_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supplier_risk_changes_detected_at'))
        batch_op.drop_index(batch_op.f('ix_supplier_risk_changes_supplier_id'))
    op.drop_table('supplier_risk_changes')
