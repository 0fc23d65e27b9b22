"""A document's scanned pages are read in English alone when what is read of it first is
English beyond doubt, with Norwegian and English otherwise; a page that reads badly or looks
Norwegian in English alone is read again with both."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pypdfium2 as pdfium
import pytest
from pdf_factory import PAGE_BREAK, contract_pdf, fixture_text
from PIL import Image

from benchmarks.scans import ScanDefects, scan_images, scanned_pdf
from ingest import ocr
from ingest.pdf_reader import PageLimits, read_pdf
from ingest.straighten import Straightening

NOR_ENG, ENG = ocr.NORWEGIAN_AND_ENGLISH, ocr.ENGLISH
NORWEGIAN_LETTERS = set("æøåÆØÅ")


def fixture_pages(name: str) -> list[str]:
    return [page.strip("\n") for page in fixture_text(name).split(PAGE_BREAK)]


ENGLISH_PAGES = fixture_pages("en_master_services") + fixture_pages("en_license_agreement")
NORWEGIAN_PAGES = fixture_pages("nb_rammeavtale_it")


def with_scanned_pages(born_digital: bytes, pages: list[int],
                       defects: ScanDefects = ScanDefects()) -> bytes:
    """`born_digital` with the given pages (0-based) replaced by scans of them."""
    scan = pdfium.PdfDocument(scanned_pdf(born_digital, defects, pages=pages))
    document = pdfium.PdfDocument(born_digital)
    for number, index in enumerate(pages):
        document.import_pages(scan, [number], index)
        document.del_page(index + 1)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    scan.close()
    return buffer.getvalue()


# --- the decision, from text -------------------------------------------------------------


def test_english_contract_text_is_read_in_english_alone() -> None:
    assert ocr.languages_of(ENGLISH_PAGES[0]) == ENG


def test_norwegian_contract_text_is_read_in_both_languages() -> None:
    assert ocr.languages_of(NORWEGIAN_PAGES[0]) == NOR_ENG
    assert ocr.languages_of(fixture_text("nb_renholdsavtale")) == NOR_ENG


def test_a_cover_page_says_too_little_to_decide() -> None:
    assert ocr.languages_of("MASTER SERVICES AGREEMENT\nbetween Acme Inc. and Widget LLC") is None
    assert ocr.languages_of("") is None


def test_english_text_with_norwegian_words_or_letters_is_not_english_beyond_doubt() -> None:
    english = ENGLISH_PAGES[0]
    # A Norwegian paragraph in an English contract: both models are needed.
    assert ocr.languages_of(english + "\n" + NORWEGIAN_PAGES[0]) == NOR_ENG
    words = english.split()
    assert len(words) > 100
    # Words with æ, ø or å that OCR makes of a stray mark now and then are no evidence ...
    assert ocr.languages_of(" ".join(["Søren", *words])) == ENG
    # ... many of them are.
    assert ocr.languages_of(" ".join(w + "ø" if i % 10 == 0 else w
                                     for i, w in enumerate(words))) == NOR_ENG


def test_a_list_of_figures_is_not_english_beyond_doubt() -> None:
    rows = "\n".join(f"Item {n} Unit {n * 3} Price {n * 125},00 Total {n * 375},00"
                     for n in range(1, 20))
    assert ocr.languages_of(rows) == NOR_ENG


# --- the decision, page by page (the reading faked) --------------------------------------


def _languages_read(monkeypatch: pytest.MonkeyPatch, texts: list[str],
                    languages: str | None = None, workers: int = 2) -> list[str]:
    """The languages each page of a document with these texts is read in."""
    used: list[str] = []

    def read_page(image: Image.Image, method: ocr.Method = ocr.Method()) -> ocr.PageScan:
        used.append(method.languages)
        return ocr.PageScan(text=texts[image.width - 1], pdf=b"",
                            straightening=Straightening(), languages=method.languages)

    monkeypatch.setattr(ocr, "read_page", read_page)

    def images() -> Iterator[Image.Image]:
        for width in range(1, len(texts) + 1):
            yield Image.new("L", (width, 1))

    scans = list(ocr.scan_pages(images(), workers, languages))
    assert [scan.text for scan in scans] == texts
    return [scan.languages for scan in scans]


def test_the_first_scanned_page_decides_for_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    english = [ENGLISH_PAGES[0]] * 5
    assert _languages_read(monkeypatch, english) == [NOR_ENG, ENG, ENG, ENG, ENG]
    norwegian = [NORWEGIAN_PAGES[0]] + [ENGLISH_PAGES[0]] * 4
    assert _languages_read(monkeypatch, norwegian) == [NOR_ENG] * 5


def test_a_cover_or_blank_page_leaves_the_decision_to_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = ["", "MASTER SERVICES AGREEMENT", *ENGLISH_PAGES]
    assert _languages_read(monkeypatch, texts) == [NOR_ENG, NOR_ENG, NOR_ENG, ENG, ENG, ENG]
    # Only so far: pages of few words are read in both languages from the third on.
    few = ["Schedule A", "Signatures", "Exhibit B", *ENGLISH_PAGES]
    assert _languages_read(monkeypatch, few) == [NOR_ENG] * len(few)


def test_languages_given_are_used_for_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _languages_read(monkeypatch, [NORWEGIAN_PAGES[0]] * 3, ENG) == [ENG] * 3


# --- the re-reading in both languages ------------------------------------------------------


def test_a_page_read_in_english_is_read_again_when_it_reads_badly_or_looks_norwegian() -> None:
    english = ENGLISH_PAGES[0]
    assert not ocr.reads_badly_in_english(ocr.Reading(english, b"", (95.0,) * 200))
    assert ocr.reads_badly_in_english(ocr.Reading(english, b"", (70.0,) * 200))
    # Norwegian read in English alone: sure of its words, and wrong about æ, ø and å.
    assert ocr.reads_badly_in_english(ocr.Reading(NORWEGIAN_PAGES[0].replace("ø", "o")
                                                  .replace("å", "a").replace("æ", "ae"),
                                                  b"", (91.0,) * 200))
    # Nothing read: nothing to read better.
    assert not ocr.reads_badly_in_english(ocr.Reading("", b"", ()))


@pytest.fixture(scope="module")
def english_page_image() -> Image.Image:
    return scan_images(contract_pdf(ENGLISH_PAGES[:1]), ScanDefects(dpi=200), pages=[0])[0]


def test_a_badly_read_english_page_is_read_again_in_both_languages(
    monkeypatch: pytest.MonkeyPatch, english_page_image: Image.Image,
) -> None:
    calls: list[str] = []

    def recognise(image: Image.Image, dpi: int = ocr.DPI,
                  method: ocr.Method = ocr.Method()) -> ocr.Reading:
        calls.append(method.languages)
        confidence = 60.0 if method.languages == ENG else 93.0
        return ocr.Reading(f"read in {method.languages}", b"%PDF", (confidence,) * 30)

    monkeypatch.setattr(ocr, "recognise", recognise)
    monkeypatch.setattr(ocr, "orientation", lambda image: 0)
    scan = ocr.read_page(english_page_image, ocr.Method(languages=ENG))
    assert calls[-1] == NOR_ENG and set(calls[:-1]) == {ENG}
    assert scan.languages == NOR_ENG and scan.text == "read in nor+eng"
    assert scan.straightening.rotation == 0


# --- with tesseract ----------------------------------------------------------------------


def _needs_tesseract() -> None:
    if not ocr.available():
        pytest.skip("tesseract is not installed (scripts/system-deps.sh)")


@pytest.mark.ocr
def test_an_english_scan_is_read_in_english_after_its_first_page() -> None:
    _needs_tesseract()
    scan = scanned_pdf(contract_pdf(ENGLISH_PAGES[:2]), ScanDefects(dpi=200, skew=1.0))
    pdf = read_pdf(scan, limits=PageLimits(ocr_workers=2))
    assert pdf.ocr_pages == [1, 2]
    assert pdf.ocr_languages == {1: NOR_ENG, 2: ENG}
    assert "Northwind Analytics Limited" in pdf.pages[0]
    assert len(pdf.pages[1].split()) > 0.9 * len(ENGLISH_PAGES[1].split())


@pytest.mark.ocr
def test_a_norwegian_scan_stays_in_both_languages() -> None:
    _needs_tesseract()
    scan = scanned_pdf(contract_pdf(NORWEGIAN_PAGES), ScanDefects(dpi=200, skew=1.0))
    pdf = read_pdf(scan, limits=PageLimits(ocr_workers=2))
    assert pdf.ocr_languages == {1: NOR_ENG, 2: NOR_ENG}
    assert NORWEGIAN_LETTERS & set(pdf.pages[1])


@pytest.mark.ocr
def test_a_mixed_pdf_reads_its_scans_in_the_language_of_its_text_layer() -> None:
    _needs_tesseract()
    # The English text layer decides, so even the first scanned page is read in English.
    english = with_scanned_pages(contract_pdf(ENGLISH_PAGES[:3]), [1, 2])
    pdf = read_pdf(english, limits=PageLimits(ocr_workers=2))
    assert pdf.ocr_languages == {2: ENG, 3: ENG}
    # A Norwegian text layer keeps both languages, though the scans alone would have been
    # read in English from their second page.
    norwegian = with_scanned_pages(contract_pdf([NORWEGIAN_PAGES[0], *ENGLISH_PAGES[:2]]),
                                   [1, 2])
    pdf = read_pdf(norwegian, limits=PageLimits(ocr_workers=2))
    assert pdf.ocr_languages == {2: NOR_ENG, 3: NOR_ENG}


@pytest.mark.ocr
def test_a_norwegian_page_in_a_scan_read_in_english_is_read_again_in_both() -> None:
    _needs_tesseract()
    image = scan_images(contract_pdf(NORWEGIAN_PAGES[:1]), ScanDefects(dpi=200), pages=[0])[0]
    in_english = ocr.recognise(image, 200, ocr.Method(languages=ENG))
    assert not NORWEGIAN_LETTERS & set(in_english.text)  # what English alone makes of it
    scan = ocr.read_page(image, ocr.Method(languages=ENG))
    assert scan.languages == NOR_ENG
    assert NORWEGIAN_LETTERS & set(scan.text)
