"""The reply that tells a sender which of their files could not be ingested, and why; in
their language when they are a user here, else the organisation's. Marked as an automatic
reply (RFC 3834), so that an auto-responder on the other side does not answer it back."""

from __future__ import annotations

import dataclasses
import email.utils
from email.message import EmailMessage

from ingest.inbox_message import InboxMessage


@dataclasses.dataclass(frozen=True)
class Failure:
    filename: str
    reason: str


_WORDING = {
    "en": {
        "subject": "Not ingested: {subject}",
        "intro": "Avtale could not ingest these files from your message:",
        "outro": "The other attachments, if any, were ingested. Fix the files above and send "
                 "them again, or upload them on Avtale's upload page.",
    },
    "nb": {
        "subject": "Ikke lest inn: {subject}",
        "intro": "Avtale kunne ikke lese inn disse filene fra meldingen din:",
        "outro": "Eventuelle andre vedlegg ble lest inn. Rett filene over og send dem på nytt, "
                 "eller last dem opp på opplastingssiden i Avtale.",
    },
}


def failure_reply(original: InboxMessage, failures: list[Failure], *, mail_from: str,
                  language: str) -> EmailMessage:
    words = _WORDING.get(language, _WORDING["en"])
    reply = EmailMessage()
    reply["From"] = mail_from
    reply["To"] = original.sender
    subject = original.subject or "(no subject)"
    reply["Subject"] = words["subject"].format(subject=subject)
    reply["Date"] = email.utils.formatdate(localtime=False)
    reply["Message-ID"] = email.utils.make_msgid(domain=mail_from.rpartition("@")[2] or None)
    reply["Auto-Submitted"] = "auto-replied"
    if original.message_id:
        reply["In-Reply-To"] = original.message_id
        reply["References"] = f"{original.references} {original.message_id}".strip()
    lines = [words["intro"], ""]
    lines += [f"- {failure.filename}: {failure.reason}" for failure in failures]
    lines += ["", words["outro"]]
    reply.set_content("\n".join(lines) + "\n")
    return reply
