"""`avtale ingest PATH...`: store files, then process them here (embedded defaults) or leave
them to the workers of the configured broker, and sum up what became of each file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
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

# More than this gains little: the documents' saves take turns on the database.
MAX_DEFAULT_WORKERS = 4


def pdf_files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file()
                              and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def default_workers() -> int:
    return min(len(os.sched_getaffinity(0)), MAX_DEFAULT_WORKERS)


@dataclass
class IngestSummary:
    """What became of each file: a new document (ready or failed), a duplicate of one
    stored before (or earlier in the same run), or refused before it was stored."""

    ready: list[Path] = field(default_factory=list)
    duplicates: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    # Left to a broker's workers: stored, their outcome not known here.
    queued: list[Path] | None = None


def run_ingest(settings: Settings, paths: list[Path], email: str | None,
               workers: int | None = None) -> int:
    runtime = Runtime.build(settings)
    try:
        files = list(pdf_files(paths))
        missing = [p for p in files if not p.exists()]
        if missing:
            typer.secho(f"not found: {', '.join(map(str, missing))}", fg="red", err=True)
            return 1
        with runtime.database.session() as session:
            uploader = _uploader(session, email)
        summary = IngestSummary()
        stored = _store(runtime, settings, files, uploader, summary)
        if not runtime.jobs.in_process:
            summary.queued = list(stored.values())
            _print_summary(summary)
            return 0
        # In-process: the queued messages are not needed, this command works the documents.
        runtime.jobs.broker.flush_all()
        _process(runtime, stored, workers or settings.ingest_workers or default_workers())
        try:
            runtime.sync_search()
        except SearchIndexBusyError:
            typer.echo("the search index is held by a running service; it indexes these "
                       "contracts within seconds")
        _collect(runtime, stored, summary)
        _print_summary(summary)
        return 0
    finally:
        runtime.close()


def _store(runtime: Runtime, settings: Settings, files: list[Path], uploader: User | None,
           summary: IngestSummary) -> dict[int, Path]:
    """Store every file (one transaction each, so one bad file costs only itself); returns
    the new documents' ids with their files."""
    stored: dict[int, Path] = {}
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
                summary.failed.append((path, str(error)))
                continue
            except OSError as error:
                summary.failed.append((path, f"could not be read: {error.strerror or error}"))
                continue
            if accepted.duplicate:
                summary.duplicates.append(path)
            else:
                stored[accepted.document.id] = path
    return stored


def _process(runtime: Runtime, stored: dict[int, Path], workers: int) -> None:
    """Several documents at once: each one's reading runs in a child process of its own,
    so threads are enough to keep the cores busy."""
    with (ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="ingest") as pool,
          typer.progressbar(length=len(stored), label=f"processing ({workers} at a time)",
                            show_pos=True) as bar):
        pending = [pool.submit(runtime.process_document, document_id) for document_id in stored]
        for done in as_completed(pending):
            # A document that could not be read is failed in the database (see `_collect`);
            # an error here is the machinery's (the database went away), shown and counted.
            error = done.exception()
            if error is not None:
                typer.secho(f"\nerror: {error}", fg="red", err=True)
            bar.update(1)


def _collect(runtime: Runtime, stored: dict[int, Path], summary: IngestSummary) -> None:
    with runtime.database.session() as session:
        for document_id, path in stored.items():
            document = session.get(Document, document_id)
            if document is not None and document.state is DocumentState.READY:
                summary.ready.append(path)
            elif document is not None and document.state is DocumentState.FAILED:
                summary.failed.append((path, document.failure_reason or "failed"))
            else:
                summary.failed.append((path, "processing did not finish; a worker will "
                                             "take it up again"))


def _print_summary(summary: IngestSummary) -> None:
    for path, reason in summary.failed:
        typer.secho(f"failed: {path}: {reason}", fg="yellow", err=True)
    if summary.queued is not None:
        typer.echo(f"queued {len(summary.queued)} documents ({len(summary.duplicates)} "
                   f"duplicates, {len(summary.failed)} failed) for the workers")
        return
    typer.echo(f"{len(summary.ready)} ready, {len(summary.failed)} failed, "
               f"{len(summary.duplicates)} duplicates")


def _uploader(session: Session, email: str | None) -> User | None:
    if email is None:
        return None
    user = user_by_email(session, email)
    if user is None:
        raise typer.BadParameter(f"no user with e-mail {email}")
    return user
