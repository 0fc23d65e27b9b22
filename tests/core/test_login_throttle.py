"""Failed password attempts are limited per account and per address, with short, growing
locks; both the login page and the password-change API are throttled."""

from __future__ import annotations

import datetime as dt

from conftest import PASSWORD, World
from fake_clock import install_clock
from fastapi.testclient import TestClient
from signin import login_attempt
from sqlalchemy import select

from core.login_throttle import ACCOUNT_POLICY, ADDRESS_POLICY, LoginThrottle
from core.models import AuditEvent, Role

START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def _fail(throttle: LoginThrottle, times: int, now: dt.datetime, email: str = "a@example.no",
          address: str = "10.0.0.1") -> None:
    for _ in range(times):
        throttle.failed(email, address, now)


def test_five_failures_lock_the_account_for_a_short_growing_while() -> None:
    throttle = LoginThrottle()
    _fail(throttle, ACCOUNT_POLICY.free_failures - 1, START)
    assert throttle.retry_after("a@example.no", "10.0.0.1", START) is None
    _fail(throttle, 1, START)
    # Locked for this account from every address, and for nobody else.
    assert throttle.retry_after("a@example.no", "10.9.9.9", START) == 30
    assert throttle.retry_after("b@example.no", "10.9.9.9", START) is None

    waits = []
    now = START
    for _ in range(8):
        now += dt.timedelta(seconds=throttle.retry_after("a@example.no", "10.9.9.9", now) or 0)
        _fail(throttle, ACCOUNT_POLICY.free_failures, now, address="10.9.9.9")
        waits.append(throttle.retry_after("a@example.no", "10.9.9.9", now))
    assert waits == [60, 120, 240, 300, 300, 300, 300, 300]


def test_a_correct_password_clears_the_record_and_quiet_time_forgets_it() -> None:
    throttle = LoginThrottle()
    _fail(throttle, ACCOUNT_POLICY.free_failures - 1, START)
    throttle.succeeded("A@Example.no", "10.0.0.1")
    _fail(throttle, ACCOUNT_POLICY.free_failures - 1, START)
    assert throttle.retry_after("a@example.no", "10.0.0.1", START) is None

    later = START + ACCOUNT_POLICY.forget_after
    _fail(throttle, ACCOUNT_POLICY.free_failures - 1, later)
    assert throttle.retry_after("a@example.no", "10.0.0.1", later) is None


def test_one_address_trying_many_accounts_is_limited_separately() -> None:
    throttle = LoginThrottle()
    for number in range(ADDRESS_POLICY.free_failures):
        throttle.failed(f"user{number}@example.no", "10.6.6.6", START)
    assert throttle.retry_after("fresh@example.no", "10.6.6.6", START) == 60
    assert throttle.retry_after("fresh@example.no", "10.0.0.1", START) is None


def test_memory_is_bounded_against_invented_accounts() -> None:
    throttle = LoginThrottle(max_records=10)
    for number in range(100):
        throttle.failed(f"user{number}@example.no", f"10.0.{number}.1", START)
    assert len(throttle) == 10


def test_the_login_page_answers_429_with_retry_after(world: World) -> None:
    clock = install_clock(world.app_client.app)
    world.make_user("legal@example.no", Role.EDITOR)
    browser = TestClient(world.app_client.app)
    statuses = [login_attempt(browser, "legal@example.no", f"guess number {n}").status_code
                for n in range(ACCOUNT_POLICY.free_failures)]
    assert statuses == [401] * ACCOUNT_POLICY.free_failures

    refused = login_attempt(browser, "legal@example.no", PASSWORD)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "30"
    assert "Try again in 30 seconds" in refused.text

    clock.advance(seconds=30)
    assert login_attempt(browser, "legal@example.no", PASSWORD).status_code == 303
    with world.runtime.database.session() as session:
        throttled = list(session.scalars(
            select(AuditEvent).where(AuditEvent.action == "login.throttled")))
    assert [(e.entity_type, e.detail["scope"]) for e in throttled] == [("user", "account")]


def test_unknown_accounts_are_throttled_like_real_ones(world: World) -> None:
    install_clock(world.app_client.app)
    browser = TestClient(world.app_client.app)
    for n in range(ACCOUNT_POLICY.free_failures):
        login_attempt(browser, "nobody@example.no", f"guess {n}")
    assert login_attempt(browser, "nobody@example.no", "guess").status_code == 429


def test_guessing_the_current_password_by_api_is_throttled(world: World) -> None:
    install_clock(world.app_client.app)
    actor = world.make_user("legal@example.no", Role.EDITOR)
    statuses = [actor.client.post("/api/v1/users/me/password", json={
        "current_password": f"guess {n}", "new_password": "whatever long"}).status_code
        for n in range(ACCOUNT_POLICY.free_failures + 1)]
    assert statuses == [403] * ACCOUNT_POLICY.free_failures + [429]
    last = actor.client.post("/api/v1/users/me/password", json={
        "current_password": PASSWORD, "new_password": "whatever long"})
    assert last.status_code == 429 and int(last.headers["Retry-After"]) > 0

