"""Concentration risk on the spend with known answers (tests/spend_helpers.py): each
supplier's share of its category over the last 12 months, the categories where one holds
more than the threshold, and the contracts with such a supplier, only those the reader may
see; the API and the spend report page show the same."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from conftest import World
from fake_clock import install_clock
from spend_helpers import SPEND, setup_known_world, write_text

from core.db import Database
from core.models import Contract, Role, Visibility
from spend.concentration import concentration
from spend.matching import rematch
from spend.service import import_and_match

TODAY = dt.date(2024, 12, 31)  # the 12 months after 31 Dec 2023: the 2023 line is out


def _imported(database: Database, tmp_path: Path) -> dict[str, int]:
    ids = setup_known_world(database)
    with database.session() as session:
        import_and_match(session, write_text(tmp_path / "spend.csv", SPEND))
        rematch(session)
    return ids


def test_shares_per_category_and_the_contracts_of_concentrated_suppliers(
    database: Database, tmp_path: Path,
) -> None:
    ids = _imported(database, tmp_path)
    everything = [ids["cleaning_contract"], ids["office_contract"]]
    with database.session() as session:
        found = concentration(session, TODAY, 0.5, everything)
        stricter = concentration(session, TODAY, 0.6, everything)
        no_contracts = concentration(session, TODAY, 0.5, [])
    by_category = {c.category: c for c in found.categories}
    # Cleaning: Renhold Vest 200 + 300 + 400 + 500 of 2,400 (Nobody We Know has 1,000).
    cleaning = by_category["Cleaning"]
    assert cleaning.total == Decimal(2400)
    assert [(s.supplier, s.amount, round(s.share, 4), s.concentrated)
            for s in cleaning.suppliers] == [
        ("Renhold Vest AS", Decimal(1400), 0.5833, True),
        ("Nobody We Know Ltd", Decimal(1000), 0.4167, False)]
    # Grants: 800 of 1,700 named, 900 with no supplier name, which is nobody's share.
    grants = by_category["Grants"]
    assert grants.total == Decimal(1700) and not grants.concentrated
    assert [s.supplier for s in grants.suppliers] == ["Redacted personal data"]
    # Single-supplier categories first (100 %); the undated line is outside the window.
    assert [c.category for c in found.categories] == [
        "Catering", "Office supplies", "Cleaning", "Grants"]
    assert by_category["Office supplies"].total == Decimal(600)

    # The cleaning contract has no category of its own but buys Cleaning under it; the
    # office contract's category is Office supplies. Catering's supplier (Acme) has a
    # contract, but not in Catering.
    assert [(c.title, c.category, c.supplier) for c in found.contracts] == [
        ("Office", "Office supplies", "Acme Holdings Limited"),
        ("Cleaning", "Cleaning", "Renhold Vest AS")]
    assert [c.title for c in stricter.contracts] == ["Office"]
    assert no_contracts.contracts == [] and no_contracts.categories == found.categories


def test_the_api_and_the_page_show_only_contracts_the_reader_may_see(
    world: World, tmp_path: Path,
) -> None:
    database = world.runtime.database
    ids = _imported(database, tmp_path)
    with database.session() as session:
        contract = session.get(Contract, ids["cleaning_contract"])
        assert contract is not None
        contract.visibility = Visibility.RESTRICTED
    clock = install_clock(world.app_client.app)
    clock.now = dt.datetime(2024, 12, 31, 12, 0, tzinfo=dt.UTC)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    admin = world.make_user("admin@example.no", Role.ADMIN)

    seen = viewer.client.get("/api/v1/suppliers/concentration").json()
    assert (seen["since"], seen["until"], seen["threshold"]) == ("2023-12-31", "2024-12-31", 0.5)
    assert [c["title"] for c in seen["contracts"]] == ["Office"]
    assert seen["categories"][2]["category"] == "Cleaning"
    assert seen["categories"][2]["concentrated"] is True
    everything = admin.client.get("/api/v1/suppliers/concentration").json()
    assert [c["title"] for c in everything["contracts"]] == ["Office", "Cleaning"]
    assert viewer.client.get("/api/v1/suppliers/concentration?threshold=1.5").status_code == 422
    none_flagged = viewer.client.get("/api/v1/suppliers/concentration?threshold=0.99").json()
    assert [c["category"] for c in none_flagged["categories"] if c["concentrated"]] == [
        "Catering", "Office supplies"]

    page = viewer.client.get("/spend")
    assert page.status_code == 200
    assert "Supplier concentration" in page.text
    assert "Contracts whose supplier holds most of a category" in page.text
    assert f'href="/contracts/{ids["office_contract"]}"' in page.text
    assert f'href="/contracts/{ids["cleaning_contract"]}"' not in page.text
    assert "from 2024-01-01 to 2024-12-31" in page.text
