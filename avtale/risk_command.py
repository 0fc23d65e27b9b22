"""`avtale suppliers refresh-risk`: one paced pass over the suppliers whose register data is
due, per register; `avtale suppliers load-register FILE`: status flags from Enhetsregisteret's
bulk download for the suppliers we know."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

from core.db import Database
from core.migrate import upgrade
from core.settings import Settings
from suppliers.risk.bulk_load import load_register
from suppliers.risk.tasks import refresh_risk_pass

suppliers_app = typer.Typer(help="Suppliers: register data and financial risk.",
                            no_args_is_help=True)


def _settings() -> Settings:
    return Settings()


def _database(settings: Settings) -> Database:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.resolved_database_url)
    upgrade(database)
    return database


@suppliers_app.command("refresh-risk")
def refresh_risk(limit: int = typer.Option(100, help="at most this many suppliers")) -> None:
    """Look up the suppliers that are due in the Brønnøysund registers (AVTALE_BRREG_BASE_URL)
    and, with AVTALE_COMPANIES_HOUSE_API_KEY, UK suppliers at Companies House, pausing
    AVTALE_REGISTER_PAUSE_SECONDS between lookups; prints one JSON line each."""
    settings = _settings()
    database = _database(settings)
    try:
        outcomes = refresh_risk_pass(database, settings, dt.datetime.now(dt.UTC), limit=limit)
    finally:
        database.dispose()
    for outcome in outcomes:
        typer.echo(json.dumps({"supplier_id": outcome.supplier_id, "ok": outcome.ok,
                               "risk_rose": outcome.risk_rose,
                               "new_flags": list(outcome.new_flags),
                               "error": outcome.error}))


@suppliers_app.command("load-register")
def load_register_command(
    file: Annotated[Path, typer.Argument(help="enheter download: .json.gz, .json, .csv.gz "
                                               "or .csv", exists=True, dir_okay=False)],
) -> None:
    """Update the status flags of the suppliers we know (by org number) from Enhetsregisteret's
    bulk download of entities, read as a stream; entities we do not buy from are skipped."""
    settings = _settings()
    database = _database(settings)
    try:
        with database.session() as session:
            summary = load_register(session, file, dt.datetime.now(dt.UTC))
    except ValueError as error:
        typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from error
    finally:
        database.dispose()
    typer.echo(f"{summary.read} entities read, {summary.matched} suppliers updated, "
               f"{summary.changes} risk changes, {summary.skipped} skipped")
