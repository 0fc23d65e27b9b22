"""Alert e-mails follow the language a person chose on their account page; the older
alert-preference language is read only when they have not chosen one."""

from __future__ import annotations

import datetime as dt

from conftest import World

from core.models import AlertPreferences, Role, User
from tests.watchers.helpers import RENEWING, SmtpServer, make_contract, run_pass
from watchers.channels import Channels

CREATED = dt.date(2026, 6, 1)
NOTICE_90 = dt.date(2026, 7, 2)  # 90 days before RENEWING's notice deadline


def _alert_subject(world: World, smtp_server: SmtpServer, channels: Channels,
                   user_language: str | None, preference_language: str) -> str:
    owner = world.make_user("eier@example.no", Role.EDITOR)
    with world.runtime.database.session() as session:
        session.add(AlertPreferences(user_id=owner.user.id, language=preference_language,
                                     lead_days=[90]))
        user = session.get(User, owner.user.id)
        assert user is not None
        user.language = user_language
        session.commit()
    make_contract(world, owner, CREATED, **{**RENEWING, "title": "Vedlikeholdsavtale"})
    run_pass(world, channels, CREATED)
    run_pass(world, channels, NOTICE_90)
    (message,) = smtp_server.messages
    return str(message["Subject"])


def test_the_users_own_language_wins_over_the_old_preference(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    subject = _alert_subject(world, smtp_server, channels, "nb", "en")
    assert subject == "Oppsigelsesfrist 30. september 2026: Vedlikeholdsavtale"


def test_without_a_choice_the_preference_still_decides(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    subject = _alert_subject(world, smtp_server, channels, None, "nb")
    assert subject.startswith("Oppsigelsesfrist 30. september 2026")
