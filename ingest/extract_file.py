"""`avtale extract FILE --json`: one PDF through reading, extraction and the deadline engine,
without touching the database. The JSON shape is a public interface (DESIGN.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from contracts.deadlines import compute_deadlines, terms_from_extraction
from contracts.derived import with_derived_end_date
from core.filestore import sha256_of
from extraction.engine import extract
from ingest.pdf_reader import read_pdf


def extract_file(
    path: Path, today: dt.date | None = None, nlp_model: str | None = None
) -> dict[str, Any]:
    data = path.read_bytes()
    pdf = read_pdf(data)
    extraction = with_derived_end_date(extract(pdf.pages, pdf.tables, nlp_model=nlp_model))
    deadlines = compute_deadlines(terms_from_extraction(extraction), today or dt.date.today())
    return {
        "file": str(path),
        "sha256": sha256_of(data),
        "pages": len(pdf.pages),
        "language": extraction.language,
        "ocr_pages": pdf.ocr_pages,
        "ocr_languages": pdf.ocr_languages_json(),
        "fields": extraction.fields_json(),
        "deadlines": deadlines.to_json(),
    }
