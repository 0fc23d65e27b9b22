"""CSV and XLSX files of a spend table: its columns and rows as the page shows them, figures
as numbers (a spreadsheet sums them), headers in English like the other exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from web.spend_tables import Cell, SpendTable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell that starts like a formula runs as one in a spreadsheet (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(cell: Cell) -> Cell:
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def csv_lines(table: SpendTable) -> Iterator[str]:
    """UTF-8 with a byte-order mark, so Excel opens æøå correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.title for column in table.columns])
    yield "\ufeff" + buffer.getvalue()
    for row in table.rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(["" if cell is None else str(_safe(cell)) for cell in row.cells])
        yield buffer.getvalue()


def xlsx_bytes(table: SpendTable) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.name[:31])  # Excel's longest sheet name
    sheet.append([column.title for column in table.columns])
    for row in table.rows:
        sheet.append([_safe(cell) for cell in row.cells])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
