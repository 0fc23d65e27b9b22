"""Alert e-mails built with the plain-header policy are byte for byte what the default
policy makes of them, for plain and for awkward header values."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime

import pytest

from watchers.email_message import POLICY
from watchers.email_policy import PlainHeaderPolicy

DEFAULT = policy.default.clone(max_line_length=998)
SUBJECTS = [
    "Notice deadline 2 July 2026: Cleaning agreement 12",
    "Oppsigelsesfrist 2. juli 2026: Drift av e-post (Tromsø)",
    "two  spaces", " leading", "trailing ", "tab\there", "=?utf-8?q?looks_encoded?=",
    'Re: (x) [y] "quoted" <angle> someone@example.no', "x" * 1200, "",
]
SENDERS = ["avtale@example.no", "Avtale, Fjordbyen kommune <avtale@example.no>",
           "Ærlig Avtale <avtale@example.no>"]


def _alert_like(made_with: policy.EmailPolicy, subject: str, sender: str) -> bytes:
    message = EmailMessage(policy=made_with)
    message["From"] = sender
    message["To"] = "someone@example.no"
    message["Subject"] = subject
    message["Message-ID"] = "<alert-12@avtale.example.no>"
    message["Date"] = format_datetime(dt.datetime(2026, 6, 1, 6, tzinfo=dt.UTC))
    message["Auto-Submitted"] = "auto-generated"
    message["Content-Language"] = "nb"
    message["List-Unsubscribe"] = "<https://avtale.example.no/unsubscribe/a1.b-2_c?x=1>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content("Hei,\nfristen for oppsigelse er 2. juli 2026.\n")
    message.add_alternative("<p>Fristen for oppsigelse er 2.&nbsp;juli 2026.</p>\n",
                            subtype="html")
    message.set_boundary("fixed-boundary")  # the one random part
    return message.as_bytes()


def test_the_alerts_policy_is_the_plain_header_one() -> None:
    assert isinstance(POLICY, PlainHeaderPolicy)
    assert POLICY.max_line_length == 998


@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize("sender", SENDERS)
def test_the_bytes_are_the_default_policys(subject: str, sender: str) -> None:
    made = _alert_like(POLICY, subject, sender)
    assert made == _alert_like(DEFAULT, subject, sender)
    if subject in SUBJECTS[:2]:  # and what a mail client reads is what was set
        assert message_from_bytes(made, policy=policy.default)["Subject"] == subject


def test_a_plain_header_is_stored_as_typed_and_read_back_parsed() -> None:
    message = EmailMessage(policy=POLICY)
    message["Subject"] = "Notice deadline 2 July 2026: First"
    message["To"] = "someone@example.no"
    raw = dict(message._headers)  # what the policy stored is the point
    assert type(raw["Subject"]) is str
    assert type(raw["To"]) is not str  # addresses always parsed
    assert message["Subject"] == "Notice deadline 2 July 2026: First"
    assert message["Subject"].name == "Subject"  # a header object when read
