"""Scans sent as images (PNG, JPEG, TIFF with one page a frame): each page is OCR'd."""

from __future__ import annotations

import io

from ingest import ocr
from ingest.pdf_reader import PDFIUM_LOCK, PageLimits, PdfText, UnreadableDocumentError
from ingest.searchable_pdf import joined


def read_image(data: bytes, limits: PageLimits = PageLimits()) -> PdfText:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    if not ocr.available():
        raise UnreadableDocumentError(
            "this is a scanned image and OCR (tesseract) is not installed on the server")
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError) as error:
        raise UnreadableDocumentError("the image is damaged and cannot be opened") from error
    frames = getattr(image, "n_frames", 1)
    if frames > min(limits.max_pages, limits.max_ocr_pages):
        raise UnreadableDocumentError(
            f"the image has {frames} pages; at most {min(limits.max_pages, limits.max_ocr_pages)}"
            " are read by OCR (settings AVTALE_MAX_PAGES, AVTALE_MAX_OCR_PAGES)")
    frames_read = (frame.convert("L") for frame in ImageSequence.Iterator(image))
    scans = list(ocr.scan_pages(frames_read, limits.ocr_workers))
    pages = [scan.text.strip() for scan in scans]
    if not any(pages):
        raise UnreadableDocumentError("no text could be read from the image")
    return PdfText(pages=pages, ocr_pages=list(range(1, len(pages) + 1)),
                   ocr_languages={number: scan.languages
                                  for number, scan in enumerate(scans, start=1)},
                   searchable_pdf=joined([scan.pdf for scan in scans], PDFIUM_LOCK))
