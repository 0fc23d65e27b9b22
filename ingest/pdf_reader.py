"""Reading a PDF: text per page with pypdfium2, tables with pdfplumber on table-like pages,
OCR for pages without a text layer.

Every way a file can be unreadable becomes an `UnreadableDocumentError` whose message a
person can act on; nothing else escapes for bad input.
"""

from __future__ import annotations

import ctypes
import io
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from extraction.model import PageTable
from ingest import ocr
from ingest.file_kind import PDF, file_kind
from ingest.searchable_pdf import with_text_layer

# PDFium is not thread-safe; worker threads take turns.
PDFIUM_LOCK = threading.Lock()

# Pages with fewer characters than this are treated as scans and OCR'd.
MIN_TEXT_CHARS = 20
_TABLE_HINT = re.compile(
    r"(pris|price|rate|sats|enhet|unit|beløp|amount|fee|total|sum)", re.IGNORECASE
)
_NUMBER = re.compile(r"\d[\d\s.,]*\d|\d")
# A price row ends in its amount ("Seniorutvikler time 1 250,00", "Lisens 12 000,-"); with
# digit grouping by spaces such a row holds a single number.
_ENDS_IN_AMOUNT = re.compile(r"\d(?:,-|,\d{1,2})?\s*(?:kr|nok)?$", re.IGNORECASE)


class UnreadableDocumentError(ValueError):
    """The file cannot be read as a contract; the message says why, for a person."""


@dataclass
class PdfText:
    pages: list[str]
    tables: list[PageTable] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # 1-based
    # The tesseract languages each OCR'd page (1-based) was read in.
    ocr_languages: dict[int, str] = field(default_factory=dict)
    # The file with a text layer on its OCR'd pages; None when no page needed OCR.
    searchable_pdf: bytes | None = None

    def ocr_languages_json(self) -> dict[str, str]:
        """`ocr_languages` as JSON keeps it (page numbers as text), in page order."""
        return {str(page): languages for page, languages in sorted(self.ocr_languages.items())}


@dataclass(frozen=True)
class PageLimits:
    """How much of a file a worker will read (settings `max_pages`, `max_ocr_pages`), and
    how many of its pages are OCR'd at once (`ocr_workers`)."""

    max_pages: int = 2000
    max_ocr_pages: int = 300
    ocr_workers: int = 2


def read_pdf(
    data: bytes,
    *,
    with_tables: bool = True,
    with_ocr: bool = True,
    limits: PageLimits = PageLimits(),
) -> PdfText:
    if not data:
        raise UnreadableDocumentError("the file is empty")
    kind = file_kind(data)
    if kind != PDF:
        raise UnreadableDocumentError(
            f"unsupported format: {kind} (not a PDF); upload the signed contract as a PDF"
        )
    with PDFIUM_LOCK:
        pages, ruled = _page_texts(data, limits.max_pages)
    result = PdfText(pages=pages)
    if with_ocr:
        blank = [i for i, text in enumerate(pages) if len(text.strip()) < MIN_TEXT_CHARS]
        if len(blank) > limits.max_ocr_pages and ocr.available():
            raise UnreadableDocumentError(
                f"{len(blank)} pages have no text and would need OCR; at most "
                f"{limits.max_ocr_pages} are read this way (setting AVTALE_MAX_OCR_PAGES): "
                "split the scan, or upload the pages with text"
            )
        if blank and ocr.available():
            _read_scanned_pages(data, blank, result, limits.ocr_workers)
    if with_tables:
        table_pages = [
            i for i, text in enumerate(result.pages) if ruled[i] and looks_like_table(text)
        ]
        if table_pages:
            result.tables = _tables(data, table_pages)
    if not any(text.strip() for text in result.pages):
        raise UnreadableDocumentError(
            "no text could be read from any page (a scan without OCR, or an empty document)"
        )
    return result


def _read_scanned_pages(data: bytes, indexes: list[int], result: PdfText, workers: int) -> None:
    """OCR the pages without text, in parallel, into `result` (page by page: the pages
    that have text keep it), and build the searchable PDF from the same pass. The text of
    the pages that have it decides the OCR languages, when it says enough."""
    scanned: dict[int, bytes] = {}
    blank = set(indexes)
    languages = ocr.languages_of(
        "\n".join(text for i, text in enumerate(result.pages) if i not in blank))
    for index, scan in zip(indexes, ocr.scan_pages(_rendered(data, indexes), workers, languages),
                           strict=True):
        if scan.text.strip():
            result.pages[index] = scan.text
            result.ocr_pages.append(index + 1)
            result.ocr_languages[index + 1] = scan.languages
            scanned[index] = scan.pdf
    result.searchable_pdf = with_text_layer(data, scanned, PDFIUM_LOCK)


def _rendered(data: bytes, indexes: Sequence[int]) -> Iterator[Image.Image]:
    """The pages rendered for OCR one at a time, each at its scan's resolution
    (`scan_resolution`) and marked with it, each under the PDFium lock (the OCR threads
    never touch PDFium)."""
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(data)
    try:
        for index in indexes:
            with PDFIUM_LOCK:
                page = document[index]
                try:
                    dpi = scan_resolution(page)
                    image = page.render(scale=dpi / 72, grayscale=True).to_pil()
                finally:
                    page.close()
            image.info["dpi"] = (dpi, dpi)
            yield image
    finally:
        with PDFIUM_LOCK:
            document.close()


# A page is a scan when one image covers at least this share of it; rendering it finer than
# that image only interpolates pixels tesseract then reads more slowly (a 200-dpi office
# scan rendered at 300 dpi has 2.25 times the pixels and no more detail).
_SCAN_COVER_SHARE = 0.5
# Below this tesseract misreads small print, and scaling up helps it more than it costs.
MIN_RENDER_DPI = 150


def scan_resolution(page: pdfium.PdfPage) -> int:
    """The resolution to render a page at for OCR: that of the image that covers most of it
    (the scan), up to ocr.DPI and at least MIN_RENDER_DPI; ocr.DPI for a page that is not
    one big image (drawn or outlined text, a collage of small pictures)."""
    width, height = page.get_size()
    best_area, best_dpi = 0.0, float(ocr.DPI)
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = image.get_bounds()
        area = (right - left) * (top - bottom)
        if area <= best_area:
            continue
        try:
            metadata = image.get_metadata()
        except pdfium.PdfiumError:
            continue
        best_area = area
        best_dpi = min(metadata.horizontal_dpi, metadata.vertical_dpi)
    if best_area < _SCAN_COVER_SHARE * width * height or best_dpi <= 0:
        return ocr.DPI
    return max(MIN_RENDER_DPI, min(ocr.DPI, round(best_dpi)))


def _page_texts(data: bytes, max_pages: int) -> tuple[list[str], list[bool]]:
    """Each page's text, and whether it has the ruling lines a table needs."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error).lower()
        if "password" in message:
            raise UnreadableDocumentError(
                "the PDF is password-protected; remove the password and upload it again"
            ) from error
        detail = re.search(r"PDFium: ([^)]*)", str(error))
        raise UnreadableDocumentError(
            "the PDF is damaged and cannot be opened"
            + (f" ({detail.group(1).strip()})" if detail else "")
        ) from error
    try:
        if len(document) == 0:
            raise UnreadableDocumentError("the PDF has no pages")
        if len(document) > max_pages:
            raise UnreadableDocumentError(
                f"the PDF has {len(document)} pages; at most {max_pages} are read "
                "(setting AVTALE_MAX_PAGES)"
            )
        texts: list[str] = []
        ruled: list[bool] = []
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    texts.append(_clean(textpage.get_text_range()))
                finally:
                    textpage.close()
                ruled.append(has_ruling(page))
            except pdfium.PdfiumError as error:
                raise UnreadableDocumentError(
                    f"page {index + 1} of the PDF is damaged and cannot be read"
                ) from error
            finally:
                page.close()
        return texts, ruled
    finally:
        document.close()


def has_ruling(page: pdfium.PdfPage) -> bool:
    """Whether the page's ruling lines cross in a grid of at least two rows and two columns
    of cells: a price table needs a header row and an item row, each with a description and
    a price cell, and pdfplumber's table finder builds cells only from crossing rules. Page
    borders, underlines and the full-page boxes of printed web pages (what made two thirds of
    the CUAD pages look ruled when any two rules each way counted) form no such grid.
    Reading the rules from PDFium's path objects costs about a millisecond a page; each page
    it rules out saves ~80 ms of pdfplumber."""
    horizontal: list[tuple[float, float, float]] = []  # (y, x from, x to)
    vertical: list[tuple[float, float, float]] = []  # (x, y from, y to)
    segments = 0
    for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        count = pdfium_c.FPDFPath_CountSegments(path.raw)
        segments += max(count, 0)
        if segments > _MAX_RULING_SEGMENTS:
            return True  # too much drawing to look at cheaply: let pdfplumber decide
        for edge in _edges(path, count):
            x0, y0, x1, y1 = edge
            if abs(y1 - y0) <= _RULE_TOLERANCE and abs(x1 - x0) >= _MIN_RULE:
                horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
            elif abs(x1 - x0) <= _RULE_TOLERANCE and abs(y1 - y0) >= _MIN_RULE:
                vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    rows, columns = _joined(horizontal), _joined(vertical)
    if len(rows) < 3 or len(columns) < 3:
        return False

    def crosses(row: tuple[float, float, float], column: tuple[float, float, float]) -> bool:
        t = _RULE_TOLERANCE
        return row[1] - t <= column[0] <= row[2] + t and column[1] - t <= row[0] <= column[2] + t

    crossed_rows = sum(1 for row in rows if sum(crosses(row, c) for c in columns) >= 2)
    crossed_columns = sum(1 for c in columns if sum(crosses(row, c) for row in rows) >= 2)
    return crossed_rows >= 3 and crossed_columns >= 3


# pdfplumber's snapping, joining and intersection tolerances are 3 pt; a little more here
# keeps every grid it would find. Its edges shorter than 3 pt are dropped.
_RULE_TOLERANCE = 3.5
_MIN_RULE = 3.0
_MAX_RULING_SEGMENTS = 20_000


def _edges(path: pdfium.PdfObject, count: int) -> Iterator[tuple[float, float, float, float]]:
    """The straight pieces a path draws, in page space: a thin path is one rule (its
    bounds), any other path its line segments: a rectangle its four sides (a filled cell or
    row background is ruled too, for pdfplumber), a whole table grid drawn as one path each
    of its lines."""
    left, bottom, right, top = path.get_bounds()
    if right - left <= _RULE_TOLERANCE or top - bottom <= _RULE_TOLERANCE:
        yield left, bottom, right, bottom
        yield left, top, right, top
        yield left, bottom, left, top
        yield right, bottom, right, top
        return
    matrix = path.get_matrix()
    x, y = ctypes.c_float(), ctypes.c_float()
    previous: tuple[float, float] | None = None
    start: tuple[float, float] | None = None
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(path.raw, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            previous = None
            continue
        point = (matrix.a * x.value + matrix.c * y.value + matrix.e,
                 matrix.b * x.value + matrix.d * y.value + matrix.f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            yield (*previous, *point)
        previous = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            yield (*point, *start)


def _joined(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Rules at (about) one position and touching or overlapping joined into one line, as
    pdfplumber snaps and joins them: a grid is often drawn one cell side at a time."""
    lines: list[tuple[float, float, float]] = []
    rules = sorted(rules)
    index = 0
    while index < len(rules):
        group = [rules[index]]
        index += 1
        while index < len(rules) and rules[index][0] - group[-1][0] <= _RULE_TOLERANCE:
            group.append(rules[index])
            index += 1
        position = sum(rule[0] for rule in group) / len(group)
        spans = sorted((rule[1], rule[2]) for rule in group)
        low, high = spans[0]
        for start, end in spans[1:]:
            if start > high + _RULE_TOLERANCE:
                lines.append((position, low, high))
                low, high = start, end
            else:
                high = max(high, end)
        lines.append((position, low, high))
    return lines


def _clean(text: str) -> str:
    # PDFium reports line ends as CRLF and soft hyphens/NULs from some producers.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").replace("\xad", "")


def looks_like_table(text: str) -> bool:
    """Cheap test before the slow pdfplumber table pass: a price-like word, and several
    lines that hold two numbers or end in an amount."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    numeric_lines = sum(
        1 for line in lines
        if len(_NUMBER.findall(line)) >= 2 or _ENDS_IN_AMOUNT.search(line)
    )
    return numeric_lines >= 3 and bool(_TABLE_HINT.search(text))


def _tables(data: bytes, page_indexes: list[int]) -> list[PageTable]:
    import pdfplumber

    tables: list[PageTable] = []
    try:
        # Only the table pages are parsed (all of them were, for `pdf.pages[index]`).
        with pdfplumber.open(io.BytesIO(data), pages=[i + 1 for i in page_indexes]) as pdf:
            for index, page in zip(page_indexes, pdf.pages, strict=True):
                for rows in page.extract_tables():
                    cleaned = [[_cell(c) for c in row] for row in rows if row]
                    if len(cleaned) >= 2:
                        tables.append(PageTable(page=index + 1, rows=cleaned))
    except Exception:  # tables are a bonus: a table failure must not fail the document
        return tables
    return tables


def _cell(value: object) -> str | None:
    if value is None:
        return None
    return " ".join(str(value).split())
