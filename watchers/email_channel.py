"""E-mail over SMTP, configured by the AVTALE_SMTP_* settings (none, STARTTLS or TLS).

One connection carries a whole pass's mails (a new connection with TLS and login per mail
cost most of a pass); the scheduler closes it when the pass ends."""

from __future__ import annotations

import select
import smtplib
import ssl
from email.message import EmailMessage
from typing import Literal

from core.settings import Settings
from watchers.channels import DeliveryError, PermanentDeliveryError

SMTP_TIMEOUT_SECONDS = 30.0
_LOGIN_REFUSED = frozenset({530, 534, 535})


class SmtpMailer:
    def __init__(
        self,
        host: str,
        port: int,
        *,
        tls: Literal["none", "starttls", "tls"] = "none",
        user: str = "",
        password: str = "",
        timeout: float = SMTP_TIMEOUT_SECONDS,
    ) -> None:
        self.host = host
        self.port = port
        self.tls = tls
        self.user = user
        self.password = password
        self.timeout = timeout
        # One connection per scheduler pass, not per message (see `close`).
        self._smtp: smtplib.SMTP | None = None
        self.connections = 0  # opened so far: what reuse saves is visible

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpMailer:
        return cls(settings.smtp_host, settings.smtp_port, tls=settings.smtp_tls,
                   user=settings.smtp_user, password=settings.smtp_password)

    def send(self, message: EmailMessage) -> None:
        """Over the connection of the pass when it is still alive, else a new one. A dead
        connection is found before the message (the server hung up, or on TLS no answer to
        a NOOP), never by a failed send: a failure
        mid-message is reported (and retried later with the same Message-ID), not resent
        at once, so a reconnect never doubles a mail."""
        try:
            smtp = self._live_connection()
            smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            self._reset()
            raise PermanentDeliveryError(f"recipient refused: {error.recipients}") from error
        except smtplib.SMTPResponseException as error:
            self.close()
            detail = f"SMTP {error.smtp_code}: {error.smtp_error!r}"
            # 5xx is the server saying no to this message for good; 4xx may pass. Refused
            # logins (530, 534, 535) are our settings' fault, fixable, so they are retried.
            if 500 <= error.smtp_code < 600 and error.smtp_code not in _LOGIN_REFUSED:
                raise PermanentDeliveryError(detail) from error
            raise DeliveryError(detail) from error
        except (OSError, smtplib.SMTPException) as error:
            self.close()
            raise DeliveryError(f"{type(error).__name__}: {error}") from error

    def close(self) -> None:
        """End the pass's connection (the next send opens a new one)."""
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()

    def _live_connection(self) -> smtplib.SMTP:
        if self._smtp is not None and _quiet(self._smtp):
            return self._smtp
        if self._smtp is not None:
            try:
                if self._smtp.noop()[0] == 250:
                    return self._smtp
            except (OSError, smtplib.SMTPException):
                pass
            self.close()
        smtp = self._connect()
        try:
            if self.tls == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if self.user:
                smtp.login(self.user, self.password)
        except BaseException:
            smtp.close()
            raise
        self._smtp = smtp
        self.connections += 1
        return smtp

    def _reset(self) -> None:
        """After a refused recipient the session is mid-transaction: start it afresh."""
        if self._smtp is not None:
            try:
                self._smtp.rset()
            except (OSError, smtplib.SMTPException):
                self.close()

    def _connect(self) -> smtplib.SMTP:
        if self.tls == "tls":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                    context=ssl.create_default_context())
        return smtplib.SMTP(self.host, self.port, timeout=self.timeout)


def _quiet(smtp: smtplib.SMTP) -> bool:
    """Still open, seen without a round trip: between replies an SMTP server says nothing
    unless it hangs up (end of stream, or a 421 first), so a plain socket with nothing to
    read is alive. A NOOP per message cost a fifth of a pass's round trips. A TLS socket
    may carry records of its own (session tickets), so there the NOOP decides."""
    sock = smtp.sock
    if sock is None or isinstance(sock, ssl.SSLSocket):
        return False
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return False
    return not readable
