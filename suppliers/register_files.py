"""Rows of a supplier register file, one at a time: CSV (any common delimiter, UTF-8 or the
cp1252 of Windows exports) read line by line, XLSX with openpyxl's read-only mode, so memory
stays the same for any file size. The same way spend/readers.py reads spend files; a copy
because suppliers sit below spend in the layers and may not import it."""

from __future__ import annotations

import codecs
import csv
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

Row = tuple[int, list[str]]  # (line number in the file, cells as text)

_SAMPLE_BYTES = 1 << 20
_DELIMITERS = ";,\t|"
_CHUNK = 1 << 20


class UnreadableRegisterError(ValueError):
    """The file is not a CSV or XLSX register that can be read; the message says why."""


class RegisterTooLargeError(ValueError):
    pass


@contextmanager
def register_rows(path: Path) -> Iterator[Iterator[Row]]:
    """The rows of a CSV file, or of the first sheet of an XLSX workbook."""
    with path.open("rb") as handle:
        is_xlsx = handle.read(4) == b"PK\x03\x04"
    if is_xlsx:
        with _xlsx_rows(path) as rows:
            yield rows
    else:
        with _csv_rows(path) as rows:
            yield rows


@contextmanager
def uploaded_file(stream: BinaryIO, name: str, max_bytes: int) -> Iterator[Path]:
    """An upload streamed to a temporary file (gone afterwards): the register is read from
    disk, never held in memory whole."""
    fd, tmp_name = tempfile.mkstemp(prefix=".supplier-register-",
                                    suffix=Path(name).suffix[:10])
    try:
        size = 0
        with os.fdopen(fd, "wb") as handle:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise RegisterTooLargeError(
                        f"{name} is larger than the {max_bytes / 1e6:.0f} MB limit")
                handle.write(chunk)
        yield Path(tmp_name)
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def _encoding_of(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        # Not final: the sample may end inside a character.
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=len(sample) < _SAMPLE_BYTES)
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _delimiter_of(first_line: str) -> str:
    counts = {d: _count_outside_quotes(first_line, d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    # A quoted header ("Navn; juridisk") must not decide the delimiter.
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


@contextmanager
def _csv_rows(path: Path) -> Iterator[Iterator[Row]]:
    with path.open("rb") as handle:
        sample = handle.read(_SAMPLE_BYTES)
    if b"\x00" in sample[:4096]:
        raise UnreadableRegisterError("the file is binary, not CSV text (CSV and XLSX are read)")
    encoding = _encoding_of(sample)
    first_line = sample.decode(encoding, errors="replace").lstrip("\ufeff").split("\n", 1)[0]
    delimiter = _delimiter_of(first_line)
    with path.open(encoding=encoding, errors="replace", newline="") as text:
        reader = csv.reader(text, delimiter=delimiter)

        def rows() -> Iterator[Row]:
            try:
                for cells in reader:
                    yield reader.line_num, [cell.strip() for cell in cells]
            except csv.Error as error:
                raise UnreadableRegisterError(f"line {reader.line_num}: {error}") from error

        yield rows()


@contextmanager
def _xlsx_rows(path: Path) -> Iterator[Iterator[Row]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as error:
        raise UnreadableRegisterError(f"not a readable XLSX workbook: {error}") from error
    try:
        sheet = workbook.worksheets[0]

        def rows() -> Iterator[Row]:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, [_text(value) for value in values]

        yield rows()
    finally:
        workbook.close()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # An org number typed into Excel as a number comes back as 923609016.0.
        return str(int(value))
    return value.strip() if isinstance(value, str) else str(value)
