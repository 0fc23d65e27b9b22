"""alert digests: a per-user digest choice, the digests, and which digest sends an e-mail

Revision ID: 0009_alert_digests
Revises: 0013_supplier_risk
Create Date: 2026-12-02
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_alert_digests"
down_revision: str | None = "0013_supplier_risk"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FREQUENCY = sa.Enum("OFF", "DAILY", "WEEKLY", name="digestfrequency", native_enum=False,
                     length=10)


def upgrade() -> None:
    op.create_table(
        "alert_digests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("frequency", _FREQUENCY, nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("state", sa.Enum("PENDING", "SENT", "FAILED", "WITHDRAWN",
                                   name="deliverystate", native_enum=False, length=20),
                  nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_alert_digests_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_digests")),
        sa.UniqueConstraint("user_id", "frequency", "period_start",
                            name="uq_alert_digests_period"),
    )
    with op.batch_alter_table("alert_digests", schema=None) as batch_op:
        batch_op.create_index("ix_alert_digests_due", ["state", "next_attempt_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_digests_user_id"), ["user_id"], unique=False)
    with op.batch_alter_table("alert_preferences", schema=None) as batch_op:
        batch_op.add_column(sa.Column("digest", _FREQUENCY, nullable=False,
                                      server_default="OFF"))
    with op.batch_alter_table("alert_deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("digest_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_alert_deliveries_digest_id"), ["digest_id"],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_alert_deliveries_digest_id_alert_digests"),
                                    "alert_digests", ["digest_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("alert_deliveries", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_alert_deliveries_digest_id_alert_digests"),
                                 type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_alert_deliveries_digest_id"))
        batch_op.drop_column("digest_id")
    with op.batch_alter_table("alert_preferences", schema=None) as batch_op:
        batch_op.drop_column("digest")
    with op.batch_alter_table("alert_digests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_digests_user_id"))
        batch_op.drop_index("ix_alert_digests_due")
    op.drop_table("alert_digests")
