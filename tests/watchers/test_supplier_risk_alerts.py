"""A supplier that goes bankrupt and whose risk rises alerts the owners and watchers of its
active contracts, once per change, through e-mail (aiosmtpd on loopback) and the inbox;
a refresh that finds the same level and flags alerts nobody again, and a recipient who may
no longer see the contract when the alert goes out gets nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from conftest import Actor, World
from loopback import live_server
from register_servers import BrregServer, fixture
from sqlalchemy import func, select

from core.models import Alert, AlertState, Contract, Role, SupplierRiskChange, User
from suppliers.risk.tasks import refresh_risk_pass
from tests.watchers.helpers import FIXED, SmtpServer, at, edit_contract, make_contract, run_pass
from watchers.channels import Channels

CREATED = dt.date(2026, 6, 1)
FLAGGED = CREATED + dt.timedelta(days=8)  # the weekly refresh after the first


@pytest.fixture
def brreg() -> Iterator[tuple[BrregServer, str]]:
    served = BrregServer()
    # Healthy at first: not bankrupt, and the sound accounts of another fixture company.
    served.answers = {
        "enheter_987654321.json": {**fixture("brreg", "enheter_987654321.json"),
                                   "konkurs": False},
        "regnskap_987654321.json": fixture("brreg", "regnskap_923609016.json"),
    }
    with live_server(served.app) as (host, port):
        yield served, f"http://{host}:{port}"


def _refresh(world: World, url: str, day: dt.date) -> None:
    settings = world.runtime.settings.model_copy(
        update={"brreg_base_url": url, "register_pause_seconds": 0})
    outcomes = refresh_risk_pass(world.runtime.database, settings, now=at(day, 2))
    assert outcomes and all(o.ok for o in outcomes)


def _text(message: EmailMessage) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    return " ".join(str(body.get_content()).split())


def _supplied_by(world: World, owner: Actor, title: str, supplier: str, org_number: str
                 ) -> int:
    contract_id = make_contract(world, owner, CREATED, **{**FIXED, "title": title},
                                supplier_name=supplier)
    # Set on the master data directly: the made-up fixture number fails the MOD11 check
    # that contract forms apply.
    with world.runtime.database.session() as session:
        contract = session.get(Contract, contract_id)
        assert contract is not None and contract.supplier is not None
        contract.supplier.org_number = org_number
    return contract_id


def _supplied_by_krise(world: World, owner: Actor, title: str) -> int:
    return _supplied_by(world, owner, title, "Krise Bygg AS", "987654321")


def test_bankruptcy_and_a_risk_rise_alert_owner_and_watcher_once(
    world: World, smtp_server: SmtpServer, channels: Channels,
    brreg: tuple[BrregServer, str],
) -> None:
    served, url = brreg
    owner = world.make_user("owner@example.no", Role.EDITOR)
    watcher = world.make_user("watcher@example.no", Role.VIEWER)
    other_owner = world.make_user("other@example.no", Role.EDITOR)
    contract_id = _supplied_by_krise(world, owner, "Cleaning services")
    _supplied_by(world, other_owner, "Windows", "Renhold Vest AS", "923609016")
    with world.runtime.database.session() as session:
        user = session.get(User, watcher.user.id)
        assert user is not None
        user.language = "nb"
    made = watcher.client.post("/api/v1/watches", json={"contract_id": contract_id})
    assert made.status_code == 201, made.text
    assert "supplier_risk" in made.json()["event_kinds"]

    _refresh(world, url, CREATED)  # the first look: low risk, no flags, nothing to tell
    run_pass(world, channels, CREATED)
    assert smtp_server.messages == []

    served.answers = {}  # now the register has the bankruptcy and the weak accounts
    _refresh(world, url, FLAGGED)
    run_pass(world, channels, FLAGGED)
    by_recipient = {m["To"]: m for m in smtp_server.messages}
    assert set(by_recipient) == {owner.email, watcher.email}
    to_owner = by_recipient[owner.email]
    assert to_owner["Subject"] == "Supplier risk 9 June 2026: Cleaning services"
    text = _text(to_owner)
    assert ("The register reports Krise Bygg AS as bankrupt, and its risk level rose from "
            "low to high: check what it means for the contract") in text
    assert "9 June 2026 (found in the register)" in text
    in_norwegian = _text(by_recipient[watcher.email])
    assert ("Registeret melder at Krise Bygg AS er konkurs, og risikonivået har steget fra "
            "lav til høy") in in_norwegian
    assert "(funnet i registeret)" in in_norwegian

    (shown,) = owner.client.get("/api/v1/alerts").json()["alerts"]
    assert (shown["event_kind"], shown["event_label"], shown["lead_days"]) == (
        "supplier_risk", "Supplier risk", 0)
    assert shown["what_to_do"].startswith("the register reports Krise Bygg AS as bankrupt")

    # Passes again, the next day, and the next weekly refresh (same level, same flag): the
    # change was told once.
    run_pass(world, channels, FLAGGED, hour=9)
    run_pass(world, channels, FLAGGED + dt.timedelta(days=1))
    _refresh(world, url, FLAGGED + dt.timedelta(days=8))
    run_pass(world, channels, FLAGGED + dt.timedelta(days=8))
    assert len(smtp_server.messages) == 2
    with world.runtime.database.session() as session:
        assert session.scalar(select(func.count(SupplierRiskChange.id))) == 1
        kinds = session.scalars(select(Alert.event_kind)).all()
        assert kinds == ["supplier_risk", "supplier_risk"]


def test_a_watcher_who_lost_sight_of_the_contract_before_sending_gets_nothing(
    world: World, smtp_server: SmtpServer, channels: Channels,
    brreg: tuple[BrregServer, str],
) -> None:
    served, url = brreg
    owner = world.make_user("owner@example.no", Role.EDITOR)
    watcher = world.make_user("watcher@example.no", Role.VIEWER)
    contract_id = _supplied_by_krise(world, owner, "Cleaning services")
    assert watcher.client.post("/api/v1/watches",
                               json={"contract_id": contract_id}).status_code == 201
    _refresh(world, url, CREATED)
    served.answers = {}
    _refresh(world, url, FLAGGED)

    smtp_server.stop()
    run_pass(world, channels, FLAGGED)  # armed for both; the mail server is down
    edit_contract(world, owner, contract_id, FLAGGED, visibility="restricted")
    smtp_server.start()
    run_pass(world, channels, FLAGGED, hour=8)  # the retry, past its backoff

    assert [m["To"] for m in smtp_server.messages] == [owner.email]
    with world.runtime.database.session() as session:
        states = {user_id: state for user_id, state in session.execute(
                select(Alert.user_id, Alert.state))}
    assert states == {owner.user.id: AlertState.DUE, watcher.user.id: AlertState.WITHDRAWN}


def test_a_digest_held_up_for_days_still_carries_the_news(
    world: World, smtp_server: SmtpServer, channels: Channels,
    brreg: tuple[BrregServer, str],
) -> None:
    served, url = brreg
    owner = world.make_user("owner@example.no", Role.EDITOR)
    assert owner.client.put("/api/v1/alert-preferences",
                            json={"digest": "weekly"}).status_code == 200
    _supplied_by_krise(world, owner, "Cleaning services")
    _refresh(world, url, CREATED)
    served.answers = {}
    _refresh(world, url, FLAGGED)
    smtp_server.stop()
    run_pass(world, channels, FLAGGED)  # the week's digest is made; the mail server is down
    smtp_server.start()
    run_pass(world, channels, FLAGGED + dt.timedelta(days=3))

    (digest,) = smtp_server.messages
    text = _text(digest)
    # News, not a date ahead: not dropped as "missed" for being three days old.
    assert "Supplier risk: Cleaning services" in text
    assert "9 June 2026 (found in the register)" in text
    with world.runtime.database.session() as session:
        assert session.scalars(select(Alert.state)).all() == [AlertState.DUE]
