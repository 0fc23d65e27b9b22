"""`avtale serve` with several web worker processes (AVTALE_WEB_WORKERS), as real processes.

Several processes may read one tantivy index, but only the process running the jobs may
write it: with in-process jobs that is `avtale serve` itself, so more than one web worker
needs a broker (and one `avtale worker`, the writer).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from redis_db import clean_redis

AVTALE = Path(sys.executable).with_name("avtale")
REDIS_URL = os.environ.get("AVTALE_TEST_SERVE_REDIS_URL", "redis://127.0.0.1:6379/10")


def _environment(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AVTALE_")}
    return {**env, "AVTALE_DATA_DIR": str(data_dir), **extra}


def _avtale(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(AVTALE), *args], env=env, capture_output=True, text=True,
                          timeout=300, check=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += [int(child), *_descendants(int(child))]
    return found


@pytest.fixture
def redis_url() -> Iterator[str]:
    with clean_redis(REDIS_URL) as url:
        yield url


def test_several_web_workers_without_a_broker_are_refused(tmp_path: Path) -> None:
    result = _avtale(_environment(tmp_path, AVTALE_WEB_WORKERS="2"), "serve",
                     "--port", str(_free_port()))
    assert result.returncode == 1
    assert "AVTALE_WEB_WORKERS above 1 needs a broker" in result.stderr
    assert "Traceback" not in result.stderr


def test_two_web_workers_share_one_index_and_keep_permissions(
    tmp_path: Path, redis_url: str
) -> None:
    env = _environment(tmp_path, AVTALE_WEB_WORKERS="2", AVTALE_BROKER_URL=redis_url)
    for email, role in (("owner@example.no", "editor"), ("other@example.no", "viewer")):
        assert _avtale(env, "user", "create", "--email", email, "--role", role).returncode == 0
    tokens = {email: _avtale(env, "token", "create", "--email", email).stdout.strip()
              for email in ("owner@example.no", "other@example.no")}
    port = _free_port()
    server = subprocess.Popen([str(AVTALE), "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        _wait_until_healthy(server, base)
        # The supervisor and two web processes (uvicorn may add a helper of its own).
        assert len(_descendants(server.pid)) >= 2
        owner = {"Authorization": f"Bearer {tokens['owner@example.no']}"}
        created = httpx.post(f"{base}/contracts", headers=owner, timeout=30, json={
            "title": "Rammeavtale renhold", "visibility": "restricted"})
        assert created.status_code == 201, created.text
        # Indexed by the worker below (the one writer), then seen by every web process.
        worker_log = (tmp_path / "worker.log").open("wb")
        worker = subprocess.Popen([str(AVTALE), "worker"], env=env,
                                  stdout=worker_log, stderr=worker_log)
        try:
            _wait_for_hit(base, owner, "renhold", tmp_path / "worker.log")
            other = {"Authorization": f"Bearer {tokens['other@example.no']}"}
            for _ in range(6):  # requests spread over both processes
                owners_view = httpx.get(f"{base}/search", params={"q": "renhold"},
                                        headers=owner, timeout=30).json()
                others_view = httpx.get(f"{base}/search", params={"q": "renhold"},
                                        headers=other, timeout=30).json()
                assert owners_view["total"] == 1
                assert others_view["total"] == 0 and others_view["hits"] == []
        finally:
            worker.terminate()
            worker.wait(timeout=60)
    finally:
        server.terminate()
        server.wait(timeout=60)


def _wait_until_healthy(server: subprocess.Popen[bytes], base: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            stderr = server.stderr.read().decode() if server.stderr else ""
            pytest.fail(f"avtale serve exited: {stderr}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    pytest.fail("avtale serve did not answer")


def _wait_for_hit(base: str, headers: dict[str, str], q: str, worker_log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = httpx.get(f"{base}/search", params={"q": q}, headers=headers, timeout=30)
        assert found.status_code == 200, found.text
        if found.json()["total"] == 1:
            return
        time.sleep(0.5)
    pytest.fail("the worker's index write never reached the web processes: "
                + worker_log.read_text(errors="replace")[-3000:])
