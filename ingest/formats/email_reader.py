"""E-mail files (.eml, RFC 5322): the message text, and the attachments that are contracts."""

from __future__ import annotations

import dataclasses
import email
import email.policy
from email.message import EmailMessage

MAX_ATTACHMENTS = 50


@dataclasses.dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes


@dataclasses.dataclass(frozen=True)
class MailMessage:
    subject: str
    sender: str
    sent: str
    text: str
    attachments: list[Attachment]


def looks_like_email(data: bytes) -> bool:
    """An RFC 5322 message starts with header lines; these two are in every real one."""
    head = data[:8192].decode("latin-1").lower()
    return ("\nfrom:" in "\n" + head or head.startswith("from:")) and (
        "\nsubject:" in "\n" + head or "\ndate:" in "\n" + head
    ) and ("\nmime-version:" in "\n" + head or "\nreceived:" in "\n" + head
           or "\nmessage-id:" in "\n" + head)


def read_email(data: bytes) -> MailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    body = message.get_body(preferencelist=("plain", "html"))
    text = body.get_content() if body is not None else ""
    attachments: list[Attachment] = []
    for part in message.iter_attachments():
        if len(attachments) >= MAX_ATTACHMENTS:
            break
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and payload:
            name = part.get_filename() or f"attachment-{len(attachments) + 1}"
            attachments.append(Attachment(filename=name, data=payload))
    return MailMessage(
        subject=str(message.get("subject", "")), sender=str(message.get("from", "")),
        sent=str(message.get("date", "")), text=str(text), attachments=attachments,
    )
