"""The register refresh as a job, addressed by name: "suppliers.refresh_risk" (no arguments;
the worker's clock decides who is due). The composition root registers the handler and
the schedulers send it every AVTALE_RISK_REFRESH_MINUTES."""

from __future__ import annotations

import datetime as dt
import logging

from core.db import Database
from core.models.base import utcnow
from core.settings import Settings
from suppliers.risk.refresh import RefreshOutcome, refresh_due
from suppliers.risk.registers import registers_from_settings

REFRESH_RISK_JOB = "suppliers.refresh_risk"
PASS_LIMIT = 100  # suppliers per register and pass: a pass at one per second stays short

log = logging.getLogger(__name__)


def refresh_risk_pass(database: Database, settings: Settings, now: dt.datetime | None = None,
                      limit: int = PASS_LIMIT) -> list[RefreshOutcome]:
    """One paced pass per register, each in its own transaction: one register being down
    costs the other nothing, and a failed lookup keeps the last good figures."""
    moment = now or utcnow()
    outcomes: list[RefreshOutcome] = []
    for register in registers_from_settings(settings):
        try:
            with database.session() as session:
                found = refresh_due(session, register, moment, limit=limit,
                                    pause_seconds=settings.register_pause_seconds)
        finally:
            register.close()
        outcomes.extend(found)
        log.info("register refresh (%s): %d looked up, %d failed", register.name, len(found),
                 sum(1 for o in found if not o.ok))
    return outcomes
