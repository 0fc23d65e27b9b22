"""Keeping an uploaded spend file in the file store, streamed to disk rather than held in
memory, so the import can be run again with a corrected column mapping."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from core.filestore import FileStore

CHUNK = 1 << 20


class UploadTooLargeError(ValueError):
    pass


def store_upload(files: FileStore, stream: BinaryIO, file_name: str, max_bytes: int) -> Path:
    """The stored file's path (named by its SHA-256, so the same file twice is one copy)."""
    files.root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(dir=files.root, prefix=".incoming-spend-")
    try:
        with os.fdopen(fd, "wb") as handle:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise UploadTooLargeError(
                        f"{file_name} is larger than the {max_bytes / 1e6:.0f} MB limit")
                digest.update(chunk)
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        target = files.path_for(digest.hexdigest())
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp_name, target)
        return target
    finally:
        Path(tmp_name).unlink(missing_ok=True)
