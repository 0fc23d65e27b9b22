"""Importing spend files of several layouts: what is added, what is refused and why, and
that nothing is added twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
from spend_helpers import write_text
from sqlalchemy import func, select

from core.db import Database
from core.models import SpendColumnMapping, SpendLine
from spend.importer import import_file
from spend.service import import_and_match

NORWEGIAN = (
    "Dato;Leverandør;Org.nr;Beløp;Konto;Beskrivelse\n"
    "05.03.2024;Renhold Vest AS;923 609 016;1 234,50;6360;Renhold mars\n"
    "2024-03-07;Kontorleverandøren AS;;(500,00);6500;Kreditnota\n"
    "08.03.2024;Kontorleverandøren AS;;250,00-;6500;Kreditnota 2\n"
    "09.03.2024;IT Partner ASA;NO 987 654 321 MVA;kr 12.500,00;6540;Lisenser\n"
    "00:00:00;IT Partner ASA;;100,00;6540;Uten dato\n"
    "32.13.2024;IT Partner ASA;;100,00;6540;Feil dato\n"
    "10.03.2024;IT Partner ASA;;;6540;Uten beløp\n"
    ";;;;;\n"
    "11.03.2024;IT Partner ASA;;tolv;6540;Ikke et tall\n"
)


def _lines(database: Database) -> list[SpendLine]:
    with database.session() as session:
        return list(session.scalars(select(SpendLine).order_by(SpendLine.line_number)))


def _count(database: Database) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(SpendLine)) or 0)


def test_a_norwegian_semicolon_file_with_decimal_commas(database: Database,
                                                         tmp_path: Path) -> None:
    path = write_text(tmp_path / "hovedbok.csv", NORWEGIAN, encoding="cp1252")
    with database.session() as session:
        record = import_file(session, path)
        summary = (record.status, record.rows_read, record.rows_imported,
                   record.rows_rejected, record.rows_without_date, list(record.problems))
    status, read, imported, rejected, without_date, problems = summary
    assert (status, read, imported, rejected, without_date) == ("done", 8, 5, 3, 1)
    refused = {(p["line"], p["reason"]) for p in problems if p["rejected"]}
    assert refused == {
        (7, "date '32.13.2024' does not exist"),
        (8, "no amount"),
        (10, "amount 'tolv' is not a number"),
    }
    assert all(p["file"] == "hovedbok.csv" for p in problems)
    lines = _lines(database)
    assert [(line.line_number, line.date, line.supplier_name, line.amount) for line in lines] == [
        (2, dt.date(2024, 3, 5), "Renhold Vest AS", Decimal("1234.50")),
        (3, dt.date(2024, 3, 7), "Kontorleverandøren AS", Decimal("-500.00")),
        (4, dt.date(2024, 3, 8), "Kontorleverandøren AS", Decimal("-250.00")),
        (5, dt.date(2024, 3, 9), "IT Partner ASA", Decimal("12500.00")),
        (6, None, "IT Partner ASA", Decimal("100.00")),
    ]
    assert lines[0].supplier_org_number == "923609016"
    assert lines[3].supplier_org_number == "987654321"
    assert lines[0].account == "6360" and lines[0].description == "Renhold mars"
    assert lines[0].month == "2024-03" and lines[4].month is None
    assert lines[0].source_file == "hovedbok.csv"


def test_the_same_and_an_overlapping_file_add_nothing_twice(database: Database,
                                                            tmp_path: Path) -> None:
    header = "Date,Supplier,Amount,Invoice number\n"
    first = write_text(tmp_path / "jan.csv", header
                       + "2024-01-02,Acme Ltd,100.00,A1\n2024-01-03,Acme Ltd,200.00,A2\n"
                       # the same payment twice in one file: two lines, both kept
                       + "2024-01-04,Acme Ltd,50.00,A3\n2024-01-04,Acme Ltd,50.00,A3\n")
    overlapping = write_text(tmp_path / "jan-feb.csv", header
                             + "2024-01-03,Acme Ltd,200.00,A2\n2024-01-04,Acme Ltd,50.00,A3\n"
                             + "2024-01-04,Acme Ltd,50.00,A3\n2024-02-01,Acme Ltd,75.00,B1\n")
    with database.session() as session:
        assert import_file(session, first).rows_imported == 4
    with database.session() as session:
        again = import_file(session, first)
        assert (again.rows_imported, again.rows_already_imported) == (0, 4)
    with database.session() as session:
        overlap = import_file(session, overlapping)
        assert (overlap.rows_imported, overlap.rows_already_imported) == (1, 3)
    assert _count(database) == 5
    assert sum(line.amount for line in _lines(database)) == Decimal("475.00")


def test_an_xlsx_with_a_title_row_and_a_misspelt_header(database: Database,
                                                        tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Payments over £500, Q1 2024"])
    sheet.append(["Payment Date", "Suplier Name", "Net Amount", "Quantity", "Unit",
                  "Unit Price", "Department"])
    sheet.append([dt.datetime(2024, 1, 15), "Paper Co Ltd", 1250.5, 50, "box", 25.01, "Finance"])
    sheet.append(["16/01/2024", "Paper Co Ltd", "-125.00", None, None, None, "Finance"])
    sheet.append([dt.datetime(2024, 1, 17), "", 99, None, None, None, None])
    path = tmp_path / "payments.xlsx"
    workbook.save(path)
    with database.session() as session:
        record = import_file(session, path)
        assert (record.status, record.rows_imported, record.rows_rejected) == ("done", 3, 0)
        assert record.mapping is not None
        assert record.mapping["fields"]["supplier_name"] == "Suplier Name"
    lines = _lines(database)
    assert [line.line_number for line in lines] == [3, 4, 5]
    assert (lines[0].date, lines[0].amount, lines[0].quantity, lines[0].unit,
            lines[0].unit_price, lines[0].organisational_unit) == (
        dt.date(2024, 1, 15), Decimal("1250.50"), Decimal(50), "box", Decimal("25.01"),
        "Finance")
    assert lines[1].amount == Decimal("-125.00")
    assert lines[2].supplier_name == ""


def test_unknown_headers_wait_for_a_mapping_which_is_then_remembered(
        database: Database, tmp_path: Path) -> None:
    text = "When,Who,How much\n01/02/2024,Acme Ltd,10.00\n"
    path = write_text(tmp_path / "odd.csv", text)
    with database.session() as session:
        record = import_file(session, path)
        assert (record.status, record.rows_imported) == ("needs_mapping", 0)
        assert "supplier_name, amount" in record.problems[0]["reason"]
    mapping = {"date": "When", "supplier_name": "Who", "amount": "How much"}
    with database.session() as session:
        assert import_and_match(session, path, mapping=mapping).rows_imported == 1
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(SpendColumnMapping)) == 1
    # The next file of that layout (other case, other rows) is read without asking.
    second = write_text(tmp_path / "odd2.csv", "WHEN,who,How Much\n02/02/2024,Acme Ltd,20.00\n")
    with database.session() as session:
        record = import_file(session, second)
        assert (record.status, record.rows_imported) == ("done", 1)
        assert record.mapping is not None and record.mapping["remembered"] is True
    assert _count(database) == 2


def test_a_file_that_is_not_text(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "image.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with database.session() as session:
        record = import_file(session, path)
        assert record.status == "failed"
        assert "binary" in record.problems[0]["reason"]
    assert _count(database) == 0
