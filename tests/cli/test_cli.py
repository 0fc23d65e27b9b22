"""The `avtale` command line, run as a real process on the embedded defaults."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import cuad_pdf

from extraction.model import EXTRA_FIELD_NAMES, FIELD_NAMES

AVTALE = Path(sys.executable).with_name("avtale")


def _avtale(
    data_dir: Path, *args: str, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AVTALE_")}
    env["AVTALE_DATA_DIR"] = str(data_dir)
    env.update(extra_env or {})
    return subprocess.run([str(AVTALE), *args], env=env, capture_output=True, text=True,
                          timeout=600, check=False)


def test_extract_json_has_every_field(tmp_path: Path) -> None:
    result = _avtale(tmp_path, "extract", str(cuad_pdf("ABILITYINC")), "--json")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert set(output) >= {"file", "sha256", "pages", "language", "ocr_pages",
                           "ocr_languages", "fields", "deadlines"}
    assert output["ocr_pages"] == [] and output["ocr_languages"] == {}
    assert set(output["fields"]) == {*FIELD_NAMES, *EXTRA_FIELD_NAMES}
    for name, found in output["fields"].items():
        assert set(found) == {"value", "confidence", "evidence"}, name
    assert output["fields"]["effective_date"]["value"] == "2019-11-01"
    assert output["pages"] == 11
    readable = _avtale(tmp_path, "extract", str(cuad_pdf("ABILITYINC")))
    assert readable.returncode == 0, readable.stderr
    steps = [line for line in readable.stdout.splitlines() if line.startswith("  - ")]
    assert steps and not any(line.startswith("  - {") for line in steps), steps


def test_extract_reports_an_unreadable_file_clearly(tmp_path: Path) -> None:
    bogus = tmp_path / "contract.pdf"
    bogus.write_text("not a pdf at all")
    result = _avtale(tmp_path, "extract", str(bogus), "--json")
    assert result.returncode == 1
    assert "not a PDF" in result.stderr
    assert "Traceback" not in result.stderr


def test_users_tokens_ingest_and_rebuild(tmp_path: Path) -> None:
    data = tmp_path / "data"
    created = _avtale(data, "user", "create", "--email", "ops@example.no", "--role", "editor",
                      "--password", "a long password")
    assert created.returncode == 0, created.stderr
    duplicate = _avtale(data, "user", "create", "--email", "ops@example.no")
    assert duplicate.returncode == 1 and "already exists" in duplicate.stderr
    token = _avtale(data, "token", "create", "--email", "ops@example.no")
    assert token.returncode == 0 and token.stdout.strip().startswith("avt_")

    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(cuad_pdf("ABILITYINC"), folder / "services.pdf")
    shutil.copy(cuad_pdf("ADUROBIOTECH"), folder / "sub" / "consulting.PDF")
    (folder / "sub" / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a PDF")
    (folder / "notes.txt").write_text("ignored: not a PDF name")
    ingested = _avtale(data, "ingest", str(folder), "--email", "ops@example.no")
    assert ingested.returncode == 0, ingested.stderr
    assert "2 ready, 1 failed, 0 duplicates" in ingested.stdout
    assert "broken.pdf" in ingested.stderr and "damaged" in ingested.stderr

    again = _avtale(data, "ingest", str(folder / "services.pdf"))
    assert "0 ready, 0 failed, 1 duplicates" in again.stdout

    rebuilt = _avtale(data, "index", "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "indexed 2 contracts" in rebuilt.stdout

    refreshed = _avtale(data, "deadlines", "refresh")
    assert refreshed.returncode == 0, refreshed.stderr
    # Ingest computed every contract's deadlines for today already: nothing moves.
    assert "0 contracts changed" in refreshed.stdout


def test_ingest_skips_an_oversized_file_and_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    big = cuad_pdf("ABILITYINC")
    shutil.copy(big, folder / "big.pdf")
    small = folder / "small.pdf"
    small.write_bytes(b"%PDF-1.4 tiny and broken")
    limit = str(big.stat().st_size - 1)
    result = _avtale(tmp_path / "data", "ingest", str(folder),
                     extra_env={"AVTALE_MAX_UPLOAD_BYTES": limit})
    assert result.returncode == 0, result.stderr
    assert "skipped: big.pdf" in result.stderr and "Traceback" not in result.stderr
    # Refused before it was stored, it is one of the failed files of the summary.
    assert "0 ready, 2 failed, 0 duplicates" in result.stdout


def test_token_expiry_list_revoke_and_user_deactivate(tmp_path: Path) -> None:
    from core.db import Database
    from core.models.base import utcnow
    from core.tokens import authenticate_token

    data = tmp_path / "data"
    _avtale(data, "user", "create", "--email", "ops@example.no", "--password", "a long password")
    _avtale(data, "user", "create", "--email", "bot@example.no")
    lasting = _avtale(data, "token", "create", "--email", "ops@example.no", "--name", "ci")
    brief = _avtale(data, "token", "create", "--email", "ops@example.no", "--expires-days", "3")
    assert lasting.returncode == 0 and brief.returncode == 0, brief.stderr
    bot = _avtale(data, "token", "create", "--email", "bot@example.no").stdout.strip()

    listed = _avtale(data, "token", "list", "--email", "ops@example.no")
    assert listed.returncode == 0, listed.stderr
    rows = [line.split("\t") for line in listed.stdout.splitlines()]
    assert [row[2] for row in rows] == ["ci", "-"]
    assert rows[0][4] == "no expiry" and rows[1][4].startswith("expires ")
    assert all(row[-1] == "active" for row in rows)

    revoked = _avtale(data, "token", "revoke", rows[0][0])
    assert revoked.returncode == 0, revoked.stderr
    assert _avtale(data, "token", "list", "--email", "ops@example.no").stdout.splitlines()[0] \
        .endswith("revoked")
    missing = _avtale(data, "token", "revoke", "999")
    assert missing.returncode == 1 and "no API token 999" in missing.stderr

    deactivated = _avtale(data, "user", "deactivate", "--email", "bot@example.no")
    assert deactivated.returncode == 0, deactivated.stderr
    database = Database(f"sqlite:///{data / 'avtale.sqlite3'}")
    try:
        with database.session() as session:
            assert authenticate_token(session, bot, now=utcnow()) is None
            ops = brief.stdout.strip()
            assert authenticate_token(session, ops, now=utcnow()) is not None
    finally:
        database.dispose()
    unknown = _avtale(data, "user", "deactivate", "--email", "nobody@example.no")
    assert unknown.returncode == 1 and "no user" in unknown.stderr
