"""`avtale ingest imap [--once]`: passes over the e-mail inbox (AVTALE_IMAP_*). On the embedded
defaults the documents are processed here, between passes, so that one `--once` ingests,
processes and answers; with a broker the workers process them and a later pass answers."""

from __future__ import annotations

import imaplib
import threading

import typer

from avtale.runtime import Runtime
from core.settings import Settings
from ingest.imap_inbox import PassReport
from search_api.tantivy.index import SearchIndexBusyError


def run_inbox(settings: Settings, once: bool) -> int:
    if not settings.imap_host:
        typer.secho("error: set AVTALE_IMAP_HOST (and AVTALE_IMAP_USER, AVTALE_IMAP_PASSWORD)",
                    fg="red", err=True)
        return 1
    runtime = Runtime.build(settings)
    stop = threading.Event()
    try:
        while True:
            try:
                _print(_pass(runtime))
            except (OSError, imaplib.IMAP4.error) as error:
                # A server down or a login refused: said plainly; a loop tries again.
                typer.secho(f"error: the inbox {settings.imap_host}:{settings.imap_port} "
                            f"cannot be read: {error}", fg="red", err=True)
                if once:
                    return 1
            if once or stop.wait(settings.imap_poll_seconds):
                return 0
    except KeyboardInterrupt:
        return 0
    finally:
        runtime.close()


def _pass(runtime: Runtime) -> PassReport:
    report = runtime.poll_inbox()
    if not runtime.jobs.in_process or not report.waiting:
        return report
    # The attachments wait in this process's queue: work it here, then answer.
    runtime.jobs.start_worker(runtime.settings.worker_threads)
    try:
        runtime.jobs.wait_idle(timeout_seconds=runtime.settings.parse_time_limit_seconds * 2)
        runtime.sync_search()
    except SearchIndexBusyError:
        typer.echo("the search index is held by a running service; it indexes these "
                   "contracts within seconds")
    answered = runtime.poll_inbox()  # now every document is done: tell the senders
    report.failed.extend(answered.failed)
    report.replies += answered.replies
    report.waiting = answered.waiting
    return report


def _print(report: PassReport) -> None:
    for failure in report.failed:
        typer.secho(f"failed: {failure.filename}: {failure.reason}", fg="yellow", err=True)
    messages = "message" if report.messages == 1 else "messages"
    replies = "reply" if report.replies == 1 else "replies"
    typer.echo(f"{report.messages} {messages}: {len(report.accepted)} attachments ingested, "
               f"{len(report.failed)} failed, {report.replies} {replies} sent"
               + (f", {report.waiting} still being processed" if report.waiting else ""))
