"""Loyalty, leakage, development and a contract's spend, on lines with known answers (the
matching test's data: see its comments for which line is on which contract)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from conftest import World
from spend_helpers import SPEND, setup_known_world, write_text

from core.db import Database
from core.models import Contract, Role, Visibility
from spend import reports
from spend.matching import rematch
from spend.service import import_and_match


def _imported(database: Database, tmp_path: Path) -> dict[str, int]:
    ids = setup_known_world(database)
    with database.session() as session:
        import_and_match(session, write_text(tmp_path / "spend.csv", SPEND))
    return ids


def test_loyalty_by_category_and_quarter(database: Database, tmp_path: Path) -> None:
    _imported(database, tmp_path)
    with database.session() as session:
        by_category = reports.loyalty(session, "category")
        by_quarter = reports.loyalty(session, "quarter")
        first_half = reports.loyalty(session, "category",
                                     reports.Window(dt.date(2024, 1, 1), dt.date(2024, 6, 30)))
    assert [(r.key, r.total, r.on_contract, r.share, r.lines) for r in by_category] == [
        ("Cleaning", Decimal(2500), Decimal(1000), 0.4, 6),
        ("Grants", Decimal(1700), Decimal(0), 0.0, 2),
        ("Office supplies", Decimal(1700), Decimal(600), 600 / 1700, 2),
        ("Catering", Decimal(700), Decimal(0), 0.0, 1),
    ]
    assert [(r.key, r.total, r.on_contract) for r in by_quarter] == [
        ("(no date)", Decimal(1100), Decimal(0)),
        ("2023-Q4", Decimal(100), Decimal(0)),
        ("2024-Q1", Decimal(4700), Decimal(1300)),
        ("2024-Q2", Decimal(300), Decimal(300)),
        ("2024-Q3", Decimal(400), Decimal(0)),
    ]
    assert first_half[0].key == "Cleaning" and first_half[0].total == Decimal(2000)


def test_loyalty_by_quarter_in_one_category(database: Database, tmp_path: Path) -> None:
    _imported(database, tmp_path)
    with database.session() as session:
        everything = {r.key: r for r in reports.loyalty(session, "quarter")}
        cleaning = reports.loyalty(session, "quarter", category="Cleaning")
        nothing = reports.loyalty(session, "quarter", category="No such category")
    assert sum(r.total for r in cleaning) == Decimal(2500)
    assert sum(r.on_contract for r in cleaning) == Decimal(1000)
    assert sum(r.lines for r in cleaning) == 6
    assert all(r.total <= everything[r.key].total for r in cleaning)
    assert nothing == []


def test_leakage_largest_first_with_the_reason(database: Database, tmp_path: Path) -> None:
    _imported(database, tmp_path)
    with database.session() as session:
        leaks = reports.leakage(session)
        catering = reports.leakage(session, category="Catering")
        big_anywhere = reports.leakage(session, any_category=True, min_amount=Decimal(1500))
    assert [(r.supplier, r.off_contract, r.lines, r.reason) for r in leaks] == [
        ("Acme Holdings Limited", Decimal(1100), 1, "contract not in force"),
        ("Nobody We Know Ltd", Decimal(1000), 1, "no contract"),
        ("Renhold Vest AS", Decimal(500), 2, "contract not in force"),
    ]
    assert [(r.supplier, r.off_contract) for r in catering] == [
        ("Acme Holdings Limited", Decimal(700))]
    assert [(r.supplier, r.off_contract) for r in big_anywhere] == [
        ("Acme Holdings Limited", Decimal(1800))]


def test_development_with_change_from_the_previous_period(database: Database,
                                                          tmp_path: Path) -> None:
    ids = _imported(database, tmp_path)
    with database.session() as session:
        rows = [r for r in reports.development(session, "supplier", "quarter")
                if r.key == "Renhold Vest AS"]
        yearly = reports.development(session, "contract", "year",
                                     contract_ids=[ids["cleaning_contract"]])
    assert [(r.period, r.amount, r.change) for r in rows] == [
        ("2023-Q4", Decimal(100), None), ("2024-Q1", Decimal(700), Decimal(600)),
        ("2024-Q2", Decimal(300), Decimal(-400)), ("2024-Q3", Decimal(400), Decimal(100)),
    ]
    assert rows[1].change_share == 6.0
    assert [(r.key, r.period, r.amount) for r in yearly] == [
        (f"Cleaning (#{ids['cleaning_contract']})", "2024", Decimal(1000))]


def test_a_contracts_spend(database: Database, tmp_path: Path) -> None:
    ids = _imported(database, tmp_path)
    with database.session() as session:
        figures = reports.contract_spend(session, ids["cleaning_contract"], dt.date(2025, 2, 1))
    assert (figures.total, figures.last_12_months, figures.lines) == (
        Decimal(1000), Decimal(800), 3)
    assert figures.by_month == [("2024-01", Decimal(200)), ("2024-03", Decimal(500)),
                                ("2024-06", Decimal(300))]


def test_api_shows_contract_figures_only_to_those_who_may_see_the_contract(
        world: World, tmp_path: Path) -> None:
    database = world.runtime.database
    ids = setup_known_world(database)
    with database.session() as session:
        contract = session.get(Contract, ids["cleaning_contract"])
        assert contract is not None
        contract.visibility = Visibility.RESTRICTED
        import_and_match(session, write_text(tmp_path / "spend.csv", SPEND))
        rematch(session)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    admin = world.make_user("admin@example.no", Role.ADMIN)
    path = f"/api/v1/contracts/{ids['cleaning_contract']}/spend"
    assert viewer.client.get(path).status_code == 404
    shown = admin.client.get(path)
    assert shown.status_code == 200 and Decimal(shown.json()["total"]) == Decimal(1000)
    mine = viewer.client.get("/api/v1/spend/development?by=contract&period=year").json()
    assert [row["key"] for row in mine] == [f"Office (#{ids['office_contract']})"]
    loyalty = viewer.client.get("/api/v1/spend/loyalty?by=category&from=2024-01-01").json()
    assert loyalty[0]["key"] == "Cleaning" and Decimal(loyalty[0]["on_contract"]) == 1000
    leaks = viewer.client.get("/api/v1/spend/leakage?category=Catering").json()
    assert [row["supplier"] for row in leaks] == ["Acme Holdings Limited"]
    page = viewer.client.get("/spend")
    assert page.status_code == 200
    assert "Contract loyalty by category" in page.text and "Nobody We Know Ltd" in page.text


def test_development_in_one_category(database: Database, tmp_path: Path) -> None:
    _imported(database, tmp_path)
    with database.session() as session:
        everything = reports.development(session, "supplier", "year")
        catering = reports.development(session, "supplier", "year", category="Catering")
        nowhere = reports.development(session, "supplier", "year", category="No such thing")
    assert [(r.key, r.amount) for r in catering] == [("Acme Holdings Limited", Decimal(700))]
    assert sum(r.amount for r in everything) > sum(r.amount for r in catering)
    assert nowhere == []
