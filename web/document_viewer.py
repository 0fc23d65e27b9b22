"""The PDF beside a contract's fields: which document the viewer opens, and whether pdf.js
is installed here at all.

pdf.js is not in git: `scripts/fetch_pdfjs.py` (run by `make`) unpacks it into
web/static/vendor/pdfjs/. Without it the page still works and says so: each piece of
evidence links to its PDF instead of opening it in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from contracts.schemas import ContractOut
from web.formatting import document_url

PDFJS_DIR = Path(__file__).resolve().parent / "static/vendor/pdfjs"
PDFJS_URL = "/static/vendor/pdfjs"
PDF_TYPE = "application/pdf"


def pdfjs_installed(folder: Path | None = None) -> bool:
    folder = folder or PDFJS_DIR
    return (folder / "pdf.min.mjs").is_file() and (folder / "pdf.worker.min.mjs").is_file()


@dataclass(frozen=True)
class DocumentViewer:
    installed: bool
    # The PDFs the viewer may show (other formats have no pages to draw), first one opened.
    pdf_ids: tuple[int, ...]
    pdfjs_url: str = PDFJS_URL

    @property
    def first_url(self) -> str | None:
        return document_url(self.pdf_ids[0]) if self.pdf_ids else None

    def shows(self, document_id: int | None) -> bool:
        return self.installed and document_id in self.pdf_ids


def viewer_for(shown: ContractOut, installed: bool | None = None) -> DocumentViewer:
    pdfs = tuple(d.id for d in shown.documents
                 if d.content_type == PDF_TYPE and d.state == "ready")
    return DocumentViewer(installed=pdfjs_installed() if installed is None else installed,
                          pdf_ids=pdfs)
