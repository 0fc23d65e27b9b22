"""`avtale ingest PATH...`: store files, then process them here (embedded defaults) or leave
them to the workers of the configured broker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import typer
from sqlalchemy.orm import Session

from avtale.runtime import Runtime
from core.models import Document, DocumentState, User
from core.settings import Settings
from core.users import user_by_email
from ingest.document_reader import SUFFIXES
from ingest.service import UploadRejectedError, accept_file
from search_api.tantivy.index import SearchIndexBusyError


def pdf_files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file()
                              and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def run_ingest(settings: Settings, paths: list[Path], email: str | None) -> int:
    runtime = Runtime.build(settings)
    try:
        files = list(pdf_files(paths))
        missing = [p for p in files if not p.exists()]
        if missing:
            typer.secho(f"not found: {', '.join(map(str, missing))}", fg="red", err=True)
            return 1
        with runtime.database.session() as session:
            uploader = _uploader(session, email)
        document_ids: list[int] = []
        duplicates = 0
        with typer.progressbar(files, label="storing", show_pos=True) as bar:
            for path in bar:
                try:
                    with runtime.database.session() as session:
                        accepted = accept_file(
                            session, files=runtime.files, jobs=runtime.jobs,
                            filename=path.name, data=path.read_bytes(), uploader=uploader,
                            max_bytes=settings.max_upload_bytes,
                        )
                except UploadRejectedError as error:
                    typer.secho(f"\nskipped: {error}", fg="yellow", err=True)
                    continue
                duplicates += accepted.duplicate
                if not accepted.duplicate:
                    document_ids.append(accepted.document.id)
        if not runtime.jobs.in_process:
            typer.echo(f"queued {len(document_ids)} documents ({duplicates} duplicates) "
                       "for the workers")
            return 0
        # In-process: work the queue here, showing progress per document.
        runtime.jobs.broker.flush_all()
        with typer.progressbar(document_ids, label="processing", show_pos=True) as bar:
            for document_id in bar:
                runtime.process_document(document_id)
        try:
            runtime.sync_search()
        except SearchIndexBusyError:
            typer.echo("the search index is held by a running service; it indexes these "
                       "contracts within seconds")
        return _report(runtime, document_ids, duplicates)
    finally:
        runtime.close()


def _uploader(session: Session, email: str | None) -> User | None:
    if email is None:
        return None
    user = user_by_email(session, email)
    if user is None:
        raise typer.BadParameter(f"no user with e-mail {email}")
    return user


def _report(runtime: Runtime, document_ids: list[int], duplicates: int) -> int:
    failed = 0
    with runtime.database.session() as session:
        for document_id in document_ids:
            document = session.get(Document, document_id)
            if document is not None and document.state is DocumentState.FAILED:
                failed += 1
                typer.secho(f"failed: {document.filename}: {document.failure_reason}",
                            fg="yellow", err=True)
    ready = len(document_ids) - failed
    typer.echo(f"{ready} ready, {failed} failed, {duplicates} duplicates")
    return 0
