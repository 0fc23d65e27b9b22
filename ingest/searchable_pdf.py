"""The searchable PDF of a scanned document: the original with each OCR'd page replaced by
the straightened scan carrying the recognised text as an invisible layer (from `ocr`).

Pages that had a text layer stay as they were, so a mixed PDF keeps its born-digital pages
exactly. Readers select, copy and search the OCR'd text in any PDF viewer.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping, Sequence

import pypdfium2 as pdfium


def with_text_layer(original: bytes, scanned_pages: Mapping[int, bytes],
                    lock: threading.Lock) -> bytes | None:
    """`original` with page i (0-based) replaced by the one-page PDF `scanned_pages[i]`;
    None when there is nothing to replace."""
    pages = {index: pdf for index, pdf in scanned_pages.items() if pdf}
    if not pages:
        return None
    with lock:
        document = pdfium.PdfDocument(original)
        try:
            for index in sorted(pages):
                _replace_page(document, index, pages[index])
            return _saved(document)
        finally:
            document.close()


def joined(page_pdfs: Sequence[bytes], lock: threading.Lock) -> bytes | None:
    """One PDF of the given one-page PDFs in order (a multi-page scanned image); None when
    none was made."""
    if not any(page_pdfs):
        return None
    with lock:
        document = pdfium.PdfDocument.new()
        try:
            for pdf in page_pdfs:
                if pdf:
                    _import_first_page(document, pdf, len(document))
            return _saved(document)
        finally:
            document.close()


def _replace_page(document: pdfium.PdfDocument, index: int, page_pdf: bytes) -> None:
    _import_first_page(document, page_pdf, index)
    document.del_page(index + 1)


def _import_first_page(document: pdfium.PdfDocument, page_pdf: bytes, index: int) -> None:
    source = pdfium.PdfDocument(page_pdf)
    try:
        document.import_pages(source, [0], index)
    finally:
        source.close()


def _saved(document: pdfium.PdfDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
