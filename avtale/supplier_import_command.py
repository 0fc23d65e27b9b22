"""`avtale suppliers import FILE...`: each file is its own transaction, so a file that cannot
be read leaves the others imported."""

from __future__ import annotations

from pathlib import Path

import typer

from core.db import Database
from core.migrate import upgrade
from core.settings import Settings
from core.users import user_by_email
from suppliers.register_files import UnreadableRegisterError
from suppliers.register_import import import_register_file

SHOWN_PROBLEMS = 20


def run_import(settings: Settings, paths: list[Path], email: str | None) -> int:
    missing = [p for p in paths if not p.is_file()]
    if missing:
        typer.secho(f"not found: {', '.join(map(str, missing))}", fg="red", err=True)
        return 1
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.resolved_database_url)
    upgrade(database)
    totals = {"read": 0, "created": 0, "updated": 0, "unchanged": 0, "rejected": 0}
    failed = 0
    try:
        for path in paths:
            with database.session() as session:
                actor = user_by_email(session, email) if email else None
                if email and actor is None:
                    typer.secho(f"no user with e-mail {email}", fg="red", err=True)
                    return 1
                try:
                    summary = import_register_file(session, path, actor=actor)
                except UnreadableRegisterError as error:
                    typer.secho(f"{path}: {error}", fg="red", err=True)
                    failed += 1
                    continue
            typer.echo(f"{path.name}: {summary.rows_read:,} rows: {summary.created:,} added, "
                       f"{summary.updated:,} updated, {summary.unchanged:,} unchanged, "
                       f"{summary.rejected:,} rejected")
            for problem in summary.problems[:SHOWN_PROBLEMS]:
                typer.echo(f"  {path.name}:{problem.line}: {problem.reason}")
            if summary.rejected > SHOWN_PROBLEMS:
                typer.echo(f"  ... and {summary.rejected - SHOWN_PROBLEMS:,} more")
            totals["read"] += summary.rows_read
            totals["created"] += summary.created
            totals["updated"] += summary.updated
            totals["unchanged"] += summary.unchanged
            totals["rejected"] += summary.rejected
    finally:
        database.dispose()
    typer.echo(f"{len(paths)} files, {totals['read']:,} rows: {totals['created']:,} added, "
               f"{totals['updated']:,} updated, {totals['unchanged']:,} unchanged, "
               f"{totals['rejected']:,} rejected")
    return 1 if failed else 0
