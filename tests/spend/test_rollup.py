"""The monthly rollup the reports read stays equal to the spend lines summed from scratch,
through every write to the lines, and reports over windows that cut months in two give what
the lines themselves give."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from spend_helpers import SPEND, setup_known_world, write_text
from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session

from core.db import Database
from core.filestore import FileStore
from core.models import Contract, Role, SpendLine, SpendRollup, Supplier
from core.spend_rollup import GROUPED, whole_months
from core.users import create_user
from spend import reports, rollup
from spend.matching import rematch, rematch_spelling
from spend.service import import_and_match, remap_import
from suppliers.merge import merge

MORE = (
    "Date,Supplier,Org number,Amount,Category\n"
    "2024-01-15,RENHOLD VEST,,200,Cleaning\n"          # the same as a line of SPEND
    "2024-02-10,Renhold Vest AS,,250.50,Cleaning\n"
    "2024-02-11,Acme Holdings Ltd,,-75.25,Office supplies\n"
    "2024-02-29,Acme Trdg,,120,Office supplies\n"      # a spelling nobody knows yet
    "2024-05-17,Acme Trdg,,80,Catering\n"
)


def _sums(session: Session, table: Any) -> dict[tuple[Any, ...], tuple[Decimal, int]]:
    """Group -> (amount, lines), with no empty groups."""
    columns = [getattr(table, c) for c in GROUPED]
    count = func.sum(table.lines) if table is SpendRollup else func.count()
    found: dict[tuple[Any, ...], list[Any]] = defaultdict(lambda: [Decimal(0), 0])
    for *key, amount, lines in session.execute(
            select(*columns, func.sum(table.amount), count).group_by(*columns)):
        found[tuple(key)][0] += Decimal(str(amount or 0))
        found[tuple(key)][1] += int(lines)
    return {key: (amount.quantize(Decimal("0.01")), lines)
            for key, (amount, lines) in found.items() if lines}


def _assert_rollup_is_the_lines(database: Database) -> None:
    with database.session() as session:
        from_lines = _sums(session, SpendLine)
        assert from_lines, "no lines: the comparison would prove nothing"
        assert _sums(session, SpendRollup) == from_lines
        # Compacted: one row per group.
        rows = session.scalar(select(func.count()).select_from(SpendRollup))
        assert rows == len(from_lines)


def test_the_rollup_follows_import_reimport_rematch_merge_and_remap(
        database: Database, tmp_path: Path) -> None:
    ids = setup_known_world(database)
    files = FileStore(tmp_path / "files")
    with database.session() as session:
        first = import_and_match(session, write_text(tmp_path / "spend.csv", SPEND))
    _assert_rollup_is_the_lines(database)

    with database.session() as session:
        again = import_and_match(session, write_text(tmp_path / "again.csv", SPEND))
        assert again.rows_imported == 0 and again.rows_already_imported == first.rows_imported
    _assert_rollup_is_the_lines(database)

    more_path = write_text(tmp_path / "more.csv", MORE)
    files.put(more_path.read_bytes())
    with database.session() as session:
        more = import_and_match(session, more_path)
        assert more.rows_imported == 4
        more_id = more.id
    _assert_rollup_is_the_lines(database)

    with database.session() as session:
        # A spelling confirmed as Acme's, and a contract that now ends earlier: both re-match.
        trdg = Supplier(name="Acme Trdg Limited")
        session.add(trdg)
        session.flush()
        rematch_spelling(session, "Acme Trdg")
        contract = session.get(Contract, ids["cleaning_contract"])
        assert contract is not None
        contract.ends_on = dt.date(2024, 2, 15)
        session.flush()
        rematch(session, first.id)
    _assert_rollup_is_the_lines(database)

    with database.session() as session:
        actor = create_user(session, email="editor@example.no", role=Role.EDITOR,
                            password="a long password here")
        survivor = session.get(Supplier, ids["acme"])
        duplicate = session.scalar(select(Supplier).where(Supplier.name == "Acme Trdg Limited"))
        assert survivor is not None and duplicate is not None
        moved_lines = session.scalar(select(func.count()).where(
            SpendLine.supplier_id == duplicate.id))
        merge(session, survivor, duplicate, actor)
    with database.session() as session:
        # Before the re-match job runs, the reports already see the lines under the survivor.
        acme = [r for r in reports.loyalty(session, "supplier")
                if r.key == "Acme Holdings Limited"]
        assert moved_lines == 2 and acme and acme[0].lines == 4 + moved_lines
    _assert_rollup_is_the_lines(database)

    with database.session() as session:
        actor_again = create_user(session, email="admin@example.no", role=Role.ADMIN,
                                  password="a long password here")
        remap_import(session, files, more_id,
                     {"date": "Date", "supplier_name": "Supplier", "amount": "Amount",
                      "supplier_org_number": "Org number"}, actor_again)
    _assert_rollup_is_the_lines(database)

    with database.session() as session:
        session.execute(delete(Contract).where(Contract.id == ids["office_contract"]))
    _assert_rollup_is_the_lines(database)

    with database.session() as session:
        rematch(session)
    _assert_rollup_is_the_lines(database)


def _loyalty_from_lines(session: Session, start: dt.date, end: dt.date
                        ) -> dict[str, tuple[Decimal, Decimal, int]]:
    """Loyalty by category straight from the lines: the answer the rollup must give."""
    on = func.sum(case((SpendLine.on_contract.is_(True), SpendLine.amount), else_=0))
    found: dict[str, tuple[Decimal, Decimal, int]] = {}
    category = reports.category_key()
    for key, total, on_contract, lines in session.execute(
            select(category, func.sum(SpendLine.amount), on, func.count())
            .select_from(SpendLine)
            .outerjoin(reports.Category, reports.Category.id == SpendLine.category_id)
            .where(SpendLine.date >= start, SpendLine.date <= end)
            .group_by(category)):
        found[key] = (Decimal(str(total)).quantize(reports.CENT),
                      Decimal(str(on_contract)).quantize(reports.CENT), int(lines))
    return found


@pytest.mark.parametrize(("start", "end"), [
    (dt.date(2024, 1, 16), dt.date(2024, 6, 30)),   # cuts the first month
    (dt.date(2024, 1, 1), dt.date(2024, 3, 1)),     # cuts the last month on its first day
    (dt.date(2024, 3, 1), dt.date(2024, 3, 1)),     # one day
    (dt.date(2023, 12, 31), dt.date(2024, 7, 1)),   # one day of each edge month
    (dt.date(2024, 2, 1), dt.date(2024, 2, 29)),    # a whole leap February, no lines
])
def test_windows_that_cut_months_give_what_the_lines_give(
        database: Database, tmp_path: Path, start: dt.date, end: dt.date) -> None:
    setup_known_world(database)
    with database.session() as session:
        import_and_match(session, write_text(tmp_path / "spend.csv", SPEND))
    with database.session() as session:
        expected = _loyalty_from_lines(session, start, end)
        got = {r.key: (r.total, r.on_contract, r.lines)
               for r in reports.loyalty(session, "category", reports.Window(start, end))}
    assert got == expected


def test_whole_months_of_a_window() -> None:
    assert whole_months(dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == ("2024-01", "2024-12")
    assert whole_months(dt.date(2024, 1, 2), dt.date(2024, 12, 30)) == ("2024-02", "2024-11")
    assert whole_months(dt.date(2024, 2, 1), dt.date(2024, 2, 29)) == ("2024-02", "2024-02")
    assert whole_months(dt.date(2023, 2, 1), dt.date(2023, 2, 27)) is None
    assert whole_months(dt.date(2024, 12, 15), None) == ("2025-01", None)
    assert whole_months(None, dt.date(2024, 12, 15)) == (None, "2024-11")
    assert whole_months(None, None) == (None, None)


def test_rebuild_counts_lines_written_behind_the_rollups_back(database: Database) -> None:
    with database.session() as session:
        session.add(SpendLine(natural_key="k1", source_file="f.csv", line_number=2,
                              supplier_name="Someone", amount=Decimal("12.50"),
                              date=dt.date(2024, 4, 1), month="2024-04"))
    with database.session() as session:
        assert reports.loyalty(session, "month") == []
        rollup.rebuild(session)
    with database.session() as session:
        assert [(r.key, r.total) for r in reports.loyalty(session, "month")] == [
            ("2024-04", Decimal("12.50"))]
    _assert_rollup_is_the_lines(database)


def test_a_window_at_the_ends_of_the_calendar_is_read_from_the_lines() -> None:
    import datetime as dt

    from core.spend_rollup import spend_source

    for start, end in ((dt.date(2000, 1, 1), dt.date.min), (dt.date.min, dt.date.max),
                       (dt.date(2024, 3, 15), dt.date.max)):
        assert spend_source(start, end) is not None  # no OverflowError building the query
