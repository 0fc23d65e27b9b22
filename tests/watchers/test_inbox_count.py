"""The page header's open-alert count: one COUNT query, the same alerts the inbox lists."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from conftest import World
from sqlalchemy import event

from core.models import Role, User
from tests.watchers.helpers import RENEWING, edit_contract, make_contract, run_pass
from watchers.channels import Channels
from watchers.inbox import inbox, open_count

CREATED = dt.date(2026, 6, 1)
NOTICE_90 = dt.date(2026, 7, 2)


def test_the_count_is_one_query_and_agrees_with_the_inbox(
    world: World, channels: Channels
) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    admin = world.make_user("admin@example.no", Role.ADMIN)
    first = make_contract(world, editor, CREATED, **{**RENEWING, "title": "First"})
    make_contract(world, editor, CREATED, **{**RENEWING, "title": "Second"})
    make_contract(world, editor, CREATED, **{**RENEWING, "title": "Third"})
    run_pass(world, channels, CREATED)
    run_pass(world, channels, NOTICE_90)
    # The editor loses sight of one contract: its alert stays theirs but is not counted.
    edit_contract(world, admin, first, NOTICE_90, visibility="restricted",
                  owner_email=admin.email)

    database = world.runtime.database
    statements: list[str] = []

    here = threading.get_ident()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if threading.get_ident() == here:  # not the background worker's indexing
            statements.append(statement)

    with database.session() as session:
        user = session.get(User, editor.user.id)
        assert user is not None
        listed = inbox(session, user, NOTICE_90)
    # A fresh session, as the page header has: the user is loaded, then only the count.
    with database.session() as session:
        user = session.get(User, editor.user.id)
        assert user is not None
        event.listen(database.engine, "before_cursor_execute", record)
        try:
            counted = open_count(session, user, NOTICE_90)
        finally:
            event.remove(database.engine, "before_cursor_execute", record)
    assert counted == len(listed) == 2
    assert len(statements) == 1 and "count(" in statements[0].lower()
