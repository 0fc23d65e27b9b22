"""Original files, stored by the SHA-256 of their bytes.

A file is written to a temporary name in the store's staging folder (same file system),
fsynced and renamed into place, so a crash never leaves a half-written original under its
final name. Uploads are staged as they arrive, so a file is hashed and bounded without ever
being held in memory whole; a staged file that is not adopted is deleted.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

_SHA256 = re.compile(r"[0-9a-f]{64}")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


STAGING_FOLDER = ".incoming"


@dataclass(frozen=True)
class StagedFile:
    """Bytes written and fsynced in the staging folder, not yet stored under their digest."""

    path: Path
    sha256: str
    size: int


class StagingWriter:
    """One file being staged: `write` chunks, then `finish` (or `abort` to delete it)."""

    def __init__(self, path: Path, handle: BinaryIO) -> None:
        self.path = path
        self.size = 0
        self._handle = handle
        self._digest = hashlib.sha256()

    def write(self, chunk: bytes) -> None:
        self._handle.write(chunk)
        self._digest.update(chunk)
        self.size += len(chunk)

    def finish(self) -> StagedFile:
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        return StagedFile(path=self.path, sha256=self._digest.hexdigest(), size=self.size)

    def abort(self) -> None:
        self._handle.close()
        self.path.unlink(missing_ok=True)


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def staging_dir(self) -> Path:
        return self.root / STAGING_FOLDER

    def path_for(self, sha256: str) -> Path:
        # fullmatch: "$" would also accept a trailing newline.
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        """Store bytes; returns their SHA-256. Storing the same bytes again is a no-op."""
        staged = self.stage_bytes(data)
        self.adopt(staged)
        return staged.sha256

    def stage(self) -> StagingWriter:
        self.staging_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.staging_dir, prefix="upload-")
        return StagingWriter(Path(name), os.fdopen(fd, "wb"))

    def stage_bytes(self, data: bytes) -> StagedFile:
        writer = self.stage()
        try:
            writer.write(data)
            return writer.finish()
        except BaseException:
            writer.abort()
            raise

    def adopt(self, staged: StagedFile) -> bool:
        """Store a staged file under its digest; True if it was not stored before (the caller
        then owns it until its document row is committed, see `remove`)."""
        target = self.path_for(staged.sha256)
        if target.exists():
            self.discard(staged)
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(staged.path, target)
        except BaseException:
            self.discard(staged)
            raise
        _fsync_dir(target.parent)
        return True

    def discard(self, staged: StagedFile) -> None:
        staged.path.unlink(missing_ok=True)

    def remove(self, sha256: str) -> None:
        """Delete a stored original: one whose document row was never committed, or a
        deleted contract's. A missing file is not an error."""
        self.path_for(sha256).unlink(missing_ok=True)

    def get(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

def _fsync_dir(directory: Path) -> None:
    # The rename is durable only once the directory entry is on disk.
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
