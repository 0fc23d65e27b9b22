"""OCR of scanned pages with the tesseract command, several pages at a time.

Each page is levelled first (skew by `straighten`), then recognised into its text, a
one-page PDF of the straightened image with that text as an invisible layer, and tesseract's
word confidences. Only a page that does not look or read upright (`upright`) goes through
tesseract's orientation detection (OSD) and, if OSD turns it, is recognised again: OSD on
every page cost ~0.65 s each and turned hardly any. The pages of the searchable PDF come from
the same pass, not from a second OCR run (ocrmypdf would recognise every page again).

A document is read in one choice of languages, made once from what is already read:
Norwegian and English (`nor+eng`), unless its text is English beyond doubt, when English
alone (`eng`) reads it in ~28% less CPU. The text of a mixed PDF's pages with a text layer
decides (`languages_of`); otherwise the first scanned pages are read with `nor+eng`, one at a
time, until their text does. A page read in English alone that reads badly, or reads as
Norwegian (an appendix in Norwegian), is read again with `nor+eng`.

Tesseract runs as a subprocess with OMP_THREAD_LIMIT=1 (unset it is ~9x slower on these
machines, DESIGN.md); pages go to a bounded pool of `workers` threads, each waiting on its
own tesseract process, so a document uses at most that many cores for OCR.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from extraction.language import MIN_DECIDING_WORDS, word_vote
from ingest.straighten import Straightening, level, skew_angle, turn
from ingest.upright import looks_upright, looks_upside_down, mean_confidence, reads_upright

# Tesseract's language models: both, in this order, where a page may be Norwegian.
NORWEGIAN_AND_ENGLISH = "nor+eng"
ENGLISH = "eng"
# Scanned pages read with nor+eng, at most, before their text must decide a document's
# languages: a cover page says too little, and every page read while deciding waits for
# the one before it.
MAX_DECIDING_PAGES = 3
# Mean word confidence below which a page read with English alone is read again with
# nor+eng. Measured on CUAD and Norwegian scans (clean 300 dpi, office 200 dpi): English
# pages read 91.7-96.4 with eng; Norwegian pages 89.4-92.5 with eng, against 93.8-95.8
# with nor+eng, which is why a page is also read again when its words look Norwegian.
MIN_ENGLISH_CONFIDENCE = 85.0
DPI = 300
TIMEOUT_SECONDS = 120
# Tesseract's OSD guesses on a page with little text; below this confidence (its own scale,
# ~10-20 on a clear page of text) the page is left the way it came.
MIN_ORIENTATION_CONFIDENCE = 5.0
# OSD needs glyph shapes, not fine detail: a 300-dpi page at half resolution gives the same
# answer in about half the time; below ~150 dpi it starts to miss.
_OSD_REDUCTION = 2
_OSD_MIN_SHORT_SIDE = 1200
# Grey level (0 black, 255 white) below which a pixel is ink rather than paper or shading.
INK_LEVEL = 128
_ROTATE = re.compile(rb"Rotate:\s*(\d+)")
_CONFIDENCE = re.compile(rb"Orientation confidence:\s*([\d.]+)")


@dataclass(frozen=True)
class PageScan:
    """One page read by OCR: its text, and a one-page PDF of the straightened image with the
    text under it (the page of the searchable PDF)."""

    text: str
    pdf: bytes
    straightening: Straightening
    # The tesseract languages of the reading kept (NORWEGIAN_AND_ENGLISH or ENGLISH).
    languages: str = NORWEGIAN_AND_ENGLISH


def available() -> bool:
    return shutil.which("tesseract") is not None


def languages_of(text: str) -> str | None:
    """The languages to read a document's scanned pages in, from text already read from it:
    ENGLISH when that text is English beyond doubt, NORWEGIAN_AND_ENGLISH when it is not, and
    None when it has too few words to tell."""
    vote = word_vote(text)
    if vote.words < MIN_DECIDING_WORDS:
        return None
    return ENGLISH if vote.clearly_english else NORWEGIAN_AND_ENGLISH


def scan_pages(images: Iterable[Image.Image], workers: int, languages: str | None = None,
               method: Method | None = None) -> Iterator[PageScan]:
    """Each image read by OCR, in order, with tesseract's `languages` (None: decided from
    the first pages' text, see the module's docstring); at most `workers` pages are
    recognised at once and at most twice that many rendered images wait in memory (a
    300-dpi A4 page is ~9 MB)."""
    base = method or Method()
    slots = threading.BoundedSemaphore(max(1, workers) * 2)
    pending: list[Future[PageScan]] = []
    read_first: list[str] = []

    def read_and_release(image: Image.Image, method: Method) -> PageScan:
        try:
            return read_page(image, method)
        finally:
            slots.release()

    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="ocr") as pool:
        for image in images:
            slots.acquire()
            chosen = replace(base, languages=languages or NORWEGIAN_AND_ENGLISH)
            pending.append(pool.submit(read_and_release, image, chosen))
            if languages is None:
                # Undecided, the next page waits for this one's text: read ahead, it would
                # be read with nor+eng, which is what deciding is to spare.
                text = pending[-1].result().text
                if text.strip():
                    read_first.append(text)
                languages = languages_of("\n".join(read_first))
                if languages is None and len(read_first) >= MAX_DECIDING_PAGES:
                    languages = NORWEGIAN_AND_ENGLISH
        for future in pending:
            yield future.result()


@dataclass(frozen=True)
class Method:
    """How a page is read; the defaults are what ingest uses, the rest are there to be
    measured against them (benchmarks/ocr_quality.py --variants)."""

    # Recognise first and run OSD only when the page does not look or read upright
    # (ingest/upright.py), and read a page upside down too when OSD cannot tell but its
    # letters hang down; False: OSD on every page and nothing else, as before.
    upright_first: bool = True
    # Tesseract reads every line it is unsure of a second time with the colours inverted,
    # for white-on-black text; scans of contracts have none worth that.
    invert_check: bool = True
    # Tesseract's language models; ingest chooses them per document (`scan_pages`).
    languages: str = NORWEGIAN_AND_ENGLISH


@dataclass(frozen=True)
class Reading:
    """Tesseract's reading of an upright page: its text, the one-page PDF with the text as
    a layer, and the confidence (0-100) of each word it read."""

    text: str
    pdf: bytes
    confidences: tuple[float, ...] = ()


def read_page(image: Image.Image, method: Method = Method()) -> PageScan:
    dpi = dpi_of(image)
    gray = image.convert("L")
    if not has_ink(gray):
        # A blank page or an empty tinted box (born-digital PDFs have many, between
        # sections): tesseract would find no text on it after ~2.5 s of OSD and recognition.
        return PageScan(text="", pdf=b"", straightening=Straightening(),
                        languages=method.languages)
    reading, page, straightening = _read_upright(gray, dpi, method)
    languages = method.languages
    if languages != NORWEGIAN_AND_ENGLISH and reads_badly_in_english(reading):
        # Straightened already: only the recognition is done again.
        languages = NORWEGIAN_AND_ENGLISH
        reading = recognise(page, dpi, replace(method, languages=languages))
    return PageScan(text=reading.text, pdf=reading.pdf, straightening=straightening,
                    languages=languages)


def reads_badly_in_english(reading: Reading) -> bool:
    """Whether a page read with English alone should be read with nor+eng: tesseract was
    unsure of its words, or they look Norwegian (Norwegian read as English still reads
    at ~90 confidence, its æ, ø and å turned into other letters). A page with no words
    would read no better."""
    if not reading.confidences:
        return False
    return (mean_confidence(reading.confidences) < MIN_ENGLISH_CONFIDENCE
            or not word_vote(reading.text).norwegian_rare)


def _read_upright(gray: Image.Image, dpi: int,
                  method: Method) -> tuple[Reading, Image.Image, Straightening]:
    """The reading of the page stood upright and levelled, that upright page, and what was
    done to it."""
    # The skew is the same whether the page is upright or upside down (turning by 180
    # degrees and levelling commute); only a quarter turn needs a new search.
    skew = skew_angle(gray)
    level_page = level(gray, skew)
    as_is = Straightening(0, skew)
    reading: Reading | None = None
    if method.upright_first and looks_upright(level_page):
        reading = recognise(level_page, dpi, method)
        if reads_upright(reading.confidences):
            return reading, level_page, as_is
    rotation = orientation(gray)
    if rotation == 0:
        reading = reading or recognise(level_page, dpi, method)
        if (reads_upright(reading.confidences) or not method.upright_first
                or not looks_upside_down(level_page)):
            return reading, level_page, as_is  # OSD agrees, or nothing says otherwise
        # OSD could not tell, but the letters hang down: read it the other way up too, and
        # keep the reading tesseract is surer of.
        upside_down = turn(level_page, 180)
        turned = recognise(upside_down, dpi, method)
        if mean_confidence(turned.confidences) > mean_confidence(reading.confidences):
            return turned, upside_down, Straightening(180, skew)
        return reading, level_page, as_is
    upright = turn(gray, rotation)
    turned_skew = skew_angle(upright) if rotation % 180 else skew
    turned_page = level(upright, turned_skew)
    turned = recognise(turned_page, dpi, method)
    if reading is not None and (mean_confidence(reading.confidences)
                                >= mean_confidence(turned.confidences)):
        # OSD turns some upright pages (3 of 12 clean CUAD scans) at a confidence it
        # trusts: the page that looked upright keeps its reading unless turning reads better.
        return reading, level_page, as_is
    return turned, turned_page, Straightening(rotation, turned_skew)


def has_ink(gray: Image.Image) -> bool:
    """Whether anything on the page is darker than mid-grey: print, handwriting and stamps
    are, even faint or blurred at scan resolution; paper, shading and tinted boxes are not,
    and tesseract reads no text from a page of them."""
    extrema = (gray if gray.mode == "L" else gray.convert("L")).getextrema()
    darkest = extrema[0]  # (low, high) of the one grey band
    return not isinstance(darkest, int) or darkest < INK_LEVEL


def orientation(image: Image.Image) -> int:
    """How far (degrees clockwise: 0, 90, 180, 270) the page must turn to stand upright,
    by tesseract's orientation detection; 0 when it cannot tell."""
    reduce = min(image.size) // _OSD_REDUCTION >= _OSD_MIN_SHORT_SIDE
    small = image.reduce(_OSD_REDUCTION) if reduce else image
    completed = _tesseract(["stdin", "stdout", "--psm", "0"], _png(small, DPI))
    rotate = _ROTATE.search(completed.stdout)
    confidence = _CONFIDENCE.search(completed.stdout)
    if completed.returncode != 0 or rotate is None or confidence is None:
        return 0  # "Too few characters": a page with hardly any text needs no turning
    if float(confidence.group(1)) < MIN_ORIENTATION_CONFIDENCE:
        return 0
    return int(rotate.group(1)) % 360


def recognise(image: Image.Image, dpi: int = DPI, method: Method = Method()) -> Reading:
    """The reading of an upright page; an empty one when tesseract fails on it. `dpi`
    sizes the PDF page."""
    options = [] if method.invert_check else ["-c", "tessedit_do_invert=0"]
    with tempfile.TemporaryDirectory(prefix="avtale-ocr-") as directory:
        source, base = Path(directory) / "page.png", Path(directory) / "page"
        source.write_bytes(_png(image, dpi))
        completed = _tesseract([str(source), str(base), "-l", method.languages, "--psm", "3",
                                *options, "txt", "pdf", "tsv"], b"")
        text_file, pdf_file = base.with_suffix(".txt"), base.with_suffix(".pdf")
        if completed.returncode != 0 or not text_file.exists():
            return Reading("", b"")
        text = text_file.read_text(encoding="utf-8", errors="replace").replace("\f", "")
        tsv_file = base.with_suffix(".tsv")
        confidences = word_confidences(tsv_file.read_text(encoding="utf-8", errors="replace")
                                       if tsv_file.exists() else "")
        return Reading(text, pdf_file.read_bytes() if pdf_file.exists() else b"", confidences)


def word_confidences(tsv: str) -> tuple[float, ...]:
    """The confidence of each word in tesseract's TSV output (level 5 rows with text)."""
    confidences: list[float] = []
    for line in tsv.splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) == 12 and fields[0] == "5" and fields[11].strip():
            try:
                confidences.append(float(fields[10]))
            except ValueError:
                continue
    return tuple(confidences)


def _tesseract(arguments: list[str], stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    binary = shutil.which("tesseract") or "tesseract"
    return subprocess.run(  # noqa: S603 - fixed binary, no shell
        [binary, *arguments], input=stdin, capture_output=True, timeout=TIMEOUT_SECONDS,
        env=env, check=False,
    )


def dpi_of(image: Image.Image) -> int:
    """The scan's resolution as the file states it (a page rendered here is at DPI)."""
    stated = image.info.get("dpi")
    try:
        dpi = round(float(stated[0])) if stated else DPI
    except (TypeError, ValueError, IndexError):
        dpi = DPI
    return dpi if 50 <= dpi <= 1200 else DPI


def _png(image: Image.Image, dpi: int) -> bytes:
    # The resolution travels with the image: tesseract sizes the PDF page from it.
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi), compress_level=1)
    return buffer.getvalue()
