"""One SMTP connection per scheduler pass, a new one when the server dropped it, and no
message twice because of a reconnect."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage

from conftest import World

from core.models import Role
from tests.watchers.helpers import (
    BASE_URL,
    MAIL_FROM,
    RENEWING,
    SmtpServer,
    make_contract,
    run_pass,
)
from watchers.channels import Channels
from watchers.email_channel import SmtpMailer

CREATED = dt.date(2026, 6, 1)
NOTICE_90 = dt.date(2026, 7, 2)


def _message(number: int) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"] = MAIL_FROM, "someone@example.no"
    message["Subject"], message["Message-ID"] = f"m{number}", f"<m{number}@example.no>"
    message.set_content("x")
    return message


def test_a_pass_sends_all_its_mail_over_one_connection(
    world: World, smtp_server: SmtpServer
) -> None:
    mailer = SmtpMailer("127.0.0.1", smtp_server.port, timeout=5)
    channels = Channels(base_url=BASE_URL, mail_from=MAIL_FROM, mailer=mailer)
    owner = world.make_user("owner@example.no", Role.EDITOR)
    for title in ("One", "Two", "Three", "Four"):
        make_contract(world, owner, CREATED, **{**RENEWING, "title": title})
    run_pass(world, channels, CREATED)
    report = run_pass(world, channels, NOTICE_90)
    assert report.delivered.sent == len(smtp_server.messages) == 4
    assert mailer.connections == 1


def test_a_dropped_connection_is_reopened_without_doubling_a_message(
    smtp_server: SmtpServer,
) -> None:
    mailer = SmtpMailer("127.0.0.1", smtp_server.port, timeout=5)
    mailer.send(_message(1))
    smtp_server.stop()  # the server goes away with the connection open
    smtp_server.start()
    mailer.send(_message(2))
    mailer.send(_message(3))
    mailer.close()
    assert [m["Subject"] for m in smtp_server.messages] == ["m1", "m2", "m3"]
    assert mailer.connections == 2
