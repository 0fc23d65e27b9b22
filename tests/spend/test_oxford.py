"""All 17 Oxford City Council files (six header layouts) import without hand edits."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from core.db import Database
from core.models import SpendLine
from spend.importer import import_file

LAYOUT_FIELDS = {"date", "supplier_name", "amount", "account", "reference", "supplier_ref",
                 "organisational_unit"}


def test_the_oxford_files_import_with_a_correct_summary(database: Database,
                                                        oxford_files: list[Path]) -> None:
    summaries = {}
    for path in oxford_files:
        with database.session() as session:
            record = import_file(session, path)
            assert record.mapping is not None
            summaries[path.name] = (record.status, record.rows_read, record.rows_imported,
                                    record.rows_rejected, record.rows_without_date,
                                    set(record.mapping["fields"]), dict(record.problem_counts))
    assert {s[0] for s in summaries.values()} == {"done"}
    assert sum(s[1] for s in summaries.values()) == 61_529
    assert sum(s[2] for s in summaries.values()) == 61_528
    # One row of the Jan-Mar 2014 file holds nothing but "xxx".
    assert summaries["expenditure-over-500-jan-mar-2014.csv"][3:5] == (1, 0)
    assert summaries["expenditure-over-500-jan-mar-2014.csv"][6] == {"no amount": 1}
    # Every Paid Date of Apr-Jun 2014 is "00:00:00": imported, without a date, and said so.
    assert summaries["expenditure-over-500-apr-jun-2014.csv"][2:5] == (3836, 0, 3836)
    for name, summary in summaries.items():
        expected = LAYOUT_FIELDS | ({"category"} if "jul-sep-2017" not in name else set())
        assert summary[5] == expected, name
    with database.session() as session:
        total = session.scalar(select(func.sum(SpendLine.amount)))
        credits = session.scalar(select(func.count()).where(SpendLine.amount < 0))
        redacted = session.scalar(select(func.count()).where(
            SpendLine.supplier_name.like("Redacted%")))
    assert total is not None and float(total) > 0
    assert credits and credits > 0
    assert redacted and redacted > 600
    # Importing a file again adds nothing.
    with database.session() as session:
        again = import_file(session, oxford_files[0])
        assert (again.rows_imported, again.rows_already_imported) == (0, again.rows_read)
