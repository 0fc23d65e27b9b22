"""The register refresh as the scheduled job: Norwegian suppliers at Brønnøysund, UK ones at
Companies House (loopback servers in the documented formats), others at neither; when both
registers fail the last good figures and levels stay, and the failure is backed off."""

from __future__ import annotations

import datetime as dt

from conftest import World
from loopback import live_server
from register_servers import BrregServer, CompaniesHouseServer
from sqlalchemy import select

from core.models import Supplier, SupplierRegisterRecord, SupplierRiskChange
from core.models.base import utcnow
from suppliers.risk.tasks import REFRESH_RISK_JOB


def test_the_job_refreshes_norwegian_and_uk_suppliers_and_a_failure_keeps_figures(
    world: World,
) -> None:
    brreg, companies_house = BrregServer(), CompaniesHouseServer()
    with live_server(brreg.app) as (brreg_host, brreg_port), \
            live_server(companies_house.app) as (ch_host, ch_port):
        runtime = world.runtime
        runtime.settings = runtime.settings.model_copy(update={
            "brreg_base_url": f"http://{brreg_host}:{brreg_port}",
            "companies_house_base_url": f"http://{ch_host}:{ch_port}",
            "companies_house_api_key": "test-key", "register_pause_seconds": 0})
        with runtime.database.session() as session:
            session.add_all([
                Supplier(name="Renhold Vest AS", org_number="923609016"),
                Supplier(name="Northern Facilities Ltd", org_number="09876543", country="GB"),
                Supplier(name="Svensk Städ AB", org_number="5566778899", country="SE")])

        runtime.jobs.send(REFRESH_RISK_JOB)
        world.wait_idle()

        assert brreg.requests == ["enheter_923609016.json", "regnskap_923609016.json"]
        assert companies_house.requests == ["company_09876543.json"]
        with runtime.database.session() as session:
            kept = {(r.supplier.name, r.register): r.risk_level
                    for r in session.scalars(select(SupplierRegisterRecord))}
            assert kept == {("Renhold Vest AS", "brreg"): "low",
                            ("Northern Facilities Ltd", "companies_house"): "high"}
            # The UK company was found in liquidation on its first lookup: news to alert.
            (change,) = session.scalars(select(SupplierRiskChange)).all()
            assert (change.supplier.name, change.new_flags) == (
                "Northern Facilities Ltd", ["winding_up", "insolvency"])
            change_id = change.id

        brreg.down = companies_house.down = True
        later = utcnow() + dt.timedelta(days=8)
        outcomes = runtime.refresh_risk(now=later)
        assert [o.ok for o in outcomes] == [False, False]
        with runtime.database.session() as session:
            records = {r.register: r for r in session.scalars(select(SupplierRegisterRecord))}
            norwegian, uk = records["brreg"], records["companies_house"]
            assert norwegian.accounts[0]["revenue"] == 50_000_000
            assert norwegian.risk_level == "low" and uk.risk_level == "high"
            assert uk.status_flags == ["winding_up", "insolvency", "accounts_overdue"]
            assert (norwegian.failures, uk.failures) == (1, 1)
            assert "503" in (uk.last_error or "")
            assert session.scalars(select(SupplierRiskChange.id)).all() == [change_id]
