"""Whether a scanned page is upright, decided without tesseract's orientation detection:
by the page's ink (before recognition) and by tesseract's word confidences (after it), on
scans made from a real contract layout (benchmarks/scans)."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from pdf_factory import fixture_text, pdf_from_text
from PIL import Image

from benchmarks.scans import ScanDefects, scan_images, scanned_pdf
from ingest import ocr
from ingest.pdf_reader import MIN_RENDER_DPI, scan_resolution
from ingest.straighten import level, skew_angle
from ingest.upright import MIN_WORDS, looks_upright, looks_upside_down, reads_upright

CONTRACT = "nb_renholdsavtale"


@pytest.fixture(scope="module")
def contract() -> bytes:
    return pdf_from_text(fixture_text(CONTRACT))


def levelled(image: Image.Image) -> Image.Image:
    gray = image.convert("L")
    return level(gray, skew_angle(gray))


UPRIGHT = [ScanDefects(dpi=300), ScanDefects(dpi=200, blur=0.8, skew=1.5, speckle=0.0005)]
TURNED = [ScanDefects(dpi=200, turn=180, skew=-0.8), ScanDefects(dpi=300, turn=180),
          ScanDefects(dpi=200, turn=90), ScanDefects(dpi=200, turn=270, skew=1.0)]


@pytest.mark.parametrize("defects", UPRIGHT)
@pytest.mark.parametrize("page", [0, 1])
def test_an_upright_scan_looks_upright(contract: bytes, defects: ScanDefects,
                                       page: int) -> None:
    assert looks_upright(levelled(scan_images(contract, defects, pages=[page])[0]))


@pytest.mark.parametrize("defects", TURNED)
@pytest.mark.parametrize("page", [0, 1])
def test_a_page_upside_down_or_on_its_side_does_not(contract: bytes, defects: ScanDefects,
                                                    page: int) -> None:
    assert not looks_upright(levelled(scan_images(contract, defects, pages=[page])[0]))


@pytest.mark.parametrize("page", [0, 1])
def test_only_a_page_upside_down_has_its_letters_hanging_down(contract: bytes,
                                                              page: int) -> None:
    def looks(defects: ScanDefects) -> bool:
        return looks_upside_down(levelled(scan_images(contract, defects, pages=[page])[0]))

    assert all(looks(defects) for defects in TURNED[:2])
    assert not any(looks(defects) for defects in UPRIGHT + TURNED[2:])


def test_a_blank_page_needs_no_turning() -> None:
    assert looks_upright(Image.new("L", (1700, 2200), 255))


def test_too_few_words_say_nothing_either_way() -> None:
    assert not reads_upright([96.0] * (MIN_WORDS - 1))
    assert reads_upright([96.0] * MIN_WORDS)
    assert not reads_upright([45.0] * 400)


@pytest.mark.ocr
def test_tesseract_reads_an_upright_page_confidently_and_one_upside_down_not(
    contract: bytes,
) -> None:
    if not ocr.available():
        pytest.skip("tesseract is not installed (scripts/system-deps.sh)")
    upright = scan_images(contract, ScanDefects(dpi=200), pages=[0])[0]
    upside_down = upright.rotate(180)
    reading = ocr.recognise(upright, 200)
    assert len(reading.confidences) > MIN_WORDS
    assert reads_upright(reading.confidences)
    assert not reads_upright(ocr.recognise(upside_down, 200).confidences)


@pytest.mark.ocr
def test_an_upright_page_is_read_without_orientation_detection(
    contract: bytes, monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not ocr.available():
        pytest.skip("tesseract is not installed (scripts/system-deps.sh)")

    def orientation(image: Image.Image) -> int:
        raise AssertionError("OSD ran on an upright page")

    monkeypatch.setattr(ocr, "orientation", orientation)
    scan = ocr.read_page(scan_images(contract, ScanDefects(dpi=200, skew=1.2), pages=[0])[0])
    assert "Eiendomsselskapet Nidaros" in scan.text
    assert scan.straightening.rotation == 0
    assert scan.straightening.skew == pytest.approx(-1.2, abs=0.2)


@pytest.mark.ocr
@pytest.mark.parametrize("clockwise", [180, 270])
def test_a_turned_page_is_still_turned_before_it_is_read(contract: bytes,
                                                         clockwise: int) -> None:
    if not ocr.available():
        pytest.skip("tesseract is not installed (scripts/system-deps.sh)")
    fed = scan_images(contract, ScanDefects(dpi=200, turn=clockwise, skew=0.8), pages=[0])[0]
    scan = ocr.read_page(fed)
    assert scan.straightening.rotation == clockwise
    assert "Eiendomsselskapet Nidaros" in scan.text


@pytest.mark.ocr
def test_a_page_upside_down_is_turned_even_when_osd_cannot_tell(
    contract: bytes, monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not ocr.available():
        pytest.skip("tesseract is not installed (scripts/system-deps.sh)")
    # OSD's answer on one CUAD page in twelve scanned upside down ("Rotate: 0", confidence
    # 1.6-2.4, below the 5 it takes): the letters hanging down and tesseract's confidence in
    # the turned reading decide. Only OSD's answer is fixed here; recognition runs.
    monkeypatch.setattr(ocr, "orientation", lambda image: 0)
    fed = scan_images(contract, ScanDefects(dpi=200, turn=180, skew=-0.8), pages=[0])[0]
    scan = ocr.read_page(fed)
    assert scan.straightening.rotation == 180
    assert "Eiendomsselskapet Nidaros" in scan.text
    # The old way (OSD alone) leaves it as it came, and reads nothing of use.
    assert "Nidaros" not in ocr.read_page(fed, ocr.Method(upright_first=False)).text


# --- the resolution a scanned page is rendered at -----------------------------------------


def _first_page_resolution(pdf: bytes) -> int:
    document = pdfium.PdfDocument(pdf)
    try:
        return scan_resolution(document[0])
    finally:
        document.close()


@pytest.mark.parametrize(("scanned_at", "rendered_at"),
                         [(200, 200), (240, 240), (300, 300), (600, 300),
                          (100, MIN_RENDER_DPI)])
def test_a_scan_is_rendered_at_its_own_resolution_never_finer_than_ocr_needs(
    contract: bytes, scanned_at: int, rendered_at: int,
) -> None:
    pdf = scanned_pdf(contract, ScanDefects(dpi=scanned_at), pages=[0])
    assert _first_page_resolution(pdf) == rendered_at


def test_a_page_that_is_not_one_big_image_is_rendered_at_ocr_resolution(
    contract: bytes,
) -> None:
    assert _first_page_resolution(contract) == ocr.DPI  # drawn text, no image
    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    assert _first_page_resolution(buffer.getvalue()) == ocr.DPI
