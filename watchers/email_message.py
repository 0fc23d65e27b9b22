"""An alert as an e-mail: plain text and HTML from Jinja2 templates, in the recipient's
language, with a Message-ID that is the same however often the alert is tried."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from watchers.alert_view import AlertView
from watchers.email_policy import PlainHeaderPolicy

TEMPLATES = Path(__file__).parent / "templates"

environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)

# Headers fold at RFC 5322's hard limit, not at 78: a folded or encoded List-Unsubscribe URL
# is one that mail clients cannot use.
POLICY = PlainHeaderPolicy(max_line_length=998)

_SUBJECT = {
    "en": "{label} {date}: {title}",
    "nb": "{label} {date}: {title}",
}


def message_id(alert_id: int, base_url: str) -> str:
    """Stable per alert, so a retry after an unclear failure is recognisably the same mail."""
    host = urlsplit(base_url).hostname or "avtale.localhost"
    return f"<alert-{alert_id}@{host}>"


def alert_email(
    view: AlertView, *, to: str, mail_from: str, base_url: str, now: dt.datetime
) -> EmailMessage:
    message = EmailMessage(policy=POLICY)
    message["From"] = mail_from
    message["To"] = to
    message["Subject"] = _SUBJECT[view.language].format(
        label=view.event_label, date=view.event_date_text, title=view.contract_title
    )
    message["Message-ID"] = message_id(view.alert_id, base_url)
    message["Date"] = format_datetime(now)
    message["Auto-Submitted"] = "auto-generated"  # tells autoresponders not to answer
    message["Content-Language"] = view.language
    if view.unsubscribe_url:
        message["List-Unsubscribe"] = f"<{view.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    context = {"alert": view}
    message.set_content(environment.get_template(f"alert.{view.language}.txt").render(context))
    message.add_alternative(
        environment.get_template(f"alert.{view.language}.html").render(context), subtype="html"
    )
    return message
