"""Watcher test helpers: a real SMTP server on loopback that tests stop and start, contracts
made through the contracts service (so their deadlines come from the real engine), a clock."""

from __future__ import annotations

import datetime as dt
import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session
from conftest import Actor, World

from contracts import service as contracts
from contracts.schemas import ContractCreate, ContractFields
from core.models import Contract, User
from watchers.channels import Channels
from watchers.service import PassReport, run_alerts

BASE_URL = "https://avtale.example.no"
MAIL_FROM = "avtale@example.no"
SECRET_KEY = "test-secret-key-that-is-long-enough"  # the `settings` fixture's


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class _Collector:
    messages: list[EmailMessage] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # recipients answered with 550

    async def handle_RCPT(self, _server: SMTP, _session: Session, envelope: Envelope,
                          address: str, _options: list[str]) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server: SMTP, _session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        parsed = message_from_bytes(content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 OK"


class SmtpServer:
    """aiosmtpd on a fixed loopback port, so that a stopped server refuses connections and a
    restarted one is found where the mailer expects it."""

    def __init__(self, login: tuple[str, str] | None = None) -> None:
        self.port = free_port()
        self.collector = _Collector()
        self.login = login
        self.logins: list[str] = []
        self._controller: Controller | None = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.collector.messages

    def start(self) -> None:
        options: dict[str, Any] = {}
        if self.login is not None:
            # Plain AUTH on loopback without TLS: no certificate to make, same code path.
            options = {"authenticator": self._authenticate, "auth_required": True,
                       "auth_require_tls": False}
        self._controller = Controller(self.collector, hostname="127.0.0.1", port=self.port,
                                      **options)
        self._controller.start()

    def _authenticate(self, _server: SMTP, _session: Session, _envelope: Envelope,
                      mechanism: str, auth_data: Any) -> AuthResult:
        assert self.login is not None
        given = (auth_data.login.decode(), auth_data.password.decode())
        self.logins.append(given[0])
        if mechanism in ("LOGIN", "PLAIN") and given == self.login:
            return AuthResult(success=True)
        # handled=False makes aiosmtpd answer 535 itself; True would leave the client waiting.
        return AuthResult(success=False, handled=False)

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def at(day: dt.date, hour: int = 6) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def run_pass(world: World, channels: Channels, day: dt.date, hour: int = 6, *,
             search: bool = False) -> PassReport:
    """A pass on `day`; with `search`, saved-search watches are evaluated too (after the
    worker has indexed every change)."""
    if search:
        world.wait_idle()
    return run_alerts(world.runtime.database, channels, now=at(day, hour), today=day,
                      search_index=world.runtime.search_index if search else None)


def make_contract(world: World, owner: Actor, today: dt.date, **fields: Any) -> int:
    with world.runtime.database.session() as session:
        actor = session.get(User, owner.user.id)
        assert actor is not None
        contract = contracts.create_contract(
            session, actor, ContractCreate.model_validate(fields), today
        )
        session.flush()
        return contract.id


def edit_contract(world: World, editor: Actor, contract_id: int, today: dt.date,
                  **fields: Any) -> Contract:
    with world.runtime.database.session() as session:
        actor = session.get(User, editor.user.id)
        assert actor is not None
        contract = contracts.editable_contract(session, actor, contract_id)
        contracts.update_contract(session, actor, contract,
                                  ContractFields.model_validate(fields), today)
        session.flush()
        session.expunge(contract)
        return contract


def stored_contract(world: World, contract_id: int) -> Contract:
    with world.runtime.database.session() as session:
        contract = session.get(Contract, contract_id)
        assert contract is not None
        session.expunge(contract)
        return contract


# A maintenance agreement that renews by itself for 12 months unless notice is given 3 months
# before the term ends.
RENEWING = {
    "title": "Maintenance agreement",
    "effective_date": "2024-01-01",
    "initial_term": {"count": 3, "unit": "year"},
    "auto_renewal": True,
    "renewal_term": {"count": 12, "unit": "month"},
    "notice_period": {"count": 3, "unit": "month"},
}
# A fixed-term contract that simply ends.
FIXED = {
    "title": "Cleaning services",
    "effective_date": "2024-01-01",
    "end_date": "2026-12-31",
}


@dataclass
class ReceivedCall:
    path: str
    headers: dict[str, str]
    body: bytes
    answered: int


class WebhookReceiver:
    """A real HTTP server on loopback that records every call and answers with the next
    status in `answers` (200 once they run out)."""

    def __init__(self) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        receiver = self
        self.calls: list[ReceivedCall] = []
        self.answers: list[int] = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                answer = receiver.answers.pop(0) if receiver.answers else 200
                receiver.calls.append(ReceivedCall(self.path, dict(self.headers.items()),
                                                   body, answer))
                self.send_response(answer)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/hook"
        import threading

        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        if not self._thread.is_alive():
            return
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
