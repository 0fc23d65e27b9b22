"""Importing a spend file: find the header row, map its columns, read each row into a spend
line, add the lines not already there in batches, and report every refused row with its line
number and reason. The caller owns the transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from core.models import SpendImport, SpendLine, User
from core.table_files import Row, is_xlsx, open_csv, open_xlsx, sha256_of_file, text_of
from spend import headers as layout
from spend import repository, rollup
from spend.values import (
    UnreadableValueError,
    clean_text,
    parse_amount,
    parse_date,
    parse_optional_decimal,
)

BATCH_SIZE = 1000
# Rows listed in the import's report; counts per reason are always complete.
MAX_LISTED_PROBLEMS = 500
# Identical rows within this many lines of each other count as separate lines (a split
# payment); further apart they are taken for the same line. The bound keeps memory constant.
OCCURRENCE_WINDOW = 200_000
_HEADER_SEARCH_ROWS = 20
_SAMPLE_ROWS = 200
NO_DATE = "no date"

Progress = Callable[[int], None]


@dataclass(frozen=True)
class FileLayout:
    headers: list[str]
    signature: str
    mapping: dict[str, str]
    remembered: bool


def import_file(
    session: Session,
    path: Path,
    *,
    file_name: str | None = None,
    uploader: User | None = None,
    mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
    in_rollup: bool = True,
) -> SpendImport:
    """Import one CSV or XLSX file. A `mapping` (field -> header) overrides what the headers
    say and is remembered for files with the same headers. `in_rollup` False leaves the new
    lines out of the rollup, for a caller that matches them next and sums them in then."""
    name = file_name or path.name
    record = SpendImport(file_name=name, sha256=sha256_of_file(path),
                         imported_by_id=uploader.id if uploader else None,
                         problem_counts={}, problems=[])
    session.add(record)
    session.flush()
    try:
        with _open_rows(path) as (decimal_hint, rows):
            _import_rows(session, record, rows, decimal_hint, mapping, uploader, progress)
    except (UnreadableValueError, ValueError) as error:
        record.status = "failed"
        _note(record, 0, str(error), rejected=False)
    if record.rows_imported and in_rollup:
        # Also the lines of a file that failed part-way: they stay, so they are counted.
        rollup.compact(session, rollup.put_in(session, SpendLine.import_id == record.id))
    return record


@contextmanager
def _open_rows(path: Path) -> Iterator[tuple[bool | None, Iterator[Row]]]:
    """Rows of either format, with the decimal mark the format implies (None: unknown)."""
    if is_xlsx(path):
        with open_xlsx(path) as rows:
            yield None, rows
        return
    with open_csv(path) as (delimiter, csv_rows):
        # A semicolon-separated file comes from a locale that writes decimal commas.
        yield (True if delimiter == ";" else None), csv_rows


def find_layout(session: Session, rows: Iterator[Row],
                mapping: dict[str, str] | None) -> tuple[FileLayout | None, list[Row]]:
    """The header row among the first rows (title lines may precede it) and its mapping;
    also the rows read past it, which belong to the data."""
    seen: list[Row] = []
    for row in rows:
        seen.append(row)
        if len(seen) >= _HEADER_SEARCH_ROWS:
            break
    position = _header_position(seen)
    if position is None:
        return None, []
    headers = [text_of(c) for c in seen[position][1]]
    signature = layout.header_signature(headers)
    remembered = repository.column_mapping(session, signature)
    if mapping is not None:
        chosen, known = mapping, True
    elif remembered is not None:
        chosen, known = dict(remembered.mapping), True
    else:
        chosen, known = layout.recognise(headers), False
    return FileLayout(headers, signature, chosen, known), seen[position + 1:]


def _header_position(seen: list[Row]) -> int | None:
    """The row naming the most fields: outright first, else allowing misspellings; else the
    first row with anything in it."""
    for count in (layout.count_exact, lambda cells: len(layout.recognise(cells))):
        best: tuple[int, int] | None = None
        for position, (_line, cells) in enumerate(seen):
            found = count([text_of(c) for c in cells])
            if found >= 2 and (best is None or found > best[1]):
                best = (position, found)
        if best is not None:
            return best[0]
    return next((i for i, (_l, cells) in enumerate(seen) if any(text_of(c) for c in cells)),
                None)


def _import_rows(session: Session, record: SpendImport, rows: Iterator[Row],
                 decimal_hint: bool | None, mapping: dict[str, str] | None,
                 uploader: User | None, progress: Progress | None) -> None:
    found, buffered = find_layout(session, rows, mapping)
    if found is None:
        record.status = "failed"
        _note(record, 0, "the file is empty", rejected=False)
        return
    record.header_signature = found.signature
    record.mapping = {"headers": found.headers, "fields": found.mapping,
                      "remembered": found.remembered}
    missing = layout.missing_fields(found.mapping)
    if missing:
        record.status = "needs_mapping"
        _note(record, 0, "no column recognised for " + ", ".join(missing)
              + ": confirm the mapping and import again", rejected=False)
        return
    if mapping is not None:
        repository.remember_mapping(session, found.signature, found.headers, mapping, uploader)
    columns = layout.column_indexes(found.headers, found.mapping)
    for field in layout.REQUIRED_FIELDS:
        if field not in columns:
            record.status = "needs_mapping"
            _note(record, 0, f"the mapping names a column for {field} that this file lacks",
                  rejected=False)
            return
    sample: list[Row] = list(buffered)
    for row in rows:
        sample.append(row)
        if len(sample) >= _SAMPLE_ROWS:
            break
    decimal_comma = _decimal_comma(sample, columns, decimal_hint)
    reader = _LineReader(record, columns, decimal_comma)
    batch: list[dict[str, Any]] = []

    def all_rows() -> Iterator[Row]:
        yield from sample
        yield from rows

    for line_number, cells in all_rows():
        if not any(text_of(c) for c in cells):
            continue
        record.rows_read += 1
        line = reader.read(line_number, cells)
        if line is not None:
            batch.append(line)
        if len(batch) >= BATCH_SIZE:
            _insert_new(session, record, batch)
            batch = []
            if progress is not None:
                progress(record.rows_read)
    _insert_new(session, record, batch)
    if progress is not None:
        progress(record.rows_read)
    record.status = "done"


_COMMA_DECIMAL = re.compile(r"\d,\d{1,2}\s*-?\)?$")
_POINT_DECIMAL = re.compile(r"\d\.\d{1,2}\s*-?\)?$")


def _decimal_comma(sample: list[Row], columns: dict[str, int], hint: bool | None) -> bool:
    """Whether amounts use a decimal comma, judged from amounts whose last mark is followed
    by one or two digits (only a decimal mark is)."""
    index = columns["amount"]
    commas = points = 0
    for _line, cells in sample:
        value = text_of(cells[index]) if index < len(cells) else ""
        commas += bool(_COMMA_DECIMAL.search(value))
        points += bool(_POINT_DECIMAL.search(value))
    if commas != points:
        return commas > points
    return bool(hint)


class _LineReader:
    """Turns rows into spend-line values, noting the rows it refuses."""

    def __init__(self, record: SpendImport, columns: dict[str, int], decimal_comma: bool):
        self.record = record
        self.columns = columns
        self.decimal_comma = decimal_comma
        self.recent: OrderedDict[bytes, int] = OrderedDict()

    def cell(self, cells: list[object], field: str) -> object:
        index = self.columns.get(field)
        if index is None or index >= len(cells):
            return None
        value = cells[index]
        return value.strip() if isinstance(value, str) else value

    def read(self, line_number: int, cells: list[object]) -> dict[str, Any] | None:
        record = self.record
        try:
            amount = parse_amount(self.cell(cells, "amount"), decimal_comma=self.decimal_comma)
            quantity = parse_optional_decimal(self.cell(cells, "quantity"),
                                              decimal_comma=self.decimal_comma)
            unit_price = parse_optional_decimal(self.cell(cells, "unit_price"),
                                                decimal_comma=self.decimal_comma)
        except UnreadableValueError as problem:
            _note(record, line_number, str(problem), rejected=True)
            return None
        date: dt.date | None
        try:
            date = parse_date(self.cell(cells, "date"))
        except UnreadableValueError as problem:
            if not str(problem).startswith(NO_DATE):
                _note(record, line_number, str(problem), rejected=True)
                return None
            # The payment happened; only its day is unknown. Kept in totals, left out of
            # periods and contract coverage, and reported.
            date = None
            record.rows_without_date += 1
            _note(record, line_number, str(problem) + ": imported without a date",
                  rejected=False)
        line: dict[str, Any] = {
            "date": date,
            "month": date.strftime("%Y-%m") if date else None,
            "supplier_name": clean_text(self.cell(cells, "supplier_name"), 300) or "",
            "supplier_ref": clean_text(self.cell(cells, "supplier_ref"), 100),
            "supplier_org_number": _org_number(self.cell(cells, "supplier_org_number")),
            "amount": amount.quantize(Decimal("0.01")),
            "currency": _currency(self.cell(cells, "currency")),
            "category_text": clean_text(self.cell(cells, "category"), 300),
            "account": clean_text(self.cell(cells, "account"), 100),
            "description": clean_text(self.cell(cells, "description"), 4000),
            "quantity": quantity,
            "unit": clean_text(self.cell(cells, "unit"), 50),
            "unit_price": unit_price,
            "organisational_unit": clean_text(self.cell(cells, "organisational_unit"), 300),
            "reference": clean_text(self.cell(cells, "reference"), 100),
            "source_file": record.file_name[:500],
            "line_number": line_number,
            "import_id": record.id,
        }
        line["natural_key"] = self.natural_key(line)
        return line

    def natural_key(self, line: dict[str, Any]) -> str:
        # Category and organisational unit are left out: files of different layouts spell
        # them differently for the same payment.
        parts = [line["date"].isoformat() if line["date"] else "",
                 " ".join(line["supplier_name"].lower().split()),
                 line["supplier_ref"], line["supplier_org_number"], str(line["amount"]),
                 line["currency"], line["reference"], line["account"], line["description"],
                 str(line["quantity"]), str(line["unit_price"])]
        content = hashlib.sha256("\x1f".join(p or "" for p in parts).encode()).digest()
        occurrence = self.recent.pop(content, 0)
        self.recent[content] = occurrence + 1
        if len(self.recent) > OCCURRENCE_WINDOW:
            self.recent.popitem(last=False)
        return hashlib.sha256(content + occurrence.to_bytes(4, "big")).hexdigest()


def _org_number(value: object) -> str | None:
    text = re.sub(r"(?i)\b(no|mva)\b|[\s.\-]", "", text_of(value))
    return text[:40] or None


def _currency(value: object) -> str | None:
    text = text_of(value).upper()
    return text[:3] if re.fullmatch(r"[A-Z]{3}", text) else None


def _insert_new(session: Session, record: SpendImport, batch: list[dict[str, Any]]) -> None:
    if not batch:
        return
    keys = [line["natural_key"] for line in batch]
    existing = set(session.scalars(
        select(SpendLine.natural_key).where(SpendLine.natural_key.in_(keys))))
    new = [line for line in batch if line["natural_key"] not in existing]
    record.rows_already_imported += len(batch) - len(new)
    if new:
        # Core insert: the ORM's per-row bookkeeping is not needed for lines nobody holds.
        session.execute(insert(cast(Table, SpendLine.__table__)), new)
    record.rows_imported += len(new)


def _note(record: SpendImport, line_number: int, reason: str, *, rejected: bool) -> None:
    # The reason without the cell's own text, so counts group alike problems together.
    kind = re.sub(r"'[^']*'", "…", reason)
    counts = dict(record.problem_counts or {})
    counts[kind] = counts.get(kind, 0) + 1
    record.problem_counts = counts
    if rejected:
        record.rows_rejected += 1
    if len(record.problems or []) < MAX_LISTED_PROBLEMS:
        record.problems = [*(record.problems or []), {
            "file": record.file_name, "line": line_number, "reason": reason,
            "rejected": rejected}]
