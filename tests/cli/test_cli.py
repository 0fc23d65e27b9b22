"""The `avtale` command line, run as a real process on the embedded defaults."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import cuad_pdf

from extraction.model import FIELD_NAMES

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
    assert set(output) >= {"file", "sha256", "pages", "language", "ocr_pages", "fields",
                           "deadlines"}
    assert set(output["fields"]) == set(FIELD_NAMES)
    for name, found in output["fields"].items():
        assert set(found) == {"value", "confidence", "evidence"}, name
    assert output["fields"]["effective_date"]["value"] == "2019-11-01"
    assert output["pages"] == 11


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
    assert "0 ready, 1 failed, 0 duplicates" in result.stdout
