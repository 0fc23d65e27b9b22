"""Rows of a CSV or XLSX file, one at a time: CSV (any common delimiter, UTF-8 or the cp1252
of Windows exports) read line by line, XLSX with openpyxl's read-only mode, so memory stays
the same for any file size. Spend files (spend/importer.py) and supplier registers
(suppliers/register_files.py) are both read through here."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from core.i18n import N_, MessageError, message

Cell = object
Row = tuple[int, list[Cell]]  # (line number in the file, cells)

_SAMPLE_BYTES = 1 << 20
_DELIMITERS = ";,\t|"


class UnreadableFileError(MessageError):
    """The file is not a CSV or XLSX this importer can read; the message says why."""


def is_xlsx(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def _encoding_of(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        # Not final: the sample may end inside a character.
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=len(sample) < _SAMPLE_BYTES)
        return "utf-8"
    except UnicodeDecodeError:
        # Norwegian and UK ledgers exported from Windows tools are cp1252 (a superset of
        # latin-1 for the letters æ, ø, å and the £ sign).
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
def open_csv(path: Path) -> Iterator[tuple[str, Iterator[Row]]]:
    """(delimiter, rows) of a CSV file."""
    with path.open("rb") as handle:
        sample = handle.read(_SAMPLE_BYTES)
    if b"\x00" in sample[:4096]:
        raise UnreadableFileError(N_("the file is binary, not CSV text (XLSX and CSV are read)"))
    encoding = _encoding_of(sample)
    first_line = sample.decode(encoding, errors="replace").lstrip("\ufeff").split("\n", 1)[0]
    delimiter = _delimiter_of(first_line)
    with path.open(encoding=encoding, errors="replace", newline="") as text:
        reader = csv.reader(text, delimiter=delimiter)

        def rows() -> Iterator[Row]:
            try:
                for cells in reader:
                    yield reader.line_num, list(cells)
            except csv.Error as error:
                raise UnreadableFileError(message(N_("line %(line)s: %(problem)s"),
                                                  line=reader.line_num, problem=str(error))
                                          ) from error

        yield delimiter, rows()


@contextmanager
def open_xlsx(path: Path) -> Iterator[Iterator[Row]]:
    """Rows of the first sheet of an XLSX workbook."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as error:
        raise UnreadableFileError(message(N_("not a readable XLSX workbook: %(problem)s"),
                                          problem=str(error))) from error
    try:
        sheet = workbook.worksheets[0]

        def rows() -> Iterator[Row]:
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(values)

        yield rows()
    finally:
        workbook.close()


def sha256_of_file(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def text_of(cell: Cell) -> str:
    if cell is None:
        return ""
    return cell.strip() if isinstance(cell, str) else str(cell)

