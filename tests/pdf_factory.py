"""Contract PDFs built at test time with reportlab: text pages, ruled price tables, scans.

The text layout follows the fixture format of `tests/extraction/fixtures/*.txt`: pages are
separated by a form feed, paragraphs by a blank line, and a run of lines that start with `|`
is a table whose first row is the header. Tables are drawn with grid lines, as price
schedules in signed contracts usually are, so pdfplumber's `extract_tables` finds them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pypdfium2 as pdfium
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

PAGE_BREAK = "\f"

_BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=7)
_HEADING = ParagraphStyle(
    "heading", parent=_BODY, fontName="Helvetica-Bold", fontSize=12, leading=15, spaceAfter=9
)
_TABLE_STYLE = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("FONTNAME", (0, 1), (-1, -1), "Helvetica"),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ("ALIGN", (-1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
)


def fixture_text(name: str) -> str:
    """The text of `tests/extraction/fixtures/<name>.txt`."""
    path = Path(__file__).parent / "extraction" / "fixtures" / f"{name}.txt"
    return path.read_text(encoding="utf-8")


def pdf_from_text(text: str) -> bytes:
    """A PDF of fixture-format text (pages split on form feeds, `|` lines as tables)."""
    return contract_pdf([page.strip("\n") for page in text.split(PAGE_BREAK)])


def contract_pdf(
    pages: Sequence[str],
    *,
    price_table: Sequence[Sequence[str]] | None = None,
    table_page: int | None = None,
    title: str = "Kontrakt",
) -> bytes:
    """A PDF with each string of `pages` starting a new page (long text runs on).

    `price_table` (header row first) is drawn as a ruled table at the end of page
    `table_page` (1-based, default the last page), in addition to any `|` tables in the text.
    """
    story: list[Flowable] = []
    table_at = (table_page or len(pages)) - 1
    for index, page in enumerate(pages):
        if index:
            story.append(PageBreak())
        story.extend(_page_flowables(page))
        if price_table is not None and index == table_at:
            story.append(Spacer(1, 6))
            story.append(ruled_table(price_table))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.2 * cm,
        rightMargin=2.2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=title,
        author="Avtale tests",
    )
    document.build(story)
    return buffer.getvalue()


def ruled_table(rows: Sequence[Sequence[str]]) -> Table:
    """A table with grid lines around every cell; the first row is the header."""
    table = Table([list(row) for row in rows], hAlign="LEFT", repeatRows=1)
    table.setStyle(_TABLE_STYLE)
    return table


def _page_flowables(page: str) -> list[Flowable]:
    flowables: list[Flowable] = []
    for block in _blocks(page):
        if block[0].startswith("|"):
            rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in block]
            flowables.append(Spacer(1, 4))
            flowables.append(ruled_table(rows))
            flowables.append(Spacer(1, 8))
            continue
        style = _HEADING if _is_heading(block) else _BODY
        # Line breaks within a paragraph are kept, as in the source; long lines wrap.
        flowables.append(Paragraph("<br/>".join(escape(line.strip()) for line in block), style))
    return flowables


def _blocks(page: str) -> list[list[str]]:
    """Paragraphs (split on blank lines), with `|` lines split off as table blocks."""
    blocks: list[list[str]] = []
    current: list[str] = []
    in_table = False
    for line in page.splitlines():
        is_row = line.lstrip().startswith("|")
        if not line.strip() or (current and is_row != in_table):
            if current:
                blocks.append(current)
            current = []
        if line.strip():
            current.append(line)
            in_table = is_row
    if current:
        blocks.append(current)
    return blocks


def _is_heading(block: list[str]) -> bool:
    line = block[0].strip()
    return (
        len(block) == 1
        and len(line) < 70
        and line.upper() == line
        and any(c.isalpha() for c in line)
    )


def image_only_pdf(pdf: bytes, pages: Sequence[int] | None = None, scale: float = 2) -> bytes:
    """A scan of `pdf`: each page (0-based `pages`, default all) rendered to an image, the
    images saved as a PDF with no text layer."""
    document = pdfium.PdfDocument(pdf)
    try:
        indexes = list(pages) if pages is not None else list(range(len(document)))
        images = []
        for index in indexes:
            page = document[index]
            try:
                images.append(page.render(scale=scale).to_pil().convert("RGB"))
            finally:
                page.close()
    finally:
        document.close()
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=72 * scale, save_all=True, append_images=images[1:])
    return buffer.getvalue()
