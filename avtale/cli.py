"""`avtale ...`: the command line. Each command owns its transaction."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core
import typer.main

from avtale.risk_command import suppliers_app
from core.models import Role
from core.settings import Settings


class _Commands(typer.core.TyperGroup):
    """`avtale ingest imap` is the e-mail inbox source, `avtale ingest PATH...` the bulk
    command: a path named `imap` would be ambiguous, so the word picks the inbox."""

    # Typed loosely: typer's vendored click types are private.
    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args[:2] == ["ingest", "imap"]:
            return "ingest imap", typer.main.get_command(ingest_imap_app), args[2:]
        return super().resolve_command(ctx, args)


app = typer.Typer(help="Avtale: contract follow-up for procurement and legal teams.",
                  no_args_is_help=True, add_completion=False, cls=_Commands)
ingest_imap_app = typer.Typer(add_completion=False)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
user_app = typer.Typer(help="Users.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
index_app = typer.Typer(help="The search index.", no_args_is_help=True)
deadlines_app = typer.Typer(help="Contract deadlines.", no_args_is_help=True)
alerts_app = typer.Typer(help="Watches and alerts.", no_args_is_help=True)
documents_app = typer.Typer(help="Uploaded documents.", no_args_is_help=True)
spend_app = typer.Typer(help="Spend: import and match invoice and payment lines.",
                        no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(suppliers_app, name="suppliers")
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")
app.add_typer(index_app, name="index")
app.add_typer(deadlines_app, name="deadlines")
app.add_typer(alerts_app, name="alerts")
app.add_typer(documents_app, name="documents")
app.add_typer(spend_app, name="spend")


def _settings() -> Settings:
    return Settings()


def _fail(message: str) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code=1)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="interface to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="port to listen on")] = None,
) -> None:
    """Serve the API and pages (with an in-process worker on the embedded defaults)."""
    import uvicorn

    from avtale.app import create_app

    settings = _settings()
    logging.basicConfig(level=logging.INFO)
    host, port = host or settings.host, port or settings.port
    if settings.web_workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port)
        return
    if not settings.broker_url:
        raise _fail(WEB_WORKERS_NEED_A_BROKER)
    # Each worker process builds the app from the environment; none runs jobs (the broker's
    # `avtale worker` does, and is the index's one writer), so they only read the index.
    uvicorn.run("avtale.app:app_from_environment", factory=True, host=host, port=port,
                workers=settings.web_workers,
                timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS)


# How long uvicorn's supervisor waits for a web process to answer before it kills and
# replaces it. Its default (5 s) is shorter than importing the app takes on a busy machine,
# and then it replaces processes for ever.
WORKER_HEALTHCHECK_SECONDS = 60


WEB_WORKERS_NEED_A_BROKER = (
    "AVTALE_WEB_WORKERS above 1 needs a broker (AVTALE_BROKER_URL) and one `avtale worker`: "
    "with in-process jobs the jobs and the search index's single writer stay in the one "
    "`avtale serve` process")


@app.command()
def worker() -> None:
    """Run background jobs from the configured broker until interrupted."""
    import signal
    import threading

    from avtale.runtime import Runtime

    logging.basicConfig(level=logging.INFO)
    runtime = Runtime.build(_settings())
    runtime.start_worker()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    typer.echo("worker running; Ctrl-C to stop")
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        runtime.close()


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply database migrations."""
    from core.db import Database
    from core.migrate import upgrade

    settings = _settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.resolved_database_url)
    upgrade(database)
    database.dispose()
    typer.echo("database is up to date")


@user_app.command("create")
def user_create(
    email: Annotated[str, typer.Option(help="the user's e-mail (their login)")],
    role: Annotated[Role, typer.Option(help="admin, editor or viewer")] = Role.VIEWER,
    password: Annotated[str | None, typer.Option(help="password for the pages")] = None,
    name: Annotated[str, typer.Option(help="display name")] = "",
) -> None:
    """Create a user."""
    from avtale.runtime import Runtime
    from core.users import UserError, create_user

    runtime = Runtime.build(_settings())
    try:
        with runtime.database.session() as session:
            user = create_user(session, email=email, role=role, password=password, name=name)
            typer.echo(f"created user {user.email} ({user.role.value}), id {user.id}")
    except UserError as error:
        raise _fail(str(error)) from error
    finally:
        runtime.close()


@user_app.command("deactivate")
def user_deactivate(
    email: Annotated[str, typer.Option(help="the user's e-mail")],
) -> None:
    """Deactivate a user: their sessions and API tokens end at once."""
    from avtale.runtime import Runtime
    from core.clock import SYSTEM_CLOCK
    from core.users import set_active, user_by_email

    runtime = Runtime.build(_settings())
    try:
        with runtime.database.session() as session:
            user = user_by_email(session, email)
            if user is None:
                raise _fail(f"no user with e-mail {email}")
            set_active(session, user, False, actor=None, now=SYSTEM_CLOCK())
            typer.echo(f"deactivated {user.email}; their sessions and tokens are ended")
    finally:
        runtime.close()


@token_app.command("create")
def token_create(
    email: Annotated[str, typer.Option(help="whose token")],
    name: Annotated[str, typer.Option(help="what the token is for")] = "",
    expires_days: Annotated[int | None, typer.Option(
        min=1, max=3650, help="days until it stops working (default: until revoked)")] = None,
) -> None:
    """Create an API token and print it (it is shown only once)."""
    import datetime as dt

    from avtale.runtime import Runtime
    from core.clock import SYSTEM_CLOCK
    from core.tokens import create_token
    from core.users import user_by_email

    runtime = Runtime.build(_settings())
    try:
        with runtime.database.session() as session:
            user = user_by_email(session, email)
            if user is None:
                raise _fail(f"no user with e-mail {email}")
            expires_at = (SYSTEM_CLOCK() + dt.timedelta(days=expires_days)
                          if expires_days else None)
            typer.echo(create_token(session, user, name, expires_at=expires_at))
    finally:
        runtime.close()


@token_app.command("list")
def token_list(email: Annotated[str, typer.Option(help="whose tokens")]) -> None:
    """List a user's API tokens: id, prefix, name, created, expires, last used, state."""
    from avtale.runtime import Runtime
    from core.clock import SYSTEM_CLOCK, as_utc
    from core.tokens import tokens_of
    from core.users import user_by_email

    runtime = Runtime.build(_settings())
    try:
        with runtime.database.session() as session:
            user = user_by_email(session, email)
            if user is None:
                raise _fail(f"no user with e-mail {email}")
            now = SYSTEM_CLOCK()
            for row in tokens_of(session, user.id):
                expired = row.expires_at is not None and as_utc(row.expires_at) <= now
                state = ("revoked" if row.revoked_at else "expired" if expired else "active")
                typer.echo("\t".join([
                    str(row.id), row.prefix, row.name or "-",
                    f"created {row.created_at:%Y-%m-%d}",
                    f"expires {row.expires_at:%Y-%m-%d}" if row.expires_at else "no expiry",
                    f"last used {row.last_used_at:%Y-%m-%d}" if row.last_used_at
                    else "never used",
                    state,
                ]))
    finally:
        runtime.close()


@token_app.command("revoke")
def token_revoke(token_id: Annotated[int, typer.Argument(help="the id from `token list`")]) -> None:
    """Revoke an API token; it is refused from now on."""
    from avtale.runtime import Runtime
    from core.clock import SYSTEM_CLOCK
    from core.tokens import TokenNotFoundError, revoke_token

    runtime = Runtime.build(_settings())
    try:
        with runtime.database.session() as session:
            row = revoke_token(session, token_id, actor=None, now=SYSTEM_CLOCK())
            typer.echo(f"revoked token {row.id} ({row.prefix}...)")
    except TokenNotFoundError as error:
        raise _fail(str(error)) from error
    finally:
        runtime.close()


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF files or folders (searched deeply)")],
    email: Annotated[str | None, typer.Option(help="upload as this user")] = None,
    workers: Annotated[int | None, typer.Option(
        min=1, max=32, help="documents processed at once (default AVTALE_INGEST_WORKERS, "
                            "else the cores, at most 4)")] = None,
) -> None:
    """Ingest files and folders, with progress and a summary (ready, duplicates, failed
    with reasons)."""
    from avtale.ingest_command import run_ingest

    raise typer.Exit(code=run_ingest(_settings(), paths, email, workers))


@ingest_imap_app.command()
def ingest_imap(
    once: Annotated[bool, typer.Option("--once", help="one pass, then exit")] = False,
) -> None:
    """Ingest the attachments of new messages in the e-mail inbox (AVTALE_IMAP_*), every
    AVTALE_IMAP_POLL_SECONDS, and answer the senders of files that failed."""
    from avtale.inbox_command import run_inbox

    raise typer.Exit(code=run_inbox(_settings(), once))


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Extract parties, dates, terms, law and value from one PDF (nothing is stored)."""
    from ingest.extract_file import extract_file
    from ingest.pdf_reader import UnreadableDocumentError

    try:
        result = extract_file(file, nlp_model=_settings().nlp_model or None)
    except UnreadableDocumentError as error:
        raise _fail(f"{file}: {error}") from error
    if as_json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    for name, found in result["fields"].items():
        value = found["value"]
        if value is not None:
            typer.echo(f"{name:18} {json.dumps(value, ensure_ascii=False)}")
    for step in result["deadlines"].get("explanation", []):
        # A step is a message with its English text (older results: the text alone).
        typer.echo(f"  - {step['text'] if isinstance(step, dict) else step}")


@documents_app.command("retry")
def documents_retry(
    document_id: Annotated[int, typer.Argument(help="the failed document's id", min=1,
                                               max=2**31 - 1)],
) -> None:
    """Queue a failed document for processing again (audited). On the embedded defaults it
    is processed here and then; with a broker, by the workers."""
    from avtale.runtime import Runtime
    from core.models import Document
    from ingest.retry import RetryRefusedError, retry_document
    from search_api.tantivy.index import SearchIndexBusyError

    runtime = Runtime.build(_settings())
    try:
        with runtime.database.session() as session:
            document = session.get(Document, document_id)
            if document is None:
                raise _fail(f"no document {document_id}")
            try:
                retry_document(session, runtime.jobs, document, actor=None)
            except RetryRefusedError as error:
                raise _fail(str(error)) from error
        if runtime.jobs.in_process:
            runtime.jobs.broker.flush_all()
            runtime.process_document(document_id)
            try:
                runtime.sync_search()
            except SearchIndexBusyError:
                typer.echo("the search index is held by a running service; it indexes the "
                           "contract within seconds")
        with runtime.database.session() as session:
            document = session.get(Document, document_id)
            assert document is not None
            reason = f": {document.failure_reason}" if document.failure_reason else ""
            typer.echo(f"document {document_id} ({document.filename}) is "
                       f"{document.state.value}{reason}")
    finally:
        runtime.close()


@index_app.command("check")
def index_check(
    repair: Annotated[bool, typer.Option(help="write the missing and stale contracts, "
                                              "delete the extra ones")] = False,
) -> None:
    """Compare the search index with the database: contracts missing, stale or extra in
    the index. Exits 1 when it found drift and did not repair it."""
    from avtale.runtime import Runtime
    from search_api.service import check_index
    from search_api.tantivy.index import SearchIndexBusyError

    runtime = Runtime.build(_settings())
    try:
        drift = check_index(runtime.database, runtime.search_index, repair=repair)
    except SearchIndexBusyError as error:
        raise _fail(f"{error} Stop the service (or its worker) to repair, or check "
                    "without --repair.") from error
    finally:
        runtime.close()
    for label, ids in (("missing", drift.missing), ("stale", drift.stale),
                       ("extra", drift.extra)):
        shown = ", ".join(map(str, ids[:20])) + (" …" if len(ids) > 20 else "")
        typer.echo(f"{label}: {len(ids)}" + (f" ({shown})" if ids else ""))
    if drift.clean:
        typer.echo(f"the index matches the database ({drift.checked} contracts)")
    elif repair:
        typer.echo("repaired: the index now matches the database")
    else:
        raise typer.Exit(1)


@index_app.command("rebuild")
def index_rebuild() -> None:
    """Rebuild the search index from the database."""
    from avtale.runtime import Runtime
    from search_api.service import rebuild
    from search_api.tantivy.index import SearchIndexBusyError

    runtime = Runtime.build(_settings())
    try:
        count = rebuild(runtime.database, runtime.search_index)
        typer.echo(f"indexed {count} contracts")
    except SearchIndexBusyError as error:
        raise _fail(f"{error} Stop the service (or its worker) and run this again.") from error
    finally:
        runtime.close()


@deadlines_app.command("refresh")
def deadlines_refresh() -> None:
    """Recompute every contract's deadlines for today (the daily pass the worker also runs)
    and re-index those whose status or dates changed."""
    from avtale.runtime import Runtime
    from search_api.tantivy.index import SearchIndexBusyError

    runtime = Runtime.build(_settings())
    try:
        try:
            changed = runtime.refresh_deadlines()
        except SearchIndexBusyError:
            # The database is already updated; the running worker drains the outbox.
            typer.echo("deadlines updated; the running worker re-indexes the changed contracts")
            return
        typer.echo(f"{changed} contracts changed status or dates and were re-indexed")
    finally:
        runtime.close()
@app.command()
def scheduler() -> None:
    """Send the alert scheduler pass to the workers now and every AVTALE_ALERT_PASS_MINUTES,
    and the supplier register refresh every AVTALE_RISK_REFRESH_MINUTES (with a broker; on
    the embedded defaults `avtale serve` schedules both itself)."""
    import signal
    import threading
    import time

    from core.jobs import JobQueue
    from suppliers.risk.tasks import REFRESH_RISK_JOB
    from watchers.tasks import RUN_ALERTS_JOB

    settings = _settings()
    if not settings.broker_url:
        raise _fail("set AVTALE_BROKER_URL: without a broker, `avtale serve` runs the passes")
    minutes = settings.alert_pass_minutes or 15
    jobs = JobQueue(settings.broker_url)
    # Declared here only so that jobs can be sent by name; the workers run them.
    jobs.register(RUN_ALERTS_JOB, lambda: None, max_retries=0)
    jobs.register(REFRESH_RISK_JOB, lambda: None, max_retries=0)
    every = {RUN_ALERTS_JOB: minutes * 60.0}
    if settings.risk_refresh_minutes:
        every[REFRESH_RISK_JOB] = settings.risk_refresh_minutes * 60.0
    next_send = dict.fromkeys(every, time.monotonic())
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    refresh = (f"a register refresh every {settings.risk_refresh_minutes} minutes"
               if settings.risk_refresh_minutes else "no register refresh")
    typer.echo(f"scheduler: an alert pass every {minutes} minutes, {refresh}; Ctrl-C to stop")
    try:
        while True:
            for name, due in next_send.items():
                if time.monotonic() >= due:
                    jobs.send(name)
                    next_send[name] = time.monotonic() + every[name]
            if stop.wait(max(min(next_send.values()) - time.monotonic(), 0)):
                break
    except KeyboardInterrupt:
        pass
    finally:
        jobs.close()


@alerts_app.command("run")
def alerts_run() -> None:
    """Run one scheduler pass (arm due alerts, deliver pending ones), then exit."""
    from avtale.runtime import Runtime

    runtime = Runtime.build(_settings())
    try:
        report = runtime.run_alerts()
    finally:
        runtime.close()
    armed, delivered = report.armed, report.delivered
    typer.echo(
        f"alerts: {armed.created} new, {armed.missed} missed, {armed.withdrawn} withdrawn; "
        f"deliveries: {delivered.sent} sent, {delivered.retrying} to retry, "
        f"{delivered.failed} failed"
    )


@spend_app.command("import")
def spend_import(
    files: Annotated[list[Path], typer.Argument(help="CSV or XLSX spend files")],
    email: Annotated[str | None, typer.Option(help="import as this user")] = None,
    mapping: Annotated[str | None, typer.Option(
        help='JSON field -> header, e.g. \'{"amount": "Beløp"}\' (remembered)')] = None,
) -> None:
    """Import spend files, with progress and a summary; lines already there are skipped."""
    from avtale.spend_command import run_import

    raise typer.Exit(code=run_import(_settings(), files, email, mapping))


@spend_app.command("rematch")
def spend_rematch() -> None:
    """Match every spend line again to suppliers, categories and contracts (after suppliers
    or contracts changed)."""
    from avtale.spend_command import run_rematch

    raise typer.Exit(code=run_rematch(_settings()))


@suppliers_app.command("import")
def suppliers_import(
    files: Annotated[list[Path], typer.Argument(help="CSV or XLSX supplier registers")],
    email: Annotated[str | None, typer.Option(help="import as this user (audit log)")] = None,
) -> None:
    """Import supplier registers: new suppliers are added, known ones (same org number, or
    same name) updated; refused rows are printed with their line and reason."""
    from avtale.supplier_import_command import run_import

    raise typer.Exit(code=run_import(_settings(), files, email))


def main() -> None:
    app()
