"""`index check` finds and repairs drift between the index and the database, and an index
that is unavailable in the middle of an ingest delays indexing but loses no update."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import World, cuad_pdf

from core.models import Role
from search_api.port import SearchIndex, SearchQuery
from search_api.service import check_index, pending_count
from search_api.tantivy.index import SearchIndexBusyError, TantivySearchIndex
from tests.search_api.corpus import CORPUS, TODAY

AVTALE = Path(sys.executable).with_name("avtale")


def test_fingerprints_name_every_indexed_version(empty_index: SearchIndex) -> None:
    empty_index.upsert(CORPUS)
    assert empty_index.fingerprints() == {c.contract_id: c.fingerprint() for c in CORPUS}
    changed = CORPUS[0].model_copy(update={"status": "expired"})
    assert changed.fingerprint() != CORPUS[0].fingerprint()
    empty_index.upsert([changed])
    empty_index.delete([2])
    found = empty_index.fingerprints()
    assert found[1] == changed.fingerprint() and 2 not in found and len(found) == 6


def _titles(world: World) -> dict[int, str]:
    result = world.runtime.search_index.search(SearchQuery(today=TODAY, page_size=100),
                                               frozenset({"role:admin", "org"}))
    return {hit.contract_id: hit.title for hit in result.hits}


def test_check_reports_missing_stale_and_extra_and_repairs_them(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    ids = [owner.client.post("/api/v1/contracts", json={"title": f"Lease {n}"}).json()["id"]
           for n in range(3)]
    world.wait_idle()
    index, database = world.runtime.search_index, world.runtime.database
    assert check_index(database, index).clean

    index.delete([ids[0]])  # missing
    (current,) = [c for c in CORPUS if c.contract_id == 1]
    index.upsert([current.model_copy(update={"contract_id": ids[1], "title": "Old title"})])
    index.upsert([current.model_copy(update={"contract_id": 999})])  # extra
    drift = check_index(database, index)
    assert (drift.missing, drift.stale, drift.extra) == ([ids[0]], [ids[1]], [999])
    assert drift.checked == 3

    repaired = check_index(database, index, repair=True)
    assert (repaired.missing, repaired.stale, repaired.extra) == ([ids[0]], [ids[1]], [999])
    assert check_index(database, index).clean
    assert _titles(world) == {ids[0]: "Lease 0", ids[1]: "Lease 1", ids[2]: "Lease 2"}


def test_an_index_held_during_an_ingest_loses_no_update(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    first = owner.client.post("/api/v1/contracts", json={"title": "Cleaning"}).json()["id"]
    world.wait_idle()
    runtime = world.runtime
    index = runtime.search_index
    assert isinstance(index, TantivySearchIndex)
    index.close()  # the service lets go of the writer...
    holder = TantivySearchIndex(runtime.settings.index_dir)
    holder.delete([-1])  # ...and another process takes it: every write now fails
    try:
        pdf = cuad_pdf("ABILITYINC").read_bytes()
        upload = owner.client.post("/api/v1/documents",
                                   files=[("files", ("services.pdf", pdf, "application/pdf"))])
        assert upload.status_code in (200, 201, 202), upload.text
        renamed = owner.client.patch(f"/api/v1/contracts/{first}",
                                     json={"title": "Cleaning, renewed"})
        assert renamed.status_code == 200, renamed.text
        with pytest.raises(SearchIndexBusyError):
            runtime.jobs.wait_idle()  # the sync job retried, then gave up
        with runtime.database.session() as session:
            assert pending_count(session) >= 2  # the backlog is still there
        assert _titles(world) == {first: "Cleaning"}
    finally:
        holder.close()
    runtime.sync_search()  # the next drain (also run when a worker starts)
    titles = _titles(world)
    assert titles[first] == "Cleaning, renewed"
    assert len(titles) == 2  # the ingested contract too
    with runtime.database.session() as session:
        assert pending_count(session) == 0
    assert check_index(runtime.database, index).clean


def test_index_check_command(tmp_path: Path) -> None:
    env = {"AVTALE_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}

    def avtale(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(AVTALE), *args], env=env, capture_output=True, text=True,
                              timeout=300, check=False)

    created = avtale("user", "create", "--email", "ops@example.no", "--role", "admin")
    assert created.returncode == 0, created.stderr
    ingested = avtale("ingest", str(cuad_pdf("ABILITYINC")), "--email", "ops@example.no")
    assert ingested.returncode == 0, ingested.stderr
    clean = avtale("index", "check")
    assert clean.returncode == 0, clean.stderr
    assert "the index matches the database (1 contracts)" in clean.stdout
    with TantivySearchIndex(tmp_path / "index") as index:
        index.clear()
    drifted = avtale("index", "check")
    assert drifted.returncode == 1
    assert "missing: 1 (1)" in drifted.stdout
    repaired = avtale("index", "check", "--repair")
    assert repaired.returncode == 0 and "repaired" in repaired.stdout
    assert avtale("index", "check").returncode == 0
