"""Matching lines to suppliers (org number, alias, name), categories and the contract in
force on the line's date, on data with known answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import World
from spend_helpers import SPEND, setup_known_world, write_text
from sqlalchemy import select

from core.db import Database
from core.models import Contract, SpendLine, Supplier
from spend.importer import import_file
from spend.matching import rematch
from spend.tasks import REMATCH_JOB


def _by_amount(database: Database) -> dict[int, SpendLine]:
    with database.session() as session:
        return {int(line.amount): line for line in session.scalars(select(SpendLine))}


def test_lines_find_supplier_category_and_contract(database: Database, tmp_path: Path) -> None:
    ids = setup_known_world(database)
    with database.session() as session:
        import_file(session, write_text(tmp_path / "spend.csv", SPEND))
        summary = rematch(session)
    lines = _by_amount(database)
    matched = {amount: (line.supplier_id, line.supplier_match) for amount, line in lines.items()}
    assert matched == {
        100: (ids["renhold"], "org_number"), 200: (ids["renhold"], "name"),
        300: (ids["renhold"], "name"), 400: (ids["renhold"], "name"),
        500: (ids["renhold"], "org_number"), 600: (ids["acme"], "alias"),
        700: (ids["acme"], "name"), 800: (None, "redacted"), 900: (None, "no_name"),
        1000: (None, "unmatched"), 1100: (ids["acme"], "name"),
    }
    contracts = {amount: line.contract_id for amount, line in lines.items() if line.on_contract}
    assert contracts == {200: ids["cleaning_contract"], 300: ids["cleaning_contract"],
                         500: ids["cleaning_contract"], 600: ids["office_contract"]}
    assert all(line.contract_id is None for line in lines.values() if not line.on_contract)
    assert lines[300].category_id == ids["cleaning"]
    assert lines[600].category_id == ids["office"]
    assert lines[800].category_id is None
    assert lines[700].category_id is not None and not lines[700].on_contract
    assert summary.on_contract == 4 and summary.lines == 11
    assert summary.by_supplier_match["redacted"] == 1


def test_rematch_follows_a_changed_contract(database: Database, tmp_path: Path) -> None:
    ids = setup_known_world(database)
    with database.session() as session:
        import_file(session, write_text(tmp_path / "spend.csv", SPEND))
        rematch(session)
    with database.session() as session:
        contract = session.get(Contract, ids["cleaning_contract"])
        assert contract is not None
        contract.ends_on = dt.date(2024, 12, 31)  # extended
        session.add(Supplier(name="Nobody We Know Limited"))
        rematch(session)
    lines = _by_amount(database)
    assert lines[400].on_contract and lines[400].contract_id == ids["cleaning_contract"]
    assert lines[1000].supplier_match == "name" and not lines[1000].on_contract


def test_rematch_runs_as_a_job_by_name(world: World, tmp_path: Path) -> None:
    database = world.runtime.database
    with database.session() as session:
        import_file(session, write_text(tmp_path / "spend.csv", SPEND))
        session.add(Supplier(name="Nobody We Know"))
    world.runtime.jobs.send(REMATCH_JOB)
    world.runtime.jobs.wait_idle()
    assert _by_amount(database)[1000].supplier_match == "name"
