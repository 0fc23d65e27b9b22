"""Daily and weekly digests, received from a real SMTP server on loopback, with the clock
moved by hand: one mail per period holding every alert due since the last, exactly once."""

from __future__ import annotations

import dataclasses
import datetime as dt
from email.message import EmailMessage

import pytest
from conftest import Actor, World
from sqlalchemy import select

from core.models import AlertDelivery, AlertDigest, DeliveryState, Role
from tests.watchers.helpers import RENEWING, SmtpServer, at, edit_contract, make_contract, run_pass
from tests.watchers.test_restart import DyingMailer, ProcessDied
from watchers.channels import Channels
from watchers.service import run_alerts

CREATED = dt.date(2026, 6, 1)  # a Monday
NOTICE_90 = dt.date(2026, 7, 2)  # a Thursday: 90 days before RENEWING's notice deadline


def renewing(world: World, owner: Actor, title: str, days_later: int = 0) -> int:
    """RENEWING, its dates `days_later` days on (so its 90-day lead comes due that much
    later)."""
    start = dt.date(2024, 1, 1) + dt.timedelta(days=days_later)
    return make_contract(world, owner, CREATED,
                         **{**RENEWING, "title": title, "effective_date": start.isoformat()})


def reader(world: World, digest: str, language: str = "en") -> Actor:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    answer = owner.client.put("/api/v1/alert-preferences",
                              json={"digest": digest, "language": language})
    assert answer.status_code == 200, answer.text
    assert answer.json()["digest"] == digest
    return owner


def text_of(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


def html_of(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("html",))
    assert body is not None
    return str(body.get_content())


def test_a_daily_digest_holds_the_days_alerts_once_instead_of_single_mails(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = reader(world, "daily")
    for title in ("Lifts", "Canteen", "Printers"):
        renewing(world, owner, title)
    renewing(world, owner, "Cleaning", days_later=1)
    run_pass(world, channels, CREATED)
    run_pass(world, channels, NOTICE_90)
    run_pass(world, channels, NOTICE_90, hour=12)  # a second pass the same day adds nothing

    (digest,) = smtp_server.messages
    assert digest["Subject"] == "Avtale daily digest 2 July 2026: 3 alerts"
    assert digest["To"] == owner.email
    with world.runtime.database.session() as session:
        digest_id = session.scalars(select(AlertDigest.id)).one()
    assert digest["Message-ID"] == f"<digest-{digest_id}@avtale.example.no>"
    text = text_of(digest)
    for title in ("Lifts", "Canteen", "Printers"):
        assert text.count(f"Notice deadline: {title}") == 1
    assert "Cleaning" not in text
    assert text.count("Give notice by 30 September 2026 or the contract renews") == 3
    assert "/api/v1/unsubscribe/" in text and "/api/v1/alert-preferences" in text
    assert 'href="https://avtale.example.no/contracts/' in html_of(digest)

    run_pass(world, channels, NOTICE_90 + dt.timedelta(days=1))
    assert len(smtp_server.messages) == 2
    following = smtp_server.messages[1]
    assert following["Subject"] == "Avtale daily digest 3 July 2026: 1 alert"
    assert "Notice deadline: Cleaning" in text_of(following)
    assert following["Message-ID"] != digest["Message-ID"]
    # The inbox has every alert, whichever way the e-mail went.
    assert len(owner.client.get("/api/v1/alerts").json()["alerts"]) == 4


def test_a_weekly_digest_collects_until_monday(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = reader(world, "weekly")
    renewing(world, owner, "Thursday's")
    renewing(world, owner, "Friday's", days_later=1)
    renewing(world, owner, "Saturday's", days_later=2)
    run_pass(world, channels, CREATED)
    run_pass(world, channels, NOTICE_90)  # the week's first pass with something: it goes
    (first,) = smtp_server.messages
    assert first["Subject"] == "Avtale weekly digest from 29 June 2026: 1 alert"
    run_pass(world, channels, NOTICE_90 + dt.timedelta(days=1))
    run_pass(world, channels, NOTICE_90 + dt.timedelta(days=2))
    assert len(smtp_server.messages) == 1  # the rest waits for next week's digest
    monday = dt.date(2026, 7, 6)
    run_pass(world, channels, monday)
    run_pass(world, channels, monday + dt.timedelta(days=1))
    assert len(smtp_server.messages) == 2
    second = smtp_server.messages[1]
    assert second["Subject"] == "Avtale weekly digest from 6 July 2026: 2 alerts"
    text = text_of(second)
    assert "Friday's" in text and "Saturday's" in text and "Thursday's" not in text


def test_catch_up_after_downtime_is_one_digest_with_the_nearest_lead_time(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = reader(world, "daily")
    renewing(world, owner, "Lifts")
    renewing(world, owner, "Canteen", days_later=10)
    run_pass(world, channels, CREATED)
    # Down from before the first lead time until past the 30-day one of "Lifts".
    back = dt.date(2026, 9, 1)
    run_pass(world, channels, back)
    (digest,) = smtp_server.messages
    assert digest["Subject"] == "Avtale daily digest 1 September 2026: 2 alerts"
    text = text_of(digest)
    assert "in 29 days" in text  # Lifts: the 30-day lead time, not the 90-day one too
    assert "in 39 days" in text  # Canteen: its 90-day lead time passed, 30 not yet due


def test_norwegian_reader_gets_a_bokmal_digest(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = reader(world, "daily", language="nb")
    renewing(world, owner, "Vedlikehold")
    renewing(world, owner, "Kantine")
    run_pass(world, channels, CREATED)
    run_pass(world, channels, NOTICE_90)
    (digest,) = smtp_server.messages
    assert digest["Subject"] == "Avtale: daglig sammendrag 2. juli 2026: 2 varsler"
    text = text_of(digest)
    assert "Si opp innen 30. september 2026, ellers fornyes avtalen for 12 måneder." in text
    assert "om 90 dager" in text
    assert "Åpne avtalen" in text and "Hva som må gjøres" in html_of(digest)
    assert text.startswith("Daglig sammendrag: 2 varsler, nærmeste først.")
    assert "Daglig sammendrag: 2 varsler</h1>" in html_of(digest)
    for english in ("digest", "alerts", "Open the contract", "September", "in 90 days"):
        assert english not in text and english not in html_of(digest)


def test_permissions_and_dates_are_checked_when_the_digest_is_sent(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    """The digest is put together and then fails to send; before it is retried, one
    contract is restricted away from the reader and another's dates move: both drop out."""
    owner = reader(world, "daily")
    admin = world.make_user("admin@example.no", Role.ADMIN)
    renewing(world, owner, "Stays")
    secret = renewing(world, owner, "Restricted later")
    moved = renewing(world, owner, "Dates move")
    run_pass(world, channels, CREATED)
    smtp_server.stop()
    run_pass(world, channels, NOTICE_90)
    assert smtp_server.messages == []
    edit_contract(world, admin, secret, NOTICE_90, visibility="restricted",
                  owner_email=admin.email)
    edit_contract(world, admin, moved, NOTICE_90, effective_date="2024-03-01")
    smtp_server.start()
    run_alerts(world.runtime.database, channels, now=at(NOTICE_90) + dt.timedelta(minutes=2),
               today=NOTICE_90)

    # (The admin, now owning the restricted one, gets their own single alert for it.)
    (digest,) = [m for m in smtp_server.messages if m["To"] == owner.email]
    assert digest["Subject"] == "Avtale daily digest 2 July 2026: 1 alert"
    text = text_of(digest)
    assert "Stays" in text and "Restricted later" not in text and "Dates move" not in text


def test_smtp_down_retries_the_digest_and_it_arrives_once(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = reader(world, "daily")
    renewing(world, owner, "Lifts")
    run_pass(world, channels, CREATED)
    smtp_server.stop()
    run_pass(world, channels, NOTICE_90)
    with world.runtime.database.session() as session:
        digest = session.scalars(select(AlertDigest)).one()
        assert (digest.state, digest.attempts) == (DeliveryState.PENDING, 1)
        assert digest.last_error and "Connection" in digest.last_error
    smtp_server.start()
    run_alerts(world.runtime.database, channels, now=at(NOTICE_90) + dt.timedelta(seconds=30),
               today=NOTICE_90)
    assert smtp_server.messages == []  # still waiting out its backoff
    for minutes in (2, 10, 60):
        run_alerts(world.runtime.database, channels,
                   now=at(NOTICE_90) + dt.timedelta(minutes=minutes), today=NOTICE_90)
    assert len(smtp_server.messages) == 1
    with world.runtime.database.session() as session:
        delivery = session.scalars(select(AlertDelivery)).one()
        assert delivery.state is DeliveryState.SENT and delivery.digest_id is not None


@pytest.mark.parametrize("after_sending", [False, True])
def test_a_restart_in_the_middle_of_a_digest_neither_loses_nor_duplicates(
    world: World, smtp_server: SmtpServer, channels: Channels, after_sending: bool
) -> None:
    """Killed before the digest went out, or after it went out but before that was
    recorded: back up, the same digest (same alerts, same Message-ID) goes out, and the
    alerts of that day are in no other mail."""
    owner = reader(world, "daily")
    renewing(world, owner, "Lifts")
    renewing(world, owner, "Canteen")
    run_pass(world, channels, CREATED)
    assert channels.mailer is not None
    dying = dataclasses.replace(channels, mailer=DyingMailer(channels.mailer, die_on_call=1,
                                                              after_sending=after_sending))
    with pytest.raises(ProcessDied):
        run_alerts(world.runtime.database, dying, now=at(NOTICE_90), today=NOTICE_90)
    assert len(smtp_server.messages) == (1 if after_sending else 0)

    later = at(NOTICE_90) + dt.timedelta(minutes=2)
    for moment in (later, later + dt.timedelta(hours=1), later + dt.timedelta(days=1)):
        run_alerts(world.runtime.database, channels, now=moment, today=moment.date())

    ids = {m["Message-ID"] for m in smtp_server.messages}
    assert len(ids) == 1  # one digest; a resend after sending is the same mail
    assert len(smtp_server.messages) == (2 if after_sending else 1)
    for message in smtp_server.messages:
        assert message["Subject"] == "Avtale daily digest 2 July 2026: 2 alerts"
    with world.runtime.database.session() as session:
        states = set(session.scalars(select(AlertDelivery.state)))
        assert states == {DeliveryState.SENT}


def test_switching_digests_off_sends_the_waiting_alerts_singly(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = reader(world, "weekly")
    renewing(world, owner, "Thursday's")
    renewing(world, owner, "Friday's", days_later=1)
    run_pass(world, channels, CREATED)
    run_pass(world, channels, NOTICE_90)
    run_pass(world, channels, NOTICE_90 + dt.timedelta(days=1))
    assert len(smtp_server.messages) == 1  # Friday's waits for Monday
    owner.client.put("/api/v1/alert-preferences", json={"digest": "off"})
    run_pass(world, channels, NOTICE_90 + dt.timedelta(days=1), hour=12)
    assert len(smtp_server.messages) == 2
    assert smtp_server.messages[1]["Subject"].endswith(": Friday's")
    assert smtp_server.messages[1]["Message-ID"].startswith("<alert-")


def test_an_unknown_digest_choice_is_refused(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    answer = owner.client.put("/api/v1/alert-preferences", json={"digest": "hourly"})
    assert answer.status_code == 422
    assert owner.client.get("/api/v1/alert-preferences").json()["digest"] == "off"
