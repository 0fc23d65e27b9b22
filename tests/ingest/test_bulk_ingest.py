"""`avtale ingest DIR` as a real process on the embedded defaults: a folder of real PDFs, a
Word file, a scanned image, a broken file, a file that is no document and a duplicate, worked
by parallel workers, summed up at the end with each failed file and its reason."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import cuad_pdf
from pdf_factory import contract_pdf
from sqlalchemy import select

from core.db import Database
from core.models import Contract, Document, DocumentState

AVTALE = Path(sys.executable).with_name("avtale")


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("RAMMEAVTALE OM RENHOLD", level=1)
    document.add_paragraph("Mellom Fjordbyen kommune (Oppdragsgiver) og Renhold Nord AS "
                           "(Leverandør). Avtalen gjelder fra 1. mars 2024 og løper i to år.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _scan() -> bytes:
    document = pdfium.PdfDocument(contract_pdf(
        ["SERVICES AGREEMENT\n\nThis agreement starts on 1 March 2024 and runs for two years."]))
    image = document[0].render(scale=2.5, grayscale=True).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.ocr
def test_a_mixed_folder_is_ingested_in_parallel_with_a_summary(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(cuad_pdf("ABILITYINC"), folder / "services.pdf")
    shutil.copy(cuad_pdf("ADUROBIOTECH"), folder / "sub" / "consulting.PDF")
    shutil.copy(cuad_pdf("ABILITYINC"), folder / "sub" / "services-copy.pdf")
    (folder / "renhold.docx").write_bytes(_docx())
    (folder / "scan.png").write_bytes(_scan())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a PDF")
    (folder / "notes.docx").write_text("plain text under a Word file's name")
    (folder / "readme.txt").write_text("not picked up: not a document's name")

    env = {k: v for k, v in os.environ.items() if not k.startswith("AVTALE_")}
    env["AVTALE_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run([str(AVTALE), "ingest", str(folder), "--workers", "3"], env=env,
                            capture_output=True, text=True, timeout=600, check=False)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "processing (3 at a time)" in result.stdout
    assert "4 ready, 2 failed, 1 duplicates" in result.stdout, (result.stdout, result.stderr)
    failures = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failures) == 2, result.stderr
    assert any(f"{folder / 'broken.pdf'}: " in line and "damaged" in line for line in failures)
    assert any(f"{folder / 'notes.docx'}: " in line and "unsupported format" in line
               for line in failures), failures

    database = Database(f"sqlite:///{tmp_path / 'data' / 'avtale.sqlite3'}")
    try:
        with database.session() as session:
            documents = session.scalars(select(Document)).all()
            contracts = session.scalars(select(Contract)).all()
    finally:
        database.dispose()
    assert len(documents) == 6  # the copy is the services agreement's document
    ready = {d.filename for d in documents if d.state is DocumentState.READY}
    assert ready == {"services.pdf", "consulting.PDF", "renhold.docx", "scan.png"}
    assert len(contracts) == 4
    scan = next(d for d in documents if d.filename == "scan.png")
    assert scan.ocr_pages == [1]
