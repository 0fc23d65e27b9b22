"""Upload bodies are refused while they stream in, on a real server, and leave nothing.

Each streamed test declares a large body and sends it in 64 KiB chunks: the server must
answer before `GIVE_UP_AFTER` bytes (a small part of the declared size) were sent, and hang
up, instead of receiving the rest of the body.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import World
from loopback import StreamedReply, live_server, stream_body
from pdf_factory import contract_pdf

from avtale.app import create_app
from avtale.runtime import Runtime
from core.models import Document, Role

BOUNDARY = "avtale-test-boundary"
GIVE_UP_AFTER = 16 * 1024 * 1024
GIB = 1024**3


def _file_part_head(filename: str, fields: dict[str, str] | None = None) -> bytes:
    parts = [
        f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        for name, value in (fields or {}).items()
    ]
    parts.append(f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; "
                 f"filename=\"{filename}\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n")
    return "".join(parts).encode()


def _stored_files(runtime: Runtime) -> list[Path]:
    return [p for p in runtime.settings.data_dir.rglob("*")
            if p.is_file() and runtime.settings.files_dir in p.parents]


@pytest.fixture
def server(world: World) -> Iterator[tuple[str, int]]:
    with live_server(create_app(runtime=world.runtime, run_worker=False)) as address:
        yield address


def _upload(server: tuple[str, int], path: str, headers: dict[str, str], declared: int,
            fields: dict[str, str] | None = None) -> StreamedReply:
    return stream_body(
        server, path,
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}", **headers},
        prefix=_file_part_head("big.pdf", fields), declared_length=declared,
        give_up_after=GIVE_UP_AFTER,
    )


def test_anonymous_2_gib_upload_is_answered_401_before_the_body(
    world: World, server: tuple[str, int]
) -> None:
    reply = _upload(server, "/api/v1/documents", {}, 2 * GIB)
    assert reply.status == 401, reply.text
    assert reply.sent < GIVE_UP_AFTER
    assert reply.closed
    assert _stored_files(world.runtime) == []


def test_viewer_200_mb_upload_is_answered_403_before_the_body(
    world: World, server: tuple[str, int]
) -> None:
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    reply = _upload(server, "/api/v1/documents", {"Authorization": f"Bearer {viewer.token}"},
                    200 * 1024 * 1024)
    assert reply.status == 403, reply.text
    assert reply.sent < GIVE_UP_AFTER
    assert reply.closed
    assert _stored_files(world.runtime) == []


def test_editor_upload_over_the_limit_is_413_as_soon_as_it_passes_it(
    world: World, server: tuple[str, int]
) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    world.runtime.settings.max_upload_bytes = 1024 * 1024
    reply = _upload(server, "/api/v1/documents", {"Authorization": f"Bearer {editor.token}"},
                    200 * 1024 * 1024)
    assert reply.status == 413, reply.text
    assert "upload limit of 1048576 bytes" in reply.text
    assert reply.sent < GIVE_UP_AFTER
    assert reply.closed
    assert _stored_files(world.runtime) == []
    with world.runtime.database.session() as session:
        assert session.query(Document).count() == 0


def _page_session(server: tuple[str, int], token: str) -> tuple[str, str]:
    """A session cookie and its CSRF token, from the upload page (pages take a Bearer too)."""
    page = httpx.get(f"http://{server[0]}:{server[1]}/upload",
                     headers={"Authorization": f"Bearer {token}"})
    assert page.status_code == 200
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found is not None
    return f"avtale_session={page.cookies['avtale_session']}", found.group(1)


def test_upload_page_refuses_a_viewer_before_the_body(
    world: World, server: tuple[str, int]
) -> None:
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    reply = _upload(server, "/upload", {"Authorization": f"Bearer {viewer.token}"},
                    200 * 1024 * 1024)
    assert reply.status == 403, reply.text
    assert reply.sent < GIVE_UP_AFTER
    assert reply.closed
    assert _stored_files(world.runtime) == []


def test_upload_page_refuses_an_oversized_file_as_it_streams(
    world: World, server: tuple[str, int]
) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    cookie, csrf = _page_session(server, editor.token)
    world.runtime.settings.max_upload_bytes = 1024 * 1024
    reply = _upload(server, "/upload",
                    {"Authorization": f"Bearer {editor.token}", "Cookie": cookie},
                    200 * 1024 * 1024, fields={"csrf_token": csrf})
    assert reply.status == 413, reply.text
    assert "upload limit of 1048576 bytes" in reply.text
    assert reply.sent < GIVE_UP_AFTER
    assert reply.closed
    assert _stored_files(world.runtime) == []


def test_upload_page_refuses_a_forged_form_before_the_files(
    world: World, server: tuple[str, int]
) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    cookie, _csrf = _page_session(server, editor.token)
    reply = _upload(server, "/upload",
                    {"Authorization": f"Bearer {editor.token}", "Cookie": cookie},
                    200 * 1024 * 1024, fields={"csrf_token": "forged"})
    assert reply.status == 403, reply.text
    assert reply.sent < GIVE_UP_AFTER
    assert _stored_files(world.runtime) == []


def test_a_rejected_multi_file_upload_leaves_no_file_behind(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    world.runtime.settings.max_upload_bytes = 64 * 1024
    small = contract_pdf(["This Agreement is made between A AS and B AS."])
    response = editor.client.post("/api/v1/documents", files=[
        ("files", ("small.pdf", small, "application/pdf")),
        ("files", ("big.pdf", b"%PDF-1.7\n" + b"0" * 100_000, "application/pdf")),
    ])
    assert response.status_code == 413
    assert response.json()["detail"] == (
        "big.pdf is larger than the upload limit of 65536 bytes per file "
        "(AVTALE_MAX_UPLOAD_BYTES)")
    assert _stored_files(world.runtime) == []
    with world.runtime.database.session() as session:
        assert session.query(Document).count() == 0


def test_a_json_body_over_the_request_limit_is_413(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/contracts", json={
        "title": "Big", "notes": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "1048576 bytes" in response.json()["detail"]


def test_a_client_that_hangs_up_mid_upload_leaves_no_staged_file(
    world: World, server: tuple[str, int]
) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    conn = socket.create_connection(server, timeout=30)
    conn.sendall((f"POST /api/v1/documents HTTP/1.1\r\nHost: x\r\n"
                  f"Authorization: Bearer {editor.token}\r\n"
                  f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
                  f"Content-Length: {50 * 1024 * 1024}\r\n\r\n").encode())
    conn.sendall(_file_part_head("half.pdf") + b"0" * (512 * 1024))
    staging = world.runtime.files.staging_dir
    deadline = time.monotonic() + 30
    while not (staging.exists() and any(staging.iterdir())):  # the upload is being staged
        assert time.monotonic() < deadline, "the server never staged the upload"
        time.sleep(0.05)
    conn.close()
    while _stored_files(world.runtime):  # the server notices the hang-up and cleans up
        assert time.monotonic() < deadline + 30, _stored_files(world.runtime)
        time.sleep(0.05)
    with world.runtime.database.session() as session:
        assert session.query(Document).count() == 0
