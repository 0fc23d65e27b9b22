"""documents: the tesseract languages each OCR'd page was read with

Revision ID: 0024_ocr_languages
Revises: 0023_end_date_derived
Create Date: 2026-12-03

A scan is read `nor+eng` until it is clearly English, then `eng` (ingest.ocr). Which one
read a page explains its text (a Norwegian page read as English loses its æøå), so it is
kept per page beside `ocr_pages`: {"3": "nor+eng"}. Documents read before this stay null.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024_ocr_languages"
down_revision: str | None = "0023_end_date_derived"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("ocr_languages", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("ocr_languages")
