"""The watched folder: a file is taken once it stops changing, then moved to done/ or to
failed/ with the reason beside it; a restart in between loses nothing."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import World, cuad_pdf

from core.models import Document, DocumentState, Role, User
from ingest.watched_folder import WatchedFolder

SETTLE = 5.0


def _scan(world: World, folder: WatchedFolder, now: float) -> None:
    folder.scan(world.runtime.database, world.runtime.accept_from_folder, now)


def test_files_settle_then_go_to_done_or_failed(world: World, tmp_path: Path) -> None:
    world.make_user("inbox-owner@example.no", Role.EDITOR)
    world.runtime.settings.watch_folder_owner = "inbox-owner@example.no"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    folder = WatchedFolder(inbox, settle_seconds=SETTLE)
    good = inbox / "services.pdf"
    good.write_bytes(cuad_pdf("ABILITYINC").read_bytes()[:1000])  # still being copied
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.4 not really a PDF")
    (inbox / "~$lock.pdf").write_bytes(b"editor lock file")
    (inbox / "partial.pdf.part").write_bytes(b"%PDF-1.4")

    _scan(world, folder, now=0.0)  # first sight: wait
    good.write_bytes(cuad_pdf("ABILITYINC").read_bytes())  # the copy finishes
    os.utime(good, ns=(1, 1))
    _scan(world, folder, now=SETTLE + 1)  # broken.pdf settled; services.pdf just changed
    assert (inbox / "services.pdf").exists()
    world.wait_idle()
    _scan(world, folder, now=2 * SETTLE + 2)  # services.pdf settled now
    world.wait_idle()
    _scan(world, folder, now=2 * SETTLE + 3)  # both processed: moved on

    assert sorted(p.name for p in (inbox / "done").iterdir()) == ["services.pdf"]
    assert sorted(p.name for p in (inbox / "failed").iterdir()) == [
        "broken.pdf", "broken.pdf.reason.txt"]
    assert "damaged" in (inbox / "failed" / "broken.pdf.reason.txt").read_text()
    assert sorted(p.name for p in inbox.iterdir() if p.is_file()) == [
        "partial.pdf.part", "~$lock.pdf"]  # left alone
    with world.runtime.database.session() as session:
        document = session.query(Document).filter_by(filename="services.pdf").one()
        assert document.state is DocumentState.READY
        owner = session.get(User, document.uploaded_by_id)
        assert owner is not None and owner.email == "inbox-owner@example.no"


def test_a_restart_between_accepting_and_moving_loses_nothing(
    world: World, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "contract.pdf").write_bytes(cuad_pdf("ABILITYINC").read_bytes())
    first = WatchedFolder(inbox, settle_seconds=0)
    _scan(world, first, now=0.0)
    _scan(world, first, now=1.0)  # accepted, now in .processing/
    assert [p.name for p in (inbox / ".processing").iterdir()] == ["contract.pdf"]
    world.wait_idle()

    restarted = WatchedFolder(inbox, settle_seconds=0)  # a new process: no memory of it
    _scan(world, restarted, now=0.0)
    assert [p.name for p in (inbox / "done").iterdir()] == ["contract.pdf"]
    (inbox / "again.pdf").write_bytes(cuad_pdf("ABILITYINC").read_bytes())  # same bytes
    _scan(world, restarted, now=5.0)
    _scan(world, restarted, now=6.0)
    _scan(world, restarted, now=7.0)
    assert sorted(p.name for p in (inbox / "done").iterdir()) == ["again.pdf", "contract.pdf"]
