"""`avtale spend import FILE...` and `avtale spend rematch`: each file is its own
transaction, so a file that fails leaves the others imported."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import typer

from core.db import Database
from core.migrate import upgrade
from core.settings import Settings
from core.table_files import UnreadableFileError
from core.users import user_by_email
from spend import matching
from spend.service import MappingError, import_and_match

SHOWN_PROBLEMS = 10


def _database(settings: Settings) -> Database:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.resolved_database_url)
    upgrade(database)
    return database


def _progress(name: str) -> Callable[[int], None]:
    def show(rows: int) -> None:
        typer.echo(f"\r{name}: {rows:,} rows read", nl=False, err=True)

    return show


def run_import(settings: Settings, paths: list[Path], email: str | None,
               mapping_json: str | None) -> int:
    missing = [p for p in paths if not p.is_file()]
    if missing:
        typer.secho(f"not found: {', '.join(map(str, missing))}", fg="red", err=True)
        return 1
    mapping = json.loads(mapping_json) if mapping_json else None
    database = _database(settings)
    totals = {"read": 0, "imported": 0, "already": 0, "rejected": 0, "no_date": 0}
    reasons: dict[str, int] = {}
    failed = 0
    try:
        uploader_id: int | None = None
        if email is not None:
            with database.session() as session:
                found = user_by_email(session, email)
                if found is None:
                    raise typer.BadParameter(f"no user with e-mail {email}")
                uploader_id = found.id
        for path in paths:
            with database.session() as session:
                uploader = user_by_email(session, email) if email and uploader_id else None
                try:
                    record = import_and_match(session, path, uploader=uploader,
                                              mapping=mapping, progress=_progress(path.name))
                except (MappingError, UnreadableFileError) as error:
                    typer.secho(f"\n{path}: {error}", fg="red", err=True)
                    failed += 1
                    continue
                typer.echo(file=sys.stderr)
                typer.echo(f"  {record.status}: {record.rows_imported:,} imported, "
                           f"{record.rows_already_imported:,} already there, "
                           f"{record.rows_rejected:,} rejected, "
                           f"{record.rows_without_date:,} without a date")
                for problem in (record.problems or [])[:SHOWN_PROBLEMS]:
                    if problem["rejected"] or record.status != "done":
                        typer.echo(f"    {problem['file']}:{problem['line']}: "
                                   f"{problem['reason']}")
                failed += record.status != "done"
                totals["read"] += record.rows_read
                totals["imported"] += record.rows_imported
                totals["already"] += record.rows_already_imported
                totals["rejected"] += record.rows_rejected
                totals["no_date"] += record.rows_without_date
                for reason, count in (record.problem_counts or {}).items():
                    reasons[reason] = reasons.get(reason, 0) + count
    finally:
        database.dispose()
    typer.echo(f"{len(paths)} files, {totals['read']:,} rows: {totals['imported']:,} imported, "
               f"{totals['already']:,} already imported, {totals['rejected']:,} rejected, "
               f"{totals['no_date']:,} imported without a date")
    for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
        typer.echo(f"  {count:>8,}  {reason}")
    return 1 if failed else 0


def run_rematch(settings: Settings) -> int:
    database = _database(settings)
    try:
        with database.session() as session:
            summary = matching.rematch(session)
    finally:
        database.dispose()
    typer.echo(f"{summary.lines:,} lines: {summary.on_contract:,} on contract, "
               f"{summary.with_category:,} with a category")
    for how, count in sorted(summary.by_supplier_match.items()):
        typer.echo(f"  supplier by {how}: {count:,}")
    return 0
