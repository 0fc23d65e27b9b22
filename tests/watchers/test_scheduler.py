"""The scheduler pass end to end: real contracts and deadlines, a real SMTP server on loopback,
the clock moved across lead times, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from conftest import World
from sqlalchemy import select

from core.models import Alert, AlertDelivery, AlertState, DeliveryState, Role, Watch, WatchOrigin
from tests.watchers.helpers import (
    RENEWING,
    SmtpServer,
    edit_contract,
    make_contract,
    run_pass,
    stored_contract,
)
from watchers.channels import Channels
from watchers.delivery import MAX_ATTEMPTS, WATCH_OFF, backoff
from watchers.scheduling import DATE_CHANGED, NOT_VISIBLE
from watchers.service import run_alerts
from watchers.wording import format_date

CREATED = dt.date(2026, 6, 1)
NOTICE = dt.date(2026, 9, 30)  # RENEWING's notice deadline, seen from CREATED
DAY = dt.timedelta(days=1)


def alerts(world: World, kind: str | None = None) -> list[Alert]:
    with world.runtime.database.session() as session:
        query = select(Alert).order_by(Alert.id)
        if kind:
            query = query.where(Alert.event_kind == kind)
        found = list(session.scalars(query))
        for alert in found:
            _ = alert.deliveries
        session.expunge_all()
    return found


def test_the_stored_notice_deadline_is_what_the_tests_assume(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    contract = stored_contract(world, make_contract(world, owner, CREATED, **RENEWING))
    assert contract.notice_deadline == NOTICE


def test_owner_gets_one_mail_per_lead_time_as_the_clock_moves(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    make_contract(world, owner, CREATED, **RENEWING)

    report = run_pass(world, channels, CREATED)
    assert report.default_watches_created == 1
    assert smtp_server.messages == []

    for lead in (90, 30, 7):
        day = NOTICE - lead * DAY
        run_pass(world, channels, day - DAY)  # the day before: nothing new
        assert len(smtp_server.messages) == (90, 30, 7).index(lead)
        run_pass(world, channels, day)
        run_pass(world, channels, day, hour=18)  # a rerun the same day adds nothing
        assert len(smtp_server.messages) == (90, 30, 7).index(lead) + 1

    assert [a.lead_days for a in alerts(world, "notice")] == [90, 30, 7]
    assert all(m["To"] == owner.email for m in smtp_server.messages)
    assert "30 September 2026" in smtp_server.messages[-1]["Subject"]


def test_catch_up_after_downtime_sends_one_alert_for_the_nearest_lead_time(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    make_contract(world, owner, CREATED, **RENEWING)
    run_pass(world, channels, CREATED)

    run_pass(world, channels, NOTICE - 5 * DAY)  # the scheduler was down past 90 and 30

    notice = alerts(world, "notice")
    assert [(a.lead_days, a.state) for a in notice] == [(7, AlertState.DUE)]
    assert len(smtp_server.messages) == 1
    run_pass(world, channels, NOTICE - 4 * DAY)
    assert len(smtp_server.messages) == 1


def test_an_event_that_passed_while_the_scheduler_was_down_is_missed_not_sent(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    make_contract(world, owner, CREATED, **RENEWING)
    run_pass(world, channels, CREATED)

    run_pass(world, channels, NOTICE + 2 * DAY)
    run_pass(world, channels, NOTICE + 3 * DAY)

    assert [(a.state, a.lead_days) for a in alerts(world, "notice")] == [(AlertState.MISSED, 0)]
    assert alerts(world, "notice")[0].deliveries == []
    assert smtp_server.messages == []


def test_smtp_down_then_up_delivers_exactly_once(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    make_contract(world, owner, CREATED, **RENEWING)
    run_pass(world, channels, CREATED)
    day = NOTICE - 90 * DAY

    smtp_server.stop()
    report = run_pass(world, channels, day)
    assert report.delivered.retrying == 1
    (delivery,) = alerts(world, "notice")[0].deliveries
    assert delivery.state is DeliveryState.PENDING and delivery.attempts == 1
    assert delivery.last_error

    smtp_server.start()
    run_pass(world, channels, day)  # before the backoff ran out: not yet
    assert smtp_server.messages == []
    run_pass(world, channels, day, hour=7)
    run_pass(world, channels, day, hour=8)
    run_pass(world, channels, day + DAY)
    assert len(smtp_server.messages) == 1
    (delivery,) = alerts(world, "notice")[0].deliveries
    assert (delivery.state, delivery.attempts, delivery.last_error) == (
        DeliveryState.SENT, 2, None)


def test_a_delivery_that_keeps_failing_gives_up_after_the_last_attempt(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    make_contract(world, owner, CREATED, **RENEWING)
    run_pass(world, channels, CREATED)
    smtp_server.stop()
    now = dt.datetime.combine(NOTICE - 90 * DAY, dt.time(6), tzinfo=dt.UTC)
    for attempt in range(1, MAX_ATTEMPTS + 2):
        run_alerts(world.runtime.database, channels, now=now, today=now.date())
        now += backoff(attempt)
    (delivery,) = alerts(world, "notice")[0].deliveries
    assert (delivery.state, delivery.attempts) == (DeliveryState.FAILED, MAX_ATTEMPTS)
    smtp_server.start()
    run_pass(world, channels, now.date() + DAY)
    assert smtp_server.messages == []


def test_a_changed_date_withdraws_the_pending_alert_and_rearms_for_the_new_one(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    contract_id = make_contract(world, owner, CREATED, **RENEWING)
    run_pass(world, channels, CREATED)
    day = NOTICE - 90 * DAY
    smtp_server.stop()
    run_pass(world, channels, day)  # the 90-day alert is created but cannot go out

    changed = edit_contract(world, owner, contract_id, day,
                            notice_period={"count": 1, "unit": "month"})
    assert changed.notice_deadline is not None and changed.notice_deadline > NOTICE
    smtp_server.start()
    run_pass(world, channels, day, hour=9)

    (old,) = alerts(world, "notice")
    assert (old.state, old.withdrawn_reason) == (AlertState.WITHDRAWN, DATE_CHANGED)
    assert old.deliveries[0].state is DeliveryState.WITHDRAWN
    assert smtp_server.messages == []

    run_pass(world, channels, changed.notice_deadline - 90 * DAY)
    assert len(smtp_server.messages) == 1
    assert format_date(changed.notice_deadline, "en") in smtp_server.messages[0]["Subject"]
    assert [a.event_date for a in alerts(world, "notice") if a.state is AlertState.DUE] == [
        changed.notice_deadline]


def test_a_contract_restricted_after_the_alert_was_made_is_not_sent(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    contract_id = make_contract(world, owner, CREATED, **RENEWING)
    with world.runtime.database.session() as session:
        session.add(Watch(user_id=viewer.user.id, contract_id=contract_id,
                          event_kinds=["notice"], lead_days=[90], channels=["email"],
                          created_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC)))
    run_pass(world, channels, CREATED)
    day = NOTICE - 90 * DAY
    smtp_server.stop()
    run_pass(world, channels, day)
    assert {a.user_id for a in alerts(world, "notice")} == {owner.user.id, viewer.user.id}

    edit_contract(world, owner, contract_id, day, visibility="restricted")
    smtp_server.start()
    run_pass(world, channels, day, hour=9)

    assert [m["To"] for m in smtp_server.messages] == [owner.email]
    (withheld,) = [a for a in alerts(world, "notice") if a.user_id == viewer.user.id]
    assert (withheld.state, withheld.withdrawn_reason) == (AlertState.WITHDRAWN, NOT_VISIBLE)
    assert withheld.deliveries[0].state is DeliveryState.WITHDRAWN


def test_the_default_watch_follows_the_owner(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    first = world.make_user("first@example.no", Role.EDITOR)
    second = world.make_user("second@example.no", Role.EDITOR)
    contract_id = make_contract(world, first, CREATED, **RENEWING)
    run_pass(world, channels, CREATED)
    edit_contract(world, first, contract_id, CREATED, owner_email=second.email)
    run_pass(world, channels, CREATED + DAY)

    with world.runtime.database.session() as session:
        watches = {(w.user_id, w.origin, w.active) for w in session.scalars(select(Watch))}
    assert watches == {(first.user.id, WatchOrigin.DEFAULT, False),
                       (second.user.id, WatchOrigin.DEFAULT, True)}
    run_pass(world, channels, NOTICE - 90 * DAY)
    assert [m["To"] for m in smtp_server.messages] == [second.email]


def test_no_contract_no_owner_no_alert(world: World, channels: Channels) -> None:
    report = run_pass(world, channels, CREATED)
    assert report.default_watches_created == 0
    with world.runtime.database.session() as session:
        assert session.scalars(select(AlertDelivery)).all() == []


def test_switching_a_watch_off_withdraws_what_it_still_had_to_send(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    make_contract(world, owner, CREATED, **RENEWING)
    run_pass(world, channels, CREATED)
    smtp_server.stop()
    run_pass(world, channels, NOTICE - 90 * DAY)
    (watch,) = owner.client.get("/api/v1/watches").json()
    owner.client.patch(f"/api/v1/watches/{watch['id']}", json={"active": False})

    smtp_server.start()
    run_pass(world, channels, NOTICE - 89 * DAY)
    assert smtp_server.messages == []
    (alert,) = alerts(world, "notice")
    assert (alert.state, alert.withdrawn_reason) == (AlertState.WITHDRAWN, WATCH_OFF)
