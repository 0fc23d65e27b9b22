"""The SMTP mailer against a real aiosmtpd: login when configured, and how refusals and an
absent server are told apart (retry or give up)."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage

import pytest

from core.settings import Settings
from tests.watchers.helpers import SmtpServer, free_port
from watchers.channels import DeliveryError, PermanentDeliveryError
from watchers.email_channel import SmtpMailer

# Login without TLS is what a loopback test server can do without a certificate.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


def message() -> EmailMessage:
    made = EmailMessage()
    made["From"] = "avtale@example.no"
    made["To"] = "someone@example.no"
    made["Subject"] = "Test"
    made.set_content("Hello")
    return made


@pytest.fixture
def server_with_login() -> Iterator[SmtpServer]:
    server = SmtpServer(login=("avtale", "s3cret"))
    server.start()
    yield server
    server.stop()


def test_login_from_the_settings(server_with_login: SmtpServer) -> None:
    settings = Settings(smtp_host="127.0.0.1", smtp_port=server_with_login.port,
                        smtp_user="avtale", smtp_password="s3cret", smtp_tls="none")
    SmtpMailer.from_settings(settings).send(message())
    assert server_with_login.logins == ["avtale"]
    assert [m["Subject"] for m in server_with_login.messages] == ["Test"]


def test_a_wrong_password_is_retried_not_given_up(server_with_login: SmtpServer) -> None:
    mailer = SmtpMailer("127.0.0.1", server_with_login.port, user="avtale", password="wrong",
                        timeout=5)
    with pytest.raises(DeliveryError) as raised:
        mailer.send(message())
    # A password can be fixed in the settings; the alert should still go out afterwards.
    assert not isinstance(raised.value, PermanentDeliveryError)
    assert "SMTP 535" in str(raised.value)
    assert server_with_login.messages == []


def test_no_server_is_a_retry() -> None:
    mailer = SmtpMailer("127.0.0.1", free_port(), timeout=2)
    with pytest.raises(DeliveryError) as raised:
        mailer.send(message())
    assert not isinstance(raised.value, PermanentDeliveryError)
    assert "Connection" in str(raised.value) or "refused" in str(raised.value)


def test_a_refused_recipient_is_given_up_at_once(smtp_server: SmtpServer) -> None:
    smtp_server.collector.refuse = {"nobody@example.no"}
    refused = message()
    refused.replace_header("To", "nobody@example.no")
    with pytest.raises(PermanentDeliveryError):
        SmtpMailer("127.0.0.1", smtp_server.port).send(refused)


def test_a_server_that_requires_login_refuses_an_anonymous_sender(
    server_with_login: SmtpServer,
) -> None:
    with pytest.raises(DeliveryError):
        SmtpMailer("127.0.0.1", server_with_login.port).send(message())
    assert server_with_login.messages == []
