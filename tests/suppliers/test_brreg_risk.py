"""The Brønnøysund adapter against a loopback server answering in the documented format, the
indicators and risk level drawn from its figures, and a refresh that keeps the last good
figures when the register fails."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from conftest import World
from loopback import live_server
from register_servers import BrregServer as Register

from avtale.runtime import Runtime
from core.models import Role, Supplier, SupplierRegisterRecord
from suppliers.risk.brreg import Brreg
from suppliers.risk.indicators import assess
from suppliers.risk.port import CompanyNotFoundError, RegisterUnavailableError
from suppliers.risk.refresh import answer_of, refresh_due

NOW = dt.datetime(2026, 12, 2, 6, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def register() -> Iterator[tuple[Register, Brreg]]:
    served = Register()
    with live_server(served.app) as (host, port):
        client = Brreg(f"http://{host}:{port}")
        yield served, client
        client.close()


def test_entity_and_accounts_are_read(register: tuple[Register, Brreg]) -> None:
    _served, brreg = register
    answer = brreg.lookup("923 609 016")
    assert answer.name == "RENHOLD VEST AS" and answer.status_flags == ()
    assert answer.facts["vat_registered"] and answer.facts["in_business_register"]
    (year,) = answer.accounts
    assert (year.year, year.revenue, year.operating_result, year.result_before_tax) == (
        2025, 50_000_000, 3_000_000, 2_500_000)
    assert (year.equity, year.total_assets, year.current_assets, year.current_liabilities) == (
        6_000_000, 20_000_000, 12_000_000, 8_000_000)

    assessment = assess(answer, NOW.date())
    shown = {i.name: i for i in assessment.indicators}
    assert shown["equity ratio"].value == 0.3 and shown["equity ratio"].year == 2025
    assert shown["equity ratio"].formula == "equity / total assets"
    assert shown["current ratio"].value == 1.5 and shown["operating margin"].value == 0.06
    assert not shown["accounts not filed on time"].value
    assert assessment.level == "low"


def test_a_bankrupt_supplier_with_negative_equity_is_high_risk(
    register: tuple[Register, Brreg],
) -> None:
    answer = register[1].lookup("987654321")
    assert answer.status_flags == ("bankruptcy",)
    assessment = assess(answer, NOW.date())
    shown = {i.name: i for i in assessment.indicators}
    assert shown["negative equity"].warning and shown["current ratio"].warning
    # 2024's accounts were filed; 2025's are due by 31 July 2026 and are not there.
    assert shown["accounts not filed on time"].value is True
    assert assessment.level == "high"
    # Without the flag the warnings alone decide, against thresholds an admin may move.
    unflagged = type(answer)(**{**answer.__dict__, "status_flags": ()})
    assert assess(unflagged, NOW.date()).level == "high"
    assert assess(unflagged, NOW.date(), {"high_warnings": 10}).level == "medium"


def test_unknown_and_malformed_numbers(register: tuple[Register, Brreg]) -> None:
    with pytest.raises(CompanyNotFoundError):
        register[1].lookup("999999999")
    with pytest.raises(CompanyNotFoundError):
        register[1].lookup("12345")


def test_a_failed_refresh_keeps_the_last_good_figures(
    register: tuple[Register, Brreg], runtime: Runtime,
) -> None:
    served, brreg = register
    pauses: list[float] = []
    with runtime.database.session() as session:
        session.add_all([Supplier(name="Renhold Vest AS", org_number="923609016"),
                         Supplier(name="Krise Bygg AS", org_number="987654321")])
        session.flush()
        outcomes = refresh_due(session, brreg, NOW, pause_seconds=0.5, pause=pauses.append)
        assert [o.ok for o in outcomes] == [True, True]
        assert pauses == [0.5]  # paced between lookups, not before the first
        assert outcomes[1].new_flags == ("bankruptcy",)
        session.commit()

        # Nothing is due again until the weekly refresh.
        assert refresh_due(session, brreg, NOW + dt.timedelta(hours=1), pause=pauses.append) \
            == []

        served.down = True
        try:
            later = NOW + dt.timedelta(days=8)
            failed = refresh_due(session, brreg, later, pause=pauses.append)
        finally:
            served.down = False
        assert [o.ok for o in failed] == [False, False]
        session.commit()
        record = session.query(SupplierRegisterRecord).filter_by(identifier="923609016").one()
        assert record.failures == 1 and "503" in (record.last_error or "")
        assert record.accounts[0]["revenue"] == 50_000_000 and record.risk_level == "low"
        # The register's Retry-After (an hour) outweighs the first backoff step (15 min).
        assert record.next_attempt_at is not None
        assert record.next_attempt_at.replace(tzinfo=dt.UTC) == later + dt.timedelta(hours=1)
        assert assess(answer_of(record), later.date()).level == "low"


def test_a_register_that_is_down_is_unavailable_not_unknown(
    register: tuple[Register, Brreg],
) -> None:
    served, brreg = register
    served.down = True
    try:
        with pytest.raises(RegisterUnavailableError) as raised:
            brreg.lookup("923609016")
    finally:
        served.down = False
    assert raised.value.retry_after == 3600


def test_the_risk_api_shows_figures_formulas_and_admin_thresholds(
    register: tuple[Register, Brreg], world: World,
) -> None:
    admin = world.make_user("admin@example.no", Role.ADMIN)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    with world.runtime.database.session() as session:
        supplier = Supplier(name="Krise Bygg AS", org_number="987654321")
        session.add(supplier)
        session.flush()
        refresh_due(session, register[1], NOW, pause=lambda _s: None)
        session.commit()
        supplier_id = supplier.id

    (shown,) = viewer.client.get(f"/api/v1/suppliers/{supplier_id}/risk").json()
    assert shown["register"] == "brreg" and shown["level"] == "high"
    assert shown["status_flags"] == ["bankruptcy"]
    equity = next(i for i in shown["indicators"] if i["name"] == "negative equity")
    assert equity == {"name": "negative equity", "value": True, "year": 2024,
                      "formula": "equity < 0", "warning": True}
    assert viewer.client.get("/api/v1/suppliers/999999/risk").status_code == 404

    assert viewer.client.put("/api/v1/risk-thresholds",
                             json={"values": {"high_warnings": 5}}).status_code == 403
    refused = admin.client.put("/api/v1/risk-thresholds", json={"values": {"vibes": 1}})
    assert refused.status_code == 422 and "unknown thresholds: vibes" in refused.text
    moved = admin.client.put("/api/v1/risk-thresholds", json={"values": {"high_warnings": 5}})
    assert moved.json()["high_warnings"] == 5 and moved.json()["equity_ratio_low"] == 0.1
    assert viewer.client.get("/api/v1/risk-thresholds").json()["high_warnings"] == 5
