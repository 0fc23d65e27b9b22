"""The e-mail inbox against a real IMAP server (dovecot) and a real SMTP server (aiosmtpd),
both on loopback: attachments are ingested, messages marked, failures answered by reply,
and a restart ingests nothing twice."""

from __future__ import annotations

import shutil
import ssl
import tempfile
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from conftest import World, cuad_pdf
from typer.testing import CliRunner

from avtale.runtime import Runtime
from core.models import Document, DocumentState, Role, User
from core.settings import Settings
from ingest.imap_inbox import INGESTED, REPORTED, ImapAccount, ImapInbox, Offered
from tests.ingest.imap_server import (
    PASSWORD,
    USER,
    Dovecot,
    Pymap,
    available,
    can_make_certificates,
)
from tests.pdf_factory import contract_pdf
from tests.watchers.helpers import SmtpServer

pytestmark = pytest.mark.skipif(not available(), reason="dovecot is not installed "
                                "(scripts/system-deps.sh installs it)")
MAIL_FROM = "avtale@fjordbyen.no"
TERMS = "Avtalen gjelder fra 1. mars 2024 og løper i to (2) år."


@pytest.fixture
def imap() -> Iterator[Dovecot]:
    # Not under pytest's tmp_path: dovecot's own users must be able to reach the folder.
    root = Path(tempfile.mkdtemp(prefix="avtale-dovecot-"))
    server = Dovecot(root)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _configure(settings: Settings, imap: Dovecot | Pymap, smtp: SmtpServer) -> None:
    settings.imap_host, settings.imap_port, settings.imap_tls = "127.0.0.1", imap.port, "none"
    settings.imap_user, settings.imap_password = USER, PASSWORD
    settings.smtp_host, settings.smtp_port, settings.smtp_tls = "127.0.0.1", smtp.port, "none"
    settings.mail_from = MAIL_FROM


def _message(sender: str, subject: str, files: list[tuple[str, bytes]],
             **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = USER
    message["Subject"] = subject
    message["Date"] = "Mon, 04 Mar 2024 10:00:00 +0100"
    message["Message-ID"] = f"<{abs(hash(subject))}@fjordbyen.no>"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content("Vedlagt.")
    for name, data in files:
        message.add_attachment(data, maintype="application", subtype="octet-stream",
                               filename=name)
    return message.as_bytes()


def _documents(world: World) -> list[tuple[str, DocumentState, str | None]]:
    with world.runtime.database.session() as session:
        rows = session.query(Document).order_by(Document.id).all()
        owners = {u.id: u.email for u in session.query(User).all()}
        return [(d.filename, d.state, owners.get(d.uploaded_by_id or 0)) for d in rows]


def test_attachments_are_ingested_marked_and_the_sender_told_what_failed(
    world: World, imap: Dovecot, smtp: SmtpServer
) -> None:
    editor = world.make_user("innkjop@fjordbyen.no", Role.EDITOR)
    world.make_user("arkiv@fjordbyen.no", Role.EDITOR)
    settings = world.runtime.settings
    _configure(settings, imap, smtp)
    settings.imap_owner = "arkiv@fjordbyen.no"
    imap.deliver(_message(f"Innkjøp <{editor.email}>", "Signert avtale", [
        ("services.pdf", cuad_pdf("ABILITYINC").read_bytes()),
        ("broken.pdf", b"%PDF-1.4 not really a PDF"),
    ]))
    imap.deliver(_message("Leverandør <salg@renhold-nord.no>", "Rammeavtale renhold", [
        ("rammeavtale.pdf", contract_pdf(["RAMMEAVTALE OM RENHOLD. " + TERMS])),
    ]))
    imap.deliver(_message("Autosvar <salg@renhold-nord.no>", "Fraværende", [
        ("notes.txt", b"just some notes"),
    ], Auto_Submitted="auto-replied"))

    first = world.runtime.poll_inbox()
    assert (first.messages, first.accepted, first.replies, first.failed) == (
        3, ["services.pdf", "broken.pdf", "rammeavtale.pdf", "notes.txt"], 0, [])
    assert [INGESTED in flags and "\\Seen" in flags for flags in imap.flags()] == [True] * 3
    world.wait_idle()
    second = world.runtime.poll_inbox()
    assert (second.messages, second.accepted, second.replies) == (3, [], 1)
    assert sorted(f.filename for f in second.failed) == ["broken.pdf", "notes.txt"]

    assert _documents(world) == [
        ("services.pdf", DocumentState.READY, "innkjop@fjordbyen.no"),  # a user: their own
        ("broken.pdf", DocumentState.FAILED, "innkjop@fjordbyen.no"),
        ("rammeavtale.pdf", DocumentState.READY, "arkiv@fjordbyen.no"),  # AVTALE_IMAP_OWNER
        ("notes.txt", DocumentState.FAILED, "arkiv@fjordbyen.no"),
    ]
    (reply,) = smtp.messages  # the auto-reply's failure is not answered: no mail loop
    assert reply["To"] == editor.email and reply["From"] == MAIL_FROM
    assert reply["Subject"] == "Not ingested: Signert avtale"
    assert reply["Auto-Submitted"] == "auto-replied"
    assert reply["In-Reply-To"] == f"<{abs(hash('Signert avtale'))}@fjordbyen.no>"
    body = reply.get_content()
    assert "- broken.pdf: " in body and "damaged" in body and "services.pdf" not in body
    flags = imap.flags()
    assert [REPORTED in f for f in flags] == [True] * 3
    assert ["\\Answered" in f for f in flags] == [True, False, False]

    third = world.runtime.poll_inbox()  # nothing new: nothing looked at, nobody told twice
    assert (third.messages, len(smtp.messages)) == (0, 1)


def test_a_restart_or_the_same_file_again_stores_nothing_twice(
    world: World, imap: Dovecot, smtp: SmtpServer
) -> None:
    # Every pass is a new connection with no memory of the last (as after a restart): what
    # was done is read from the marks in the mailbox and the documents' hashes.
    _configure(world.runtime.settings, imap, smtp)
    contract = cuad_pdf("ABILITYINC").read_bytes()
    imap.deliver(_message("salg@renhold-nord.no", "Avtale", [("avtale.pdf", contract)]))
    assert world.runtime.poll_inbox().accepted == ["avtale.pdf"]
    assert world.runtime.poll_inbox().accepted == []  # still in the pipeline: offered again
    world.wait_idle()
    imap.deliver(_message("salg@renhold-nord.no", "Avtale igjen", [("kopi.pdf", contract)]))
    again = world.runtime.poll_inbox()
    assert (again.messages, again.accepted, again.replies) == (2, ["kopi.pdf"], 0)
    assert [(name, state) for name, state, _ in _documents(world)] == [
        ("avtale.pdf", DocumentState.READY)]  # kopi.pdf: the same bytes, one document
    assert [REPORTED in flags for flags in imap.flags()] == [True, True]
    assert world.runtime.poll_inbox().messages == 0


def test_a_reply_that_cannot_be_sent_is_sent_on_a_later_pass(
    world: World, imap: Dovecot, smtp: SmtpServer
) -> None:
    _configure(world.runtime.settings, imap, smtp)
    world.runtime.settings.default_language = "nb"
    imap.deliver(_message("salg@renhold-nord.no", "Avtale", [("broken.pdf", b"%PDF-1.4 x")]))
    world.runtime.poll_inbox()
    world.wait_idle()
    smtp.stop()
    assert world.runtime.poll_inbox().replies == 0
    assert REPORTED not in imap.flags()[0]  # so the next pass tries again
    smtp.start()
    assert world.runtime.poll_inbox().replies == 1
    (reply,) = smtp.messages
    assert reply["Subject"] == "Ikke lest inn: Avtale"  # the organisation's language
    assert "broken.pdf" in reply.get_content()
    assert _documents(world)[0][1] is DocumentState.FAILED and len(_documents(world)) == 1


def test_avtale_ingest_imap_once(
    tmp_path: Path, imap: Dovecot, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from avtale.cli import app

    for name, value in {
        "ENVIRONMENT": "test", "DATA_DIR": str(tmp_path / "data"),
        "SECRET_KEY": "test-secret-key-that-is-long-enough", "ALERT_PASS_MINUTES": "0",
        "IMAP_HOST": "127.0.0.1", "IMAP_PORT": str(imap.port), "IMAP_TLS": "none",
        "IMAP_USER": USER, "IMAP_PASSWORD": PASSWORD, "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp.port), "MAIL_FROM": MAIL_FROM,
    }.items():
        monkeypatch.setenv(f"AVTALE_{name}", value)
    imap.deliver(_message("salg@renhold-nord.no", "Avtaler", [
        ("avtale.pdf", contract_pdf(["RAMMEAVTALE OM RENHOLD. " + TERMS])),
        ("broken.pdf", b"%PDF-1.4 x"),
    ]))
    result = CliRunner().invoke(app, ["ingest", "imap", "--once"])
    assert result.exit_code == 0, result.output
    assert "1 message: 2 attachments ingested, 1 failed, 1 reply sent" in result.output
    assert "broken.pdf" in result.output
    assert [s["To"] for s in smtp.messages] == ["salg@renhold-nord.no"]
    assert REPORTED in imap.flags()[0]


@pytest.mark.skipif(not can_make_certificates(), reason="openssl makes the test certificate")
@pytest.mark.parametrize("tls", ["starttls", "tls"])
def test_starttls_and_tls_log_in_over_a_verified_connection(tls: str) -> None:
    root = Path(tempfile.mkdtemp(prefix="avtale-dovecot-"))
    server = Dovecot(root, tls=True)
    server.start()
    try:
        server.deliver(_message("salg@renhold-nord.no", "Avtale", [("a.pdf", b"%PDF-1.4 x")]))
        port = server.port if tls == "starttls" else server.tls_port
        offered: list[str] = []

        def accept(filename: str, data: bytes, sender: str) -> Offered:
            offered.append(f"{filename} from {sender}")
            return Offered(finished=False)

        def inbox(ca_certs: Path | None) -> ImapInbox:
            return ImapInbox(ImapAccount("127.0.0.1", port, tls,  # type: ignore[arg-type]
                                         USER, PASSWORD, ca_certs=ca_certs),
                             mail_from=MAIL_FROM, max_message_bytes=10**6)

        def no_mail(reply: EmailMessage) -> None:
            raise AssertionError("nothing failed")

        with pytest.raises(ssl.SSLCertVerificationError):  # not a public CA's certificate
            inbox(None).poll(accept, no_mail, lambda _: "en")
        report = inbox(server.ca_certs).poll(accept, no_mail, lambda _: "en")
        assert (report.messages, offered) == (1, ["a.pdf from salg@renhold-nord.no"])
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_an_inbox_that_refuses_the_login_is_said_plainly(
    tmp_path: Path, imap: Dovecot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from avtale.cli import app

    for name, value in {
        "ENVIRONMENT": "test", "DATA_DIR": str(tmp_path / "data"),
        "SECRET_KEY": "test-secret-key-that-is-long-enough", "ALERT_PASS_MINUTES": "0",
        "IMAP_HOST": "127.0.0.1", "IMAP_PORT": str(imap.port), "IMAP_TLS": "none",
        "IMAP_USER": USER, "IMAP_PASSWORD": "wrong",
    }.items():
        monkeypatch.setenv(f"AVTALE_{name}", value)
    result = CliRunner().invoke(app, ["ingest", "imap", "--once"])
    assert result.exit_code == 1
    assert f"the inbox 127.0.0.1:{imap.port} cannot be read" in result.output


@pytest.mark.skipif(not Pymap.PROGRAM.exists(), reason="pymap is a dev dependency")
def test_a_server_without_keywords_is_worked_by_seen_alone(
    world: World, smtp: SmtpServer
) -> None:
    server = Pymap()
    server.start()
    try:
        client = server.client()
        client.create("Kontrakter")
        client.logout()
        settings = world.runtime.settings
        _configure(settings, server, smtp)
        settings.imap_mailbox = "Kontrakter"
        server.deliver(_message("salg@renhold-nord.no", "Avtaler", [
            ("avtale.pdf", contract_pdf(["RAMMEAVTALE OM RENHOLD. " + TERMS])),
            ("broken.pdf", b"%PDF-1.4 x"),
        ]), "Kontrakter")
        first = world.runtime.poll_inbox()
        assert (first.messages, first.waiting) == (1, 1)
        assert server.flags("Kontrakter") == [set()]  # unread until it is reported
        world.wait_idle()
        second = world.runtime.poll_inbox()
        assert (second.messages, second.replies, [f.filename for f in second.failed]) == (
            1, 1, ["broken.pdf"])
        assert server.flags("Kontrakter") == [{"\\Seen", "\\Answered"}]
        assert world.runtime.poll_inbox().messages == 0
        assert [(name, state) for name, state, _ in _documents(world)] == [
            ("avtale.pdf", DocumentState.READY), ("broken.pdf", DocumentState.FAILED)]
        assert [m["To"] for m in smtp.messages] == ["salg@renhold-nord.no"]
    finally:
        server.stop()


def test_the_worker_polls_the_inbox_by_itself(
    runtime: Runtime, imap: Dovecot, smtp: SmtpServer
) -> None:
    _configure(runtime.settings, imap, smtp)
    runtime.settings.imap_poll_seconds = 1
    imap.deliver(_message("salg@renhold-nord.no", "Avtale", [("broken.pdf", b"%PDF-1.4 x")]))
    runtime.start_worker()
    deadline = time.monotonic() + 120  # a bound on waiting, not a measurement
    # On dovecot (CONDSTORE) the message is claimed as reported before the reply is sent
    # and marked answered after it: wait for the answer, not the claim.
    while "\\Answered" not in imap.flags()[0]:
        assert time.monotonic() < deadline, "the worker never answered the message"
        time.sleep(0.2)
    assert [m["To"] for m in smtp.messages] == ["salg@renhold-nord.no"]


def test_a_message_too_large_to_fetch_is_answered_not_downloaded(
    world: World, imap: Dovecot, smtp: SmtpServer
) -> None:
    _configure(world.runtime.settings, imap, smtp)
    world.runtime.settings.max_upload_bytes = 1024  # so a message may have 2048 bytes
    imap.deliver(_message("salg@renhold-nord.no", "Stor avtale", [
        ("stor.pdf", contract_pdf(["RAMMEAVTALE OM RENHOLD. " + TERMS]))]))
    report = world.runtime.poll_inbox()
    assert (report.accepted, report.replies) == ([], 1)
    assert "larger than 2048 bytes" in smtp.messages[0].get_content()
    assert _documents(world) == []
    assert REPORTED in imap.flags()[0]


def test_of_two_pollers_on_one_mailbox_only_one_answers(
    world: World, imap: Dovecot, smtp: SmtpServer
) -> None:
    settings = world.runtime.settings
    _configure(settings, imap, smtp)
    imap.deliver(_message("salg@renhold-nord.no", "Avtale", [("broken.pdf", b"%PDF-1.4 x")]))
    world.runtime.poll_inbox()
    world.wait_idle()  # broken.pdf has failed; nobody has answered yet
    other_passes: list[int] = []

    def accept_while_another_reports(filename: str, data: bytes, sender: str) -> Offered:
        # Between this poller's reading the message and its mark, another one (a second
        # worker) makes its whole pass and answers.
        if not other_passes:
            other_passes.append(world.runtime.poll_inbox().replies)
        return world.runtime.accept_from_inbox(filename, data, sender)

    ours: list[EmailMessage] = []
    inbox = ImapInbox(ImapAccount.from_settings(settings), mail_from=MAIL_FROM,
                      max_message_bytes=10**6)
    report = inbox.poll(accept_while_another_reports, ours.append, lambda _: "en")
    assert (other_passes, report.replies, ours) == ([1], 0, [])
    assert len(smtp.messages) == 1
    assert {REPORTED, "\\Answered"} <= imap.flags()[0]
