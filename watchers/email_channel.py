"""E-mail over SMTP, configured by the AVTALE_SMTP_* settings (none, STARTTLS or TLS)."""

from __future__ import annotations

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

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpMailer:
        return cls(settings.smtp_host, settings.smtp_port, tls=settings.smtp_tls,
                   user=settings.smtp_user, password=settings.smtp_password)

    def send(self, message: EmailMessage) -> None:
        try:
            with self._connect() as smtp:
                if self.tls == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
                if self.user:
                    smtp.login(self.user, self.password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentDeliveryError(f"recipient refused: {error.recipients}") from error
        except smtplib.SMTPResponseException as error:
            detail = f"SMTP {error.smtp_code}: {error.smtp_error!r}"
            # 5xx is the server saying no to this message for good; 4xx may pass. Refused
            # logins (530, 534, 535) are our settings' fault, fixable, so they are retried.
            if 500 <= error.smtp_code < 600 and error.smtp_code not in _LOGIN_REFUSED:
                raise PermanentDeliveryError(detail) from error
            raise DeliveryError(detail) from error
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryError(f"{type(error).__name__}: {error}") from error

    def _connect(self) -> smtplib.SMTP:
        if self.tls == "tls":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                    context=ssl.create_default_context())
        return smtplib.SMTP(self.host, self.port, timeout=self.timeout)
