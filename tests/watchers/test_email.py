"""The alert e-mail as the recipient receives it from a real SMTP server."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from urllib.parse import urlsplit

from conftest import World
from sqlalchemy import select

from core.models import Alert, AlertPreferences, Role
from tests.watchers.helpers import (
    BASE_URL,
    MAIL_FROM,
    RENEWING,
    SmtpServer,
    make_contract,
    run_pass,
)
from watchers.channels import Channels

CREATED = dt.date(2026, 6, 1)
NOTICE_90 = dt.date(2026, 7, 2)  # 90 days before RENEWING's notice deadline, 30 Sep 2026


def bodies(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    return str(text.get_content()), str(html.get_content())


def test_english_alert_names_contract_event_date_what_to_do_and_link(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    contract_id = make_contract(world, owner, CREATED, **RENEWING)
    run_pass(world, channels, CREATED)
    run_pass(world, channels, NOTICE_90)

    (message,) = smtp_server.messages
    assert message["Subject"] == "Notice deadline 30 September 2026: Maintenance agreement"
    assert message["From"] == MAIL_FROM and message["To"] == owner.email
    with world.runtime.database.session() as session:
        alert_id = session.scalars(select(Alert.id)).one()
    assert message["Message-ID"] == f"<alert-{alert_id}@avtale.example.no>"
    text, html = bodies(message)
    link = f"{BASE_URL}/contracts/{contract_id}"
    assert "Give notice by 30 September 2026 or the contract renews for 12 months." in text
    assert "in 90 days" in text
    assert link in text
    assert f'href="{link}"' in html
    assert "Give notice by 30 September 2026 or the contract renews for 12 months." in html


def test_norwegian_recipient_gets_bokmal(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("eier@example.no", Role.EDITOR)
    with world.runtime.database.session() as session:
        session.add(AlertPreferences(user_id=owner.user.id, language="nb", lead_days=[90]))
    make_contract(world, owner, CREATED, **{**RENEWING, "title": "Vedlikeholdsavtale"})
    run_pass(world, channels, CREATED)
    run_pass(world, channels, NOTICE_90)

    (message,) = smtp_server.messages
    assert message["Subject"] == "Oppsigelsesfrist 30. september 2026: Vedlikeholdsavtale"
    text, html = bodies(message)
    assert "Si opp innen 30. september 2026, ellers fornyes avtalen for 12 måneder." in text
    assert "om 90 dager" in text
    assert "Åpne avtalen" in html
    # The whole mail from the catalogue: no English line, no English date.
    for body in (text, html):
        assert "Du får dette fordi du følger denne avtalen." in body
        assert "Stopp varsler for denne avtalen" in body
        for english in ("Contract", "Open the contract", "You get this", "September", "days"):
            assert english not in body
    assert '<html lang="nb">' in html


def test_an_html_special_title_is_escaped_in_html_only(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    make_contract(world, owner, CREATED, **{**RENEWING, "title": "R&D <support>"})
    run_pass(world, channels, CREATED)
    run_pass(world, channels, NOTICE_90)
    text, html = bodies(smtp_server.messages[0])
    assert "Contract: R&D <support>" in text
    assert "R&amp;D &lt;support&gt;" in html and "<support>" not in html


def test_one_click_unsubscribe_switches_the_watch_off(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    make_contract(world, owner, CREATED, **RENEWING)
    run_pass(world, channels, CREATED)
    run_pass(world, channels, NOTICE_90)
    (message,) = smtp_server.messages
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = str(message["List-Unsubscribe"]).strip("<>")
    assert url.startswith(f"{BASE_URL}/api/v1/unsubscribe/")
    text, html = bodies(message)
    assert url in text and f'href="{url}"' in html
    path = urlsplit(url).path

    anonymous = world.app_client
    assert anonymous.get(path).status_code == 200  # a preview only asks
    assert owner.client.get("/api/v1/watches").json()[0]["active"] is True
    assert anonymous.post(path[:-2] + "xx").status_code == 404
    done = anonymous.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    (watch,) = owner.client.get("/api/v1/watches").json()
    assert (watch["active"], watch["origin"]) == (False, "user")

    run_pass(world, channels, dt.date(2026, 8, 31))  # the 30-day lead time: nothing
    assert len(smtp_server.messages) == 1
