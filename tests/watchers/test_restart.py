"""A scheduler that dies in the middle of a delivery batch loses nothing when it comes back,
and sends nothing twice that it had recorded as sent."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from email.message import EmailMessage

import pytest
from conftest import World
from sqlalchemy import event, select

from core.models import AlertDelivery, DeliveryState, Role
from tests.watchers.helpers import RENEWING, SmtpServer, at, make_contract, run_pass
from watchers.channels import Channels, Mailer
from watchers.delivery import deliver_due
from watchers.service import arm_alerts, run_alerts

CREATED = dt.date(2026, 6, 1)
NOTICE_90 = dt.date(2026, 7, 2)


class ProcessDied(BaseException):
    """Stands in for a kill: not an error the delivery code may catch and record."""


@dataclasses.dataclass
class DyingMailer:
    real: Mailer
    die_on_call: int
    after_sending: bool = False
    calls: int = 0

    def send(self, message: EmailMessage) -> None:
        self.calls += 1
        if self.calls == self.die_on_call and not self.after_sending:
            raise ProcessDied
        self.real.send(message)
        if self.calls == self.die_on_call:
            raise ProcessDied


def three_contracts_due(world: World, channels: Channels) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    for title in ("First", "Second", "Third"):
        make_contract(world, owner, CREATED, **{**RENEWING, "title": title})
    run_pass(world, channels, CREATED)


def test_a_death_before_sending_loses_nothing(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    three_contracts_due(world, channels)
    assert channels.mailer is not None
    dying = dataclasses.replace(channels, mailer=DyingMailer(channels.mailer, die_on_call=2))
    with pytest.raises(ProcessDied):
        run_alerts(world.runtime.database, dying, now=at(NOTICE_90), today=NOTICE_90)
    assert len(smtp_server.messages) == 1

    # Back up: the claimed delivery waits out its backoff, then everything goes, once.
    run_alerts(world.runtime.database, channels, now=at(NOTICE_90), today=NOTICE_90)
    assert len(smtp_server.messages) == 2
    later = at(NOTICE_90) + dt.timedelta(minutes=2)
    run_alerts(world.runtime.database, channels, now=later, today=NOTICE_90)
    run_alerts(world.runtime.database, channels, now=later + dt.timedelta(hours=1),
               today=NOTICE_90)
    titles = sorted(str(m["Subject"]).rsplit(": ", 1)[1] for m in smtp_server.messages)
    assert titles == ["First", "Second", "Third"]
    assert len({m["Message-ID"] for m in smtp_server.messages}) == 3


def test_a_death_between_sending_and_recording_resends_with_the_same_message_id(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    """The one window at-least-once delivery leaves: the copy carries the same Message-ID,
    which mail clients use to show it once."""
    three_contracts_due(world, channels)
    assert channels.mailer is not None
    dying = dataclasses.replace(
        channels, mailer=DyingMailer(channels.mailer, die_on_call=1, after_sending=True))
    with pytest.raises(ProcessDied):
        run_alerts(world.runtime.database, dying, now=at(NOTICE_90), today=NOTICE_90)
    later = at(NOTICE_90) + dt.timedelta(minutes=2)
    run_alerts(world.runtime.database, channels, now=later, today=NOTICE_90)
    run_alerts(world.runtime.database, channels, now=later + dt.timedelta(hours=1),
               today=NOTICE_90)

    ids = [m["Message-ID"] for m in smtp_server.messages]
    assert len(ids) == 4 and len(set(ids)) == 3
    assert ids.count(ids[0]) == 2


def test_a_send_is_recorded_in_the_transaction_that_claims_the_next(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    """One commit a message (not a claim and a record each), and the records still land."""
    owner = world.make_user("owner@example.no", Role.EDITOR)
    titles = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth"]
    for title in titles:
        make_contract(world, owner, CREATED, **{**RENEWING, "title": title})
    run_pass(world, channels, CREATED)
    database = world.runtime.database
    with database.session() as session:
        arm_alerts(session, today=NOTICE_90, now=at(NOTICE_90), search_index=None)
    commits: list[object] = []
    here = threading.get_ident()

    def committed(connection: object) -> None:
        if threading.get_ident() == here:  # not the world's worker, indexing meanwhile
            commits.append(connection)

    event.listen(database.engine, "commit", committed)
    try:
        delivered = deliver_due(database, channels, now=at(NOTICE_90), today=NOTICE_90)
    finally:
        event.remove(database.engine, "commit", committed)
    assert delivered.sent == len(smtp_server.messages) == len(titles)
    # Reading the batch, one per message, the last record, and the empty batch that ends.
    assert len(commits) == len(titles) + 3
    with database.session() as session:
        states = session.scalars(select(AlertDelivery.state)).all()
    assert states.count(DeliveryState.SENT) == len(titles)
    assert run_pass(world, channels, NOTICE_90).delivered.sent == 0
