"""An IMAP mailbox as a source: the attachments of each new message are ingested like uploads
(the bytes decide the format), the message is marked, and when a file failed the sender is
told by reply, naming the file and the reason.

Stateless across restarts, like the watched folder: the marks live in the mailbox. A
message is new until it carries `$AvtaleReported`. Each pass offers every attachment of each
new message (the same bytes are one document, so an attachment offered again is not stored
twice) and learns from the answers where each stands. The first pass marks the message
`$AvtaleIngested` and `\\Seen`; once every attachment is ready or failed, the reply (when one
failed) is sent and the message marked `$AvtaleReported` (and `\\Answered`). A process that
dies in between finds the message without the last mark and carries on from there.

Several workers may poll one mailbox: on a server with CONDSTORE (RFC 7162; dovecot has it)
the reported mark is set before the reply, and only if the message is unchanged since this
pass read it, so only one of them answers (a process that dies between the mark and the
reply leaves that one reply unsent). Without CONDSTORE the mark follows the reply, and two
pollers at the same moment may both answer.

A server that keeps no keywords of its own (PERMANENTFLAGS without `\\*`) is worked by
`\\Seen` alone: unread messages are new, and one is marked read once it is reported.
"""

from __future__ import annotations

import dataclasses
import imaplib
import logging
import re
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from email.message import EmailMessage
from pathlib import Path
from typing import Literal

from core.settings import Settings
from ingest.inbox_message import InboxMessage, parse_message
from ingest.inbox_reply import Failure, failure_reply

log = logging.getLogger(__name__)

INGESTED = "$AvtaleIngested"
REPORTED = "$AvtaleReported"
IMAP_TIMEOUT_SECONDS = 60.0
# Messages looked at per pass; the rest wait for the next one (a pass stays short).
MESSAGES_PER_PASS = 50
_FLAGS = re.compile(rb"FLAGS \(([^)]*)\)")
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")
_MODSEQ = re.compile(rb"MODSEQ \((\d+)\)")


@dataclasses.dataclass(frozen=True)
class Offered:
    """Where one attachment stands after it was offered: still in the pipeline, ready, or
    failed (`failure` says why)."""

    finished: bool
    failure: str | None = None


# accept(filename, data, sender address) stores the attachment as a document (or finds the
# one with the same bytes) in its own transaction and says where it stands.
Accept = Callable[[str, bytes, str], Offered]
# send(reply) delivers a reply or raises; a reply that raised is tried again next pass.
Send = Callable[[EmailMessage], None]
# language(sender address) -> "en" | "nb": the reply's language.
Language = Callable[[str], str]


@dataclasses.dataclass(frozen=True)
class ImapAccount:
    host: str
    port: int
    tls: Literal["none", "starttls", "tls"]
    user: str
    password: str
    mailbox: str = "INBOX"
    ca_certs: Path | None = None  # else the system's CAs

    @classmethod
    def from_settings(cls, settings: Settings) -> ImapAccount:
        return cls(settings.imap_host, settings.imap_port, settings.imap_tls,
                   settings.imap_user, settings.imap_password, settings.imap_mailbox,
                   settings.imap_ca_certs)

    def tls_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.ca_certs)


@dataclasses.dataclass
class PassReport:
    messages: int = 0  # looked at this pass
    accepted: list[str] = dataclasses.field(default_factory=list)  # attachments, first time
    failed: list[Failure] = dataclasses.field(default_factory=list)  # reported this pass
    replies: int = 0
    waiting: int = 0  # messages with an attachment still in the pipeline


class ImapInbox:
    def __init__(self, account: ImapAccount, *, mail_from: str, max_message_bytes: int,
                 timeout: float = IMAP_TIMEOUT_SECONDS) -> None:
        self.account = account
        self.mail_from = mail_from
        # Larger messages are not downloaded: the sender is told to upload the files instead.
        self.max_message_bytes = max_message_bytes
        self.timeout = timeout

    def poll(self, accept: Accept, send: Send, language: Language) -> PassReport:
        """One pass over the mailbox's new messages."""
        report = PassReport()
        with self._session() as imap:
            mailbox = _select(imap, self.account.mailbox)
            new = (["UNDELETED", "UNKEYWORD", REPORTED] if mailbox.keywords
                   else ["UNDELETED", "UNSEEN"])
            for uid in _search(imap, new)[:MESSAGES_PER_PASS]:
                report.messages += 1
                self._work(mailbox, uid, accept, send, language, report)
        return report

    def _work(self, mailbox: _Mailbox, uid: str, accept: Accept, send: Send,
              language: Language, report: PassReport) -> None:
        imap = mailbox.imap
        state = _state(mailbox, uid)
        first_time = mailbox.keywords and INGESTED not in state.flags
        if first_time:
            _store(imap, uid, INGESTED, "\\Seen")
            # Read again after our own mark, so that only another poller's changes count.
            state = _state(mailbox, uid)
        if state.size > self.max_message_bytes:
            message = parse_message(_fetch(imap, uid, headers_only=True))
            failures = [Failure(message.subject or "(no subject)",
                                f"the message is larger than {self.max_message_bytes} bytes; "
                                "upload its files on the upload page instead")]
            self._report(mailbox, uid, state, message, failures, send, language, report)
            return
        message = parse_message(_fetch(imap, uid))
        outcomes = [(attachment.filename, accept(attachment.filename, attachment.data,
                                                 message.sender))
                    for attachment in message.attachments]
        if first_time or not mailbox.keywords:  # without keywords: every pass's offers
            report.accepted.extend(name for name, _ in outcomes)
        if not all(offered.finished for _, offered in outcomes):
            report.waiting += 1
            return
        failures = [Failure(name, offered.failure) for name, offered in outcomes
                    if offered.failure is not None]
        self._report(mailbox, uid, state, message, failures, send, language, report)

    def _report(self, mailbox: _Mailbox, uid: str, state: _State, message: InboxMessage,
                failures: list[Failure], send: Send, language: Language,
                report: PassReport) -> None:
        """Mark the message reported and answer its sender when a file failed. Where the
        server has CONDSTORE, the mark is set first and only if nobody changed the message
        since we read it: of two pollers on one mailbox, only one answers."""
        imap = mailbox.imap
        claimed = state.modseq is not None and mailbox.keywords
        if claimed and not _store_unchanged(imap, uid, state.modseq or 0, REPORTED):
            log.info("inbox: message %s is being reported by another process", uid)
            return
        replied = False
        if failures and message.may_be_answered(own=(self.mail_from, self.account.user)):
            try:
                send(failure_reply(message, failures, mail_from=self.mail_from,
                                   language=language(message.sender)))
            except Exception:
                log.exception("inbox: the reply to %s could not be sent; trying again later",
                              message.sender)
                if claimed:
                    _store(imap, uid, REPORTED, sign="-")
                return
            replied = True
            report.replies += 1
        report.failed.extend(failures)
        marks = ([] if claimed else [REPORTED if mailbox.keywords else "\\Seen"])
        marks += ["\\Answered"] if replied else []
        if marks:
            _store(imap, uid, *marks)
        for failure in failures:
            log.info("inbox: %s from %s failed: %s", failure.filename, message.sender,
                     failure.reason)

    @contextmanager
    def _session(self) -> Iterator[imaplib.IMAP4]:
        account = self.account
        imap: imaplib.IMAP4
        if account.tls == "tls":
            imap = imaplib.IMAP4_SSL(account.host, account.port, timeout=self.timeout,
                                     ssl_context=account.tls_context())
        else:
            imap = imaplib.IMAP4(account.host, account.port, timeout=self.timeout)
        try:
            if account.tls == "starttls":
                imap.starttls(ssl_context=account.tls_context())
            imap.login(account.user, account.password)
            yield imap
        finally:
            with suppress(OSError, imaplib.IMAP4.error):
                imap.logout()


@dataclasses.dataclass(frozen=True)
class _Mailbox:
    imap: imaplib.IMAP4
    keywords: bool  # the server keeps keywords we make up (`\\*` in PERMANENTFLAGS)
    condstore: bool  # it can change flags only if the message is unchanged (RFC 7162)


@dataclasses.dataclass(frozen=True)
class _State:
    flags: set[str]
    size: int
    modseq: int | None  # with CONDSTORE: the message's modification sequence


def _select(imap: imaplib.IMAP4, mailbox: str) -> _Mailbox:
    _, capabilities = imap.capability()  # after login: servers list more than before it
    condstore = any(b"CONDSTORE" in line.upper().split() for line in capabilities
                    if isinstance(line, bytes))
    status, _ = imap.select(_quoted(mailbox))
    if status != "OK":
        raise imaplib.IMAP4.error(f"the mailbox {mailbox!r} cannot be opened")
    _, permanent = imap.response("PERMANENTFLAGS")
    given = b" ".join(item for item in permanent if isinstance(item, bytes))
    keywords = b"\\*" in given or (INGESTED.encode() in given and REPORTED.encode() in given)
    return _Mailbox(imap, keywords, condstore)


def _search(imap: imaplib.IMAP4, criteria: list[str]) -> list[str]:
    status, data = imap.uid("SEARCH", *criteria)
    if status != "OK":
        raise imaplib.IMAP4.error(f"SEARCH failed: {data!r}")
    return [uid.decode() for line in data if isinstance(line, bytes) for uid in line.split()]


def _state(mailbox: _Mailbox, uid: str) -> _State:
    items = "(FLAGS RFC822.SIZE MODSEQ)" if mailbox.condstore else "(FLAGS RFC822.SIZE)"
    _, data = mailbox.imap.uid("FETCH", uid, items)
    line = b" ".join(item for item in data if isinstance(item, bytes))
    flags = _FLAGS.search(line)
    size = _SIZE.search(line)
    modseq = _MODSEQ.search(line)
    return _State(
        flags={flag.decode() for flag in flags.group(1).split()} if flags else set(),
        size=int(size.group(1)) if size else 0,
        modseq=int(modseq.group(1)) if modseq else None,
    )


def _fetch(imap: imaplib.IMAP4, uid: str, *, headers_only: bool = False) -> bytes:
    """The message's bytes; PEEK leaves `\\Seen` to us."""
    part = "BODY.PEEK[HEADER]" if headers_only else "BODY.PEEK[]"
    status, data = imap.uid("FETCH", uid, f"({part})")
    for item in data:
        if isinstance(item, tuple):
            return bytes(item[1])
    raise imaplib.IMAP4.error(f"FETCH of message {uid} gave no message ({status})")


def _store(imap: imaplib.IMAP4, uid: str, *flags: str, sign: str = "+") -> None:
    status, data = imap.uid("STORE", uid, f"{sign}FLAGS.SILENT", f"({' '.join(flags)})")
    if status != "OK":
        raise imaplib.IMAP4.error(f"STORE failed: {data!r}")


def _store_unchanged(imap: imaplib.IMAP4, uid: str, modseq: int, *flags: str) -> bool:
    """Add the flags only if the message is unchanged since `modseq`; False when it was
    changed (the server answers `[MODIFIED uid]` and leaves it)."""
    imap.response("MODIFIED")  # drop an earlier answer's
    status, data = imap.uid("STORE", uid, f"(UNCHANGEDSINCE {modseq})", "+FLAGS.SILENT",
                            f"({' '.join(flags)})")
    if status != "OK":
        raise imaplib.IMAP4.error(f"STORE failed: {data!r}")
    _, modified = imap.response("MODIFIED")
    return not any(modified)


def _quoted(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'
