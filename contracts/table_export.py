"""CSV and XLSX exports of table rows: the columns chosen, in the order shown."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from contracts.table import COLUMN_TITLES, Column, TableRow

# A cell that starts like a formula runs as one in a spreadsheet (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) and not _is_number(value) else text


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal)


def _headers(columns: Sequence[Column]) -> list[str]:
    headers: list[str] = []
    for column in columns:
        headers.append(COLUMN_TITLES[column])
        if column == "value":
            headers.append("Currency")
    return ["Id", *headers]


def _cells(row: TableRow, columns: Sequence[Column]) -> list[Any]:
    cells: list[Any] = [row.id]
    for column in columns:
        cells.append(row.cell(column))
        if column == "value":
            cells.append(row.currency)
    return cells


def csv_lines(rows: Sequence[TableRow], columns: Sequence[Column]) -> Iterator[str]:
    """UTF-8 with a byte-order mark, so Excel opens æøå correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_headers(columns))
    yield "\ufeff" + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_text(cell) for cell in _cells(row, columns)])
        yield buffer.getvalue()


def xlsx_bytes(rows: Sequence[TableRow], columns: Sequence[Column]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Contracts")
    sheet.append(_headers(columns))
    for row in rows:
        sheet.append([
            cell if cell is None or _is_number(cell) or isinstance(cell, dt.date)
            else _text(cell)
            for cell in _cells(row, columns)
        ])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
