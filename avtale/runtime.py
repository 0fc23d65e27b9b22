"""The composition root's object graph: settings, database, files, jobs and search index,
built once per process and wired together here (the only module that knows them all)."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage

from sqlalchemy import select

from contracts.stored_deadlines import refresh_stale_batch
from core.db import Database
from core.filestore import FileStore
from core.jobs import JobQueue
from core.migrate import upgrade
from core.models import Contract, Document, DocumentState
from core.models.base import utcnow
from core.outbox import SYNC_JOB, install_outbox_trigger
from core.settings import Settings
from core.users import user_by_email
from extraction.nlp import load_pipeline
from ingest.imap_inbox import ImapAccount, ImapInbox, Offered
from ingest.imap_inbox import PassReport as InboxReport
from ingest.pdf_reader import PageLimits
from ingest.pipeline import process_document
from ingest.sandbox import ProcessLimits
from ingest.service import (
    PROCESS_JOB,
    UploadRejectedError,
    accept_file,
    release_orphans,
    requeue_unfinished,
)
from ingest.watched_folder import WatchedFolder
from search_api.port import SearchIndex
from search_api.service import rebuild, sync_outbox
from search_api.tantivy.index import SearchIndexBusyError
from spend.tasks import REMATCH_JOB, rematch_job
from suppliers.risk.refresh import RefreshOutcome
from suppliers.risk.tasks import REFRESH_RISK_JOB, refresh_risk_pass
from suppliers.supplier_side import Organisation
from watchers.channels import PermanentDeliveryError
from watchers.email_channel import SmtpMailer
from watchers.service import PassReport
from watchers.tasks import RUN_ALERTS_JOB, run_alerts_pass

log = logging.getLogger(__name__)

# A worker drains the search outbox this often even without a job, which picks up changes
# written by processes that could not reach the broker (e.g. the CLI while serving).
OUTBOX_POLL_SECONDS = 5.0
REFRESH_DEADLINES_JOB = "deadlines.refresh"
WATCH_FOLDER_POLL_SECONDS = 2.0
REQUEUE_EVERY_POLLS = 12
# A queued document is re-sent only once it has waited this long (or a lease, if longer):
# its message may be lost, but a backlog in a real broker is not, and re-sending all of it
# every minute would only multiply the messages.
LOST_MESSAGE_AGE = dt.timedelta(minutes=30)


def _offered(document: Document) -> Offered:
    if document.state is DocumentState.READY:
        return Offered(finished=True)
    if document.state is DocumentState.FAILED:
        return Offered(finished=True, failure=document.failure_reason or "it could not be read")
    return Offered(finished=False)


def make_search_index(settings: Settings) -> SearchIndex:
    if settings.search_backend == "tantivy":
        from search_api.tantivy.index import TantivySearchIndex

        settings.index_dir.mkdir(parents=True, exist_ok=True)
        # A schema changed by an upgrade empties the index; start_worker then rebuilds it
        # from the database, so an upgrade never leaves search broken.
        return TantivySearchIndex(settings.index_dir, rebuild_on_schema_change=True)
    from search_api.elasticsearch.client import client_from_settings
    from search_api.elasticsearch.index import ElasticsearchSearchIndex

    # As with tantivy, a changed mapping starts an empty index that start_worker refills.
    return ElasticsearchSearchIndex(
        client_from_settings(settings),
        prefix=settings.elasticsearch_index_prefix,
        rebuild_on_mapping_change=True,
    )


@dataclass
class Runtime:
    settings: Settings
    database: Database
    files: FileStore
    jobs: JobQueue
    search_index: SearchIndex
    # The calendar every stored deadline is computed for; tests move it instead of sleeping.
    today: Callable[[], dt.date] = dt.date.today
    _stop: threading.Event = field(default_factory=threading.Event)
    _poller: threading.Thread | None = None
    _deadlines_day: dt.date | None = None

    @classmethod
    def build(cls, settings: Settings, *, migrate: bool = True) -> Runtime:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        if settings.nlp_model:
            # Fail at start, not on the first document, when the model is not installed.
            load_pipeline("en", settings.nlp_model)
        database = Database(settings.resolved_database_url)
        if migrate:
            upgrade(database)
        runtime = cls(
            settings=settings,
            database=database,
            files=FileStore(settings.files_dir),
            jobs=JobQueue(settings.broker_url),
            search_index=make_search_index(settings),
        )
        runtime._register_jobs()
        install_outbox_trigger(database.sessions, runtime.jobs)
        return runtime

    def _register_jobs(self) -> None:
        self.jobs.register(PROCESS_JOB, self.process_document)
        self.jobs.register(SYNC_JOB, self.sync_search)
        self.jobs.register(REFRESH_DEADLINES_JOB, self._refresh_deadlines_job)
        # One pass at a time is enough; a failed pass is simply the next one's work.
        self.jobs.register(RUN_ALERTS_JOB, self._run_alerts_job, max_retries=0)
        self.jobs.register(REMATCH_JOB, lambda: rematch_job(self.database))
        # Like the alert pass: a failed lookup is backed off per supplier, not retried here.
        self.jobs.register(REFRESH_RISK_JOB, self._refresh_risk_job, max_retries=0)

    @property
    def processing_lease(self) -> dt.timedelta:
        return dt.timedelta(seconds=self.settings.processing_lease_seconds)

    def process_document(self, document_id: int) -> None:
        process_document(
            self.database,
            self.files,
            document_id,
            lease=self.processing_lease,
            nlp_model=self.settings.nlp_model or None,
            page_limits=PageLimits(self.settings.max_pages, self.settings.max_ocr_pages,
                                   self.settings.ocr_workers),
            process_limits=ProcessLimits(
                seconds=self.settings.parse_time_limit_seconds,
                memory_bytes=self.settings.parse_memory_limit_mb * 1024 * 1024,
            ),
            organisation=Organisation.from_settings(self.settings),
        )

    def sync_search(self) -> None:
        sync_outbox(self.database, self.search_index)

    def refresh_deadlines(self) -> int:
        """The daily pass: every contract's deadlines recomputed for today, and those whose
        status or dates changed re-indexed. Returns how many changed."""
        day = self.today()
        changed, after_id = 0, 0
        while True:
            with self.database.session() as session:
                batch = refresh_stale_batch(session, day, after_id)
            if batch.last_id is None:
                break
            changed += batch.changed
            after_id = batch.last_id
        self._deadlines_day = day
        if changed:
            log.info("deadlines for %s: %d contracts changed and were re-indexed", day, changed)
            self.sync_search()
        return changed

    def accept_from_folder(self, filename: str, data: bytes) -> None:
        """Store a file the watched folder brought in (its own transaction)."""
        with self.database.session() as session:
            owner = (user_by_email(session, self.settings.watch_folder_owner)
                     if self.settings.watch_folder_owner else None)
            accept_file(session, files=self.files, jobs=self.jobs, filename=filename,
                        data=data, uploader=owner, max_bytes=self.settings.max_upload_bytes)

    def _watch_folder(self, folder: WatchedFolder) -> None:
        while not self._stop.wait(WATCH_FOLDER_POLL_SECONDS):
            try:
                folder.scan(self.database, self.accept_from_folder, time.monotonic())
            except Exception:
                log.exception("scanning the watched folder failed; retrying later")

    def accept_from_inbox(self, filename: str, data: bytes, sender: str) -> Offered:
        """Store an attachment the e-mail inbox brought in (its own transaction) and say where
        its document stands. A sender who is an active user uploads it as their own; anyone
        else's goes to AVTALE_IMAP_OWNER. The From address is not proof of who sent it, but
        an upload in someone's name gives the sender nothing: it only lists the contract
        among that person's, visible to the organisation like any upload."""
        try:
            with self.database.session() as session:
                sender_user = user_by_email(session, sender) if sender else None
                owner = sender_user if sender_user is not None and sender_user.active else (
                    user_by_email(session, self.settings.imap_owner)
                    if self.settings.imap_owner else None)
                document = accept_file(
                    session, files=self.files, jobs=self.jobs, filename=filename, data=data,
                    uploader=owner, max_bytes=self.settings.max_upload_bytes).document
                return _offered(document)
        except UploadRejectedError as error:
            return Offered(finished=True, failure=str(error))

    def poll_inbox(self) -> InboxReport:
        """One pass over the e-mail inbox (AVTALE_IMAP_*); replies go out over AVTALE_SMTP_*."""
        inbox = ImapInbox(ImapAccount.from_settings(self.settings),
                          mail_from=self.settings.mail_from,
                          # Attachments travel in base64: a third larger than the files.
                          max_message_bytes=self.settings.max_upload_bytes * 2)
        mailer = SmtpMailer.from_settings(self.settings)

        def send(reply: EmailMessage) -> None:
            try:
                mailer.send(reply)
            except PermanentDeliveryError:
                # Refused for good (no such mailbox): trying again would not help.
                log.warning("inbox: the reply to %s was refused", reply["To"])

        try:
            return inbox.poll(self.accept_from_inbox, send, self._reply_language)
        finally:
            mailer.close()

    def _reply_language(self, sender: str) -> str:
        with self.database.session() as session:
            user = user_by_email(session, sender) if sender else None
            chosen = user.language if user is not None else None
        return chosen if chosen in ("en", "nb") else self.settings.default_language

    def _watch_inbox(self) -> None:
        while not self._stop.wait(self.settings.imap_poll_seconds):
            try:
                self.poll_inbox()
            except Exception:
                log.exception("polling the e-mail inbox failed; retrying later")

    def _refresh_deadlines_job(self) -> None:
        self.refresh_deadlines()

    def _refresh_deadlines_on_a_new_day(self) -> None:
        if self._deadlines_day != self.today():
            self.refresh_deadlines()
    def run_alerts(self, now: dt.datetime | None = None) -> PassReport:
        """One scheduler pass: arm what is due, deliver what is pending. The deadlines are
        brought to today first, so no alert rests on yesterday's dates."""
        # With the index held elsewhere the database is still current; that process
        # re-indexes from the outbox.
        with contextlib.suppress(SearchIndexBusyError):
            self._refresh_deadlines_on_a_new_day()
        return run_alerts_pass(self.database, self.settings, self.search_index, now)

    def _run_alerts_job(self) -> None:
        self.run_alerts()

    def refresh_risk(self, now: dt.datetime | None = None) -> list[RefreshOutcome]:
        """One register refresh pass: the suppliers whose register data is due."""
        return refresh_risk_pass(self.database, self.settings, now)

    def _refresh_risk_job(self) -> None:
        self.refresh_risk()

    def start_worker(self) -> None:
        """Run jobs in this process; first re-queue whatever a dead process left behind."""
        with self.database.session() as session:
            if self.jobs.in_process:
                # The embedded default has one worker: this one. Nothing is in progress.
                release_orphans(session)
            count = requeue_unfinished(session, self.jobs, now=utcnow(),
                                       lease=self.processing_lease)
        if count:
            log.info("re-queued %d unfinished documents", count)
        self._rebuild_empty_index()
        # Before serving: contracts stored on an earlier day (or migrated) get today's dates.
        self.refresh_deadlines()
        self.jobs.start_worker(self.settings.worker_threads)
        self.jobs.send(SYNC_JOB)
        self._poller = threading.Thread(target=self._poll_outbox, name="outbox-poll", daemon=True)
        self._poller.start()
        if self.settings.watch_folder is not None:
            folder = WatchedFolder(self.settings.watch_folder,
                                   settle_seconds=self.settings.watch_folder_settle_seconds)
            threading.Thread(target=self._watch_folder, args=(folder,), name="watch-folder",
                             daemon=True).start()
        if self.settings.imap_host:
            threading.Thread(target=self._watch_inbox, name="imap-inbox", daemon=True).start()

    def _rebuild_empty_index(self) -> None:
        """An empty index beside a database with contracts (a new or deleted index
        directory, a schema upgrade) is rebuilt from the database, the source of truth."""
        if self.search_index.count() > 0:
            return
        with self.database.session() as session:
            if session.scalar(select(Contract.id).limit(1)) is None:
                return
        log.info("the search index is empty; rebuilding it from the database")
        rebuild(self.database, self.search_index)

    def _poll_outbox(self) -> None:
        polls = 0
        alert_every = round(self.settings.alert_pass_minutes * 60 / OUTBOX_POLL_SECONDS)
        risk_every = round(self.settings.risk_refresh_minutes * 60 / OUTBOX_POLL_SECONDS)
        while not self._stop.wait(OUTBOX_POLL_SECONDS):
            polls += 1
            try:
                self.sync_search()
                self._refresh_deadlines_on_a_new_day()
                if polls % self._requeue_every_polls == 0:
                    self._requeue_stale()
                # The embedded default has no scheduler process: this worker is it.
                if self.jobs.in_process and alert_every and polls % alert_every == 0:
                    self.jobs.send(RUN_ALERTS_JOB)
                if self.jobs.in_process and risk_every and polls % risk_every == 0:
                    self.jobs.send(REFRESH_RISK_JOB)
            except Exception:
                log.exception("background upkeep failed; retrying later")

    @property
    def _requeue_every_polls(self) -> int:
        # Twice per lease, so a killed worker's document waits at most about a lease and a
        # half; at most every REQUEUE_EVERY_POLLS polls.
        polls = self.processing_lease.total_seconds() / OUTBOX_POLL_SECONDS / 2
        return max(1, min(REQUEUE_EVERY_POLLS, int(polls)))

    def _requeue_stale(self) -> None:
        """Documents whose worker died (its lease ran out) or whose message was lost."""
        with self.database.session() as session:
            count = requeue_unfinished(session, self.jobs, now=utcnow(),
                                       lease=self.processing_lease,
                                       queued_older_than=max(self.processing_lease,
                                                             LOST_MESSAGE_AGE))
        if count:
            log.warning("re-queued %d stalled documents", count)

    def close(self) -> None:
        self._stop.set()
        if self._poller is not None:
            self._poller.join(timeout=OUTBOX_POLL_SECONDS + 1)
        self.jobs.close()
        close_index = getattr(self.search_index, "close", None)
        if callable(close_index):
            close_index()  # releases the index's single-writer lock for the next process
        self.database.dispose()
