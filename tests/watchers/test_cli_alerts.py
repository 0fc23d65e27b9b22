"""`avtale alerts run`: one scheduler pass as a real process, on the real clock, mailing a
loopback SMTP server; a second run sends nothing more."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from avtale.runtime import Runtime
from contracts.schemas import ContractCreate
from contracts.service import create_contract
from core.models import Role
from core.settings import Settings
from core.users import create_user
from tests.watchers.helpers import SmtpServer

AVTALE = Path(sys.executable).with_name("avtale")


def test_alerts_run_does_one_pass_and_exits(tmp_path: Path, smtp_server: SmtpServer) -> None:
    data = tmp_path / "data"
    today = dt.date.today()
    runtime = Runtime.build(Settings(data_dir=data))
    try:
        with runtime.database.session() as session:
            owner = create_user(session, email="owner@example.no", role=Role.EDITOR)
            create_contract(session, owner, ContractCreate(
                title="Fixed term", effective_date=today - dt.timedelta(days=300),
                end_date=today + dt.timedelta(days=60)), today)
    finally:
        runtime.close()

    env = {k: v for k, v in os.environ.items() if not k.startswith("AVTALE_")}
    env |= {"AVTALE_DATA_DIR": str(data), "AVTALE_SMTP_HOST": "127.0.0.1",
            "AVTALE_SMTP_PORT": str(smtp_server.port), "AVTALE_MAIL_FROM": "alerts@example.no"}

    def alerts_run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(AVTALE), "alerts", "run"], env=env, capture_output=True,
                              text=True, timeout=300, check=False)

    first = alerts_run()
    assert first.returncode == 0, first.stderr
    assert "1 new" in first.stdout and "1 sent" in first.stdout
    second = alerts_run()
    assert second.returncode == 0, second.stderr
    assert "0 new" in second.stdout and "0 sent" in second.stdout
    (message,) = smtp_server.messages
    assert message["To"] == "owner@example.no" and message["From"] == "alerts@example.no"
    assert message["Subject"].startswith("Contract end ")
