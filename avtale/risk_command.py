"""`avtale suppliers refresh-risk`: one paced pass over the suppliers whose register data is
due, in one transaction."""

from __future__ import annotations

import datetime as dt
import json

import typer

from core.db import Database
from core.migrate import upgrade
from core.settings import Settings
from suppliers.risk.brreg import Brreg
from suppliers.risk.refresh import refresh_due

suppliers_app = typer.Typer(help="Suppliers: register data and financial risk.",
                            no_args_is_help=True)


def _settings() -> Settings:
    return Settings()


@suppliers_app.command("refresh-risk")
def refresh_risk(limit: int = typer.Option(100, help="at most this many suppliers")) -> None:
    """Look up suppliers with an org number in the Brønnøysund registers (AVTALE_BRREG_BASE_URL),
    pausing AVTALE_REGISTER_PAUSE_SECONDS between lookups; prints one JSON line each."""
    settings = _settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.resolved_database_url)
    upgrade(database)
    register = Brreg(settings.brreg_base_url)
    try:
        with database.session() as session:
            outcomes = refresh_due(session, register, dt.datetime.now(dt.UTC), limit=limit,
                                   pause_seconds=settings.register_pause_seconds)
            session.commit()
        for outcome in outcomes:
            typer.echo(json.dumps({"supplier_id": outcome.supplier_id, "ok": outcome.ok,
                                   "risk_rose": outcome.risk_rose,
                                   "new_flags": list(outcome.new_flags),
                                   "error": outcome.error}))
    finally:
        register.close()
