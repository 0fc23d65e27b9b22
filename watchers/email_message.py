"""An alert as an e-mail: plain text and HTML from Jinja2 templates, in the recipient's
language, with a Message-ID that is the same however often the alert is tried.

One template a message (alert.txt, alert.html; digest.* likewise), its words in `{% trans %}`
and `_()` from the pages' catalogue (core/i18n.py), rendered in the recipient's language.
"""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from core import i18n
from watchers.alert_view import AlertView
from watchers.email_policy import PlainHeaderPolicy

TEMPLATES = Path(__file__).parent / "templates"



@cache
def environment(language: str) -> jinja2.Environment:
    """The e-mail templates with the catalogue of `language` installed (one environment a
    language, so concurrent deliveries in different languages never share one)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.policies["ext.i18n.trimmed"] = True  # the msgids babel.cfg extracts
    env.install_gettext_translations(  # type: ignore[attr-defined]
        i18n.translations(i18n.language_or_default(language)), newstyle=True)
    return env


def render_both(name: str, language: str, context: dict[str, object]) -> tuple[str, str]:
    """The plain text and HTML of the message template `name` in `language`."""
    env = environment(language)
    return (env.get_template(f"{name}.txt").render(context),
            env.get_template(f"{name}.html").render(context))

# Headers fold at RFC 5322's hard limit, not at 78: a folded or encoded List-Unsubscribe URL
# is one that mail clients cannot use.
POLICY = PlainHeaderPolicy(max_line_length=998)

SUBJECT = i18n.N_("%(label)s %(date)s: %(title)s")


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
    message["Subject"] = i18n.translate(
        view.language, SUBJECT,
        label=view.event_label, date=view.event_date_text, title=view.contract_title,
    )
    message["Message-ID"] = message_id(view.alert_id, base_url)
    message["Date"] = format_datetime(now)
    message["Auto-Submitted"] = "auto-generated"  # tells autoresponders not to answer
    message["Content-Language"] = view.language
    if view.unsubscribe_url:
        message["List-Unsubscribe"] = f"<{view.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    text, html = render_both("alert", view.language, {"alert": view})
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message
