"""Files built to exhaust a reader fail that document, with a reason, and the worker goes on:
parsing runs in a child process with a time and a memory limit, and page counts are capped."""

from __future__ import annotations

import time
import zlib
from pathlib import Path

import pytest
from conftest import World, cuad_pdf

from core.models import Role
from core.settings import Settings
from ingest import ocr
from ingest.sandbox import ParseLimitError, ProcessLimits, run_limited
from tests.pdf_factory import contract_pdf, image_only_pdf

MEMORY_LIMIT_MB = 512


def bomb_pdf(inflated_mb: int) -> bytes:
    """A one-page PDF of ~1.5 MB whose content stream inflates to `inflated_mb` MB."""
    compressor = zlib.compressobj(1)
    chunk = b" " * (16 * 1024 * 1024)
    stream = b"".join(compressor.compress(chunk) for _ in range(inflated_mb // 16))
    stream += compressor.flush()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>",
        b"<</Length %d/Filter/FlateDecode>>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        environment="test", data_dir=tmp_path / "data", database_url=database_url,
        broker_url="", secret_key="test-secret-key-that-is-long-enough",
        parse_memory_limit_mb=MEMORY_LIMIT_MB, max_pages=20, max_ocr_pages=1,
    )


def _states(world: World, files: list[tuple[str, bytes]]) -> dict[str, dict[str, str]]:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post(
        "/api/v1/documents",
        files=[("files", (name, data, "application/pdf")) for name, data in files],
    )
    assert response.status_code == 202, response.text
    world.wait_idle()
    return {
        d["filename"]: editor.client.get(f"/api/v1/documents/{d['id']}").json()
        for d in response.json()["documents"]
    }


def test_a_decompression_bomb_fails_alone_and_the_next_contract_is_read(world: World) -> None:
    bomb = bomb_pdf(inflated_mb=320)  # 1.5 MB on disk, ~650 MB when read in full
    assert len(bomb) < 2 * 1024 * 1024
    states = _states(world, [("bomb.pdf", bomb),
                             ("good.pdf", cuad_pdf("ABILITYINC").read_bytes())])
    assert states["bomb.pdf"]["status"] == "failed"
    assert f"more than {MEMORY_LIMIT_MB} MB of memory" in states["bomb.pdf"]["reason"]
    assert states["good.pdf"]["status"] == "ready"


def test_too_many_pages_and_too_many_scanned_pages_are_refused_with_the_limit(
    world: World
) -> None:
    long = contract_pdf([f"Page {n} of a very long annex." for n in range(25)])
    files = [("long.pdf", long)]
    if ocr.available():
        pages = ["SERVICES AGREEMENT. The Supplier shall deliver.", "Annex one.", "Annex two."]
        files.append(("scans.pdf", image_only_pdf(contract_pdf(pages))))
    states = _states(world, files)
    assert states["long.pdf"]["status"] == "failed"
    assert "has 25 pages; at most 20" in states["long.pdf"]["reason"]
    if ocr.available():
        assert "3 pages have no text" in states["scans.pdf"]["reason"]
        assert "AVTALE_MAX_OCR_PAGES" in states["scans.pdf"]["reason"]


def test_a_reader_that_never_returns_is_stopped_at_the_time_limit() -> None:
    started = time.monotonic()
    with pytest.raises(ParseLimitError, match="longer than 1 seconds"):
        run_limited("time:sleep", (60,), ProcessLimits(seconds=1))
    assert time.monotonic() - started < 30  # killed, not waited for


def test_a_reader_error_keeps_its_message_and_an_unexpected_one_is_reported() -> None:
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        run_limited("operator:truediv", (1, 0), ProcessLimits(seconds=30))
    assert run_limited("operator:add", (2, 3), ProcessLimits(seconds=30)) == 5
