"""A token's last use is recorded to the minute, not written on every request."""

from __future__ import annotations

import datetime as dt

from conftest import World

from core.clock import as_utc
from core.models import ApiToken, Role
from core.tokens import authenticate_token, issue_token


def test_last_used_is_written_at_most_once_a_minute(world: World) -> None:
    actor = world.make_user("script@example.no", Role.EDITOR)
    start = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
    with world.runtime.database.session() as session:
        user = session.merge(actor.user)
        row, token = issue_token(session, user, "script")
        token_id = row.id
    uses = [start, start + dt.timedelta(seconds=30), start + dt.timedelta(seconds=61)]
    seen = []
    for now in uses:
        with world.runtime.database.session() as session:
            assert authenticate_token(session, token, now=now) is not None
        with world.runtime.database.session() as session:
            stored = session.get(ApiToken, token_id)
            assert stored is not None and stored.last_used_at is not None
            seen.append(as_utc(stored.last_used_at))
    assert seen == [start, start, uses[2]]
