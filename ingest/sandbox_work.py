"""What the limited child process does for one document (see `ingest.sandbox`): read the
PDF (text, OCR, tables) and extract its fields. Importing this module loads the readers and
the rule pipelines, once, in the fork server."""

from __future__ import annotations

import gc
from typing import Any

# The table pass's reader: imported here once, not in every child that meets a table page
# (~0.3 s of CPU each).
import pdfplumber  # noqa: F401

from contracts.derived import with_derived_end_date
from extraction.engine import extract
from extraction.nlp import load_pipeline
from ingest.document_reader import read_document
from ingest.pdf_reader import PageLimits, PdfText

# Warm the rule pipelines in the fork server: every child then starts with them built.
load_pipeline("en")
load_pipeline("nb")
# And everything else the rules build on first use (the role model, ~200 regexes compiled
# where they are used): ~50 ms a child paid again for every document. Extraction is pure, so
# this leaves no trace on what a child reads.
_WARM_UP = (
    "This Services Agreement is made on 1 January 2024 between Acme Inc. and Beta AS. The "
    "term is three (3) years and renews for one (1) year unless terminated on ninety (90) "
    "days' notice. Fees of USD 10,000 are payable within 30 days of invoice. Governed by the "
    "laws of Norway.",
    "Rammeavtale om renhold inngått 1. mars 2024 mellom Nidaros AS og Renhold AS. Avtalen "
    "gjelder i to (2) år med oppsigelsestid 3 måneder. Samlet verdi NOK 250 000 eks. mva. "
    "Betaling skjer 30 dager etter fakturadato. Avtalen reguleres av norsk rett.",
)
for _text in _WARM_UP:
    extract([_text])
# What the fork server holds is never garbage: frozen, a child's collections neither walk it
# nor write to its pages (which would copy them from the server, page by page).
gc.freeze()


def read_and_extract(
    data: bytes, limits: PageLimits, nlp_model: str | None
) -> tuple[PdfText, dict[str, Any]]:
    """The page texts and the extraction as JSON (generic pydantic models do not pickle;
    `Extraction.model_validate` restores it in the parent)."""
    pdf = read_document(data, limits)
    extraction = with_derived_end_date(extract(pdf.pages, pdf.tables, nlp_model=nlp_model))
    return pdf, extraction.model_dump(mode="json")
