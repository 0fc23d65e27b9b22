"""Spend jobs, addressed by name so that lower layers (contracts, suppliers) can ask for a
rematch after they change without importing spend."""

from __future__ import annotations

from core.db import Database
from spend import matching

REMATCH_JOB = "spend.rematch"


def rematch_job(database: Database) -> None:
    """Match every spend line again; idempotent, so a repeated message is harmless."""
    with database.session() as session:
        matching.rematch(session)
