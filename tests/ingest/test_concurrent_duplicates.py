"""The same file uploaded many times at the same moment, through a real server on loopback:
one document, every upload answered, all but one flagged a duplicate, and the one stored
original intact. Runs on SQLite and on PostgreSQL (`database_url`)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest
from conftest import World
from loopback import live_server
from pdf_factory import contract_pdf
from sqlalchemy import func, select

from avtale.app import create_app
from avtale.runtime import Runtime
from core.filestore import sha256_of
from core.models import AuditEvent, Document, Role
from ingest.service import accept_staged

UPLOADERS = 8


@pytest.fixture
def server(world: World) -> Iterator[tuple[str, int]]:
    with live_server(create_app(runtime=world.runtime, run_worker=False)) as address:
        yield address


def _upload_at_once(server: tuple[str, int], tokens: list[str],
                    data: bytes) -> list[httpx.Response]:
    host, port = server
    count = len(tokens)
    start = threading.Barrier(count)
    responses: list[httpx.Response | BaseException] = [RuntimeError("not run")] * count

    def upload(index: int) -> None:
        with httpx.Client(base_url=f"http://{host}:{port}", timeout=60,
                          headers={"Authorization": f"Bearer {tokens[index]}"}) as client:
            start.wait()
            try:
                responses[index] = client.post(
                    "/api/v1/documents",
                    files={"files": (f"copy-{index}.pdf", data, "application/pdf")},
                )
            except BaseException as error:  # reported below, not lost in the thread
                responses[index] = error

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for response in responses:
        if isinstance(response, BaseException):
            raise response
    return [r for r in responses if isinstance(r, httpx.Response)]


def test_the_same_file_uploaded_at_once_is_one_document(
    world: World, server: tuple[str, int]
) -> None:
    # One user each: requests with one token would queue behind each other on its row
    # (its last use is recorded), and never race.
    tokens = [world.make_user(f"editor{i}@example.no", Role.EDITOR).token
              for i in range(UPLOADERS)]
    data = contract_pdf(["SERVICES AGREEMENT\n\nUploaded by eight people at once."])

    responses = _upload_at_once(server, tokens, data)

    assert [r.status_code for r in responses] == [202] * UPLOADERS, [r.text for r in responses]
    documents = [r.json()["documents"][0] for r in responses]
    assert len({d["id"] for d in documents}) == 1
    assert sorted(d["duplicate"] for d in documents) == [False] + [True] * (UPLOADERS - 1)
    runtime = world.runtime
    with runtime.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1
        uploaded = session.scalar(select(func.count()).select_from(AuditEvent)
                                  .where(AuditEvent.action == "document.uploaded"))
        assert uploaded == 1
    # The winner's original is in the store, whole; no loser's staged copy is left behind.
    assert runtime.files.get(sha256_of(data)) == data
    assert list(runtime.files.staging_dir.iterdir()) == []

    # And it goes on to be processed once, into one contract.
    world.wait_idle()
    with runtime.database.session() as session:
        document = session.scalars(select(Document)).one()
        assert document.state.value == "ready", document.failure_reason
        assert document.contract_id is not None


def test_the_same_file_accepted_at_once_from_many_sessions_is_one_document(
    runtime: Runtime,
) -> None:
    """Below the HTTP layer, where nothing else in the transaction orders the sessions (on
    SQLite the API's token bookkeeping takes the write lock first and so queues them)."""
    data = contract_pdf(["CONSULTING AGREEMENT\n\nAccepted from eight sessions at once."])
    start = threading.Barrier(UPLOADERS)
    outcomes: list[tuple[int, bool] | BaseException] = []
    lock = threading.Lock()

    def accept(index: int) -> None:
        try:
            with runtime.database.session() as session:
                staged = runtime.files.stage_bytes(data)
                start.wait()
                accepted = accept_staged(session, files=runtime.files, jobs=runtime.jobs,
                                         filename=f"copy-{index}.pdf", staged=staged,
                                         uploader=None, max_bytes=10**8)
                outcome: tuple[int, bool] | BaseException = (accepted.document.id,
                                                             accepted.duplicate)
        except BaseException as error:
            outcome = error
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=accept, args=(i,)) for i in range(UPLOADERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    errors = [o for o in outcomes if isinstance(o, BaseException)]
    assert errors == []
    accepted = [o for o in outcomes if not isinstance(o, BaseException)]
    assert len(accepted) == UPLOADERS
    assert len({document_id for document_id, _ in accepted}) == 1
    assert sorted(duplicate for _, duplicate in accepted) == [False] + [True] * (UPLOADERS - 1)
    with runtime.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1
    assert runtime.files.get(sha256_of(data)) == data
    assert list(runtime.files.staging_dir.iterdir()) == []
