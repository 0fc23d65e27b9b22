"""A watched folder as a source: files that appear are ingested once they stop changing, then
moved to `done/` or `failed/` (with a `<name>.reason.txt` beside them).

Stateless across restarts: a file is first moved into `.processing/` when its document is
accepted; each scan looks its document up by SHA-256 and moves it on once the document is
ready or failed. A process that dies in between finds the file there again and carries on.
Files still being written (size or modification time changed within `settle_seconds`) and
hidden or temporary files (`.name`, `~$name`, `*.part`, `*.tmp`, `*.crdownload`) wait.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from core.db import Database
from core.filestore import sha256_of
from core.models import Document, DocumentState
from ingest.service import UploadRejectedError

log = logging.getLogger(__name__)

DONE, FAILED, PROCESSING = "done", "failed", ".processing"
_TEMPORARY_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".reason.txt")

# accept(filename, data) stores the file as a document in its own transaction, or raises
# UploadRejectedError with the reason.
Accept = Callable[[str, bytes], None]


@dataclasses.dataclass
class ScanReport:
    accepted: list[str] = dataclasses.field(default_factory=list)
    done: list[str] = dataclasses.field(default_factory=list)
    failed: list[str] = dataclasses.field(default_factory=list)
    waiting: list[str] = dataclasses.field(default_factory=list)


class WatchedFolder:
    def __init__(self, root: Path, *, settle_seconds: float = 5.0) -> None:
        self.root = root
        self.settle_seconds = settle_seconds
        self._seen: dict[Path, tuple[tuple[int, int], float]] = {}  # path -> (stat, since)
        for name in (DONE, FAILED, PROCESSING):
            (root / name).mkdir(parents=True, exist_ok=True)

    def scan(self, database: Database, accept: Accept, now: float) -> ScanReport:
        """One pass; `now` is a monotonic clock reading (tests pass their own)."""
        report = ScanReport()
        self._settle_new_files(accept, now, report)
        self._move_finished(database, report)
        return report

    def _settle_new_files(self, accept: Accept, now: float, report: ScanReport) -> None:
        present = set()
        for path in sorted(p for p in self.root.iterdir() if p.is_file()):
            if _ignored(path.name):
                continue
            present.add(path)
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            signature = (stat.st_size, stat.st_mtime_ns)
            previous = self._seen.get(path)
            if previous is None or previous[0] != signature:
                self._seen[path] = (signature, now)
                report.waiting.append(path.name)
                continue
            if now - previous[1] < self.settle_seconds:
                report.waiting.append(path.name)
                continue
            self._accept(path, accept, report)
            self._seen.pop(path, None)
        for gone in set(self._seen) - present:
            self._seen.pop(gone, None)

    def _accept(self, path: Path, accept: Accept, report: ScanReport) -> None:
        data = path.read_bytes()
        try:
            accept(path.name, data)
        except UploadRejectedError as error:
            self._fail(path, str(error), report)
            return
        path.replace(_free_name(self.root / PROCESSING, path.name))
        report.accepted.append(path.name)

    def _move_finished(self, database: Database, report: ScanReport) -> None:
        for path in sorted((self.root / PROCESSING).iterdir()):
            if not path.is_file():
                continue
            digest = sha256_of(path.read_bytes())
            with database.session() as session:
                document = session.scalar(select(Document).where(Document.sha256 == digest))
                state = document.state if document else None
                reason = document.failure_reason if document else None
            if state is DocumentState.READY:
                path.replace(_free_name(self.root / DONE, path.name))
                report.done.append(path.name)
            elif state is DocumentState.FAILED or document is None:
                self._fail(path, reason or "the document was not recorded; add it again",
                           report)

    def _fail(self, path: Path, reason: str, report: ScanReport) -> None:
        target = _free_name(self.root / FAILED, path.name)
        path.replace(target)
        target.with_name(target.name + ".reason.txt").write_text(reason + "\n",
                                                                  encoding="utf-8")
        report.failed.append(path.name)
        log.info("watched folder: %s failed: %s", path.name, reason)


def _ignored(name: str) -> bool:
    return name.startswith((".", "~$")) or name.lower().endswith(_TEMPORARY_SUFFIXES)


def _free_name(folder: Path, name: str) -> Path:
    """`folder/name`, or `name (2)` and so on when a file of that name is already there."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate
