"""CSV and XLSX exports of the supplier list: the rows shown, in the order shown."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from decimal import Decimal

from suppliers.supplier_list import SupplierRow

HEADERS = ("Id", "Name", "Org number", "Country", "Other names", "Active contracts",
           "Spend last 12 months", "Risk level", "Last evaluation score", "Last evaluated")
# A cell that starts like a formula runs as one in a spreadsheet (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | Decimal | dt.date | None


def _cells(row: SupplierRow) -> list[Cell]:
    return [row.id, row.name, row.org_number, row.country, "; ".join(row.aliases),
            row.active_contracts, row.spend_12_months, row.risk_level, row.last_score,
            row.last_evaluated_on]


def _safe(cell: Cell) -> Cell:
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(_safe(cell))


def csv_lines(rows: Sequence[SupplierRow]) -> Iterator[str]:
    """UTF-8 with a byte-order mark, so Excel opens æøå correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    yield "\ufeff" + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_text(cell) for cell in _cells(row)])
        yield buffer.getvalue()


def xlsx_bytes(rows: Sequence[SupplierRow]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Suppliers")
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append([_safe(cell) for cell in _cells(row)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
