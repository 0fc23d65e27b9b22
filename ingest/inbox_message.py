"""One message from the e-mail inbox, as the inbox source needs it: who sent it (where a
reply goes), what it is about, and its attachments (a forwarded e-mail is one, whole)."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import email.utils
from email.message import EmailMessage

from ingest.formats.email_reader import MAX_ATTACHMENTS, Attachment

# Senders that are machines: a reply to them loops or bounces (RFC 3834).
_MACHINE_SENDERS = ("mailer-daemon@", "postmaster@", "noreply@", "no-reply@")


@dataclasses.dataclass(frozen=True)
class InboxMessage:
    sender: str  # the bare address a reply goes to (Reply-To, else From); may be ""
    subject: str
    message_id: str
    references: str
    attachments: list[Attachment]
    # Sent by a program (an auto-reply, a bounce, a list): never answered.
    automatic: bool

    def may_be_answered(self, own: tuple[str, ...]) -> bool:
        address = self.sender.lower()
        return bool(address) and not self.automatic and "@" in address \
            and address not in {o.lower() for o in own if o} \
            and not address.startswith(_MACHINE_SENDERS)


def parse_message(raw: bytes) -> InboxMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    reply_to = _address(message.get("reply-to")) or _address(message.get("from"))
    auto_submitted = str(message.get("auto-submitted", "no")).strip().lower()
    precedence = str(message.get("precedence", "")).strip().lower()
    return InboxMessage(
        sender=reply_to,
        subject=str(message.get("subject", "")).strip(),
        message_id=str(message.get("message-id", "")).strip(),
        references=str(message.get("references", "")).strip(),
        attachments=_attachments(message),
        automatic=(auto_submitted != "no" or precedence in ("bulk", "list", "junk")
                   or message.get("list-id") is not None
                   or str(message.get("return-path", "")).strip() == "<>"),
    )


def _address(header: object) -> str:
    if header is None:
        return ""
    _, address = email.utils.parseaddr(str(header))
    return address.strip()


def _attachments(message: EmailMessage) -> list[Attachment]:
    """What the sender attached, in order. Images the HTML body shows (a logo in the
    signature) are part of the body, not attachments, and are left out."""
    found: list[Attachment] = []
    for part in message.iter_attachments():
        if len(found) >= MAX_ATTACHMENTS:
            break
        assert isinstance(part, EmailMessage)
        if part.get_content_type() == "message/rfc822":
            inner = part.get_content()
            data = inner.as_bytes() if isinstance(inner, EmailMessage) else b""
            name = part.get_filename() or f"{inner.get('subject', 'message')}.eml"
        else:
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            name = part.get_filename() or f"attachment-{len(found) + 1}"
        if data:
            found.append(Attachment(filename=str(name), data=data))
    return found
