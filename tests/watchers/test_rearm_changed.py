"""Only a contract whose dates changed has its alerts re-armed: the nightly deadline pass
recomputes every contract, but one whose deadlines stayed the same is not a change, so its
alert rows (deadline alerts, match alerts, deliveries) stay exactly as they were."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import World
from sqlalchemy import select

from contracts.stored_deadlines import refresh_stale_batch
from core.models import Alert, AlertDelivery, Role
from tests.watchers.helpers import RENEWING, SmtpServer, edit_contract, make_contract, run_pass
from watchers.channels import Channels

CREATED = dt.date(2026, 6, 1)
NOTICE_90 = dt.date(2026, 7, 2)  # 90 days before the notice deadline of RENEWING


def alert_rows(world: World, contract_id: int) -> list[tuple[Any, ...]]:
    with world.runtime.database.session() as session:
        rows = session.execute(
            select(Alert, AlertDelivery)
            .outerjoin(AlertDelivery, AlertDelivery.alert_id == Alert.id)
            .where(Alert.contract_id == contract_id)
            .order_by(Alert.id, AlertDelivery.id)
        ).all()
        return [
            (alert.id, alert.watch_id, alert.event_kind, alert.event_date, alert.lead_days,
             alert.state, alert.withdrawn_reason, alert.created_at,
             *((delivery.id, delivery.state, delivery.attempts, delivery.next_attempt_at,
                delivery.sent_at) if delivery else ()))
            for alert, delivery in rows
        ]


def nightly_pass(world: World, day: dt.date) -> None:
    after_id = 0
    while True:
        with world.runtime.database.session() as session:
            batch = refresh_stale_batch(session, day, after_id)
        if batch.last_id is None:
            break
        after_id = batch.last_id
    world.wait_idle()


def test_an_unchanged_contract_keeps_its_alert_rows(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    alice = world.make_user("alice@example.no", Role.EDITOR)
    search = alice.client.post("/api/v1/saved-searches", json={
        "name": "Maintenance", "query": "maintenance"}).json()
    made = alice.client.post("/api/v1/watches", json={
        "saved_search_id": search["id"], "event_kinds": ["match"]})
    assert made.status_code == 201, made.text
    unchanged = make_contract(world, owner, CREATED, **RENEWING)
    changed = make_contract(world, owner, CREATED, **{**RENEWING, "title": "Maintenance of lifts"})
    run_pass(world, channels, CREATED, search=True)
    run_pass(world, channels, NOTICE_90, search=True)  # the owner's 90-day notice alerts
    assert len(smtp_server.messages) == 4
    before = alert_rows(world, unchanged)
    changed_before = alert_rows(world, changed)
    assert {row[2] for row in before} == {"match", "notice"}

    # The next day every contract's deadlines are recomputed; one contract's notice
    # period changes, which moves its notice deadline a month earlier.
    next_day = NOTICE_90 + dt.timedelta(days=1)
    nightly_pass(world, next_day)
    edit_contract(world, owner, changed, next_day, notice_period={"count": 4, "unit": "month"})
    nightly_pass(world, next_day)
    run_pass(world, channels, next_day, search=True)
    run_pass(world, channels, next_day, hour=7, search=True)

    assert alert_rows(world, unchanged) == before
    after = alert_rows(world, changed)
    assert after != changed_before
    notice = {(row[3], row[5].value) for row in after if row[2] == "notice"}
    assert notice == {(dt.date(2026, 9, 30), "withdrawn"), (dt.date(2026, 8, 31), "due")}
    # Only the changed contract was news: one more match for it, none for the other.
    subjects = [str(m["Subject"]) for m in smtp_server.messages[4:]]
    assert sum(s.startswith("New match ") for s in subjects) == 1
