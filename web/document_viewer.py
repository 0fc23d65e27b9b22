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
class OpenAt:
    """Where the viewer opens instead of the first page: a search passage followed from the
    results or from the search within the contract."""

    document_id: int
    page: int
    quote: str = ""


@dataclass(frozen=True)
class DocumentViewer:
    installed: bool
    # The PDFs the viewer may show (other formats have no pages to draw), first one opened.
    pdf_ids: tuple[int, ...]
    pdfjs_url: str = PDFJS_URL
    open_at: OpenAt | None = None

    @property
    def first_url(self) -> str | None:
        if self.open_at is not None:
            return document_url(self.open_at.document_id)
        return document_url(self.pdf_ids[0]) if self.pdf_ids else None

    @property
    def first_page(self) -> int:
        return self.open_at.page if self.open_at is not None else 1

    @property
    def first_quote(self) -> str:
        return self.open_at.quote if self.open_at is not None else ""

    def shows(self, document_id: int | None) -> bool:
        return self.installed and document_id in self.pdf_ids


def viewer_for(shown: ContractOut, installed: bool | None = None,
               open_at: OpenAt | None = None) -> DocumentViewer:
    pdfs = tuple(d.id for d in shown.documents
                 if d.content_type == PDF_TYPE and d.state == "ready")
    if open_at is not None and open_at.document_id not in pdfs:
        open_at = None  # another contract's document, or one with no pages to draw
    return DocumentViewer(installed=pdfjs_installed() if installed is None else installed,
                          pdf_ids=pdfs, open_at=open_at)
