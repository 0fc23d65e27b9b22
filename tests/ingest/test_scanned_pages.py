"""Scanned pages: straightened (turned by tesseract's orientation detection, levelled by the
skew search), OCR'd several at a time, page by page in a mixed PDF, and a searchable PDF
made from the same pass. The scans are made from born-digital contracts (benchmarks/scans)."""

from __future__ import annotations

import difflib
import threading
from collections.abc import Iterator

import pypdfium2 as pdfium
import pytest
from pdf_factory import fixture_text, pdf_from_text
from PIL import Image

from benchmarks.scans import ScanDefects, images_pdf, page_texts, scan_images, scanned_pdf
from ingest import ocr
from ingest.formats.image_reader import read_image
from ingest.pdf_reader import PageLimits, PdfText, read_pdf
from ingest.straighten import Straightening

CONTRACT = "nb_renholdsavtale"  # two pages: parties and term, then prices and notice


@pytest.fixture(scope="module")
def contract() -> bytes:
    return pdf_from_text(fixture_text(CONTRACT))


def mixed_pdf(born_digital: bytes, scanned_page: int, defects: ScanDefects) -> bytes:
    """`born_digital` with one page replaced by a scan of it (no text layer)."""
    scan = pdfium.PdfDocument(scanned_pdf(born_digital, defects, pages=[scanned_page]))
    document = pdfium.PdfDocument(born_digital)
    document.import_pages(scan, [0], scanned_page)
    document.del_page(scanned_page + 1)
    out = _saved(document)
    document.close()
    scan.close()
    return out


def similarity(read: str, reference: str) -> float:
    return difflib.SequenceMatcher(None, " ".join(read.split()),
                                   " ".join(reference.split())).ratio()


def _saved(document: pdfium.PdfDocument) -> bytes:
    import io

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- the parallel pool, without tesseract -------------------------------------------------


def test_pages_are_read_as_many_at_once_as_there_are_workers_and_no_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workers = 3
    # Every page waits until `workers` pages are being read at once: without parallel
    # reading the barrier would break (its timeout), with more it would be passed early.
    barrier = threading.Barrier(workers, timeout=30)
    running, most = 0, 0
    lock = threading.Lock()

    def read_page(image: Image.Image, method: ocr.Method = ocr.Method()) -> ocr.PageScan:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        barrier.wait()
        with lock:
            running -= 1
        return ocr.PageScan(text=str(image.width), pdf=b"", straightening=Straightening())

    monkeypatch.setattr(ocr, "read_page", read_page)
    rendered: list[int] = []

    def images() -> Iterator[Image.Image]:
        for width in range(1, 3 * workers + 1):
            rendered.append(width)
            yield Image.new("L", (width, 1))

    # Languages given: deciding them would read the first page alone.
    texts = [scan.text for scan in ocr.scan_pages(images(), workers, ocr.NORWEGIAN_AND_ENGLISH)]
    assert texts == [str(width) for width in range(1, 3 * workers + 1)]  # in page order
    assert most == workers
    assert rendered == list(range(1, 3 * workers + 1))


# --- OCR ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mixed_read(contract: bytes) -> tuple[bytes, PdfText]:
    """The contract with its second page scanned skewed and turned upside down, read."""
    if not ocr.available():
        pytest.skip("tesseract is not installed (scripts/system-deps.sh)")
    mixed = mixed_pdf(contract, 1, ScanDefects(skew=2.0, turn=180, blur=0.6))
    return mixed, read_pdf(mixed, limits=PageLimits(ocr_workers=2))


@pytest.mark.ocr
def test_a_mixed_pdf_is_read_page_by_page(contract: bytes,
                                          mixed_read: tuple[bytes, PdfText]) -> None:
    _, pdf = mixed_read
    born_digital = read_pdf(contract, with_ocr=False)
    assert pdf.ocr_pages == [2]
    assert pdf.pages[0] == born_digital.pages[0]  # the page with text keeps it exactly
    # The scanned page was upside down and skewed: it reads right only once straightened.
    assert similarity(pdf.pages[1], born_digital.pages[1]) > 0.95
    assert "Eiendomsselskapet Nidaros AS" in pdf.pages[1]


@pytest.mark.ocr
def test_the_searchable_pdf_has_text_on_every_page(
    contract: bytes, mixed_read: tuple[bytes, PdfText]
) -> None:
    mixed, pdf = mixed_read
    assert page_texts(mixed)[1].strip() == ""  # the scan had no text layer
    assert pdf.searchable_pdf is not None
    texts = page_texts(pdf.searchable_pdf)
    assert len(texts) == 2
    assert texts[0] == page_texts(mixed)[0]
    assert similarity(texts[1], page_texts(contract)[1]) > 0.9
    # The replaced page is the straightened scan: upright, so it reads as the OCR did.
    document = pdfium.PdfDocument(pdf.searchable_pdf)
    width, height = document[1].get_size()
    document.close()
    assert height > width


def test_a_scanned_page_has_ink_and_a_blank_or_shaded_one_has_none(contract: bytes) -> None:
    faint = scan_images(contract, ScanDefects(dpi=200, blur=1.5), pages=[0])[0]
    assert ocr.has_ink(faint)
    assert not ocr.has_ink(Image.new("L", (1700, 2200), 255))
    shaded = Image.new("L", (1700, 2200), 255)
    shaded.paste(170, (200, 300, 1500, 900))  # an empty tinted box, as between sections
    assert not ocr.has_ink(shaded)


def test_a_page_without_ink_is_not_sent_to_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    def tesseract(arguments: list[str], stdin: bytes) -> object:
        raise AssertionError("tesseract ran on a blank page")

    monkeypatch.setattr(ocr, "_tesseract", tesseract)
    scan = ocr.read_page(Image.new("L", (1700, 2200), 250))
    assert scan.text == "" and scan.pdf == b""


@pytest.mark.ocr
def test_a_page_fed_on_its_side_is_turned_before_it_is_read(contract: bytes) -> None:
    if not ocr.available():
        pytest.skip("tesseract is not installed (scripts/system-deps.sh)")
    sideways = scan_images(contract, ScanDefects(turn=90), pages=[0])[0]
    scan = ocr.read_page(sideways)
    assert scan.straightening.rotation == 90
    assert "Eiendomsselskapet Nidaros" in scan.text


@pytest.mark.ocr
def test_a_scanned_image_gets_a_searchable_pdf_too(contract: bytes) -> None:
    if not ocr.available():
        pytest.skip("tesseract is not installed (scripts/system-deps.sh)")
    image = scan_images(contract, ScanDefects(skew=-1.5), pages=[0])[0]
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(200, 200))
    pdf = read_image(buffer.getvalue())
    assert pdf.ocr_pages == [1]
    assert pdf.searchable_pdf is not None
    assert "Eiendomsselskapet Nidaros" in page_texts(pdf.searchable_pdf)[0]
    # Sized from the image's own resolution: an A4 page, not a 300-dpi shrunk one.
    document = pdfium.PdfDocument(pdf.searchable_pdf)
    width, _ = document[0].get_size()
    document.close()
    assert width == pytest.approx(595, abs=3)


def test_a_born_digital_pdf_has_no_searchable_copy(contract: bytes) -> None:
    assert read_pdf(contract).searchable_pdf is None


def test_images_pdf_roundtrip_has_no_text(contract: bytes) -> None:
    # The scans the tests and the benchmark make carry no text layer of their own.
    assert all(not text.strip() for text in page_texts(
        images_pdf(scan_images(contract), 200)))
