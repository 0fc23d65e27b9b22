"""A digest as an e-mail: every alert it holds, nearest event first, in the recipient's
language, with a Message-ID that is the same however often the digest is tried."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import urlsplit

from core.i18n import Np_, translate_plural
from watchers import wording
from watchers.alert_view import AlertView
from watchers.email_message import POLICY, render_both

SUBJECTS = {
    "daily": Np_("Avtale daily digest %(date)s: %(num)d alert",
                 "Avtale daily digest %(date)s: %(num)d alerts"),
    "weekly": Np_("Avtale weekly digest from %(date)s: %(num)d alert",
                  "Avtale weekly digest from %(date)s: %(num)d alerts"),
}


@dataclasses.dataclass(frozen=True)
class DigestView:
    digest_id: int
    language: str
    frequency: str  # daily | weekly
    period_start_text: str
    alerts: Sequence[AlertView]
    watches_url: str
    # Where the reader switches digests off or back to single e-mails.
    preferences_url: str


def digest_view(
    digest_id: int, frequency: str, period_start: dt.date, language: str,
    alerts: Sequence[AlertView], base_url: str,
) -> DigestView:
    base = base_url.rstrip("/")
    ordered = sorted(alerts, key=lambda a: (a.event_date, a.contract_title.casefold(),
                                            a.alert_id))
    return DigestView(
        digest_id=digest_id, language=wording.language_of(language), frequency=frequency,
        period_start_text=wording.format_date(period_start, language), alerts=ordered,
        watches_url=f"{base}/api/v1/watches", preferences_url=f"{base}/api/v1/alert-preferences",
    )


def digest_message_id(digest_id: int, base_url: str) -> str:
    """Stable per digest: a resend after an unclear failure is recognisably the same mail."""
    host = urlsplit(base_url).hostname or "avtale.localhost"
    return f"<digest-{digest_id}@{host}>"


def digest_email(
    view: DigestView, *, to: str, mail_from: str, base_url: str, now: dt.datetime
) -> EmailMessage:
    count = len(view.alerts)
    message = EmailMessage(policy=POLICY)
    message["From"] = mail_from
    message["To"] = to
    singular, plural = SUBJECTS[view.frequency]
    message["Subject"] = translate_plural(view.language, singular, plural, count,
                                          date=view.period_start_text)
    message["Message-ID"] = digest_message_id(view.digest_id, base_url)
    message["Date"] = format_datetime(now)
    message["Auto-Submitted"] = "auto-generated"
    message["Content-Language"] = view.language
    text, html = render_both("digest", view.language, {"digest": view})
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message
