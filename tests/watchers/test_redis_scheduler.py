"""With a Redis broker: `avtale scheduler` (a real process) sends the pass as a job, a worker
of the runtime runs it and the alert reaches a loopback SMTP server, once."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from redis_db import clean_redis

from avtale.runtime import Runtime
from contracts.schemas import ContractCreate
from contracts.service import create_contract
from core.models import Role
from core.settings import Settings
from core.users import create_user
from tests.watchers.helpers import SmtpServer

pytestmark = pytest.mark.redis

# A Redis database of its own (the core tests use 13), flushed around each test.
REDIS_URL = os.environ.get("AVTALE_TEST_WATCHERS_REDIS_URL", "redis://127.0.0.1:6379/11")
AVTALE = Path(sys.executable).with_name("avtale")


@pytest.fixture
def redis_url() -> Iterator[str]:
    with clean_redis(REDIS_URL) as url:
        yield url


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


def test_the_scheduler_process_sends_passes_that_a_worker_runs(
    tmp_path: Path, redis_url: str, smtp_server: SmtpServer
) -> None:
    env = {"AVTALE_DATA_DIR": str(tmp_path / "data"), "AVTALE_BROKER_URL": redis_url,
           "AVTALE_SMTP_HOST": "127.0.0.1", "AVTALE_SMTP_PORT": str(smtp_server.port)}
    settings = Settings(data_dir=tmp_path / "data", broker_url=redis_url,
                        smtp_host="127.0.0.1", smtp_port=smtp_server.port,
                        alert_pass_minutes=0)
    runtime = Runtime.build(settings)
    scheduler: subprocess.Popen[str] | None = None
    try:
        today = dt.date.today()
        with runtime.database.session() as session:
            owner = create_user(session, email="owner@example.no", role=Role.EDITOR)
            create_contract(session, owner, ContractCreate(
                title="Fixed term", effective_date=today - dt.timedelta(days=300),
                end_date=today + dt.timedelta(days=20)), today)
        runtime.start_worker()

        clean = {k: v for k, v in os.environ.items() if not k.startswith("AVTALE_")}
        scheduler = subprocess.Popen([str(AVTALE), "scheduler"], env=clean | env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for(lambda: len(smtp_server.messages) == 1, 60, "the alert e-mail")
        report = runtime.run_alerts()  # another pass, here: nothing new to send
        assert (report.armed.created, report.delivered.sent) == (0, 0)
    finally:
        if scheduler is not None:
            scheduler.terminate()
            scheduler.wait(timeout=30)
        runtime.close()
    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["Subject"].startswith("Contract end ")

