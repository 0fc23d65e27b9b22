"""Rows of a supplier register file, one at a time, as text (core/table_files.py reads CSV
and XLSX for spend files and registers alike), and uploads streamed to a temporary file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from core.table_files import UnreadableFileError, is_xlsx, open_csv, open_xlsx, text_of

Row = tuple[int, list[str]]  # (line number in the file, cells as text)

_CHUNK = 1 << 20


class UnreadableRegisterError(UnreadableFileError):
    """The file is not a CSV or XLSX register that can be read; the message says why."""


class RegisterTooLargeError(ValueError):
    pass


@contextmanager
def register_rows(path: Path) -> Iterator[Iterator[Row]]:
    """The rows of a CSV file, or of the first sheet of an XLSX workbook, cells as text."""
    try:
        if is_xlsx(path):
            with open_xlsx(path) as cells:
                yield ((number, [_text(value) for value in values]) for number, values in cells)
        else:
            with open_csv(path) as (_, lines):
                yield ((number, [text_of(cell) for cell in values]) for number, values in lines)
    except UnreadableRegisterError:
        raise
    except UnreadableFileError as error:  # a register's problem, whoever found it
        raise UnreadableRegisterError(error.message) from error


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


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # An org number typed into Excel as a number comes back as 923609016.0.
        return str(int(value))
    return value.strip() if isinstance(value, str) else str(value)
